"""Benchmark: re-linting a 2,000-word post after an edit, through the real protocol.

    python bench/bench_server.py [--edits 40] [--words 2000] [--site-posts 60]

Starts `seolint server` as a subprocess (tests/lsp_client.py: Content-Length JSON-RPC over
stdio, the editor's side), opens a generated 2,000-word Markdown post in a workspace of
--site-posts other posts, waits for the background index, then makes --edits edits one at a
time (a word typed into a paragraph, as a whole-document change) and times each from sending
didChange to receiving the publishDiagnostics of that version. Edits are spaced past the
debounce window, so each one measures a lint, not the wait. Prints the median (target: 50 ms
warm), min and max, and the time to the first diagnostics and to the index.
Not part of the test suite: timings belong here, never in tests.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.lsp_client import Client  # noqa: E402

WORDS = ("the a writer reads post search engine page title heading link image reader blog "
         "content words sentence paragraph guide shows clear simple example because while "
         "running shoes training habit morning plan week goal track pace distance recovery "
         "careful every often usually better quickly readers notice when structure helps").split()


def post(words: int, seed: int, title: str) -> str:
    rng = random.Random(seed)
    out = [f"---\ntitle: {title}\ndescription: A guide of {words} words that walks a "
           "reader through the whole topic, step by step, with examples\n"
           "date: 2024-05-01\nauthor: Ann Writer\n---\n"]
    written = 0
    section = 0
    while written < words:
        if written % 300 < 20:
            section += 1
            out.append(f"\n## Section {section} of the guide\n")
        sentences = []
        for _ in range(rng.randint(3, 5)):
            n = rng.randint(8, 18)
            s = " ".join(rng.choice(WORDS) for _ in range(n))
            sentences.append(s[0].upper() + s[1:] + ".")
            written += n
        if rng.random() < 0.2:
            sentences.append(f"See [the training plan](/posts/post-{rng.randint(0, 9)}/).")
        out.append("\n" + " ".join(sentences) + "\n")
    return "".join(out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=40)
    ap.add_argument("--words", type=int, default=2000)
    ap.add_argument("--site-posts", type=int, default=60)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "blog"
        (root / "_posts").mkdir(parents=True)
        (root / "_config.yml").write_text("title: Bench blog\n")
        for i in range(args.site_posts):
            (root / "_posts" / f"2024-01-{i % 28 + 1:02d}-post-{i}.md").write_text(
                post(600, i, f"Post number {i} about running and how to train for it"))
        target = root / "_posts" / "2024-05-01-the-long-guide.md"
        text = post(args.words, 12345, "The long guide to running a first marathon well")
        target.write_text(text)
        client = Client(cwd=tmp)
        try:
            start = time.perf_counter()
            client.initialize(root, {"debounceMs": 200})
            uri = target.as_uri()
            mark = client.mark()
            client.open(uri, text)
            client.diagnostics(uri, after=mark, timeout=120)
            first = time.perf_counter() - start
            client.wait_for(lambda m: m.get("method") == "$/progress"
                            and m["params"]["value"]["kind"] == "end", timeout=300)
            indexed = time.perf_counter() - start
            time.sleep(0.5)
            lines = text.split("\n")
            para = next(i for i, line in enumerate(lines) if len(line) > 200)
            times: list[float] = []
            count = 0
            for version in range(2, args.edits + 2):
                lines[para] = lines[para].replace(".", " word.", 1)
                text = "\n".join(lines)
                mark = client.mark()
                sent = time.perf_counter()
                client.change(uri, version, text)
                msg = client.wait_for(
                    lambda m, v=version: m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri and m["params"].get("version") == v,
                    timeout=60, after=mark)
                times.append(msg["_received"] - sent)
                count = len(msg["params"]["diagnostics"])
                time.sleep(0.25)  # past the debounce window: the next edit is linted at once
            client.close()
        finally:
            client.kill()
    ms = sorted(t * 1000 for t in times)
    print(f"{args.words}-word post, {args.site_posts} other posts in the workspace, "
          f"{count} diagnostics")
    print(f"first diagnostics after start: {first:.2f} s; index ready after {indexed:.2f} s")
    print(f"didChange -> publishDiagnostics: median {statistics.median(ms):.1f} ms "
          f"(min {ms[0]:.1f}, p90 {ms[int(len(ms) * 0.9) - 1]:.1f}, max {ms[-1]:.1f}; "
          f"{len(ms)} edits)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
