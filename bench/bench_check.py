"""Benchmark: `seolint check` with every rule against a bare parse-only loop, same files.

    python bench/bench_check.py [--runs 3] [--jobs N] [SITE_DIR ...]

By default it lints every site in ../shared/corpus/sites. In the same run it times:
- parse-only: read each file and BeautifulSoup(html.parser) it, one process: the ceiling a
  bs4-based linter cannot beat on one core;
- seolint: the whole pipeline (discover, decode, parse, extract, every page and site rule,
  report built), as `seolint check` runs it, with its process pool.
It prints pages per second for both (median of --runs) and their ratio. Target: >= 0.5.
Not part of the test suite: timings belong here, never in tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from bs4 import BeautifulSoup

from seolint.config import Settings
from seolint.engine import lint
from seolint.sources.files import discover

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "sites"


def parse_only(files: list[str]) -> None:
    for name in files:
        with open(name, "rb") as fh:
            BeautifulSoup(fh.read(), "html.parser")


def run_seolint(paths: list[str], jobs: int | None) -> int:
    settings = Settings(jobs=jobs)
    found = discover(paths, None)
    report = lint(list(found.items), [], settings, found.complete, found.known_urls)
    return len(report.findings)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sites", nargs="*")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()
    sites = args.sites or sorted(str(p) for p in CORPUS.iterdir()
                                 if p.is_dir() and not p.name.startswith("_")
                                 and not p.name.endswith(".meta")) if CORPUS.is_dir() else []
    if not sites:
        print("no sites: pass folders, or put ../shared/corpus/sites beside the repo")
        return 2
    files = [i.file for i in discover(sites, None).items]
    print(f"{len(files)} pages in {len(sites)} sites; {args.runs} runs each")
    base, full, findings = [], [], 0
    for _ in range(args.runs):
        t = time.perf_counter()
        parse_only(files)
        base.append(time.perf_counter() - t)
        t = time.perf_counter()
        findings = sum(run_seolint([s], args.jobs) for s in sites)
        full.append(time.perf_counter() - t)
    b, f = statistics.median(base), statistics.median(full)
    print(f"parse-only : {len(files) / b:8.1f} pages/s  (median {b:.2f} s; runs "
          f"{', '.join(f'{x:.2f}' for x in base)})")
    print(f"seolint    : {len(files) / f:8.1f} pages/s  (median {f:.2f} s; runs "
          f"{', '.join(f'{x:.2f}' for x in full)}; {findings} findings)")
    print(f"ratio      : {b / f:.2f}x the parse-only ceiling (target >= 0.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
