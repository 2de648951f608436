"""Benchmark: how long `seolint check ONE-PAGE.html` takes from a cold start, and what it imports.

    python bench/bench_cold.py [--runs 15] [PAGE.html]

Runs the installed `seolint check PAGE --exit-zero` --runs times in a fresh process each time
(hyperfine's method: wall time of the whole process, median and spread), alternating with a bare
`python -c pass` so the interpreter's own start is shown beside it. It then runs the same check
once under `python -X importtime` and prints the total import time and the ten heaviest
top-level imports: on a shared, noisy machine the import total is the steadier figure.
Not part of the test suite: timings belong here, never in tests.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGE = ROOT / "fixtures" / "sample-blog" / "posts" / "running-and-your-brain" / "index.html"


def timed(cmd: list[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - start


def import_profile(cmd: list[str], cwd: str) -> tuple[float, list[tuple[float, str]]]:
    """(total seconds, [(cumulative seconds, module)] of top-level imports, heaviest first)."""
    env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1")
    err = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                         check=False).stderr
    total = 0.0
    top: list[tuple[float, str]] = []
    for line in err.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if not m:
            continue
        self_us, cumulative, indent, name = int(m[1]), int(m[2]), len(m[3]), m[4]
        total += self_us
        if indent <= 1:
            top.append((cumulative / 1e6, name))
    return total / 1e6, sorted(top, reverse=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("page", nargs="?", default=str(DEFAULT_PAGE))
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    page = Path(args.page).resolve()
    seolint = [sys.executable, "-m", "seolint"]
    exe = Path(sys.executable).with_name("seolint")
    if exe.exists():
        seolint = [str(exe)]
    check = [*seolint, "check", str(page), "--exit-zero", "--no-progress"]
    bare = [sys.executable, "-c", "pass"]
    # An empty folder as the working directory: no seolint.toml of this repo is found.
    with tempfile.TemporaryDirectory() as cwd:
        timed(check, cwd)  # warm the page cache once
        runs: list[float] = []
        python: list[float] = []
        for _ in range(args.runs):
            runs.append(timed(check, cwd))
            python.append(timed(bare, cwd))
        profiled = [sys.executable, "-X", "importtime", *check[1:]] if check[0] != str(exe) \
            else [sys.executable, "-X", "importtime", *check]
        total, top = import_profile(profiled, cwd)
    print(f"seolint check {page.name}: median {statistics.median(runs):.3f} s "
          f"(min {min(runs):.3f}, max {max(runs):.3f}, {args.runs} runs)")
    print(f"python -c pass:        median {statistics.median(python):.3f} s")
    print(f"import time total:     {total:.3f} s")
    for seconds, name in top[:10]:
        print(f"  {seconds:7.3f} s  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
