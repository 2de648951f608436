"""compute() works a fix's gain out from the categories the fix touches (seolint.scoring._Tally);
these tests hold it bit for bit equal to scoring every page again from scratch, the way it was
done before, on random sites: float sums depend on their order and gains are rounded, so
"about equal" would hide a changed report."""

from __future__ import annotations

import random
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import pytest

from seolint import scoring
from seolint.rule import Finding
from seolint.scoring import (
    UNSCORED_CATEGORIES,
    Fix,
    PageInput,
    PageScore,
    RuleInfo,
    Scores,
    _pct,
    _site,
    _Tally,
    compute,
    group_fixes,
    make_fix,
    rank_key,
    score_page,
)

# Codes sort in a different order from their categories, so a category's first code is not
# always its only one, and dropping it moves the category in the order of the sums.
CATEGORIES = ("titles", "headings", "images", "links", "meta", "internal")


def reference_score_page(applicable: Iterable[str], counts: Mapping[str, int],
                         infos: Mapping[str, RuleInfo]) -> PageScore:
    """score_page as it was before _Tally, verbatim: the formula in its plainest form."""
    total_w: dict[str, float] = defaultdict(float)
    lost_w: dict[str, float] = defaultdict(float)
    failed: dict[str, float] = {}
    codes = sorted(set(applicable) | {c for c, n in counts.items() if n})
    for code in codes:
        info = infos.get(code)
        if info is None or info.category in UNSCORED_CATEGORIES:
            continue
        frac = min(counts.get(code, 0), info.cap) / info.cap
        total_w[info.category] += info.weight
        lost_w[info.category] += info.weight * frac
        if frac:
            failed[code] = round(frac, 3)
    if not total_w:
        return PageScore(None, {}, failed)
    categories = {c: _pct(1 - lost_w[c] / total_w[c]) for c in sorted(total_w)}
    overall = _pct(1 - sum(lost_w.values()) / sum(total_w.values()))
    return PageScore(overall, categories, failed)


def reference_compute(pages: list[PageInput], infos: Mapping[str, RuleInfo]) -> Scores:
    """compute() as it was before: every page a fix touches is scored again from scratch."""
    counts = {p.location: Counter(f.code for f in p.findings) for p in pages}
    page_scores = {p.location: reference_score_page(p.applicable, counts[p.location], infos)
                   for p in pages}
    site, categories = _site(page_scores)
    scored = [p.score for p in page_scores.values() if p.score is not None]
    total = sum(scored)
    n = len(scored)
    by_location = {p.location: p for p in pages}
    fixes: list[Fix] = []
    for code, name, kind, findings in group_fixes(pages):
        removed: dict[str, Counter[str]] = defaultdict(Counter)
        for f in findings:
            removed[f.location][f.code] += 1
        new_total = total
        for location, minus in removed.items():
            before = page_scores[location].score
            after = reference_score_page(by_location[location].applicable,
                                         counts[location] - minus, infos).score
            if before is not None and after is not None:
                new_total += after - before
        gain = round((new_total - total) / n, 2) if n else 0.0
        fixes.append(make_fix(code, name, kind, findings, gain, infos))
    fixes.sort(key=rank_key)
    rules: dict[str, dict[str, Any]] = {}
    for code, info in sorted(infos.items()):
        hit = [c[code] for c in counts.values() if c.get(code)]
        rules[code] = {"category": info.category, "weight": info.weight, "cap": info.cap,
                       "findings": sum(hit), "pages": len(hit)}
    return Scores(site, categories, page_scores, tuple(fixes), rules)


def _infos(rng: random.Random, n: int) -> dict[str, RuleInfo]:
    infos = {}
    for i in range(n):
        code = f"{rng.choice('ABCDEFGH')}{i:03d}"
        # Awkward weights (0.1, 1/3...) make float sums depend on their order.
        weight = rng.choice([1.0, 2.0, 3.0, 0.1, 1.5, 1 / 3, 2.7, 0.7])
        infos[code] = RuleInfo(code, rng.choice(CATEGORIES), weight, rng.choice([1, 1, 2, 3, 5]))
    return infos


def _site_of(rng: random.Random, infos: Mapping[str, RuleInfo], n_pages: int
             ) -> list[PageInput]:
    codes = sorted(infos) + ["Z999"]  # Z999: a finding of a rule scoring does not know
    messages = ['Title "Home" is short', 'h1 "Welcome" repeats', "Page has 3 links",
                "Page has 4 links", 'Quotes "a" and "b"', "No quote here"]
    # A few templates of applicable rules: pages share them, as pages of one theme do.
    templates = [frozenset(rng.sample(codes[:-1], rng.randint(0, len(codes) - 1)))
                 for _ in range(4)]
    pages = []
    for p in range(n_pages):
        loc = f"p{p:03d}"
        findings = []
        for _ in range(rng.choice([0, 0, 1, 2, 3, 6, 10])):
            code = rng.choice(codes)  # not always applicable: a fired rule still counts
            findings.append(Finding(code, code.lower(), "c", "warning",  # type: ignore[arg-type]
                                    rng.choice(messages), "Fix it", None, loc, 1, 1))
        applicable = rng.choice(templates) if rng.random() < 0.8 else frozenset(
            rng.sample(codes[:-1], rng.randint(0, min(6, len(codes) - 1))))
        pages.append(PageInput(loc, applicable, tuple(findings)))
    return pages


@pytest.mark.parametrize("seed", range(60))
def test_incremental_gains_equal_recomputing_every_page(seed: int) -> None:
    rng = random.Random(seed)
    infos = _infos(rng, rng.randint(1, 14))
    pages = _site_of(rng, infos, rng.randint(1, 60))
    assert compute(pages, infos) == reference_compute(pages, infos)


@pytest.mark.parametrize("seed", range(200))
def test_score_page_equals_the_plain_formula(seed: int) -> None:
    rng = random.Random(seed)
    infos = _infos(rng, rng.randint(1, 14))
    pool = sorted(infos) + ["Z999"]
    applicable = set(rng.sample(pool, rng.randint(0, len(pool))))
    counts = {c: rng.randint(0, 6) for c in rng.sample(pool, rng.randint(0, len(pool)))}
    assert score_page(applicable, counts, infos) == reference_score_page(applicable, counts,
                                                                          infos)


def test_dropping_a_categorys_first_code_reorders_the_sums() -> None:
    """A0 (links) only counts because it fired; without it, links' first code comes after
    titles', so the overall sum adds the categories in the other order."""
    infos = {"A0": RuleInfo("A0", "links", 0.1, 1), "B0": RuleInfo("B0", "titles", 1 / 3, 1),
             "C0": RuleInfo("C0", "links", 2.7, 3)}
    f = Finding("A0", "a0", "c", "warning", "m", "Fix it", None, "p", 1, 1)  # type: ignore[arg-type]
    g = Finding("C0", "c0", "c", "warning", "m", "Fix it", None, "p", 1, 1)  # type: ignore[arg-type]
    pages = [PageInput("p", frozenset({"B0", "C0"}), (f, g)), PageInput("q", frozenset({"B0"}), ())]
    assert compute(pages, infos) == reference_compute(pages, infos)


def _unrounded(x: float) -> float:
    return 100 * max(0.0, x)


@pytest.mark.parametrize("seed", range(300))
def test_a_pages_score_without_some_findings_is_bit_for_bit_recomputed(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unrounded, so that a sum taken in another order shows (rounding to 0.1 hides most)."""
    monkeypatch.setattr(scoring, "_pct", _unrounded)
    monkeypatch.setattr(sys.modules[__name__], "_pct", _unrounded)
    rng = random.Random(seed)
    infos = _infos(rng, rng.randint(1, 14))
    pool = sorted(infos) + ["Z999"]
    applicable = set(rng.sample(pool, rng.randint(0, len(pool))))
    counts = Counter({c: rng.randint(1, 6) for c in rng.sample(pool, rng.randint(0, len(pool)))})
    tally = _Tally(applicable, counts, infos)
    assert tally.score == reference_score_page(applicable, counts, infos).score
    for _ in range(5):
        minus = Counter({c: rng.randint(1, counts[c]) for c in counts if rng.random() < 0.4})
        expected = reference_score_page(applicable, counts - minus, infos).score
        assert tally.without(minus) == expected
