"""Peak memory and time of `seolint check` on small hostile pages (issue 18, item 6).

Writes each page to a temporary folder and runs `seolint check PAGE --format json` in a child
process, one at a time; the child's peak RSS is read from getrusage(RUSAGE_CHILDREN), which on
Linux reports the largest child's maxrss (one child per measurement, so it is that child's).

    .venv/bin/python bench/hostile_pages.py [--only NAME]

Every page is under the 5 MB file cap; the budget is 300 MB peak per page.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HEAD = '<html lang="en"><head><title>A hostile page for the memory bench</title></head><body>'


def pages() -> dict[str, str]:
    return {
        "100k-headings": HEAD + "".join(f"<h2>Heading {i}</h2>\n" for i in range(100_000)),
        "50k-paragraphs": HEAD + "".join(
            f"<p>Paragraph {i} has a few words in it.</p>\n" for i in range(50_000)),
        "100k-links": HEAD + "<p>" + "".join(
            f'<a href="/p{i}">link {i}</a>\n' for i in range(100_000)) + "</p>",
        "100k-images": HEAD + "".join(f'<img src="/i{i}.png">\n' for i in range(100_000)),
        "200k-list-items": HEAD + "<ul>" + "".join(f"<li>item {i}</li>" for i in range(200_000)),
        # the node cap's worst cases: as many elements as 5 MB holds, closed and unclosed
        "1.2M-br": HEAD + "<br>" * 1_240_000,
        "600k-nested-p": HEAD + "<p>x" * 1_240_000,
    }


def measure(path: Path) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one `seolint check` child."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "rc = subprocess.run([sys.executable, '-m', 'seolint', 'check', sys.argv[1], "
            "'--format', 'json'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)"
            ".returncode; print(time.perf_counter() - t, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, rc)")
    # A fresh parent per measurement: RUSAGE_CHILDREN is the maximum over every child so far.
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                         text=True, check=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", help="measure one page by name")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, html in pages().items():
            if args.only and name != args.only:
                continue
            path = Path(tmp) / f"{name}.html"
            path.write_text(html)
            seconds, mb, rc = measure(path)
            results[name] = {"bytes": os.path.getsize(path), "seconds": round(seconds, 1),
                             "peak_rss_mb": round(mb), "exit": rc}
            print(f"{name:18} {os.path.getsize(path) / 1e6:5.1f} MB file  {seconds:6.1f} s  "
                  f"{mb:6.0f} MB peak  exit {rc}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
