"""Runs rules over pages and the site, and turns what they yield into Findings.

Policy:
- Fail soft per page: a page that cannot be read becomes an X002 (fetch-failed) or X007
  (not-html) finding; a rule that crashes on a page becomes a Z001 (internal-error) finding on
  that page; the run goes on either way.
- Page analysis runs in a process pool over all cores once there are enough pages to repay the
  start-up (about 0.3 s); results come back in input order, so output is deterministic.
- Site rules run once, in this process, over compact PageSummary records.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from seolint.config import ConfigError, Settings
from seolint.document import (
    CrawlFacts,
    HreflangRef,
    LinkFacts,
    LinkRef,
    Page,
    PageSummary,
    Position,
    RawDocument,
    Site,
    SitemapEntry,
)
from seolint.keyphrase import configure as configure_keyphrase
from seolint.keyphrase import declared_keyphrase
from seolint.metrics import page_metrics
from seolint.parse import PSEUDO_ORIGIN as _PSEUDO
from seolint.parse import NotHtmlError, parse, resolve, site_key
from seolint.registry import ConfiguredRule, load_rules, select_rules
from seolint.rule import SEVERITY_RANK, Finding, Rule, Violation
from seolint.scoring import Fix, PageInput, PageScore, Scores, compute, rule_infos
from seolint.similarity import body_hash, signature
from seolint.sources.files import FileItem, read
from seolint.sources.markdown import is_markdown
from seolint.sources.markdown import read as read_markdown
from seolint.suppress import PathIgnores, unused_finding
from seolint.suppress import apply as apply_directives
from seolint.suppress import scan as scan_directives

POOL_THRESHOLD = 40  # pages; below this a pool costs more than it saves


@dataclass(frozen=True, slots=True)
class PageResult:
    url: str | None  # public URL, None for a file without base-url
    path: str | None
    kind: str | None  # None when the page could not be parsed
    title: str | None
    words: int
    findings: tuple[Finding, ...]
    not_applicable: tuple[str, ...]  # rule codes that did not apply to this page
    summary: PageSummary | None
    metrics: dict[str, Any] = field(default_factory=dict)  # seolint.metrics.page_metrics
    # Inline suppression comments (seolint.suppress.Directive), applied in build_report so they
    # cover site findings too
    directives: tuple[Any, ...] = ()
    assumed_urls: tuple[str, ...] = ()  # RawDocument.assumed_urls: links taken as existing

    @property
    def location(self) -> str:
        return self.path or self.url or "-"


@dataclass(frozen=True)
class Report:
    pages: tuple[PageResult, ...]
    findings: tuple[Finding, ...]
    rules: tuple[ConfiguredRule, ...]
    settings: Settings = field(default_factory=Settings)
    scores: Scores | None = None
    crawl: CrawlFacts | None = None  # statuses and redirect chains, when the pages were crawled
    suppressed: int = 0  # findings dropped by inline comments and front-matter ignores
    baselined: int = 0  # findings hidden because the baseline holds them (seolint.baseline)
    links: LinkFacts | None = None  # the outbound-link check, when --check-external ran it

    @property
    def score(self) -> float | None:
        """The site score (0-100), or None when no page could be scored."""
        return self.scores.site if self.scores else None

    @property
    def fixes(self) -> tuple[Fix, ...]:
        """The ranked fix list, best first."""
        return self.scores.fixes if self.scores else ()

    def page_score(self, location: str) -> PageScore | None:
        return self.scores.pages.get(location) if self.scores else None

    @property
    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def failed(self, fail_on: str) -> bool:
        """True when a finding is at or above `fail_on` (error, warning, info, never)."""
        if fail_on == "never":
            return False
        floor = SEVERITY_RANK[fail_on]
        return any(SEVERITY_RANK[f.severity] >= floor for f in self.findings)

    def gate_failures(self, fail_on: str, fail_under: float | None = None,
                      max_warnings: int | None = None) -> list[str]:
        """Why the run fails (empty when it passes): findings at or above fail_on, a site score
        under fail_under, more warnings than max_warnings."""
        reasons: list[str] = []
        if self.failed(fail_on):
            reasons.append(f"findings at or above {fail_on}")
        if fail_under is not None and self.score is not None and self.score < fail_under:
            reasons.append(f"site score {self.score:g} is under {fail_under:g}")
        if max_warnings is not None and self.counts["warning"] > max_warnings:
            reasons.append(f"{self.counts['warning']} warnings, more than {max_warnings}")
        return reasons


@dataclass(frozen=True)
class Context:
    """What a worker needs to analyse pages: picklable, built once per process."""

    settings: Settings
    codes: tuple[str, ...]
    markdown: Any = None  # seolint.sources.markdown.MarkdownSite: every source file's URL


class _Analyser:
    """Page analysis with one configured rule set (one per process)."""

    def __init__(self, ctx: Context) -> None:
        self.settings = ctx.settings
        selected = {cr.rule.code: cr for cr in select_rules(ctx.settings)}
        self.page_rules = [selected[c] for c in ctx.codes
                           if c in selected and selected[c].rule.scope == "page"]
        self.source_rules = {c: selected[c] for c in ctx.codes
                             if c in selected and selected[c].rule.scope == "source"}
        # Near-duplicate detection needs a MinHash of every page; skip the work without it.
        self.fingerprint = "D004" in selected
        # Outbound links are kept for the link checker only when it runs.
        links = ctx.settings.links
        self.external = bool(links is not None and links.check_external and "D009" in selected)
        self.site_hosts = frozenset(
            {site_key(urlsplit(ctx.settings.base_url).hostname)} if ctx.settings.base_url else ()
        )
        self.markdown = ctx.markdown

    def analyse_file(self, item: FileItem) -> PageResult:
        try:
            if is_markdown(item.file):
                doc = read_markdown(item, self.markdown, self.settings.max_file_bytes)
            else:
                doc = read(item, self.settings.max_file_bytes)
        except (OSError, ValueError) as exc:
            msg = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            if isinstance(exc, OSError) and exc.strerror and not item.problem:
                msg = f"Cannot read the file: {exc.strerror}"
            fix = ("Raise max-file-size in the config, or exclude the file"
                   if isinstance(exc, ValueError) else "Fix the file, or exclude it")
            return self.failure(item.url if item.public else None, item.display, "X002",
                                msg, fix)
        return self.analyse(doc)

    def failure(self, url: str | None, path: str | None, code: str, message: str,
                fix: str | None) -> PageResult:
        cr = self.source_rules.get(code)
        findings: tuple[Finding, ...] = ()
        if cr is not None:
            findings = (Finding(code, cr.rule.name, cr.rule.category, cr.severity, message, fix,
                                url, path, None, None),)
        return PageResult(url, path, None, None, 0, findings, (), None)

    def analyse(self, doc: RawDocument,
                on_page: Callable[[Page], None] | None = None) -> PageResult:
        """`on_page` sees the parsed page (the crawler reads the links to follow from it)."""
        public = doc.url if doc.public_url else None
        try:
            page = parse(doc, content_selector=self.settings.content_selector,
                         site_hosts=self.site_hosts)
        except NotHtmlError as exc:
            return self.failure(public, doc.path, "X007", f"Not an HTML page: {exc}",
                                "Remove the .html extension, or exclude the file")
        except RecursionError:
            return self.failure(public, doc.path, "X002", "Markup nested too deeply to parse",
                                "Fix the unclosed tags")
        if on_page is not None:
            on_page(page)
        if self.settings.keyphrase or self.settings.keyphrases:
            configure_keyphrase(page, self.settings.keyphrase, self.settings.keyphrases)
        findings: list[Finding] = []
        not_applicable: list[str] = []
        for cr in self.page_rules:
            if not cr.rule.is_applicable(page):
                not_applicable.append(cr.rule.code)
                continue
            try:
                for v in cr.rule.check(page, cr.options):  # type: ignore[misc]
                    finding = stamp(cr, v, public, doc.path)
                    if finding is not None:
                        findings.append(finding)
            except Exception as exc:  # a broken rule must not take the page down with it
                findings.append(internal_error(cr.rule, exc, public, doc.path, self.source_rules))
        for code, message, fix, line in doc.problems:  # what the source found (bad front matter)
            source = self.source_rules.get(code)
            if source is not None:
                findings.append(Finding(code, source.rule.name, source.rule.category,
                                        source.severity, message, fix, public, doc.path, line,
                                        None))
        findings.sort(key=Finding.sort_key)
        title = page.title.text if page.title else None
        directives: tuple[Any, ...] = ()
        if b"seolint-" in doc.body:
            directives = scan_directives(doc.body.decode(page.encoding or "utf-8", "replace"),
                                         doc.line_map)
        summary = summarise(page, doc.body, self.fingerprint, self.external)
        if doc.ids_known != "all":  # a Markdown source: its theme's ids are not known
            summary = replace(summary, ids=None if doc.ids_known == "none" else summary.ids,
                              ids_complete=False)
        result = PageResult(public, doc.path, page.kind, title, page.main_words,
                            tuple(findings), tuple(not_applicable), summary,
                            page_metrics(page),
                            directives, doc.assumed_urls)
        # The page's caches (text analysis, keyphrase) point back at it: a reference cycle the
        # garbage collector would have to find. Cut it, and the page is freed here and now.
        page._cache.clear()
        return result


def stamp(cr: ConfiguredRule, v: Violation, url: str | None, path: str | None) -> Finding | None:
    name = v.name or cr.rule.name
    if name in cr.dropped_names:
        return None
    severity = cr.severity if v.severity is None or cr.severity != cr.rule.severity else v.severity
    pos = v.pos
    return Finding(cr.rule.code, name, cr.rule.category, severity, v.message, v.fix, url, path,
                   pos.line, pos.column)


def internal_error(rule: Rule, exc: BaseException, url: str | None, path: str | None,
                   source_rules: dict[str, ConfiguredRule]) -> Finding:
    cr = source_rules.get("Z001")
    tb = "".join(traceback.format_exception(exc)).strip()
    return Finding(
        "Z001", "internal-error", "internal", cr.severity if cr else "error",
        f"Rule {rule.code} {rule.name} crashed on this page: {type(exc).__name__}: {exc}",
        "Report this seolint bug with the page attached; run with --debug for the traceback",
        url, path, None, None, (("traceback", tb),),
    )


def summarise(page: Page, body: bytes | None = None, fingerprint: bool = False,
              external: bool = False) -> PageSummary:
    """The compact record site rules read. `fingerprint` adds the MinHash signature (only when
    near-duplicate detection runs: it costs a few milliseconds a page); `external` the outbound
    links (only when the link checker runs)."""
    title = page.title
    descs = page.descriptions
    h1s = page.h1s
    links = tuple(
        LinkRef(link.url, link.pos, _fragment(link.href)) for link in page.links
        if link.internal and link.url is not None and "nofollow" not in link.rel
    )
    outbound = tuple(
        LinkRef(link.url, link.pos) for link in page.links
        if external and not link.internal and link.url is not None
    )
    canonical = next((t.href for t in page.canonicals if t.href), None)
    public = page.url
    return PageSummary(
        url=public, path=page.path, indexable=page.indexable, kind=page.kind,
        title=title.text if title else None, title_pos=title.pos if title else Position(),
        description=(descs[0].content or "").strip() if descs else None,
        description_pos=descs[0].pos if descs else Position(),
        h1=h1s[0].text if h1s else None, h1_pos=h1s[0].pos if h1s else Position(),
        internal_links=links, canonical=canonical, words=page.main_words,
        **_keyphrase_fields(page),
        body_hash=body_hash(body) if body is not None else None,
        minhash=signature(b.text for b in page.blocks if b.kind not in ("pre", "table"))
        if fingerprint and page.kind != "redirect" else None,
        **_link_tag_summary(page),
        ids=page.ids, external_links=outbound,
    )


def _fragment(href: str | None) -> str | None:
    """The #fragment of an href as written (without "#"); None when it has none."""
    if not href or "#" not in href:
        return None
    return href.split("#", 1)[1].strip()


def _link_tag_summary(page: Page) -> dict[str, Any]:
    """The canonical target and hreflang alternates, resolved, for site rules and the crawler."""
    tag = next((t for t in page.canonicals if t.href and t.href.strip() and t.in_head), None)
    alternates = tuple(
        HreflangRef(t.hreflang.strip(), t.href, resolve(page.url, t.href) if t.href else None,
                    t.pos)
        for t in page.link_tags
        if "alternate" in t.rel and t.hreflang is not None and t.in_head
    )
    return {"canonical_url": resolve(page.url, tag.href) if tag and tag.href else None,
            "canonical_pos": tag.pos if tag else Position(), "hreflangs": alternates}


def _keyphrase_fields(page: Page) -> dict[str, str | None]:
    """The declared keyphrase (front matter, meta keywords, per-path config) for D005. A
    --keyphrase given on the command line names one page's target, not every page's, and an
    inferred keyphrase is a guess: neither can show two posts competing."""
    kp = declared_keyphrase(page)
    if kp is None or not kp.usable or kp.source == "cli":
        return {"keyphrase": None, "keyphrase_key": None}
    return {"keyphrase": kp.text, "keyphrase_key": f"{kp.lang or ''}:{' '.join(sorted(kp.stems))}"}


# --- process pool -----------------------------------------------------------------------------

# Each worker process builds its analyser once, in the pool initializer; this is per-process
# state set exactly once, not shared mutable state.
_worker: _Analyser | None = None


def _init_worker(ctx: Context) -> None:
    global _worker
    _worker = _Analyser(ctx)


def _work(item: FileItem) -> PageResult:
    assert _worker is not None
    return _worker.analyse_file(item)


# Libraries the analysis imports lazily on the first page (MinHash and phrase counting use
# numpy): imported once by the fork server, every worker shares them instead of loading its own
# copy. A name that is not installed is skipped by the fork server.
_HEAVY_LIBRARIES = ("numpy", "Stemmer")


def analysis_context(*extra: str) -> Any:
    """The multiprocessing context analysis workers start from, for check and crawl alike.

    On POSIX, a fork server (forking a process with threads, such as rich's progress refresher
    or the crawl's, is unsafe) that has already imported the engine, every rule module, their
    heavy libraries and seolint.preload (word lists), plus `extra` modules: workers start at
    once and share those pages instead of each holding a copy. Elsewhere, spawn."""
    if os.name != "posix":
        return multiprocessing.get_context("spawn")
    mp = multiprocessing.get_context("forkserver")
    rule_modules = sorted({r.module for r in load_rules().values()})
    mp.set_forkserver_preload(["seolint.engine", *extra, *rule_modules, *_HEAVY_LIBRARIES,
                               "seolint.preload"])
    return mp


def analyse_files(items: list[FileItem], ctx: Context, jobs: int | None,
                  progress: Callable[[], None] | None = None) -> Iterator[PageResult]:
    """PageResults in input order, in a pool when it pays."""
    workers = jobs or (os.cpu_count() or 1)
    if workers <= 1 or len(items) < POOL_THRESHOLD:
        analyser = _Analyser(ctx)
        for item in items:
            yield analyser.analyse_file(item)
            if progress:
                progress()
        return
    mp = analysis_context()
    chunk = max(1, min(32, len(items) // (workers * 8)))
    with cf.ProcessPoolExecutor(workers, mp_context=mp, initializer=_init_worker,
                                initargs=(ctx,)) as pool:
        for result in pool.map(_work, items, chunksize=chunk):
            yield result
            if progress:
                progress()


# --- site rules -------------------------------------------------------------------------------

def run_site_rules(site: Site, rules: Iterable[ConfiguredRule],
                   source_rules: dict[str, ConfiguredRule]) -> list[Finding]:
    findings: list[Finding] = []
    for cr in rules:
        # Source rules with a check judge facts only a source supplies (HTTP, robots.txt,
        # sitemaps) over the whole site: they run here too.
        if cr.rule.scope != "site" and not (cr.rule.scope == "source" and cr.rule.check):
            continue
        try:
            for v in cr.rule.check(site, cr.options):  # type: ignore[misc]
                page = v.page
                public = page.url if page and not page.url.startswith(_PSEUDO) else None
                finding = stamp(cr, v, public, page.path if page else None)
                if finding is not None:
                    findings.append(finding)
        except Exception as exc:
            findings.append(internal_error(cr.rule, exc, None, None, source_rules))
    return findings




def validate(settings: Settings) -> None:
    """Raise ConfigError now, before any work, for unknown rules in any selector or table."""
    select_rules(settings)
    rules = load_rules()
    PathIgnores(settings.per_path_ignores, rules)
    for table, codes in (("weights", settings.scoring.weights), ("caps", settings.scoring.caps)):
        for code in codes:
            if code not in rules:
                raise ConfigError(f"{settings.source or 'config'}: [scoring.{table}] names "
                                  f"unknown rule code {code!r}")


def build_report(results: list[PageResult], settings: Settings, complete: bool,
                 known_urls: frozenset[str] = frozenset(),
                 sitemap: tuple[SitemapEntry, ...] | None = None,
                 crawl: CrawlFacts | None = None,
                 extra_findings: Iterable[Finding] = (),
                 sitemap_complete: bool = True) -> Report:
    """Site rules, per-path ignores and ordering over finished page results.

    `sitemap` and `crawl` are what sources learned beyond the pages (the Site carries them to
    site rules); `extra_findings` are findings a source raised itself (sitemap unreadable, a
    crawl trap), placed on their page like site findings."""
    configured = tuple(select_rules(settings))
    source_rules = {cr.rule.code: cr for cr in configured if cr.rule.scope == "source"}
    summaries = tuple(r.summary for r in results if r.summary is not None)
    # Links a Markdown source could not verify (a theme's tag pages) count as existing.
    known_urls = known_urls | frozenset(u for r in results for u in r.assumed_urls)
    links = _check_links(summaries, settings, configured)
    site = Site(summaries, known_urls, complete, sitemap=sitemap, crawl=crawl,
                sitemap_complete=sitemap_complete, links=links)
    site_findings = run_site_rules(site, configured, source_rules) + list(extra_findings)
    by_location: dict[str, list[Finding]] = {}
    for f in site_findings:
        by_location.setdefault(f.location, []).append(f)
    ignores = PathIgnores(settings.per_path_ignores, load_rules())
    pages: list[PageResult] = []
    orphans = list(by_location.pop("-", []))
    selected_codes = frozenset(cr.rule.code for cr in configured)
    suppressed = 0
    for r in results:
        extra = by_location.pop(r.location, [])
        found = sorted([*r.findings, *extra], key=Finding.sort_key)
        found = [f for f in found if not ignores.ignored(f)]
        if r.directives:  # inline comments and front-matter ignores (seolint.suppress)
            outcome = apply_directives(found, r.directives, load_rules(),
                                       selected_codes - set(r.not_applicable))
            suppressed += outcome.suppressed
            found = list(outcome.kept)
            z002 = source_rules.get("Z002")
            if z002 is not None:
                unused = [unused_finding(d, why, z002.severity, r.url, r.path)
                          for d, why in outcome.unused]
                found = sorted([*found, *(f for f in unused if not ignores.ignored(f))],
                               key=Finding.sort_key)
        pages.append(replace(r, findings=tuple(found)))
    for rest in by_location.values():
        orphans.extend(rest)
    orphans = [f for f in orphans if not ignores.ignored(f)]
    pages.sort(key=lambda p: p.location)
    findings = [f for p in pages for f in p.findings] + sorted(orphans, key=Finding.sort_key)
    return Report(tuple(pages), tuple(findings), configured, settings,
                  score_report(pages, configured, settings), crawl=crawl,
                  suppressed=suppressed, links=links)


def _check_links(summaries: tuple[PageSummary, ...], settings: Settings,
                 configured: Iterable[ConfiguredRule]) -> LinkFacts | None:
    """The outbound-link check (I/O, like a source): after the pages, before the site rules,
    which read its results from Site.links. Only with --check-external and D009 selected."""
    options = settings.links
    if options is None or not options.check_external:
        return None
    if not any(cr.rule.code == "D009" for cr in configured):
        return None
    from seolint.sources.linkcheck import check_site_links

    return check_site_links(summaries, options)


def score_report(pages: list[PageResult], configured: Iterable[ConfiguredRule],
                 settings: Settings) -> Scores:
    """Scores and ranked fixes. A parsed page is judged by the page rules that applied to it and
    by every site rule; a page that could not be read only by what was found on it."""
    configured = list(configured)
    infos = rule_infos(((cr.rule.code, cr.rule.category, cr.severity) for cr in configured),
                       settings.scoring)
    page_codes = {cr.rule.code for cr in configured if cr.rule.scope == "page"}
    site_codes = {cr.rule.code for cr in configured if cr.rule.scope == "site"}
    inputs = []
    for p in pages:
        # A redirect stub has no content to judge: it is scored only by what was found on it
        # (nothing, usually), so it neither lifts nor drags the site's mean.
        content = p.summary is not None and p.kind != "redirect"
        applicable = (page_codes - set(p.not_applicable)) | site_codes if content else set()
        inputs.append(PageInput(p.location, frozenset(applicable), p.findings))
    return compute(inputs, infos)


def lint(files: list[FileItem], documents: list[RawDocument], settings: Settings,
         complete: bool, known_urls: frozenset[str] = frozenset(),
         failures: Iterable[tuple[str, str, str, str]] = (),
         progress: Callable[[], None] | None = None,
         sitemap: tuple[SitemapEntry, ...] | None = None,
         extra_findings: Iterable[Finding] = (),
         sitemap_complete: bool = True, markdown: Any = None) -> Report:
    """The whole pipeline after sources: analyse every page, then site rules, then ignores.

    `failures` are (url, code, message, fix) for URLs that could not be fetched; `sitemap` and
    `extra_findings` go to build_report; `markdown` is the MarkdownSite of Markdown files."""
    configured = select_rules(settings)
    ctx = Context(settings, tuple(cr.rule.code for cr in configured), markdown)
    results = list(analyse_files(files, ctx, settings.jobs, progress))
    if documents or failures:
        analyser = _Analyser(ctx)
        for doc in documents:
            results.append(analyser.analyse(doc))
            if progress:
                progress()
        for url, code, message, fix in failures:
            results.append(analyser.failure(url, None, code, message, fix))
            if progress:
                progress()
    return build_report(results, settings, complete, known_urls, sitemap=sitemap,
                        extra_findings=extra_findings, sitemap_complete=sitemap_complete)


def source_finding(settings: Settings, code: str, message: str, fix: str | None,
                   url: str | None, path: str | None, line: int | None = None,
                   severity: str | None = None) -> Finding | None:
    """A finding a source raises itself (an unreadable sitemap, a crawl trap), stamped like the
    engine's own X002; None when the rule is not selected. `severity` overrides the rule's only
    while the config leaves its severity alone (as a Violation's does)."""
    for cr in select_rules(settings):
        if cr.rule.code == code:
            sev = cr.severity if severity is None or cr.severity != cr.rule.severity else severity
            return Finding(code, cr.rule.name, cr.rule.category, sev,  # type: ignore[arg-type]
                           message, fix, url, path, line, None)
    return None
