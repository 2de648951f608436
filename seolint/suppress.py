"""Suppressions: per-path ignores from the config, and inline comments in pages and posts.

Inline comments, as markdownlint and ESLint spell them, in HTML and in Markdown (raw HTML is
part of Markdown; in MDX write `{/* seolint-disable ... */}`):

```
<!-- seolint-disable RULE[,RULE] -->       from this line on (no rule: every rule)
<!-- seolint-enable [RULE,...] -->         ends it (no rule: ends every disable)
<!-- seolint-disable-next-line RULE -->    the next line only
<!-- seolint-disable-line RULE -->         this line only
<!-- seolint-disable-file RULE -->         the whole file, findings without a line included
```

RULE is a code, prefix, name or category, as in `--select`. Front matter's
`seolint: {ignore: [thin-content]}` is a `disable-file` at that key's line (the Markdown source
writes it as one), so it survives themes that strip comments.

How the directives are read: from the page's text (raw HTML, or the HTML a Markdown source
rendered, whose lines map back to the .md file), not from the parsed tree. A regex over text is
enough because a `<!--` in raw HTML is a real comment everywhere but inside <script>, <style>,
<textarea> and <title> (where nobody writes one by accident), and Markdown renders the comments of
code blocks escaped (`&lt;!--`), so an example in a fenced block is never obeyed. It also keeps
the parser untouched and lets directives be read only when the bytes contain "seolint-".

An unused suppression is reported (Z002, info) when every rule it names ran on the page and
none of their findings needed it, as ruff's RUF100 does for unused `noqa`. A directive naming
no known rule is reported too (a typo would otherwise suppress nothing, silently).
"""

from __future__ import annotations

import fnmatch
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from seolint.registry import check_selectors, selector_matches
from seolint.rule import Finding, Rule

_DIRECTIVE = re.compile(
    r"<!--\s*seolint-(disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?![\w]|-(?!->))(.*?)-->",  # not seolint-disabled, nor seolint-disable-foo
    re.DOTALL,
)
_KINDS = {"disable-next-line": "next-line", "disable-line": "line", "disable-file": "file",
          "disable": "disable", "enable": "enable"}


class PathIgnores:
    """Drops findings whose file or URL path matches a glob with rules ignored there."""

    def __init__(self, table: tuple[tuple[str, tuple[str, ...]], ...],
                 rules: dict[str, Rule]) -> None:
        self.table = table
        self.rules = rules
        for _, selectors in table:
            check_selectors(selectors, rules)

    def ignored(self, finding: Finding) -> bool:
        if not self.table:
            return False
        where = finding.path or finding.url or ""
        for glob, selectors in self.table:
            if fnmatch.fnmatch(where, glob) or fnmatch.fnmatch(where, "*/" + glob.lstrip("/")):
                if any(selector_matches(s, finding.code, finding.name, self.rules)
                       for s in selectors):
                    return True
        return False


@dataclass(frozen=True, slots=True)
class Directive:
    """One inline suppression comment. `rules` empty means every rule."""

    kind: str  # disable, enable, next-line, line, file
    rules: tuple[str, ...]
    line: int
    text: str  # the comment as written, for messages


def scan(text: str, line_map: Sequence[int] = ()) -> tuple[Directive, ...]:
    """Every seolint directive in `text`, with its line (through `line_map` for rendered
    sources: line_map[i] is the source line of line i + 1)."""
    if "seolint-" not in text:
        return ()
    out: list[Directive] = []
    line = 1
    last = 0
    for m in _DIRECTIVE.finditer(text):
        line += text.count("\n", last, m.start())
        last = m.start()
        where = line
        if line_map:
            where = line_map[min(line, len(line_map)) - 1]
        rules = tuple(r.strip() for r in re.split(r"[,\s]+", m.group(2).strip()) if r.strip())
        written = " ".join(m.group(0).split())
        out.append(Directive(_KINDS[m.group(1)], rules, where, written))
    return tuple(out)


def _matches(selector: str, finding: Finding, rules: dict[str, Rule]) -> bool:
    from seolint.config import ConfigError

    try:
        return selector_matches(selector, finding.code, finding.name, rules)
    except ConfigError:
        return False


def _names(d: Directive, finding: Finding, rules: dict[str, Rule]) -> bool:
    return not d.rules or any(_matches(s, finding, rules) for s in d.rules)


class _Index:
    """The directives of one page, indexed so that each finding is looked up in about constant
    time: a page may carry thousands of comments and thousands of findings, and asking every
    directive about every finding costs their product (16,000 next-line comments: 28 s).

    Per rule a finding can have (its code and name), the directives naming it are gathered once:
    the first file-wide one, the first next-line or same-line one per line it covers, and the
    disable/enable events in line order, searched by bisection."""

    def __init__(self, directives: Sequence[Directive], rules: dict[str, Rule]) -> None:
        self.directives = directives
        self.rules = rules
        self._by_rule: dict[tuple[str, str], _RuleView] = {}
        self._named: dict[tuple[tuple[str, ...], str, str], bool] = {}
        # disable/enable in line order; sorted() is stable, so same-line ones keep page order
        self._ranges = sorted((d for d in directives if d.kind in ("disable", "enable")),
                              key=lambda d: d.line)

    def names(self, d: Directive, finding: Finding) -> bool:
        key = (d.rules, finding.code, finding.name)
        hit = self._named.get(key)
        if hit is None:
            hit = self._named[key] = _names(d, finding, self.rules)
        return hit

    def view(self, finding: Finding) -> _RuleView:
        key = (finding.code, finding.name)
        view = self._by_rule.get(key)
        if view is None:
            view = self._by_rule[key] = _RuleView(self, finding)
        return view


class _RuleView:
    """The directives that name one rule (see _Index)."""

    def __init__(self, index: _Index, finding: Finding) -> None:
        self.file: Directive | None = None
        self.at_line: dict[int, Directive] = {}  # the line a next-line/line directive covers
        for d in index.directives:
            if d.kind not in ("file", "next-line", "line") or not index.names(d, finding):
                continue
            if d.kind == "file":
                if self.file is None:
                    self.file = d
            else:
                self.at_line.setdefault(d.line + 1 if d.kind == "next-line" else d.line, d)
        self.events = [d for d in index._ranges if index.names(d, finding)]
        self.lines = [d.line for d in self.events]
        # The last disable on each line: a disable on a finding's own line covers it.
        self.disable_on: dict[int, Directive] = {
            d.line: d for d in self.events if d.kind == "disable"}

    def range_at(self, line: int) -> Directive | None:
        """The disable in force at `line`: one on that very line, else the last event before the
        line if it is a disable (an enable names the rule, so it ends the range)."""
        on_line = self.disable_on.get(line)
        if on_line is not None:
            return on_line
        i = bisect_left(self.lines, line)
        if i and self.events[i - 1].kind == "disable":
            return self.events[i - 1]
        return None


def suppressing(finding: Finding, directives: Sequence[Directive],
                rules: dict[str, Rule], index: _Index | None = None) -> Directive | None:
    """The directive that suppresses `finding`, or None. `index` (built once by apply) makes
    this constant time per finding."""
    view = (index or _Index(directives, rules)).view(finding)
    if view.file is not None:
        return view.file
    line = finding.line
    if line is None:
        return None
    return view.at_line.get(line) or view.range_at(line)


def _known(selector: str, rules: dict[str, Rule]) -> set[str] | None:
    """The codes a selector names, or None when it names no rule."""
    from seolint.config import ConfigError
    from seolint.registry import _matches as match

    try:
        return match(selector, rules)[0]
    except ConfigError:
        return None


@dataclass(frozen=True)
class Outcome:
    kept: tuple[Finding, ...]
    suppressed: int
    unused: tuple[tuple[Directive, str], ...]  # (directive, why it is unused)


def apply(findings: Iterable[Finding], directives: Sequence[Directive],
          rules: dict[str, Rule], ran: frozenset[str]) -> Outcome:
    """Drop the findings the directives suppress; say which directives were never needed.

    `ran`: the codes that ran on this page (selected and applicable). A directive is unused only
    when every rule it names ran, so `--select T003` never calls a `disable H001` unused."""
    used: set[int] = set()
    kept: list[Finding] = []
    suppressed = 0
    index = _Index(directives, rules)
    for f in findings:
        d = suppressing(f, directives, rules, index)
        if d is None:
            kept.append(f)
        else:
            used.add(id(d))
            suppressed += 1
    unused: list[tuple[Directive, str]] = []
    known: dict[str, set[str] | None] = {}  # per selector: thousands of comments repeat a few
    for d in directives:
        if d.kind == "enable" or id(d) in used:
            continue
        for s in d.rules:
            if s not in known:
                known[s] = _known(s, rules)
        unknown = [s for s in d.rules if known[s] is None]
        if unknown:
            unused.append((d, "names no rule: " + ", ".join(repr(s) for s in unknown)))
            continue
        named: set[str] = set()
        for s in d.rules:
            named |= known[s] or set()
        if d.rules and named <= ran:
            unused.append((d, "suppresses nothing"))
        elif not d.rules and ran:
            unused.append((d, "suppresses nothing"))
    return Outcome(tuple(kept), suppressed, tuple(unused))


def unused_finding(d: Directive, why: str, severity: str, url: str | None,
                   path: str | None) -> Finding:
    what = ", ".join(d.rules) if d.rules else "every rule"
    shown = d.text if len(d.text) <= 80 else d.text[:79] + "…"
    if why.startswith("names no rule"):
        fix = "Correct the rule's code or name (see `seolint rules`), or remove the comment"
    else:
        fix = "Remove the comment (or the rules it no longer needs)"
    return Finding("Z002", "unused-suppression", "internal", severity,  # type: ignore[arg-type]
                   f"Suppression of {what} {why}: {shown}", fix, url, path, d.line, None)
