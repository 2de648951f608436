"""Does seolint's reading ease order texts as human raters do? seolint and textstat side by side.

    python bench/readability_agreement.py [--pairs 20000] [--seed 12] [--json]
    python bench/readability_agreement.py --de PATH   # the German corpus somewhere else

Two graded corpora, each read where it lies and never copied into the repo; a corpus that is
absent is skipped with a note (a fresh clone has neither):

- **English: CLEAR** (CommonLit Ease of Readability, CC BY-NC-SA 4.0),
  `../shared/corpus/labelled/clear/clear_corpus.jsonl`: 4,724 excerpts of 140-200 words with
  teachers' pairwise-judged easiness (`bt_easiness`, Bradley-Terry, standard error `bt_se`).
- **German: TextComplexityDE19** (Naderi et al. 2019, arXiv:1904.07733, MIT licence),
  babaknaderi/TextComplexityDE: 900 Wikipedia and Leichte-Sprache sentences, each rated for
  complexity by about ten German learners (`MOS_Complexity`, 1 easy to 7 hard; easiness is
  its negative). The script looks for it in `--de` (a checkout, or a bare git directory such as
  the one the team's `fetch` tool makes under /work/.mirror/), then
  /tmp/TextComplexityDE and /work/.mirror/babaknaderi+TextComplexityDE/repo.

For each corpus and each scorer, in one run: Pearson's r and Spearman's rho of reading ease
with the human easiness, and the share of pairs ordered as the humans order them. Pairs are
drawn at random (seeded) among those whose human scores differ by more than the sum of their
standard errors (for CLEAR its `bt_se`; for TextComplexityDE the standard error of the mean,
Std/sqrt(Votes)), so a pair the raters could not tell apart does not count; a tie in reading
ease counts half.

Scorers: seolint's Flesch reading ease (seolint.text: its sentence splitting, syllables and
the language's own formula, on the text parsed as an HTML page with one `<p>` per paragraph and
`<html lang>` set) and textstat 0.7.8's `flesch_reading_ease` on the same text, with a textstat
instance set to the language (its `set_lang` is global state otherwise). Also, for CLEAR, the
corpus authors' own Flesch column as a reference point. seolint clamps its score to 0-100 as
readers see it; the unclamped score is reported too, so a tie at the clamp cannot hide a loss.
A paired bootstrap (200 resamples of the texts) gives the 95 % interval of the Spearman
difference seolint - textstat: an interval that holds 0 is a tie. Do not tune thresholds to
these texts: they measure the formula's inputs (sentences, syllables), not where a rule should
fire.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import math
import random
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEAR = ROOT.parent / "shared" / "corpus" / "labelled" / "clear" / "clear_corpus.jsonl"
DE_PLACES = (Path("/tmp/TextComplexityDE"),
             Path("/work/.mirror/babaknaderi+TextComplexityDE/repo"))
DE_FILE = "TextComplexityDE19/ratings.csv"


@dataclass(frozen=True)
class Item:
    text: str  # paragraphs separated by "\n"
    easiness: float  # higher is easier
    se: float  # the standard error of `easiness`
    flesch_ref: float | None = None  # the corpus's own Flesch column, where it has one


def load_clear(path: Path) -> list[Item] | None:
    if not path.is_file():
        return None
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out.append(Item(r["text"], float(r["bt_easiness"]), float(r["bt_se"]),
                            float(r["flesch_reading_ease"])))
    return out


def _read_de(place: Path) -> str | None:
    if (place / DE_FILE).is_file():
        raw = (place / DE_FILE).read_bytes()
    elif (place / "HEAD").is_file():  # a bare git directory
        proc = subprocess.run(["git", "--git-dir", str(place), "show", f"HEAD:{DE_FILE}"],
                              capture_output=True)
        if proc.returncode != 0:
            return None
        raw = proc.stdout
    else:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")  # the 2019 release is saved in Windows-1252


def load_de(places: Sequence[Path]) -> list[Item] | None:
    for place in places:
        text = _read_de(place)
        if text is None:
            continue
        out = []
        for r in csv.DictReader(io.StringIO(text)):
            votes = int(r["Votes_Complexity"])
            if votes < 2:
                continue
            se = float(r["Std_Complexity"]) / math.sqrt(votes)
            out.append(Item(r["Sentence"], -float(r["MOS_Complexity"]), se))
        return out
    return None


# --- scorers -------------------------------------------------------------------------------------

def seolint_scorer(lang: str, clamp: bool) -> Callable[[str], float | None]:
    from seolint.parse import parse_html
    from seolint.text import analysis

    def score(text: str) -> float | None:
        paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
        page = parse_html(f"<!doctype html><html lang={lang}><head><title>t</title></head>"
                          f"<body><main>{paras}</main></body></html>")
        a = analysis(page)
        if clamp:
            return a.flesch
        if not a.flesch_applicable:
            return None
        n_sent, n_words, n_syl = a.counts(a.sentences)
        if not n_words:
            return None
        base, per_sentence, per_syllable = a.data.flesch  # type: ignore[misc]
        return base - per_sentence * n_words / n_sent - per_syllable * n_syl / n_words

    return score


def textstat_scorer(lang: str) -> Callable[[str], float | None]:
    from textstat.textstat import textstatistics

    ts = textstatistics()
    ts.set_lang(lang)
    return lambda text: float(ts.flesch_reading_ease(text))


# --- statistics ----------------------------------------------------------------------------------

def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def ranks(x: Sequence[float]) -> list[float]:
    order = sorted(range(len(x)), key=lambda i: x[i])
    out = [0.0] * len(x)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and x[order[j + 1]] == x[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1  # ties share their mean rank
        i = j + 1
    return out


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    return pearson(ranks(x), ranks(y))


def draw_pairs(items: Sequence[Item], n: int, seed: int) -> list[tuple[int, int]]:
    """n distinct pairs whose human scores differ by more than their standard errors."""
    rng = random.Random(seed)
    seen: set[tuple[int, int]] = set()
    out: list[tuple[int, int]] = []
    tries = 0
    while len(out) < n and tries < 50 * n:
        tries += 1
        i, j = rng.randrange(len(items)), rng.randrange(len(items))
        if i == j:
            continue
        key = (min(i, j), max(i, j))
        a, b = items[i], items[j]
        if key in seen or abs(a.easiness - b.easiness) <= a.se + b.se:
            continue
        seen.add(key)
        out.append(key)
    return out


def ordered_share(scores: Sequence[float], items: Sequence[Item],
                  pairs: Sequence[tuple[int, int]]) -> float:
    good = 0.0
    for i, j in pairs:
        human = items[i].easiness - items[j].easiness
        machine = scores[i] - scores[j]
        if machine == 0:
            good += 0.5
        elif (machine > 0) == (human > 0):
            good += 1
    return good / len(pairs)


def evaluate(name: str, items: list[Item], scorers: dict[str, Callable[[str], float | None]],
             n_pairs: int, seed: int) -> dict[str, object]:
    scores: dict[str, list[float | None]] = {k: [f(it.text) for it in items]
                                             for k, f in scorers.items()}
    if all(it.flesch_ref is not None for it in items):
        scores["corpus Flesch column"] = [it.flesch_ref for it in items]
    # Compare every scorer on the same texts: those every scorer could score.
    keep = [i for i in range(len(items)) if all(s[i] is not None for s in scores.values())]
    kept = [items[i] for i in keep]
    pairs = draw_pairs(kept, n_pairs, seed)
    human = [it.easiness for it in kept]
    rows = {}
    values = {k: [float(s[i]) for i in keep] for k, s in scores.items()}  # type: ignore[arg-type]
    for k, v in values.items():
        rows[k] = {"pearson": round(pearson(v, human), 4),
                   "spearman": round(spearman(v, human), 4),
                   "pairs_ordered": round(ordered_share(v, kept, pairs), 4)}
    diff = spearman_difference(values["seolint"], values[TEXTSTAT], human, seed)
    return {"corpus": name, "texts": len(kept), "skipped": len(items) - len(kept),
            "pairs": len(pairs), "scorers": rows, "spearman_difference_ci95": diff}


def spearman_difference(a: Sequence[float], b: Sequence[float], human: Sequence[float],
                        seed: int, rounds: int = 200) -> tuple[float, float]:
    """95 % interval of Spearman(a) - Spearman(b), paired bootstrap over the texts: a
    difference whose interval holds 0 is a tie on this corpus."""
    rng = random.Random(seed)
    n = len(human)
    out = []
    for _ in range(rounds):
        idx = [rng.randrange(n) for _ in range(n)]
        h = [human[i] for i in idx]
        out.append(spearman([a[i] for i in idx], h) - spearman([b[i] for i in idx], h))
    out.sort()
    return round(out[int(0.025 * rounds)], 4), round(out[int(0.975 * rounds) - 1], 4)


TEXTSTAT = "textstat 0.7.8"


def print_result(res: dict[str, object]) -> None:
    print(f"\n{res['corpus']}: {res['texts']} texts ({res['skipped']} unscored), "
          f"{res['pairs']} pairs")
    print(f"  {'scorer':<28} {'Pearson':>8} {'Spearman':>9} {'pairs ordered':>14}")
    for k, r in res["scorers"].items():  # type: ignore[attr-defined]
        print(f"  {k:<28} {r['pearson']:>8.3f} {r['spearman']:>9.3f} "
              f"{100 * r['pairs_ordered']:>13.1f}%")
    lo, hi = res["spearman_difference_ci95"]  # type: ignore[misc]
    print(f"  Spearman seolint - textstat, 95 % bootstrap interval: [{lo:+.3f}, {hi:+.3f}]")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=20000, help="pairs to sample per corpus")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--clear", type=Path, default=CLEAR, help=argparse.SUPPRESS)
    ap.add_argument("--de", type=Path, action="append", default=[],
                    help="a TextComplexityDE checkout or git directory")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)

    results = []
    clear = load_clear(args.clear)
    if clear is None:
        print(f"no CLEAR corpus at {args.clear}: English skipped", file=sys.stderr)
    else:
        results.append(evaluate("English, CLEAR (teachers' bt_easiness)", clear, {
            "seolint": seolint_scorer("en", clamp=True),
            "seolint (unclamped)": seolint_scorer("en", clamp=False),
            TEXTSTAT: textstat_scorer("en"),
        }, args.pairs, args.seed))
    de = load_de([*args.de, *DE_PLACES])
    if de is None:
        print("no TextComplexityDE (fetch babaknaderi/TextComplexityDE, pass --de PATH): "
              "German skipped", file=sys.stderr)
    else:
        results.append(evaluate("German, TextComplexityDE19 (learners' MOS, negated)", de, {
            "seolint": seolint_scorer("de", clamp=True),
            "seolint (unclamped)": seolint_scorer("de", clamp=False),
            TEXTSTAT: textstat_scorer("de"),
        }, args.pairs, args.seed))
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        for res in results:
            print_result(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
