"""Draw the labelled precision sample, and show each drawn finding in its source for judging.

    python bench/ecosystem.py --findings all.jsonl          # every finding on the corpus
    python bench/precision_sample.py draw all.jsonl --out draft.jsonl [--n 420] [--seed 12]
                                     [--exclude LABELS.jsonl ...]
    python bench/precision_sample.py draw all.jsonl --out draft.jsonl --codes R002,R003 \
        --per-rule 40 --seed 22          # a fresh sample of some rules, 40 findings each
    python bench/precision_sample.py show draft.jsonl [--from 0 --to 30]

`draw` is how `tests/precision/labels.jsonl` was drawn (from the findings of seolint at
e7039e0, the starting commit of issue 12): stratified by rule, seeded. Every rule that fires gets
min(6, its count) findings; the rest of the n are shared out in proportion to each rule's
count (largest remainders), and drawn uniformly at random within the rule. Each drawn finding
becomes a label key (see tests/precision/keys.py): site, file relative to the site, rule code,
the quoted element of its message, and an excerpt of the source where it points, with verdict
and reason left empty for a person to fill in by reading the page.

A finding already labelled is not drawn again: by default every `tests/precision/labels*.jsonl`
(`--exclude FILE`, repeatable, names others instead; `--exclude none`, none), so a new sample
measures findings no earlier sample has judged (or tuned a rule against), and no two labels share
a key (tests/test_precision.py fails on that). Samples after the first: labels-2.jsonl was drawn
with seed 21 from the findings of a88837d, `--n 250`. `--codes` draws only from those rules'
findings, and `--per-rule N` gives each rule min(N, its count) findings instead of sharing out
`--n` (labels-readability.jsonl: R002, R003 and I003, 40 each, seed 22).

`show` prints, per draft row, the finding, its message and the source lines around it (and for
head rules the page's <head> tags the rule reads), which is what the judge reads.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "precision"))

from keys import CORPUS, also_of, key_of, label_id, matches  # noqa: E402

LABELS = ROOT / "tests" / "precision"


def labelled(files: list[Path]) -> list[dict[str, object]]:
    """The labels of earlier samples, which a new draw leaves out."""
    return [json.loads(line) for path in files
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def allocate(counts: dict[str, int], n: int, floor: int = 6) -> dict[str, int]:
    quota = {code: min(floor, c) for code, c in counts.items()}
    rest = n - sum(quota.values())
    left = {code: c - quota[code] for code, c in counts.items()}
    pool = sum(left.values())
    if rest <= 0 or pool <= 0:
        return quota
    shares = {code: rest * c / pool for code, c in left.items()}
    for code, s in shares.items():
        quota[code] += int(s)
    short = n - sum(quota.values())
    for code in sorted(shares, key=lambda c: -(shares[c] - int(shares[c])))[:short]:
        quota[code] += 1
    return {code: min(q, counts[code]) for code, q in quota.items()}


def draw(findings_file: Path, n: int, seed: int,
         exclude: list[dict[str, object]] | None = None, codes: frozenset[str] | None = None,
         per_rule: int | None = None) -> list[dict[str, object]]:
    """The stratified sample; findings an `exclude` label matches are not drawn."""
    by_rule: dict[str, list[dict[str, object]]] = defaultdict(list)
    groups: dict[tuple[object, ...], list[dict[str, object]]] = defaultdict(list)
    old: dict[tuple[object, ...], list[dict[str, object]]] = defaultdict(list)
    for label in exclude or ():
        old[(label["site"], label["file"], label["code"])].append(label)
    taken = {label_id(label) for label in exclude or ()}
    with findings_file.open(encoding="utf-8") as fh:
        for line in fh:
            f = json.loads(line)
            if not f.get("path") or (codes is not None and f["code"] not in codes):
                continue
            key = key_of(f, with_at=False)
            groups[tuple(key.values())].append(f)
            if not any(matches(label, f) for label in
                       old.get((key["site"], key["file"], key["code"]), ())):
                by_rule[f["code"]].append(f)
    counts = {code: len(v) for code, v in by_rule.items()}
    quota = ({code: min(per_rule, c) for code, c in counts.items()} if per_rule is not None
             else allocate(counts, n))
    rng = random.Random(seed)
    out = []
    for code in sorted(by_rule):
        for f in rng.sample(by_rule[code], quota[code]):
            # `at` only where the key without it names more than one finding, and `also` (a
            # piece of the message after its quote) where even `at` does
            group = groups[tuple(key_of(f, with_at=False).values())]
            row = key_of(f, with_at=len(group) > 1)
            if sum(matches(row, g) for g in group) > 1:
                row["also"] = also_of(str(f["message"]), str(row["prefix"]))
            if label_id(row) in taken:  # an earlier label's key: the two would not be told apart
                continue
            taken.add(label_id(row))
            row.update({"verdict": "", "reason": "", "message": f["message"],
                        "line": f["line"]})
            out.append(row)
    return out


def source_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


HEAD_TAG = re.compile(r"<(?:title|meta|link)\b[^>]*>(?:[^<]{0,200}</title>)?", re.I | re.S)


def show(rows: list[dict[str, object]], start: int, stop: int, width: int) -> None:
    for i, row in enumerate(rows[start:stop], start):
        path = CORPUS / str(row["site"]) / str(row["file"])
        lines = source_lines(path)
        line = int(row.get("line") or 1)
        print(f"=== #{i} {row['code']} {row['site']}/{row['file']}:{line}")
        print(f"    {row['message']}")
        lo, hi = max(0, line - 3), min(len(lines), line + 4)
        for k in range(lo, hi):
            mark = ">" if k + 1 == line else " "
            print(f"  {mark}{k + 1:5} {lines[k][:width]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("findings", type=Path)
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--n", type=int, default=420)
    d.add_argument("--seed", type=int, default=12)
    d.add_argument("--codes", help="comma-separated rule codes to draw from (default: all)")
    d.add_argument("--per-rule", type=int, help="draw min(N, count) of each rule instead of --n")
    d.add_argument("--exclude", action="append", default=None, metavar="LABELS",
                   help="leave out findings these labels name (repeatable; default: every "
                   "tests/precision/labels*.jsonl; 'none': leave out nothing)")
    s = sub.add_parser("show")
    s.add_argument("draft", type=Path)
    s.add_argument("--from", dest="start", type=int, default=0)
    s.add_argument("--to", dest="stop", type=int, default=10**9)
    s.add_argument("--width", type=int, default=220)
    args = ap.parse_args(argv)
    if args.cmd == "draw":
        files = (sorted(LABELS.glob("labels*.jsonl")) if args.exclude is None else
                 [Path(x) for x in args.exclude if x != "none"])
        codes = (frozenset(c.strip() for c in args.codes.split(",") if c.strip())
                 if args.codes else None)
        rows = draw(args.findings, args.n, args.seed, labelled(files), codes, args.per_rule)
        with args.out.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{len(rows)} findings drawn: " + ", ".join(
            f"{c} {n}" for c, n in sorted(Counter(str(r["code"]) for r in rows).items())))
        print("per site: " + ", ".join(
            f"{c} {n}" for c, n in sorted(Counter(str(r["site"]) for r in rows).items())))
        return 0
    rows = [json.loads(x) for x in args.draft.read_text(encoding="utf-8").splitlines() if x]
    show(rows, args.start, args.stop, args.width)
    return 0


if __name__ == "__main__":
    sys.exit(main())
