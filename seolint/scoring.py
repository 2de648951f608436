"""Scores and ranked fixes: the only arithmetic in seolint.

Policy (docs/scores.md works an example through it):

- **Rule weight** comes from the rule's severity as configured: error 3, warning 2, info 1
  (`[scoring] severity-weights`), or a per-rule weight (`[scoring.weights] T003 = 1.5`). Weights
  must be positive: a rule that should not count is ignored with `ignore`, not weighted zero.
- **Cap:** a rule fails a page fully once it has `cap` findings there (default 1: a page either
  has the problem or not, as a Lighthouse audit passes or fails). Rules that count instances
  (images without alt, unclear link texts, broken links...) have larger caps, so each fix earns
  part of the credit. Fraction failed: f = min(findings, cap) / cap.
- **Page score** per category: 100 × (1 − Σ w·f / Σ w) over the rules that *apply* to the page
  in that category. Rules that do not apply (not applicable on this page, or not selected) drop
  out, as in Lighthouse, instead of counting as passes. The page's overall score uses all its
  applicable rules at once.
- **Site score** is the mean of the page scores (and per category, the mean over pages where the
  category applies). A mean does not move because more pages were crawled, only because pages
  got better or worse — the complaint about health scores that sum problems.
- **Fixes:** findings are grouped into fixes, one rule and one severity at a time. Findings
  that share a cause on at least 3 pages and half the pages the rule fires on come from a
  template and are one *template* fix: the same quoted element text (a theme's second h1, a
  site-wide description, a "Read more" link), or the same message where it quotes nothing (the
  same head element missing on pages of one layout); the same quoted text on 20 pages is a
  template whatever the share (TEMPLATE_QUOTED_PAGES). Content rules (readability, keyphrase,
  unsourced claims, sections without subheadings, posts without links: CONTENT_CODES) are never
  template fixes: the same message on many posts is many pages to edit, not one theme. The rest
  of a rule's findings are one fix across the pages they affect. Each fix's gain is the rise of
  the site score if its findings were gone (recomputed, not estimated).
- **Order** (docs/fixes.md): fixes are ranked in bands, then by gain, then by pages affected:
  1. fixes whose findings fail the run (at or above `fail-on`, default error), errors first;
  2. indexability problems (category indexability: noindex, HTTP errors, redirects, robots.txt);
  3. the other fixes, warnings before infos.
  A band, not a bigger weight: the gain already weighs severity (3, 2, 1), and a cosmetic info
  on every page still outscores a broken link on one, whatever the weights; what fails the build
  or keeps pages out of search must come first however few pages it touches.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# The [scoring] table's type and the severity weights live in seolint.options, below config,
# which builds them; they are this module's policy and re-exported here.
from seolint.options import SEVERITY_WEIGHTS, ScoringConfig  # noqa: F401  (re-exported)
from seolint.rule import SEVERITY_RANK, Finding

DEFAULT_CAP = 1
# Rules that count instances on a page: each fixed instance earns part of the credit.
DEFAULT_CAPS: dict[str, int] = {
    "H002": 3, "H004": 3, "H005": 2, "H006": 3, "H007": 3, "L001": 5, "L002": 5, "I001": 5,
    "I002": 3, "I003": 5, "D007": 5, "R003": 3, "E001": 3, "M008": 2, "X005": 5,
}
UNSCORED_CATEGORIES = frozenset({"internal"})  # a seolint bug is not the page's fault
TEMPLATE_MIN_PAGES = 3
TEMPLATE_SHARE = 0.5
TEMPLATE_QUOTED_PAGES = 20  # the same quoted text on this many pages is a template at any share
# Rules about a page's own text: each page is its own fix, never "once in the template".
CONTENT_CATEGORIES = frozenset({"readability", "keyphrase"})
CONTENT_CODES = frozenset({"E001", "H007", "L003", "L004", "D004"})
INDEXABILITY = "indexability"
BANDS = ("fails", "indexability", "other")  # the order of fixes, see the module docstring
TEMPLATE_FIX_KEY = "template_fix"  # Finding.extra: the fix to make once in a shared template

_QUOTED = re.compile(r'"([^"]{1,200})"')
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class RuleInfo:
    code: str
    category: str
    weight: float
    cap: int
    why: str = ""  # one line of why it matters, from the rule's docs


@dataclass(frozen=True)
class PageInput:
    """What scoring needs of a page: which rules applied, and its findings."""

    location: str
    applicable: frozenset[str]  # rule codes
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class PageScore:
    score: float | None
    categories: dict[str, float]
    failed: dict[str, float]  # rule code -> fraction failed, for the per-rule breakdown


@dataclass(frozen=True)
class Fix:
    code: str
    name: str
    category: str
    kind: str  # "template" or "rule"
    fix: str
    pages: tuple[str, ...]
    findings: int
    gain: float
    severity: str = "warning"
    band: str = "other"  # one of BANDS
    why: str = ""


@dataclass(frozen=True)
class Scores:
    site: float | None
    categories: dict[str, float]
    pages: dict[str, PageScore]
    fixes: tuple[Fix, ...]
    rules: dict[str, dict[str, Any]]  # per-rule breakdown over the site


def rule_infos(rules: Iterable[tuple[str, str, str]], config: ScoringConfig,
               why: Mapping[str, str] | None = None) -> dict[str, RuleInfo]:
    """RuleInfo by code from (code, category, effective severity); `why` by code."""
    out: dict[str, RuleInfo] = {}
    for code, category, severity in rules:
        weight = config.weights.get(code, config.severity_weights[severity])
        cap = config.caps.get(code, DEFAULT_CAPS.get(code, DEFAULT_CAP))
        out[code] = RuleInfo(code, category, float(weight), int(cap),
                             (why or {}).get(code, ""))
    return out


def _counts(findings: Iterable[Finding]) -> Counter[str]:
    return Counter(f.code for f in findings)


def score_page(applicable: Iterable[str], counts: Mapping[str, int],
               infos: Mapping[str, RuleInfo]) -> PageScore:
    return _Tally(applicable, counts, infos).page_score()


class _Tally:
    """A page's weighted sums per category, kept so that a fix's effect on the page can be
    recomputed from the one category it touches instead of from every rule again (a site-wide
    fix touches thousands of pages, and a page has some fifty applicable rules).

    The sums are added up in exactly the order score_page always used (codes sorted, categories
    in the order of their first code), so a recomputed score is bit for bit what scoring the
    page from scratch gives: float addition is not associative, and gains are rounded."""

    __slots__ = ("applicable", "counts", "terms", "category_of", "lost", "total",
                 "failed", "score", "categories", "_after")

    def __init__(self, applicable: Iterable[str], counts: Mapping[str, int],
                 infos: Mapping[str, RuleInfo]) -> None:
        self.applicable = frozenset(applicable)
        self.counts: dict[str, int] = {c: n for c, n in counts.items() if n}
        # category -> (position among the page's codes, code, weight, cap), in code order
        self.terms: dict[str, list[tuple[int, str, float, int]]] = {}
        self.category_of: dict[str, str] = {}
        self.lost: dict[str, float] = {}
        self.total: dict[str, float] = {}
        self.failed: dict[str, float] = {}
        # A rule that fired counts even if the page said it did not apply (source rules do).
        codes = sorted(self.applicable | self.counts.keys())  # stable JSON order
        for pos, code in enumerate(codes):
            info = infos.get(code)
            if info is None or info.category in UNSCORED_CATEGORIES:
                continue
            cat = info.category
            frac = min(self.counts.get(code, 0), info.cap) / info.cap
            if cat not in self.total:
                self.terms[cat] = []
                self.total[cat] = self.lost[cat] = 0.0
            self.terms[cat].append((pos, code, info.weight, info.cap))
            self.category_of[code] = cat
            self.total[cat] += info.weight
            self.lost[cat] += info.weight * frac
            if frac:
                self.failed[code] = round(frac, 3)
        self.score = _overall(self.lost.values(), self.total.values())
        self.categories = {c: _pct(1 - self.lost[c] / self.total[c]) for c in sorted(self.total)}
        self._after: dict[frozenset[tuple[str, int]], float | None] = {}

    def page_score(self) -> PageScore:
        # Copies: pages that share a tally must not share the dictionaries of their scores.
        return PageScore(self.score, dict(self.categories), dict(self.failed))

    def without(self, minus: Mapping[str, int]) -> float | None:
        """The page's score with `minus` findings (by code) gone: score_page(applicable,
        counts - minus).score, recomputing only the categories of the codes in `minus`."""
        key = frozenset(minus.items())
        if key in self._after:
            return self._after[key]
        touched = {self.category_of[c] for c in minus if c in self.category_of}
        if not touched:
            after = self.score
        else:
            lost, total = dict(self.lost), dict(self.total)
            first = {c: terms[0][0] for c, terms in self.terms.items()}  # first code's position
            for cat in touched:
                total_w = lost_w = 0.0
                start: int | None = None
                for pos, code, weight, cap in self.terms[cat]:
                    n = max(0, self.counts.get(code, 0) - minus.get(code, 0))
                    if not n and code not in self.applicable:
                        continue  # it only counted because it fired
                    if start is None:
                        start = pos
                    total_w += weight
                    lost_w += weight * (min(n, cap) / cap)
                if start is None:
                    del lost[cat], total[cat], first[cat]
                else:
                    lost[cat], total[cat], first[cat] = lost_w, total_w, start
            # A category whose first code dropped out moves in the order, and the sums follow it.
            order = sorted(total, key=first.__getitem__)
            after = _overall([lost[c] for c in order], [total[c] for c in order])
        self._after[key] = after
        return after


def _overall(lost: Collection[float], total: Collection[float]) -> float | None:
    """The page's overall score from its categories' sums, in their order (None: no rules)."""
    return _pct(1 - sum(lost) / sum(total)) if total else None


def _pct(x: float) -> float:
    return round(100 * max(0.0, x), 1)


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _site(pages: Mapping[str, PageScore]) -> tuple[float | None, dict[str, float]]:
    site = _mean([p.score for p in pages.values() if p.score is not None])
    per_cat: dict[str, list[float]] = defaultdict(list)
    for p in pages.values():
        for cat, value in p.categories.items():
            per_cat[cat].append(value)
    return site, {c: v for c, v in ((c, _mean(vs)) for c, vs in sorted(per_cat.items()))
                  if v is not None}


def _template_keys(f: Finding) -> list[str]:
    """What a finding shares with its copies on other pages made from one template: the text it
    quotes (a theme's h1, a site-wide description), or its whole message if it quotes nothing."""
    keys = [f"q:{q}" for q in _QUOTED.findall(f.message) if q.strip()]
    if not keys:
        keys.append("m:" + _DIGITS.sub("#", f.message))
    return keys


def is_content(f: Finding) -> bool:
    """A finding about the page's own text: its fix is on that page, never in a template."""
    return f.category in CONTENT_CATEGORIES or f.code in CONTENT_CODES


def group_fixes(pages: list[PageInput]) -> list[tuple[str, str, str, list[Finding]]]:
    """(code, name, kind, findings) groups, one severity each; see the module docstring."""
    by_rule: dict[tuple[str, str, int], list[Finding]] = defaultdict(list)
    for page in pages:
        for f in page.findings:
            # Highest severity first: a rule's errors are a fix of their own, before its infos.
            by_rule[(f.code, f.name, -SEVERITY_RANK.get(f.severity, 0))].append(f)
    groups: list[tuple[str, str, str, list[Finding]]] = []
    for (code, name, _), findings in sorted(by_rule.items()):
        if is_content(findings[0]):
            groups.append((code, name, "rule", findings))
            continue
        pages_of_rule = {f.location for f in findings}
        keys_of = [_template_keys(f) for f in findings]  # a regex each: once per finding
        key_pages: dict[str, set[str]] = defaultdict(set)
        for f, keys in zip(findings, keys_of, strict=True):
            for key in keys:
                key_pages[key].add(f.location)
        needed = max(TEMPLATE_MIN_PAGES, TEMPLATE_SHARE * len(pages_of_rule))
        # The same quoted element text on many pages is a template however many other pages
        # the rule fires on (48 tag pages titled "Tag Page" among 109 short titles).
        template_keys = sorted((k for k, ps in key_pages.items() if len(ps) >= needed or (
            k.startswith("q:") and len(ps) >= TEMPLATE_QUOTED_PAGES)),
                               key=lambda k: (-len(key_pages[k]), k))
        assigned: dict[str, list[Finding]] = defaultdict(list)
        rest: list[Finding] = []
        for f, keys in zip(findings, keys_of, strict=True):
            chosen = next((k for k in template_keys if k in keys), None)
            if chosen is None:
                rest.append(f)
            else:
                assigned[chosen].append(f)
        for key in template_keys:
            if assigned.get(key):
                groups.append((code, name, "template", assigned[key]))
        if rest:
            groups.append((code, name, "rule", rest))
    return groups


def _fix_text(kind: str, findings: list[Finding]) -> str:
    pages = len({f.location for f in findings})
    first = findings[0].fix or f"Fix {findings[0].name}"
    if kind == "template":
        where = "every page made from that template" if pages > 1 else "the page"
        # A page's own fix may name that page (its URL, its title): the rule's template wording
        # says what the template must print on every page instead.
        shared = dict(findings[0].extra).get(TEMPLATE_FIX_KEY)
        if isinstance(shared, str) and shared:
            return f"{shared}: it fixes {where} ({pages} pages)"
        return f"{first}, once in the template: it fixes {where} ({pages} pages)"
    if pages == 1:
        return first + ("" if len(findings) == 1 else f" ({len(findings)} places)")
    return f"{first} (and the same on {pages - 1} more page{'s' if pages > 2 else ''})"


def band(severity: str, category: str, fail_on: str) -> str:
    """Which of BANDS a fix of this severity and category is ranked in."""
    if fail_on != "never" and SEVERITY_RANK.get(severity, 0) >= SEVERITY_RANK.get(fail_on, 2):
        return "fails"
    return "indexability" if category == INDEXABILITY else "other"


def make_fix(code: str, name: str, kind: str, findings: list[Finding], gain: float,
             infos: Mapping[str, RuleInfo], fail_on: str = "error") -> Fix:
    info = infos.get(code)
    category = info.category if info else findings[0].category
    severity = findings[0].severity
    return Fix(code, name, info.category if info else "", kind, _fix_text(kind, findings),
               tuple(sorted({f.location for f in findings})), len(findings), gain, severity,
               band(severity, category, fail_on), info.why if info else "")


def rank_key(fix: Fix) -> tuple[Any, ...]:
    """Band, then severity, then gain, then pages: see the module docstring."""
    return (BANDS.index(fix.band), -SEVERITY_RANK.get(fix.severity, 0), -fix.gain,
            -len(fix.pages), fix.code, fix.fix)


def compute(pages: list[PageInput], infos: Mapping[str, RuleInfo],
            fail_on: str = "error") -> Scores:
    counts = {p.location: _counts(p.findings) for p in pages}
    # Pages made from one template usually have the same rules and findings: tally each such
    # page once, and share the tally (and the fixes' effects on it) between them.
    shared: dict[tuple[frozenset[str], frozenset[tuple[str, int]]], _Tally] = {}
    tallies: dict[str, _Tally] = {}
    for p in pages:
        key = (frozenset(p.applicable), frozenset(counts[p.location].items()))
        tally = shared.get(key)
        if tally is None:
            tally = shared[key] = _Tally(p.applicable, counts[p.location], infos)
        tallies[p.location] = tally
    page_scores = {p.location: tallies[p.location].page_score() for p in pages}
    site, categories = _site(page_scores)
    scored = [p.score for p in page_scores.values() if p.score is not None]
    total = sum(scored)
    n = len(scored)
    fixes: list[Fix] = []
    for code, name, kind, findings in group_fixes(pages):
        removed: dict[str, dict[str, int]] = {}  # location -> code -> findings the fix removes
        for f in findings:
            minus = removed.setdefault(f.location, {})
            minus[f.code] = minus.get(f.code, 0) + 1
        new_total = total
        for location, minus in removed.items():
            before = page_scores[location].score
            after = tallies[location].without(minus)
            if before is not None and after is not None:
                new_total += after - before
        gain = round((new_total - total) / n, 2) if n else 0.0
        fixes.append(make_fix(code, name, kind, findings, gain, infos, fail_on))
    fixes.sort(key=rank_key)
    hits: dict[str, list[int]] = defaultdict(list)
    for c in counts.values():
        for code, k in c.items():
            if k:
                hits[code].append(k)
    rules: dict[str, dict[str, Any]] = {}
    for code, info in sorted(infos.items()):
        hit = hits.get(code, [])
        rules[code] = {"category": info.category, "weight": info.weight, "cap": info.cap,
                       "findings": sum(hit), "pages": len(hit)}
    return Scores(site, categories, page_scores, tuple(fixes), rules)
