"""Benchmark: the whole `check` (site rules included) on the largest corpus site, and how
near-duplicate detection grows with the number of pages.

    python bench/bench_site.py [--runs 3]

Copies ../shared/corpus/sites/karpoke-pelican-es to a temporary folder and restores its tag
pages from _archives/ there (about 2,750 pages; ../shared is never written). Then, in one run:
- parse-only vs the whole check with every rule, pages/s and ratio (target >= 0.5);
- D004 near-duplicate-content alone over 25 %, 50 % and 100 % of the page summaries: seconds
  and seconds per 1,000 pages, which stay about flat when the growth is linear.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from bs4 import BeautifulSoup

from seolint.config import Settings
from seolint.document import Site
from seolint.engine import lint
from seolint.sources.files import discover
from seolint.testing import builtin_rules, options_for

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT.parent / "shared" / "corpus" / "sites" / "karpoke-pelican-es"
ARCHIVE = SITE.parent / "_archives" / "karpoke-pelican-es__etiqueta_and_tag_feeds.tar.xz"


def restore(into: Path) -> Path:
    target = into / "karpoke-pelican-es"
    shutil.copytree(SITE, target)
    with tarfile.open(ARCHIVE) as tar:
        tar.extractall(target, filter="data")
    return target


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not SITE.is_dir() or not ARCHIVE.is_file():
        print("needs ../shared/corpus/sites/karpoke-pelican-es and its archive")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = restore(Path(tmp))
        found = discover([str(site)], None)
        files = [i.file for i in found.items]
        print(f"{len(files)} pages; {args.runs} runs")
        base, full = [], []
        report = None
        for _ in range(args.runs):
            t = time.perf_counter()
            for name in files:
                with open(name, "rb") as fh:
                    BeautifulSoup(fh.read(), "html.parser")
            base.append(time.perf_counter() - t)
            t = time.perf_counter()
            report = lint(list(found.items), [], Settings(), found.complete, found.known_urls)
            full.append(time.perf_counter() - t)
        assert report is not None
        b, f = statistics.median(base), statistics.median(full)
        print(f"parse-only : {len(files) / b:7.1f} pages/s (median {b:.2f} s)")
        print(f"check, all : {len(files) / f:7.1f} pages/s (median {f:.2f} s); "
              f"{len(report.findings)} findings, site score {report.score}")
        print(f"ratio      : {b / f:.2f}x the parse-only ceiling (target >= 0.5)")
        summaries = [p.summary for p in report.pages if p.summary is not None]
        rule = builtin_rules()["D004"]
        opts = options_for(rule)
        print("near-duplicate detection (D004 alone, median of runs):")
        for share in (0.25, 0.5, 1.0):
            part = tuple(summaries[: int(len(summaries) * share)])
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                groups = list(rule.check(Site(part), opts))  # type: ignore[misc]
                times.append(time.perf_counter() - t)
            m = statistics.median(times)
            print(f"  {len(part):5d} pages: {m:.3f} s, {1000 * m / len(part):.3f} s per 1,000 "
                  f"pages, {len(groups)} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
