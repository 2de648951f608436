"""bench/precision_sample.py draw: --codes, --per-rule and --exclude (a fresh sample leaves out
what earlier samples labelled)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SITE = "sites/haskell-jp-hakyll-ja"


def _bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "tests" / "precision"))
    spec = importlib.util.spec_from_file_location("precision_sample",
                                                  ROOT / "bench" / "precision_sample.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_draw_codes_per_rule_and_exclude(shared: Path, tmp_path: Path) -> None:
    bench = _bench()
    site = shared / "corpus" / SITE
    pages = sorted(str(p) for p in (site / "posts").rglob("*.html"))[:6]
    findings = [{"site": SITE, "code": code, "message": f'Image "/img/{i}.png" has no width '
                 "and height attributes" if code == "I003" else "Paragraph has 160 words",
                 "path": path, "line": 1}
                for i, path in enumerate(pages) for code in ("I003", "R003", "T001")]
    source = tmp_path / "all.jsonl"
    source.write_text("".join(json.dumps(f) + "\n" for f in findings), encoding="utf-8")

    rows = bench.draw(source, 100, 22, codes=frozenset({"I003", "R003"}), per_rule=4)
    assert sorted(r["code"] for r in rows) == ["I003"] * 4 + ["R003"] * 4
    # The same seed draws the same sample.
    assert rows == bench.draw(source, 100, 22, codes=frozenset({"I003", "R003"}), per_rule=4)

    # Excluding labels: a labelled finding is never drawn again, the others still are.
    labelled = [dict(r, verdict="tp", reason="r") for r in rows if r["code"] == "I003"]
    again = bench.draw(source, 100, 22, codes=frozenset({"I003"}), per_rule=10,
                       exclude=labelled)
    drawn = {(r["file"], r["quote"]) for r in again}
    assert len(again) == len(pages) - len(labelled)
    assert drawn.isdisjoint({(r["file"], r["quote"]) for r in labelled})
