"""bench/ecosystem.py: the ecosystem check runs on a real site and writes a snapshot of its shape.

The run uses a small corpus made in tmp_path from a few pages of a real corpus site (a full site
takes too long for the suite); it skips without ../shared.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent

SITE = "haskell-jp-hakyll-ja"
PAGES = ("index.html", "about_us.html", "grc.html")


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ecosystem", ROOT / "bench" / "ecosystem.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _mini_corpus(shared: Path, tmp_path: Path) -> Path:
    source = shared / "corpus" / "sites" / SITE
    corpus = tmp_path / "corpus"
    site = corpus / "sites" / "mini"
    (site / "posts").mkdir(parents=True)
    shutil.copy(source / "index.html", site / "index.html")
    for name in PAGES[1:]:
        shutil.copy(source / "posts" / name, site / "posts" / name)
    (corpus / "sites" / "mini.meta").mkdir()  # notes beside a site are not a site
    return corpus


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "bench" / "ecosystem.py"), *args],
                          capture_output=True, text=True, timeout=300, cwd=ROOT.parent)


def test_snapshot_shape_and_compare(shared: Path, tmp_path: Path) -> None:
    corpus = _mini_corpus(shared, tmp_path)
    out = tmp_path / "snap.json"
    proc = _run("--corpus", str(corpus), "--out", str(out), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    snap = json.loads(out.read_text(encoding="utf-8"))
    assert snap["version"] == 1
    assert set(snap["sites"]) == {"sites/mini"}
    entry = snap["sites"]["sites/mini"]
    assert entry["pages"] == len(PAGES)
    assert set(entry["severity"]) == {"error", "warning", "info"}
    assert sum(entry["severity"].values()) == entry["findings"] == sum(entry["rules"].values())
    # The site's logo has no alt on every page (MANIFEST): the run found real defects.
    assert entry["rules"].get("I001", 0) >= len(PAGES)
    assert snap["total"]["rules"] == entry["rules"]

    # A diff of two snapshots names the rule that moved, with the numbers.
    moved = json.loads(json.dumps(snap))
    moved["sites"]["sites/mini"]["rules"]["I001"] += 2
    moved["sites"]["sites/mini"]["findings"] += 2
    new = tmp_path / "moved.json"
    new.write_text(json.dumps(moved), encoding="utf-8")
    proc = _run("--compare", str(out), str(new))
    assert proc.returncode == 0, proc.stderr
    i001 = entry["rules"]["I001"]
    assert "sites/mini: +2 / -0 findings" in proc.stdout
    assert f"I001   {i001:>6} -> {i001 + 2:<6} +2" in proc.stdout
    proc = _run("--compare", str(out), str(out))
    assert proc.stdout.startswith("no change")
    # --check holds a run against the committed snapshot: a site it does not know is a change.
    proc = _run("--corpus", str(corpus), "--check", "--jobs", "1")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "sites/mini: only in the new snapshot" in proc.stdout


def test_rule_moves_and_restrict() -> None:
    eco = _bench()
    old = {"pages": 2, "findings": 5, "severity": {}, "rules": {"T001": 3, "E001": 2}}
    new = {"pages": 2, "findings": 4, "severity": {}, "rules": {"T001": 4}}
    assert eco.rule_moves(old, new) == [("E001", 2, 0), ("T001", 3, 4)]
    sites = {"sites/a": Path("a"), "markdown/a": Path("ma"), "sites/b": Path("b")}
    assert set(eco.restrict(sites, "a")) == {"sites/a", "markdown/a"}
    assert set(eco.restrict(sites, "sites/b")) == {"sites/b"}


def test_no_corpus_exits_zero(tmp_path: Path) -> None:
    proc = _run("--corpus", str(tmp_path / "nothing"), "--check")
    assert proc.returncode == 0
    assert "no corpus" in proc.stdout


def test_select_runs_only_those_rules(shared: Path, tmp_path: Path) -> None:
    corpus = _mini_corpus(shared, tmp_path)
    out = tmp_path / "select.json"
    findings = tmp_path / "select.jsonl"
    # I003 is off by default: --select still runs it, and nothing else.
    proc = _run("--corpus", str(corpus), "--out", str(out), "--jobs", "1", "--select", "I003",
                "--findings", str(findings))
    assert proc.returncode == 0, proc.stderr
    snap = json.loads(out.read_text(encoding="utf-8"))
    assert snap["select"] == "I003"
    assert set(snap["sites"]["sites/mini"]["rules"]) == {"I003"}
    rows = [json.loads(x) for x in findings.read_text(encoding="utf-8").splitlines()]
    assert rows and {r["code"] for r in rows} == {"I003"}
    # A --select run is no default-selection run: --check refuses it.
    proc = _run("--corpus", str(corpus), "--check", "--select", "I003")
    assert proc.returncode == 2 and "drop --select" in proc.stderr
