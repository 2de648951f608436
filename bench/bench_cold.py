"""Benchmark: how long `seolint check ONE-PAGE.html` takes from a cold start, and what it imports.

    python bench/bench_cold.py [--runs 15] [PAGE.html]
    python bench/bench_cold.py --against /path/to/other-venv/bin/python   (A/B, alternating)

For an A/B run, install the other version in a venv of its own, as a user would
(`python3 -m venv /tmp/old && /tmp/old/bin/pip install /path/to/old/checkout`): its
dependencies then count too, and its rules are its own (a PYTHONPATH pointing at another
checkout would still load the rules of the checkout installed here, through the entry points).

Runs the installed `seolint check PAGE --exit-zero` --runs times in a fresh process each time
(hyperfine's method: wall time of the whole process, median and spread), alternating with a bare
`python -c pass` so the interpreter's own start is shown beside it. It then runs the same check
once under `python -X importtime` and prints the total import time and the ten heaviest
top-level imports: on a shared, noisy machine the import total is the steadier figure.
(`-X importtime` does not see modules loaded through importlib.import_module, which is how the
rules' entry points load: their import is in the wall time, not in that list.)

Bytecode: a user's `pip install` compiles every module to .pyc, so a cold start reads bytecode.
PYTHONDONTWRITEBYTECODE=1 (set on the team's machines) would make an editable checkout compile
every module from source on every run, about 0.15 s more than any user pays; the runs here
drop it so that the first, untimed run writes the .pyc files, as pip would have.
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


def warm(cmd: list[str], cwd: str, env: dict[str, str]) -> None:
    """One untimed run, which writes the .pyc files and fills the page cache, and must work:
    a run that fails at once would time as a fast one."""
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed (exit {done.returncode}):\n{done.stderr}")


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
    ap.add_argument("--against", metavar="PYTHON", help="the interpreter of another venv with "
                    "another seolint installed: timed in turn with this one")
    args = ap.parse_args()
    page = Path(args.page).resolve()
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    pythons = {"this checkout": sys.executable}
    if args.against:
        pythons[f"--against {args.against}"] = args.against
    checks = {name: [py, "-m", "seolint", "check", str(page), "--exit-zero", "--no-progress"]
              for name, py in pythons.items()}
    bare = [sys.executable, "-c", "pass"]
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in checks}
    python: list[float] = []
    # An empty folder as the working directory: no seolint.toml of this repo is found.
    with tempfile.TemporaryDirectory() as cwd:
        for check in checks.values():
            warm(check, cwd, base)
        for _ in range(args.runs):
            for name, check in checks.items():  # alternating: the machine's drift hits both
                runs[name].append(timed(check, cwd, base))
            python.append(timed(bare, cwd, base)[0])
        profiles = {name: import_profile([check[0], "-X", "importtime", *check[1:]], cwd, base)
                    for name, check in checks.items()}
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
