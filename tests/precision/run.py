"""Lint the corpus as `seolint check SITE` would, for the precision sample's labels.

`lint(site, only)` runs the same sources and engine as the CLI on one corpus folder (default
settings but every rule selected, one process) and returns its findings as dicts (code,
message, path, line, column).
With `only` (files relative to the site) it analyses only those pages: page rules read only
their page, so their findings are the same as in a whole-site run (URLs, and with them each
page's kind, come from the site folder as in the full run), at a fraction of the cost. Site
rules (SITE_RULES) need every page: their labels are checked on whole-site runs only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from keys import CORPUS

# D010 too: a fragment on another page is checked only when that page is linted as well.
SITE_RULES = frozenset({"D001", "D002", "D003", "D004", "D005", "D006", "D007", "D008", "D010"})


def labels(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


# Every labelled sample: labels.jsonl (the first, drawn at e7039e0) and labels-NAME.jsonl for
# the later ones. A sample drawn after a rule was tuned is the unbiased measure of it: tuning
# against the labels that found its false positives flatters it.
def label_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("labels*.jsonl"))


def sample_of(path: Path) -> str:
    """The sample's name: "1" for labels.jsonl, NAME for labels-NAME.jsonl."""
    return path.stem.partition("-")[2] or "1"


def all_labels(folder: Path, sample: str | None = None) -> list[dict[str, Any]]:
    """The rows of every sample (or of one), each with its sample's name under "sample"."""
    return [dict(row, sample=sample_of(path)) for path in label_files(folder)
            if sample is None or sample_of(path) == sample for row in labels(path)]


def lint(site: str, only: Iterable[str] | None = None) -> list[dict[str, Any]]:
    from seolint import engine
    from seolint.config import Settings
    from seolint.registry import load_rules
    from seolint.sources.files import discover, infer_base_url
    from seolint.sources.markdown import add_sources
    from seolint.sources.sitemap import sitemaps_for_check

    folder = str(CORPUS / site)
    # Every rule, the default-off ones too: a rule's precision is the rule's, on or off.
    every = tuple(sorted({code[0] for code in load_rules()}))
    settings = Settings(jobs=1, select=every, base_url=infer_base_url([folder]))
    found, md_site = add_sources(discover([folder], settings.base_url, settings.exclude),
                                 [folder], settings)
    items = list(found.items)
    sitemap: Any = None
    extra: list[Any] = []
    sitemap_ok = True
    if only is None:
        sitemap, extra, sitemap_ok = sitemaps_for_check([folder], settings)
    else:
        wanted = {str((CORPUS / site / f).resolve()) for f in only}
        items = [i for i in items if str(Path(i.file).resolve()) in wanted]
    report = engine.lint(items, [], settings, found.complete, found.known_urls,
                         markdown=md_site, sitemap=sitemap, extra_findings=extra,
                         sitemap_complete=sitemap_ok)
    return [{"code": f.code, "message": f.message, "path": f.path, "line": f.line,
             "column": f.column} for f in report.findings]


# Whole-site runs cost about 10 s per 200 pages: by default only the small sites get one, and
# the site-rule labels of the large ones are checked with SEOLINT_PRECISION_FULL=1 (or from the
# findings file of `bench/ecosystem.py --findings`, SEOLINT_PRECISION_FINDINGS=FILE).
SMALL_SITE_PAGES = 250
UNCHECKED_CODES: set[str] = set()


def site_pages(site: str) -> int:
    folder = CORPUS / site
    suffixes = (".md", ".markdown", ".mdx") if site.startswith("markdown/") else (".html", ".htm")
    return sum(1 for p in folder.rglob("*") if p.suffix.lower() in suffixes)


def current_findings(rows: list[dict[str, Any]], full: bool,
                     findings_file: Path | None = None
                     ) -> tuple[dict[str, list[dict[str, Any]]], set[str]]:
    """({site: findings}, the sites whose site-rule labels can be checked from them)."""
    from keys import split_path

    judged = [r for r in rows if r["verdict"] in ("tp", "fp")]
    sites = sorted({r["site"] for r in judged})
    if findings_file is not None:
        # A corpus run of bench/ecosystem.py has the default rules only: the labels of the
        # default-off ones cannot be checked from it.
        from seolint.registry import load_rules

        UNCHECKED_CODES.update(c for c, r in load_rules().items() if not r.default_enabled)
        out: dict[str, list[dict[str, Any]]] = {s: [] for s in sites}
        with findings_file.open(encoding="utf-8") as fh:
            for line in fh:
                f = json.loads(line)
                if f.get("path"):
                    site, _ = split_path(f["path"])
                    if site in out:
                        out[site].append(f)
        return out, set(sites)
    out = {}
    whole: set[str] = set()
    for site in sites:
        needs_site = any(r["code"] in SITE_RULES for r in judged if r["site"] == site)
        if needs_site and (full or site_pages(site) <= SMALL_SITE_PAGES):
            out[site] = lint(site)
            whole.add(site)
        else:
            out[site] = lint(site, {r["file"] for r in judged if r["site"] == site})
    return out, whole | {s for s in sites
                         if not any(r["code"] in SITE_RULES for r in judged if r["site"] == s)}


def checkable(row: dict[str, Any], whole: set[str]) -> bool:
    return (row["verdict"] in ("tp", "fp") and row["code"] not in UNCHECKED_CODES
            and (row["code"] not in SITE_RULES or row["site"] in whole))
