"""How closely seolint's text measures agree with Yoast's own expected results.

    python bench/yoast_agreement.py [--details] [--explain] [--json]

Reads `../shared/corpus/labelled/yoastseo/yoast_fulltext_2021.jsonl`: Yoast SEO's full-text
tests (Yoast/javascript @ 3198b1e, 2021), 52 articles in 17 languages, each with its focus
keyphrase, SEO title, meta description, slug and locale, and the result Yoast expects for 25
assessments. Each article is linted the way a user would: as an HTML page whose `<title>`, meta
description, URL slug and `<html lang>` come from the record, with `--keyphrase` set to the
record's keyphrase, through seolint's normal pipeline (`engine.lint`), and the page's metrics
and findings are compared with Yoast's numbers, which are read out of its result texts ("The copy
scores 79.5", "found 11 times", "contains 721 words").

Measures and what "agree" means:

- Flesch reading ease: within 5 points (only where Yoast scores the language).
- keyphrase count: exactly the same number.
- keyphrase density: the same verdict (too rare / fine / too often: K008 and K009 against
  Yoast's KeywordDensity score).
- sentence length: the same verdict on "more than 25 % of sentences too long"; the share itself
  is listed where Yoast prints it.
- paragraph length: the same number of paragraphs over 150 words.
- passive voice: the same verdict on "more than 10 %" (where both have passive rules).
- transition words: the same verdict on "under 30 %" (where both have a word list).
- text length: within 10 % of Yoast's word count.

"Supported languages" are those seolint has word lists and a Flesch formula for: en, de, es, fr,
it, nl, pt, ru. The Flesch column "Yoast units" scores the article with seolint's formula and
syllable counts but on sentence units cut the way Yoast's 2021 tokenizer cuts them (see
`yoast_units`), counting those with a word. The row "on Yoast's sentence units and words" goes
all the way: every unit Yoast counts (also those left without a word once it has deleted the
numbers: "[12]"), and Yoast's words (`yoast_words`), with seolint's syllable counts; where it
agrees and the first row does not, the difference is sentence units and words, not syllables.
`--explain` prints, per article, seolint's sentences, words and syllables per word next to
Yoast's (its syllables solved from its own score and formula).
Why seolint differs on purpose is written in docs/yoast.md.
"""

from __future__ import annotations

import argparse
import html as html_lib
import json
import re
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "corpus" / "labelled" / "yoastseo" / "yoast_fulltext_2021.jsonl"
SUPPORTED = ("en", "de", "es", "fr", "it", "nl", "pt", "ru")
MEASURES = ("flesch", "keyphrase_count", "keyphrase_density", "sentence_length",
            "paragraph_length", "passive_voice", "transition_words", "text_length")


@dataclass
class Row:
    name: str
    lang: str
    keyphrase: str
    ours: dict[str, Any] = field(default_factory=dict)
    yoast: dict[str, Any] = field(default_factory=dict)
    agree: dict[str, bool | None] = field(default_factory=dict)  # None: not comparable

    @property
    def supported(self) -> bool:
        return self.lang in SUPPORTED


def load(path: Path = DATA) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# --- Yoast's numbers, from its result texts ---------------------------------------------------

def _text(expected: dict[str, Any], key: str) -> tuple[bool, str]:
    item = expected.get(key) or {}
    return bool(item.get("isApplicable")), re.sub(r"<[^>]+>", "", item.get("resultText") or "")


def _number(pattern: str, text: str) -> float | None:
    m = re.search(pattern, text)
    return float(m.group(1)) if m else None


def yoast_numbers(record: dict[str, Any]) -> dict[str, Any]:
    e = record["expected"]
    out: dict[str, Any] = {}
    ok, t = _text(e, "fleschReadingEase")
    out["flesch"] = _number(r"scores ([\d.]+)", t) if ok else None
    ok, t = _text(e, "keywordDensity")
    out["keyphrase_count"] = int(n) if ok and (n := _number(r"found (\d+) time", t)) is not None \
        else None
    score = (e.get("keywordDensity") or {}).get("score")
    out["keyphrase_density"] = (None if not ok else "low" if score == 4 else
                                "high" if score is not None and score < 0 else "fine")
    ok, t = _text(e, "textSentenceLength")
    share = _number(r"([\d.]+)% of the sentences", t)
    out["sentence_length_pct"] = share
    out["sentence_length"] = None if not ok else ("long" if share is not None else "fine")
    ok, t = _text(e, "textParagraphTooLong")
    out["paragraph_length"] = None if not ok else (0 if "None of the paragraphs" in t else
                                                   int(_number(r"(\d+) of the paragraphs", t)
                                                       or 0))
    ok, t = _text(e, "passiveVoice")
    share = _number(r"([\d.]+)% of the sentences contain passive", t)
    out["passive_pct"] = share
    out["passive_voice"] = None if not ok else ("high" if share is not None else "fine")
    ok, t = _text(e, "textTransitionWords")
    share = _number(r"Only ([\d.]+)%", t)
    if ok and share is None and "None of the sentences" in t:
        share = 0.0
    out["transition_pct"] = share
    out["transition_words"] = None if not ok else ("low" if share is not None else "fine")
    ok, t = _text(e, "textLength")
    out["text_length"] = int(n) if ok and (n := _number(r"contains (\d+) words", t)) else None
    return out


# --- seolint's numbers -------------------------------------------------------------------------

def page_html(record: dict[str, Any]) -> str:
    a = record["attributes"]
    lang = a.get("locale", "en").split("_")[0]
    title = html_lib.escape(a.get("title") or "")
    desc = html_lib.escape(a.get("description") or "", quote=True)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<title>{title}</title><meta name="description" content="{desc}">'
            f'<meta property="og:type" content="article"></head>'
            f"<body><div id=\"yoast-paper\">{record['text_html']}</div></body></html>")


def run_seolint(records: list[dict[str, Any]]) -> list[tuple[dict[str, Any], set[str]]]:
    """Lint each article with its keyphrase: (metrics, codes found) per record."""
    from dataclasses import replace
    from urllib.parse import quote

    from seolint.config import Settings
    from seolint.document import RawDocument
    from seolint.engine import lint
    from seolint.registry import load_rules

    every = tuple(sorted(load_rules()))
    out = []
    for record in records:
        a = record["attributes"]
        slug = quote(a.get("url") or "article", safe="-_.~%()")
        # The article is the main content (whatever <article> or <main> it holds), and a post.
        doc = RawDocument(url=f"https://blog.example/{slug}/", path=None,
                          body=page_html(record).encode("utf-8"), kind="post")
        # Every rule: the ones compared with Yoast's (R002, R003) are not all default-on.
        settings = replace(Settings(jobs=1, content_selector="#yoast-paper", select=every),
                           keyphrase=a.get("keyword") or None)
        report = lint([], [doc], settings, False)
        page = report.pages[0]
        codes = {f.code for f in page.findings}
        out.append((page.metrics, codes, page.findings))
    return out


def our_counts(record: dict[str, Any]) -> tuple[int, int, int]:
    """seolint's (sentences, words, syllables) for the article's Flesch score."""
    from seolint.parse import parse_html
    from seolint.text import analysis

    text = analysis(parse_html(page_html(record), content_selector="#yoast-paper"))
    return text.counts(text.sentences)


def our_numbers(metrics: dict[str, Any], codes: set[str], findings: Any) -> dict[str, Any]:
    long_pct = metrics.get("long_sentences_pct")
    passive = metrics.get("passive_pct")
    trans = metrics.get("transition_pct")
    return {
        "flesch": metrics.get("reading_ease"),
        "keyphrase_count": metrics.get("keyphrase_count"),
        "keyphrase_density": ("low" if "K008" in codes else "high" if "K009" in codes
                              else "fine"),
        "sentence_length_pct": long_pct,
        "sentence_length": None if long_pct is None else ("long" if long_pct > 25 else "fine"),
        "paragraph_length": sum(1 for f in findings if f.code == "R003"),
        "passive_pct": passive,
        "passive_voice": None if passive is None else ("high" if passive > 10 else "fine"),
        "transition_pct": trans,
        "transition_words": None if trans is None else ("low" if trans < 30 else "fine"),
        "text_length": metrics.get("words"),
    }


def compare(ours: dict[str, Any], yoast: dict[str, Any]) -> dict[str, bool | None]:
    def both(key: str) -> bool:
        return ours.get(key) is not None and yoast.get(key) is not None

    agree: dict[str, bool | None] = {}
    agree["flesch"] = abs(ours["flesch"] - yoast["flesch"]) <= 5 if both("flesch") else None
    agree["keyphrase_count"] = (ours["keyphrase_count"] == yoast["keyphrase_count"]
                                if both("keyphrase_count") else None)
    for key in ("keyphrase_density", "sentence_length", "paragraph_length", "passive_voice",
                "transition_words"):
        agree[key] = ours[key] == yoast[key] if both(key) else None
    agree["text_length"] = (abs(ours["text_length"] - yoast["text_length"])
                            <= 0.1 * yoast["text_length"] if both("text_length") else None)
    return agree


# --- Yoast's 2021 sentence units, to explain the Flesch column ---------------------------------

_BLOCK_TAGS = ("address", "article", "aside", "blockquote", "canvas", "dd", "div", "dl",
               "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
               "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "noscript", "ol",
               "output", "p", "pre", "section", "table", "tfoot", "ul", "video")
_BLOCK = re.compile(r"</?(?:" + "|".join(_BLOCK_TAGS) + r")\b[^>]*>", re.IGNORECASE)
_TOKEN = re.compile(r"(<[^>]*>|[.]|[?!;\u2026]|[\[\(\{]|[\]\)\}]|[^.?!;\u2026<\(\)\[\]\{\}]+)")


def yoast_units(text_html: str) -> list[str]:
    """Sentences cut as Yoast's 2021 SentenceTokenizer cuts raw HTML: at block tags, at every
    line break of the source, at <br>, at ";" (also the one that ends an entity such as
    `&#91;`), and at a full stop followed by a capital, a digit or a tag. Tables are text."""
    out: list[str] = []
    for block in _BLOCK.split(text_html):
        for line in re.split(r"\r\n|\n|\r", block):
            if not line.strip():
                continue
            tokens = _TOKEN.findall(line)
            current = ""
            for i, tok in enumerate(tokens):
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                after = re.sub(r"\s+", " ", (nxt or "") + (tokens[i + 2] if i + 2 < len(tokens)
                                                           else ""), count=1)
                if tok.startswith("<"):
                    if tok[:3].lower() == "<br":
                        out.append(current)
                        current = ""
                    else:
                        current += tok
                elif len(tok) == 1 and tok in "?!;\u2026":
                    current += tok
                    if nxt is not None and nxt not in ")]}" and nxt not in "?!;\u2026":
                        out.append(current)
                        current = ""
                elif tok == ".":
                    current += tok
                    if len(after) >= 2 and after[0].isdigit():
                        continue
                    start = after[1] if len(after) >= 2 else ""
                    if (start and (start != start.lower() or start.isdigit() or start in "'\"<"
                                   or "\u0590" <= start <= "\u06ff")) or (
                            nxt is not None and nxt[:1] in "<([{"):
                        out.append(current)
                        current = ""
                else:
                    current += tok
            out.append(current)
    return [s for s in out if s.strip()]


def flesch_on_yoast_units(record: dict[str, Any]) -> float | None:
    from seolint.text import syllables
    from seolint.text.languages import FLESCH
    from seolint.text.segment import WORD, is_number

    lang = record["attributes"].get("locale", "en").split("_")[0]
    if lang not in FLESCH:
        return None
    n_sent = n_words = n_syl = 0
    for unit in yoast_units(record["text_html"]):
        text = html_lib.unescape(re.sub(r"<[^>]*>", " ", unit))
        words = [w for w in WORD.findall(text) if not is_number(w)]
        if words:
            n_sent += 1
            n_words += len(words)
            n_syl += sum(syllables.count(w, lang) for w in words)
    if not n_words:
        return None
    base, a, b = FLESCH[lang]
    return round(min(100.0, max(0.0, base - a * n_words / n_sent - b * n_syl / n_words)), 1)


# --- where the Flesch difference comes from ----------------------------------------------------

_PUNCT_EDGES = re.compile("^[\u2013\\-()_\\[\\]’‘“”\"'.?!:;,¿¡«»‹›\u2014\u00d7+&<>|]+"
                          "|[\u2013\\-()_\\[\\]’‘“”\"'.?!:;,¿¡«»‹›\u2014\u00d7+&<>|]+$")


def yoast_words(text_html: str) -> list[str]:
    """Words as Yoast's 2021 Flesch counts them: digits-only runs deleted from the raw HTML
    (also the "91" of `&#91;`), tags stripped, split at whitespace, punctuation trimmed from
    both ends. What is left of a citation marker (`#;&#`) is a word with no syllable."""
    text = re.sub(r"\b[0-9]+\b", "", text_html)
    text = html_lib.unescape(re.sub(r"<[^>]*>", " ", text))
    return [w for w in (_PUNCT_EDGES.sub("", t) for t in text.split()) if w]


def explain(record: dict[str, Any], page_counts: tuple[int, int, int]) -> dict[str, Any]:
    """seolint's (sentences, words, syllables) next to Yoast's: sentences are Yoast's units
    (all, and those with a word), words Yoast's, and the syllables Yoast must have counted to
    print its score (solved from its formula). `flesch_emulated` is the score from Yoast's
    units and words with seolint's syllable counts: near Yoast's own score, the sentence and
    word counts explain the difference; far from it, the syllable rules do."""
    from seolint.text import syllables
    from seolint.text.languages import FLESCH
    from seolint.text.segment import WORD, is_number

    lang = record["attributes"].get("locale", "en").split("_")[0]
    units = yoast_units(record["text_html"])
    with_words = sum(1 for u in units if any(
        not is_number(w) for w in WORD.findall(html_lib.unescape(re.sub(r"<[^>]*>", " ", u)))))
    words = yoast_words(record["text_html"].lower())
    flesch = yoast_numbers(record)["flesch"]
    out: dict[str, Any] = {"ours": page_counts, "yoast_units": len(units),
                           "yoast_units_with_words": with_words, "yoast_words": len(words)}
    if lang in FLESCH and flesch is not None and units and words:
        base, a, b = FLESCH[lang]
        syl = sum(syllables.count(w, lang) for w in words)
        out["yoast_syllables_implied"] = round((base - a * len(words) / len(units) - flesch)
                                               * len(words) / b)
        out["our_syllables_on_yoast_words"] = syl
        out["flesch_emulated"] = round(min(100.0, max(0.0, base - a * len(words) / len(units)
                                                      - b * syl / len(words))), 1)
    return out


def explanation(rows: list[Row]) -> str:
    out = ["| article | Flesch seolint / Yoast | sentences seolint / Yoast (with a word) | "
           "words seolint / Yoast | syllables per word seolint / Yoast (implied) | "
           "Yoast's units and words, seolint's syllables |",
           "|---|---|---|---|---|---|"]
    for r in rows:
        e = r.ours.get("explain")
        if not r.supported or not e or "yoast_syllables_implied" not in e:
            continue
        s, w, y = e["ours"]
        yw = e["yoast_words"]
        out.append(
            f"| {r.name} | {r.ours['flesch']} / {r.yoast['flesch']} | {s} / "
            f"{e['yoast_units']} ({e['yoast_units_with_words']}) | {w} / {yw} | "
            f"{y / w:.2f} / {e['yoast_syllables_implied'] / yw:.2f} | "
            f"{e['flesch_emulated']} |")
    return "\n".join(out)


# --- the table --------------------------------------------------------------------------------

def evaluate(records: list[dict[str, Any]] | None = None) -> list[Row]:
    records = records if records is not None else load()
    rows = []
    for record, (metrics, codes, findings) in zip(records, run_seolint(records), strict=True):
        a = record["attributes"]
        row = Row(record["name"], a.get("locale", "en").split("_")[0], a.get("keyword") or "")
        row.ours = our_numbers(metrics, codes, findings)
        row.ours["flesch_yoast_units"] = flesch_on_yoast_units(record)
        row.ours["explain"] = explain(record, our_counts(record))
        row.yoast = yoast_numbers(record)
        row.agree = compare(row.ours, row.yoast)
        rows.append(row)
    return rows


def rates(rows: list[Row], supported_only: bool = True) -> dict[str, tuple[int, int]]:
    """(agreeing, comparable) per measure."""
    out = {}
    for key in MEASURES:
        values = [r.agree[key] for r in rows
                  if r.agree.get(key) is not None and (r.supported or not supported_only)]
        out[key] = (sum(1 for v in values if v), len(values))
    return out


def yoast_units_rate(rows: list[Row]) -> tuple[int, int]:
    values = [abs(r.ours["flesch_yoast_units"] - r.yoast["flesch"]) <= 5 for r in rows
              if r.supported and r.yoast.get("flesch") is not None
              and r.ours.get("flesch_yoast_units") is not None]
    return sum(values), len(values)


def emulated_rate(rows: list[Row]) -> tuple[int, int]:
    """Flesch within 5 when counted on Yoast's sentence units and words with seolint's
    syllables (`explain`): how much of the difference the syllable rules leave."""
    values = [abs(e["flesch_emulated"] - r.yoast["flesch"]) <= 5 for r in rows
              if r.supported and r.yoast.get("flesch") is not None
              and "flesch_emulated" in (e := r.ours.get("explain") or {})]
    return sum(values), len(values)


def table(rows: list[Row]) -> str:
    lines = ["| measure | supported languages (en de es fr it nl pt ru) | all 17 languages |",
             "|---|---|---|"]
    sup, every = rates(rows, True), rates(rows, False)

    def cell(t: tuple[int, int]) -> str:
        return f"{t[0]}/{t[1]} ({100 * t[0] / t[1]:.0f} %)" if t[1] else "n/a"

    for key in MEASURES:
        lines.append(f"| {key.replace('_', ' ')} | {cell(sup[key])} | {cell(every[key])} |")
    u = yoast_units_rate(rows)
    if u[1]:
        lines.append(f"| flesch, on Yoast's sentence units | {u[0]}/{u[1]} "
                     f"({100 * u[0] / u[1]:.0f} %) | |")
    e = emulated_rate(rows)
    if e[1]:
        lines.append(f"| flesch, on Yoast's sentence units and words (seolint's syllables) | "
                     f"{e[0]}/{e[1]} ({100 * e[0] / e[1]:.0f} %) | |")
    return "\n".join(lines)


def details(rows: list[Row]) -> str:
    out = ["| article | lang | Flesch seolint / Yoast units / Yoast | keyphrase count | "
           "long sentences % | passive % | transitions % | words |",
           "|---|---|---|---|---|---|---|---|"]

    def num(value: Any) -> str:
        return "-" if value is None else (f"{value:.1f}" if isinstance(value, float) else
                                          str(value))

    def yoast(y: dict[str, Any], pct: str, verdict: str, fine: str) -> str:
        return fine if y[verdict] == "fine" else num(y[pct])

    for r in rows:
        o, y = r.ours, r.yoast
        out.append(
            f"| {r.name} | {r.lang} | {num(o['flesch'])} / {num(o['flesch_yoast_units'])} / "
            f"{num(y['flesch'])} | {num(o['keyphrase_count'])} / {num(y['keyphrase_count'])} | "
            f"{num(o['sentence_length_pct'])} / "
            f"{yoast(y, 'sentence_length_pct', 'sentence_length', '<=25')} | "
            f"{num(o['passive_pct'])} / {yoast(y, 'passive_pct', 'passive_voice', '<=10')} | "
            f"{num(o['transition_pct'])} / "
            f"{yoast(y, 'transition_pct', 'transition_words', '>=30')} | "
            f"{num(o['text_length'])} / {num(y['text_length'])} |")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--details", action="store_true", help="one line per article too")
    ap.add_argument("--json", action="store_true", help="machine-readable rates")
    ap.add_argument("--explain", action="store_true",
                    help="where each Flesch difference comes from: sentences, words, syllables")
    args = ap.parse_args()
    if not DATA.is_file():
        print(f"no {DATA}: put ../shared/corpus beside the repo")
        return 2
    rows = evaluate()
    if args.json:
        print(json.dumps({"supported": rates(rows, True), "all": rates(rows, False),
                          "flesch_yoast_units": yoast_units_rate(rows),
                          "flesch_yoast_units_and_words": emulated_rate(rows)}, indent=2))
        return 0
    print(table(rows))
    diffs = [abs(r.ours["flesch"] - r.yoast["flesch"]) for r in rows
             if r.supported and r.ours.get("flesch") is not None
             and r.yoast.get("flesch") is not None]
    if diffs:
        print(f"\nFlesch |seolint - Yoast| in supported languages: median "
              f"{statistics.median(diffs):.1f}, max {max(diffs):.1f}")
    if args.details:
        print()
        print(details(rows))
    if args.explain:
        print()
        print(explanation(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
