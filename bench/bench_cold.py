"""Benchmark: how long `seolint check ONE-PAGE.html` takes from a cold start, and what it imports.

    python bench/bench_cold.py [--runs 15] [PAGE.html]
    python bench/bench_cold.py --against /path/to/other/checkout      (A/B, alternating)

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
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGE = ROOT / "fixtures" / "sample-blog" / "posts" / "running-and-your-brain" / "index.html"


def timed(cmd: list[str], cwd: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run. CPU time (user + system) is what the process
    itself spent: on a shared machine it moves far less than wall time, which includes waiting
    for a core."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def import_profile(cmd: list[str], cwd: str, env: dict[str, str] | None = None
                   ) -> tuple[float, list[tuple[float, str]]]:
    """(total seconds, [(cumulative seconds, module)] of top-level imports, heaviest first)."""
    env = dict(env or os.environ, PYTHONPROFILEIMPORTTIME="1")
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
    ap.add_argument("--against", help="another checkout of seolint (its folder): timed in turn "
                    "with this one, by PYTHONPATH, with the same interpreter")
    args = ap.parse_args()
    page = Path(args.page).resolve()
    # `python -m seolint`, not the console script, so PYTHONPATH can point at another checkout
    # for an A/B run with the same interpreter.
    check = [sys.executable, "-m", "seolint", "check", str(page), "--exit-zero", "--no-progress"]
    bare = [sys.executable, "-c", "pass"]
    variants = {"this checkout": dict(os.environ)}
    if args.against:
        variants[f"--against {args.against}"] = dict(os.environ, PYTHONPATH=args.against)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    python: list[float] = []
    # An empty folder as the working directory: no seolint.toml of this repo is found.
    with tempfile.TemporaryDirectory() as cwd:
        for env in variants.values():
            timed(check, cwd, env)  # warm the page cache and the .pyc files once
        for _ in range(args.runs):
            for name, env in variants.items():  # alternating: the machine's drift hits both
                runs[name].append(timed(check, cwd, env))
            python.append(timed(bare, cwd)[0])
        profiles = {name: import_profile([sys.executable, "-X", "importtime", *check[1:]],
                                         cwd, env) for name, env in variants.items()}
    print(f"python -c pass: median {statistics.median(python):.3f} s")
    for name, times in runs.items():
        total, top = profiles[name]
        wall = [w for w, _ in times]
        cpu = [c for _, c in times]
        print(f"{name}: seolint check {page.name}: wall median {statistics.median(wall):.3f} s "
              f"(min {min(wall):.3f}, max {max(wall):.3f}, {args.runs} runs), CPU median "
              f"{statistics.median(cpu):.3f} s; import time total {total:.3f} s")
        for seconds, module in top[:8]:
            print(f"  {seconds:7.3f} s  {module}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
