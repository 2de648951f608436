"""bench/precision_sample.py draw leaves out findings an earlier sample labelled.

A new sample must measure findings no earlier sample judged: a finding drawn twice would give
two labels one key (tests/test_precision.py fails on that) and would measure a rule against the
labels it was tuned on. Skips without ../shared/corpus (label keys name corpus files).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "precision"))

from keys import CORPUS, key_of, label_id  # noqa: E402
from precision_sample import draw, labelled, main  # noqa: E402

pytestmark = pytest.mark.skipif(not (CORPUS / "sites").is_dir(),
                                reason="no ../shared/corpus (the real-blog corpus)")


def _findings(tmp_path: Path) -> tuple[Path, list[dict[str, object]]]:
    page = next((CORPUS / "sites").glob("*/index.html"))
    rows: list[dict[str, object]] = [
        {"site": "x", "code": "T003", "message": f'Title "{t}" is 640 px wide (limit 600)',
         "path": str(page), "line": 1, "column": 1} for t in ("First post", "Second post")]
    rows.append({"site": "x", "code": "M002", "message": "Page has no meta description",
                 "path": str(page), "line": 1, "column": 1})
    out = tmp_path / "all.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return out, rows


def test_draw_leaves_out_labelled_findings(tmp_path: Path) -> None:
    findings, rows = _findings(tmp_path)
    old = dict(key_of(rows[0], with_at=False), verdict="tp", reason="too wide")
    everything = draw(findings, 3, seed=21)
    assert len(everything) == 3
    assert label_id(old) in {label_id(r) for r in everything}
    fresh = draw(findings, 3, seed=21, exclude=[old])
    assert len(fresh) == 2
    assert label_id(old) not in {label_id(r) for r in fresh}
    assert {r["quote"] for r in fresh} == {"Second post", ""}


def test_draw_excludes_the_given_label_files(tmp_path: Path) -> None:
    findings, rows = _findings(tmp_path)
    labels = tmp_path / "labels-old.jsonl"
    labels.write_text(json.dumps(dict(key_of(rows[2], with_at=False), verdict="tp",
                                      reason="none")) + "\n", encoding="utf-8")
    assert len(labelled([labels])) == 1
    out = tmp_path / "draft.jsonl"
    assert main(["draw", str(findings), "--out", str(out), "--n", "3",
                 "--exclude", str(labels)]) == 0
    drawn = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["code"] for r in drawn) == ["T003", "T003"]
    assert main(["draw", str(findings), "--out", str(out), "--n", "3",
                 "--exclude", "none"]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


SITE = "sites/haskell-jp-hakyll-ja"


def test_draw_codes_per_rule_and_exclude(tmp_path: Path) -> None:
    site = CORPUS / SITE
    pages = sorted(str(p) for p in (site / "posts").rglob("*.html"))[:6]
    findings = [{"site": SITE, "code": code, "message": f'Image "/img/{i}.png" has no width '
                 "and height attributes" if code == "I003" else "Paragraph has 160 words",
                 "path": path, "line": 1}
                for i, path in enumerate(pages) for code in ("I003", "R003", "T001")]
    source = tmp_path / "all.jsonl"
    source.write_text("".join(json.dumps(f) + "\n" for f in findings), encoding="utf-8")

    rows = draw(source, 100, 22, codes=frozenset({"I003", "R003"}), per_rule=4)
    assert sorted(r["code"] for r in rows) == ["I003"] * 4 + ["R003"] * 4
    # The same seed draws the same sample.
    assert rows == draw(source, 100, 22, codes=frozenset({"I003", "R003"}), per_rule=4)

    # Excluding labels: a labelled finding is never drawn again, the others still are.
    old = [dict(r, verdict="tp", reason="r") for r in rows if r["code"] == "I003"]
    again = draw(source, 100, 22, codes=frozenset({"I003"}), per_rule=10, exclude=old)
    assert len(again) == len(pages) - len(old)
    assert {(r["file"], r["quote"]) for r in again}.isdisjoint(
        {(r["file"], r["quote"]) for r in old})
