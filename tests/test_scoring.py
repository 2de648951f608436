"""Scores and ranked fixes: the policy in seolint/scoring.py, checked by its properties."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seolint.cli import app
from seolint.rule import Finding
from seolint.scoring import PageInput, ScoringConfig, compute, rule_infos, score_page

INFOS = rule_infos([("T001", "titles", "error"), ("T003", "titles", "warning"),
                    ("H003", "headings", "warning"), ("I001", "images", "error"),
                    ("K001", "keyphrase", "warning")], ScoringConfig())


def f(code: str, loc: str, msg: str = "x", sev: str = "warning") -> Finding:
    return Finding(code, code.lower(), "c", sev, msg, "Fix it", None, loc, 1, 1)  # type: ignore[arg-type]


def page(loc: str, *findings: Finding, applicable: tuple[str, ...] = ("T001", "T003", "H003",
                                                                        "I001")) -> PageInput:
    return PageInput(loc, frozenset(applicable), tuple(findings))


def test_readme_worked_example() -> None:
    """The worked example of docs/scores.md, computed."""
    # A post with a title over 60 characters (T003, warning, weight 2) and 2 of its images
    # without alt (I001, error, weight 3, cap 5); T001 and H003 pass; K001 does not apply.
    ps = score_page({"T001", "T003", "H003", "I001"}, {"T003": 1, "I001": 2}, INFOS)
    assert ps.categories == {"headings": 100.0, "images": 60.0, "titles": 60.0}
    assert ps.score == 68.0  # 100 × (1 − (2×1 + 3×0.4) / (3 + 2 + 2 + 3))


def test_rules_that_do_not_apply_drop_out() -> None:
    with_k = score_page({"T001", "K001"}, {"T001": 1}, INFOS)
    without_k = score_page({"T001"}, {"T001": 1}, INFOS)
    assert without_k.score == 0.0 and with_k.score == 40.0  # K001 passing would dilute it
    assert "keyphrase" not in without_k.categories
    assert score_page(set(), {}, INFOS).score is None  # nothing applies: not scored, not 100


def test_site_score_does_not_move_with_more_pages_of_the_same_quality() -> None:
    pages = [page("a", f("T003", "a")), page("b"), page("c", f("I001", "c", sev="error"))]
    small = compute(pages, INFOS).site
    big = compute([page(f"{p.location}{i}", *[
        Finding(x.code, x.name, x.category, x.severity, x.message, x.fix, None,
                f"{p.location}{i}", 1, 1) for x in p.findings])
        for i in range(50) for p in pages], INFOS).site
    assert small == big


def test_scores_are_stable_under_reordering() -> None:
    pages = [page(str(i), *([f("T003", str(i))] if i % 3 else [])) for i in range(30)]
    first = compute(pages, INFOS)
    shuffled = pages[:]
    random.Random(7).shuffle(shuffled)
    second = compute(shuffled, INFOS)
    assert first.site == second.site and first.fixes == second.fixes


def test_a_theme_finding_on_every_page_is_one_template_fix_ranked_first() -> None:
    pages = [page(f"p{i}", f("H003", f"p{i}", f'this one is "Comments", the first is "Post {i}"'))
             for i in range(200)]
    pages.append(page("odd", f("T003", "odd", 'Title is 80 characters: "A long one"')))
    scores = compute(pages, INFOS)
    assert [(x.code, x.kind, len(x.pages)) for x in scores.fixes] == [
        ("H003", "template", 200), ("T003", "rule", 1)]
    assert "once in the template" in scores.fixes[0].fix


def test_gains_add_up_to_the_headroom() -> None:
    pages = [page("a", f("T003", "a", '"t1"'), f("I001", "a", '"i1"', "error")),
             page("b", f("T003", "b", '"t2"')), page("c"), page("d", f("H003", "d"))]
    scores = compute(pages, INFOS)
    assert scores.site is not None
    assert sum(x.gain for x in scores.fixes) == pytest.approx(100 - scores.site, abs=0.1)


def test_fix_gain_is_the_recomputed_score_rise() -> None:
    pages = [page("a", f("T003", "a")), page("b")]
    scores = compute(pages, INFOS)
    without = compute([page("a"), page("b")], INFOS)
    assert without.site is not None and scores.site is not None
    assert scores.fixes[0].gain == pytest.approx(without.site - scores.site, abs=0.01)


def _run(*args: str, cwd: Path | None = None) -> tuple[int, str]:
    import os

    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        r = CliRunner().invoke(app, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return r.exit_code, r.stdout if '-f' in args else r.output


LONG = "<html lang=en><head><title>" + "x" * 80 + "</title></head><body><h1>A</h1></body></html>"


def test_gates(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(LONG)
    base = ["check", str(tmp_path), "--select", "T003", "-f", "json"]
    assert _run(*base)[0] == 0  # one warning; fail-on error
    assert _run(*base, "--max-warnings", "0")[0] == 1
    assert _run(*base, "--max-warnings", "1")[0] == 0
    assert _run(*base, "--fail-under", "90")[0] == 1  # the page scores 0 on T003 alone
    assert _run(*base, "--fail-under", "0")[0] == 0
    assert _run(*base, "--fail-under", "90", "--exit-zero")[0] == 0
    assert _run(*base, "--fail-under", "120")[0] == 2


@pytest.mark.parametrize("table", [
    "[scoring.severity-weights]\nerror = 0\n", "[scoring.weights]\nT003 = -1\n",
    "[scoring.weights]\nT999 = 2\n", "[scoring.caps]\nI001 = 0\n", "[scoring]\nbogus = 1\n",
])
def test_bad_weights_exit_2(tmp_path: Path, table: str) -> None:
    (tmp_path / "a.html").write_text(LONG)
    (tmp_path / "seolint.toml").write_text(table)
    code, out = _run("check", "a.html", cwd=tmp_path)
    assert code == 2 and "scoring" in out


def test_weights_change_the_score(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(LONG)
    (tmp_path / "seolint.toml").write_text('select = ["T003", "T001"]\n')
    _, out = _run("check", "a.html", "-f", "json", cwd=tmp_path)
    before = json.loads(out)["summary"]["score"]
    (tmp_path / "seolint.toml").write_text(
        'select = ["T003", "T001"]\n[scoring.weights]\nT003 = 6\n')
    _, out = _run("check", "a.html", "-f", "json", cwd=tmp_path)
    assert json.loads(out)["summary"]["score"] < before


def test_json_carries_scores_breakdown_and_fixes(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(LONG)
    (tmp_path / "b.html").write_text(LONG.replace("x" * 80, "A fine title of a good length here"))
    code, out = _run("check", str(tmp_path), "--select", "T", "-f", "json")
    data = json.loads(out)
    assert data["summary"]["score"] is not None and "titles" in data["summary"]["categories"]
    pages = {Path(p["path"]).name: p for p in data["pages"]}
    assert pages["b.html"]["score"] == 100.0
    assert pages["a.html"]["failed_rules"]["T003"] == 1.0
    fix = data["fixes"][0]
    assert fix["code"] in ("T003", "T004") and fix["pages"] == 1 and fix["gain"] > 0
    assert data["summary"]["rules"]["T003"]["findings"] == 1


def test_thousands_of_pages_with_one_title_make_one_group() -> None:
    from seolint.document import PageSummary, Position, Site
    from seolint.testing import builtin_rules, options_for

    rule = builtin_rules()["D001"]
    pages = tuple(PageSummary(url=f"https://x/{i}", path=f"{i}.html", indexable=True,
                              kind="page", title="Home", title_pos=Position(1, 1),
                              description=None, description_pos=Position(), h1=None,
                              h1_pos=Position(), internal_links=(), canonical=None)
                  for i in range(3000))
    found = list(rule.check(Site(pages), options_for(rule)))  # type: ignore[misc]
    assert len(found) == 3000  # one finding per page, naming the group; no pair findings
    assert "shared with 2999 other pages" in found[0].message


def _site_report(tmp_path: Path, pages: dict[str, str]) -> dict:
    for name, html in pages.items():
        (tmp_path / name).write_text(html)
    code, out = _run("check", str(tmp_path), "-f", "json", "--select", "ALL")
    assert code in (0, 1)
    return json.loads(out)


def test_a_site_of_one_page(tmp_path: Path) -> None:
    data = _site_report(tmp_path, {"index.html": LONG})
    assert data["summary"]["pages"] == 1 and data["summary"]["score"] is not None
    assert not [f for f in data["findings"] if f["code"].startswith("D")]


def test_a_site_where_every_page_is_identical(tmp_path: Path) -> None:
    body = ("<html lang=en><head><title>The same page everywhere you look</title></head><body>"
            "<main><h1>Same</h1><p>" + "Every page of this site says exactly the same thing. " * 10
            + "</p></main></body></html>")
    data = _site_report(tmp_path, {f"p{i}.html": body for i in range(12)})
    exact = [f for f in data["findings"] if f["code"] == "D004"]
    assert len(exact) == 12 and all("byte-identical to 11 other pages" in f["message"]
                                    for f in exact)
    d004 = [x for x in data["fixes"] if x["code"] == "D004"]
    assert len(d004) == 1 and d004[0]["pages"] == 12  # one fix, not 12 or 66


def test_pages_with_no_text(tmp_path: Path) -> None:
    data = _site_report(tmp_path, {"a.html": "<html><head><title>A</title></head><body></body></html>",
                                   "b.html": "<html><head><title>B</title></head><body> </body></html>",
                                   "c.html": "<p></p>"})
    assert data["summary"]["pages"] == 3
    assert not [f for f in data["findings"] if f["code"] in ("Z001", "D004")]
