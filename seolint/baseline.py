"""Baselines: adopt seolint on a blog with hundreds of old findings, and fail only on new ones.

`--write-baseline FILE` records today's findings as counts per (file or URL, rule), as ESLint's
bulk-suppressions file does; `--baseline FILE` then hides findings the baseline holds and
reports, and fails on, only what is new. The policy, with its reasons:

- **Counts, not lines.** A post gains a paragraph and every line below it moves; a baseline of
  lines would call all of them new. A (file, rule) pair with 2 findings in the baseline may have
  up to 2 today and nothing is reported; a third is new. Reordering and moving lines change
  nothing.
- **Which one is new.** When a count grows, the findings whose fingerprint (rule and message,
  digits folded, never the line) the baseline does not hold are the new ones; the baseline keeps
  those fingerprints for this alone. If the messages do not tell them apart, the last ones of the
  file are reported.
- **Fixed findings shrink it, never silently grow it.** A count that falls is reported on stderr;
  `--prune-baseline` writes the smaller counts back (it never adds findings), so a fixed defect
  cannot come back unnoticed. Rewriting it with `--write-baseline` records everything anew.
- **Paths are relative to the baseline file's folder**, so it works from any working directory
  and in CI; findings with no file are keyed by URL.

The file is JSON, sorted, one entry per (location, rule), so it diffs well in review.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from seolint.config import ConfigError
from seolint.rule import Finding

VERSION = 1
_DIGITS = re.compile(r"\d+")


class BaselineError(ConfigError):
    """The baseline file cannot be read or is not a seolint baseline (exit 2)."""


def message_key(f: Finding) -> str:
    """The finding's identity without its position: code and message, digits folded (a title
    that grows from 78 to 79 characters is the same finding)."""
    text = _DIGITS.sub("0", " ".join(f.message.split())).casefold()
    return hashlib.sha256(f"{f.code}\x00{text}".encode()).hexdigest()[:16]


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """A stable id per finding that does not change when lines move: its location, code and
    message key, and which occurrence of that it is in document order. SARIF's
    `partialFingerprints` and GitLab's `fingerprint` use it."""
    seen: dict[tuple[str, str], int] = {}
    out: list[str] = []
    for f in findings:
        key = (f.location, message_key(f))
        index = seen.get(key, 0)
        seen[key] = index + 1
        raw = f"{f.location}\x00{f.code}\x00{key[1]}\x00{index}"
        out.append(hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32])
    return out


@dataclass(frozen=True)
class Entry:
    count: int
    keys: tuple[str, ...]  # message keys, sorted


@dataclass(frozen=True)
class Baseline:
    entries: dict[str, dict[str, Entry]]  # location -> code -> entry
    root: Path  # the baseline file's folder

    @property
    def total(self) -> int:
        return sum(e.count for codes in self.entries.values() for e in codes.values())


def location_key(f: Finding, root: Path) -> str:
    """Where a finding is, as the baseline spells it: a path relative to `root`, else the URL."""
    if f.path:
        try:
            rel = os.path.relpath(Path(f.path).absolute(), root.absolute())
        except ValueError:  # another drive (Windows)
            rel = str(Path(f.path).absolute())
        return Path(rel).as_posix()
    return f.url or "-"


def _groups(findings: Iterable[Finding], root: Path) -> dict[tuple[str, str], list[Finding]]:
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((location_key(f, root), f.code), []).append(f)
    return groups


def build(findings: Iterable[Finding], root: Path) -> Baseline:
    entries: dict[str, dict[str, Entry]] = {}
    for (loc, code), group in _groups(findings, root).items():
        entries.setdefault(loc, {})[code] = Entry(len(group),
                                                  tuple(sorted(message_key(f) for f in group)))
    return Baseline(entries, root)


def to_dict(baseline: Baseline) -> dict[str, Any]:
    return {
        "version": VERSION,
        "tool": "seolint",
        "about": "Findings seolint reports only when their count per file and rule grows. "
                 "Write with --write-baseline, shrink with --prune-baseline.",
        "findings": {
            loc: {code: {"count": e.count, "fingerprints": list(e.keys)}
                  for code, e in sorted(codes.items())}
            for loc, codes in sorted(baseline.entries.items())
        },
    }


def write(baseline: Baseline, path: Path) -> None:
    text = json.dumps(to_dict(baseline), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"cannot write the baseline {path}: {exc.strerror}") from None


def load(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (write one with "
                            "--write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read it ({exc})") from None
    except ValueError as exc:
        raise BaselineError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("tool") != "seolint" or not isinstance(
            data.get("findings"), dict):
        raise BaselineError(f"{path}: not a seolint baseline")
    if data.get("version") != VERSION:
        raise BaselineError(f"{path}: baseline version {data.get('version')!r} is not "
                            f"supported (expected {VERSION})")
    entries: dict[str, dict[str, Entry]] = {}
    for loc, codes in data["findings"].items():
        if not isinstance(codes, dict):
            raise BaselineError(f"{path}: the entry for {loc!r} is not a table of rules")
        for code, entry in codes.items():
            count = entry.get("count") if isinstance(entry, dict) else entry
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                raise BaselineError(f"{path}: {loc!r} {code}: 'count' must be a whole number")
            keys = entry.get("fingerprints", []) if isinstance(entry, dict) else []
            entries.setdefault(str(loc), {})[str(code)] = Entry(
                count, tuple(k for k in keys if isinstance(k, str)))
    return Baseline(entries, path.parent)


@dataclass(frozen=True)
class Outcome:
    new: tuple[Finding, ...]  # what the report keeps
    hidden: int  # findings the baseline held
    fixed: int  # baseline counts no longer reached


def _new_in_group(group: list[Finding], entry: Entry | None) -> list[Finding]:
    if entry is None:
        return group
    excess = len(group) - entry.count
    if excess <= 0:
        return []
    pool = list(entry.keys)
    unmatched: list[Finding] = []
    matched: list[Finding] = []
    for f in group:
        key = message_key(f)
        if key in pool:
            pool.remove(key)
            matched.append(f)
        else:
            unmatched.append(f)
    chosen = unmatched[-excess:] if len(unmatched) >= excess else (
        unmatched + matched[-(excess - len(unmatched)):])
    keep = {id(f) for f in chosen}
    return [f for f in group if id(f) in keep]


def filter_findings(findings: Sequence[Finding], baseline: Baseline) -> Outcome:
    groups = _groups(findings, baseline.root)
    keep: set[int] = set()
    hidden = 0
    for (loc, code), group in groups.items():
        entry = baseline.entries.get(loc, {}).get(code)
        new = _new_in_group(group, entry)
        keep.update(id(f) for f in new)
        hidden += len(group) - len(new)
    fixed = 0
    for loc, codes in baseline.entries.items():
        for code, entry in codes.items():
            have = len(groups.get((loc, code), []))
            fixed += max(0, entry.count - have)
    return Outcome(tuple(f for f in findings if id(f) in keep), hidden, fixed)


def prune(baseline: Baseline, findings: Iterable[Finding]) -> Baseline:
    """The baseline with each count lowered to what is found today (never raised), and
    entries that reach zero dropped."""
    groups = _groups(findings, baseline.root)
    entries: dict[str, dict[str, Entry]] = {}
    for loc, codes in baseline.entries.items():
        for code, entry in codes.items():
            group = groups.get((loc, code), [])
            count = min(entry.count, len(group))
            if count <= 0:
                continue
            keys = [message_key(f) for f in group]
            kept = [k for k in entry.keys if k in keys][:count]
            entries.setdefault(loc, {})[code] = Entry(count, tuple(sorted(kept)))
    return Baseline(entries, baseline.root)


def apply(report: Any, baseline: Baseline) -> tuple[Any, Outcome]:
    """The report with only the findings the baseline does not hold (pages too). Scores are
    left as they were: the baseline changes what fails the run, not how good the site is."""
    outcome = filter_findings(report.findings, baseline)
    keep = {id(f) for f in outcome.new}
    pages = tuple(replace(p, findings=tuple(f for f in p.findings if id(f) in keep))
                  for p in report.pages)
    return replace(report, pages=pages, findings=outcome.new,
                   baselined=getattr(report, "baselined", 0) + outcome.hidden), outcome


def gate(report: Any, baseline_path: Path | None, write_path: Path | None,
         prune_baseline: bool) -> tuple[Any, list[str]]:
    """The CLI's baseline step: (the report to render and gate on, notes for stderr)."""
    notes: list[str] = []
    if prune_baseline and baseline_path is None:
        raise BaselineError("--prune-baseline needs --baseline FILE")
    if write_path is not None:
        recorded = build(report.findings, write_path.absolute().parent)
        write(recorded, write_path)
        notes.append(f"wrote the baseline {write_path}: {recorded.total} findings of "
                     f"{sum(len(c) for c in recorded.entries.values())} rules in "
                     f"{len(recorded.entries)} files or pages")
        report, _ = apply(report, recorded)
        return report, notes
    assert baseline_path is not None
    held = load(baseline_path)
    everything = report.findings
    report, outcome = apply(report, held)
    if prune_baseline:
        pruned = prune(held, everything)
        if pruned.total != held.total:
            write(pruned, baseline_path)
            notes.append(f"pruned the baseline {baseline_path}: {held.total - pruned.total} "
                         "fixed findings removed")
    elif outcome.fixed:
        notes.append(f"{outcome.fixed} findings of the baseline are fixed: run with "
                     "--prune-baseline to shrink it")
    return report, notes


__all__ = [
    "Baseline",
    "gate",
    "BaselineError",
    "apply",
    "build",
    "filter_findings",
    "fingerprints",
    "load",
    "prune",
    "write",
]
