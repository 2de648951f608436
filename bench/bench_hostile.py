"""How analysis time grows on hostile pages: does any pattern cost more than linear time?

A page of the web can be 5 MB of anything. For each pattern below (nested links and headings,
unclosed titles, a paragraph of abbreviations, ...) this analyses one page of n repeats and
one of 4n, with every rule on, and prints the time of each and their ratio. Linear work gives
a ratio near 4; a ratio of 10 or more means something walks the page once per element, which
a 5 MB page turns into minutes. Timings live here, never in tests.

    python bench/bench_hostile.py [--n 20000]
"""

from __future__ import annotations

import argparse
import statistics
import time

from seolint.analysis.analyser import Analyser, Context
from seolint.config import Settings
from seolint.document import RawDocument
from seolint.registry import select_rules

PATTERNS: dict[str, tuple[str, str, str]] = {
    # name: (before, repeated unit, after)
    "nested links": ("<main>", "<a href=/x>word ", "</main>"),
    "nested headings": ("<main>", "<h2>title ", "</main>"),
    "nested headers in an article": ("<main><article>", "<header>x ", "</article></main>"),
    "unclosed titles": ("<head>", "<title>x ", "</head><body></body>"),
    "nested date spans": ("<main>", "<span class=date>2020 ", "</main>"),
    "nested author spans": ("<main>", "<span class=author>Ann ", "</main>"),
    "nested share wrappers, h1 last": ("<main>", "<div class=share>x ", "<h1>t</h1></main>"),
    "nested divs of text": ("<main>", "<div>word ", "</main>"),
    "nested tables": ("<main>", "<table><tr><td>cell ", "</main>"),
    "paragraph of abbreviations": ("<main><p>", "Dr. ", "</p></main>"),
    "paragraph of list numbers": ("<main><p>", "1. ", "</p></main>"),
    "many paragraphs": ("<main>", "<p>One two three. Four five six.</p>", "</main>"),
    "many links": ("<main>", "<a href='/p'>link</a> ", "</main>"),
    "many images": ("<main>", "<img src=a.png>", "</main>"),
}


def page(pattern: tuple[str, str, str], n: int) -> RawDocument:
    before, unit, after = pattern
    html = f"<html lang=en><head><title>t</title></head><body>{before}{unit * n}{after}"
    return RawDocument(url="https://example.org/post/", path=None, body=html.encode())


def timed(analyser: Analyser, doc: RawDocument, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        analyser.analyse(doc)
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000, help="repeats on the small page")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    settings = Settings()
    analyser = Analyser(Context(settings, tuple(cr.rule.code for cr in select_rules(settings))))
    analyser.analyse(page(PATTERNS["many paragraphs"], 10))  # warm the per-process caches
    worst = 0.0
    print(f"{'pattern':32s} {'n':>7s} {'MB':>5s} {'s':>7s} {'4n':>8s} {'MB':>5s} {'s':>7s} ratio")
    for name, pattern in PATTERNS.items():
        small, large = page(pattern, args.n), page(pattern, 4 * args.n)
        t1, t4 = timed(analyser, small, args.runs), timed(analyser, large, args.runs)
        ratio = t4 / t1 if t1 > 0 else 0.0
        worst = max(worst, ratio)
        print(f"{name:32s} {args.n:7d} {len(small.body) / 1e6:5.2f} {t1:7.2f} "
              f"{4 * args.n:8d} {len(large.body) / 1e6:5.2f} {t4:7.2f} {ratio:5.1f}",
              flush=True)
    print(f"worst ratio {worst:.1f} (linear: about 4)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
