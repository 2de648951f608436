"""Title names a past year ("Complete Guide 2025" read in 2026).

## What it does
Looks for years in the page's `<title>`: four digits from 1990 on, standing as a word (in
Chinese, Japanese and Korean, "2025年" counts too). The rule fires when the latest year the title
names is before the current year (the year of the run, or `current-year`). Read in 2026,
"Best Laptops 2025" fires, while "Prices 2019 vs 2026" and "Inflation 2020-2026" do not: they
name the current year, so the page is being kept up to date.

Numbers seolint can tell are not years stay silent: a decade ("the 1990s"), a price or a
percentage ("$2000", "2000%"), part of a longer number ("1.2019", "12,019"), a model number
glued to letters ("RTX2080"). "2000 calories" looks like a year, and fires. Years before 1990
are history ("The 1966 World Cup"), never a freshness claim, and are not checked.

## Why is this bad?
A year in a title is a promise of freshness: "Best Laptops 2025" tells a reader in 2026 that the
page is out of date, so they click the result with this year in it, and search engines may
rewrite the title. Writers add the year to evergreen guides and then forget to update it; this is
the reminder.

A year is usually the subject, not a date stamp: "2020 retrospective", "2023년 회고", "Year in
review 2022", "Advent of Code 2021 day 3", "Release notes 2019", "JuliaCon 2021 Highlights",
"What's new in Svelte: May 2022", "2019 State of Rust Survey Results". Those titles are about
that year and are never stale. A title is stale only when it **claims to be current**: it also
holds a word of the kind writers put beside a year to promise freshness, `claim-words` below
("best", "top 10", "complete guide", "ultimate", "cheat sheet", "checklist", "tips", "how to",
"calendar", "updated", "latest", and in Spanish, Japanese, Chinese and Korean their usual
equivalents: "mejores", "guía", "最新版", "おすすめ", "完全ガイド", "最全", "指南", "추천", "총정리",
"최신"). A title that also names what happened in the year (`subject-words`: retrospective,
review, recap, report, results, survey, release, roadmap, update, meeting, conference, edition,
highlights, "what's new", "what I learned", "advent of code", "회고", "振り返り", "总结", "resumen",
...) is about the year and stays silent even then. On the real blogs of the test corpus, 40 of
40 sampled findings of the earlier rule (any past year fired) were titles about their year.

Measured precision (tests/precision/labels-2.jsonl, a fresh sample of a88837d): 33 % (2 of 6).
The four wrong ones were link-share microposts of karpoke.ignaciocano.com (a quote of another
site's article and "» Fossbytes | fossbytes.com") under that article's own title ("10 Best VPN
Services Of 2019", "How to C in 2016"): the year is the source's and there is nothing of the
blogger's to update. seolint cannot tell such a post from the blogger's own yet, so the rule is
not in the default selection (90 % is the bar a default rule must reach on findings nobody tuned
it against): select it with `--select T006` or in the config where the titles are the
blogger's own.

## Example
```html
<head><title>Running Backwards: The Complete Guide for 2024</title></head>
```

## Use instead
```html
<head><title>Running Backwards: The Complete Guide</title></head>
```

Listing pages (date archives, tag pages, paginated indexes) are not checked: their year is
their subject.

## Options
- `current-year` (default 0: the year of the run, from the computer's clock). Set a year to get
  the same findings whatever the date, for example in tests or to lint for next January. This is
  seolint's own rule: none of Yoast, Screaming Frog or Lighthouse checks it.

The word lists (`CLAIM_WORDS`, `SUBJECT_WORDS` in the rule's module) match whole words, case
aside, in Latin scripts, and anywhere in the title in Chinese, Japanese and Korean.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from seolint.document import FACT_TITLE, Page
from seolint.rule import Violation, page_rule, shorten

FIRST_YEAR = 1990  # earlier years in a title are history, not a freshness claim

# A year standing as a word: not glued to letters or digits ("RTX2080", "1990s"), not an amount
# ("$2000", "2000%"), not part of a longer number ("1.2019", "2019.5", "12,019"). Chinese,
# Japanese and Korean write no spaces and mark a year with 年/년 ("2025年版"), so their
# characters do not glue.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef"
_GLUE = rf"[^\W{_CJK}]"
_YEAR = re.compile(
    rf"(?<!{_GLUE})(?<![$€£¥#])(?<!\d[.,])((?:19|20)[0-9][0-9])(?!{_GLUE}|[%°]|[.,]\d)"
)
# Identifiers that start with a year: CVE-2012-2122, "CVE 2012-2122", RFC-style ids.
_ID_BEFORE = re.compile(r"(?:CVE|GHSA|ISO|RFC)[\s-]*$", re.I)

# Words that, beside a year, promise a current page (an evergreen guide, a ranking, a calendar).
CLAIM_WORDS = (
    # English
    "best", "top", "ultimate", "complete guide", "definitive", "comprehensive", "guide",
    "cheat sheet", "cheatsheet", "checklist", "tips", "tricks", "how to", "beginner's",
    "beginners", "updated", "latest", "calendar", "schedule", "ranked", "ranking", "rankings",
    "buyer's guide", "deals", "must-have", "recommended",
    # Spanish
    "mejores", "mejor", "guía", "completa", "definitiva", "trucos", "consejos", "cómo",
    "actualizado", "actualizada", "calendario",
    # Japanese, Chinese, Korean (matched anywhere: no spaces between words)
    "最新", "おすすめ", "オススメ", "完全ガイド", "決定版", "入門", "比較", "ランキング",
    "最全", "指南", "教程", "推荐", "攻略", "大全",
    "추천", "총정리", "최신", "가이드", "완벽",
)
# Words that say the year is the subject: what happened in it, a report on it, an event of it.
SUBJECT_WORDS = (
    "retrospective", "review", "in review", "recap", "wrap-up", "wrapped", "looking back",
    "report", "results", "survey", "annual", "release", "released", "releases", "release notes",
    "changelog", "roadmap", "update", "updates", "meeting", "minutes", "triage", "conference",
    "summit", "meetup", "keynote", "talk", "edition", "highlights", "what's new",
    "what i learned", "lessons", "learned", "advent of code", "advent calendar", "goals",
    "resolutions",
    "election", "award", "awards", "summer of", "season of", "gsoc", "hacktoberfest",
    "announcing", "outage", "postmortem", "in memoriam",
    "resumen", "balance", "retrospectiva", "crónica",
    "회고", "결산", "돌아보며", "振り返り", "振り返る", "発表", "参加", "レポート", "報告",
    "総括", "总结", "回顾", "年终", "盘点",
)
_CJK_CHARS = re.compile(f"[{_CJK}]")


def _has(title: str, words: tuple[str, ...]) -> bool:
    lower = title.lower().replace("’", "'")
    for word in words:
        if _CJK_CHARS.search(word):
            if word in lower:
                return True
        elif re.search(rf"(?<![\w']){re.escape(word)}(?![\w'])", lower):
            return True
    return False


def claims_current(title: str) -> bool:
    """Does the title promise a current page (see the docs), rather than be about its year?"""
    return _has(title, CLAIM_WORDS) and not _has(title, SUBJECT_WORDS)


@dataclass(frozen=True)
class Options:
    current_year: int = 0  # 0: the year of the run; seolint's own rule, no external source

    def __post_init__(self) -> None:
        if self.current_year and not FIRST_YEAR < self.current_year < 10000:
            raise ValueError("'current-year' must be 0 (this year) or a year after 1990")


def years(text: str) -> list[int]:
    """The years from 1990 on that `text` names, in order (full-width digits count too)."""
    text = unicodedata.normalize("NFKC", text)
    return [int(m.group(1)) for m in _YEAR.finditer(text)
            if int(m.group(1)) >= FIRST_YEAR and not _ID_BEFORE.search(text[: m.start()])]


def _dated_content(page: Page) -> bool:
    # A listing's year is its subject ("July 2010 archives", "Posts from 2019"), not a stamp.
    return page.kind in ("post", "page")


@page_rule("T006", "stale-year-in-title", category="titles", severity="info", options=Options,
           applies=_dated_content,
           requires=frozenset({FACT_TITLE}), default_enabled=False)
def check(page: Page, opts: Options) -> Iterator[Violation]:
    title = page.title
    if title is None:
        return
    current = opts.current_year or date.today().year
    named = years(title.text)
    if not named or max(named) >= current or not claims_current(title.text):
        return
    latest = max(named)
    yield Violation(
        title,
        f"Title names {latest}, {current - latest} year{'s' if current - latest > 1 else ''} "
        f"before {current}: \"{shorten(title.text)}\"",
        fix=f"Update the page and change {latest} to {current} in the title if it is meant to "
        f"be current; leave it if the page is about {latest}",
    )
