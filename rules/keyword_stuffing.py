"""The page repeats its keyphrase far too often (keyword stuffing).

## What it does
Counts the keyphrase in the main content as K008 does (every content word in one sentence,
matched by stem) and adjusts the density for the keyphrase's length as Yoast does: occurrences
per 100 words x (0.7 + content words / 3). It fires over `max-percent` as a warning, and over
`bad-percent` as an error. Texts under 100 words are not checked.

This rule also runs on posts without a chosen keyphrase: there it measures the post's inferred
keyphrase, its most repeated distinctive phrase (see `seolint.keyphrase`), and says so. An
inferred keyphrase is a guess, and a natural text about one topic repeats that topic more than a
writer repeats a keyphrase they chose ("React" in a post about React, "tensor" in a note titled
"Detach Tensor From Computation Graph", "Flink" in a release announcement listing FLINK-nnnn
issues), so the rule stays silent unless the evidence is strong:

- only articles (posts) are judged on an inferred keyphrase: a home page or a page that lists
  posts repeats the blog's topic in every title and excerpt ("running" on a running blog's home
  page), and nobody chose it as a keyphrase;
- the limits are multiplied by `inferred-margin` (15 % and 20 %), and texts under
  `inferred-min-words` are not judged.

On the 4,660 pages of seolint's real-blog corpus (9 built sites, 3 Markdown repos), the 44
pages whose inferred keyphrase was over the earlier 7.5 % limit were all natural texts: 40
Flink release announcements (up to 12.9 %), a logo page, and Rust posts on musl targets, the
docs.rs team and a team meeting. Stuffed pages run far higher: the example below is at 33 %.

## Why is this bad?
Stuffing a page with a phrase makes it tiresome to read, and Google's spam policies name keyword
stuffing as a reason to rank a page lower or drop it. Yoast's KeywordDensity marks over 3 % as
too much and over 4 % as far too much.

## Example
```html
<html lang="en"><head><meta name="keyphrase" content="running shoes"></head><body><main>
<p>Buy running shoes here. Our running shoes are the best running shoes. Cheap running shoes,
fast running shoes and light running shoes: all our running shoes are running shoes you will
love. Running shoes for men, running shoes for women and running shoes for kids. Find running
shoes today, because good running shoes make running with running shoes a joy. Order running
shoes now and get the running shoes you deserve. Running shoes, running shoes, running shoes.
Every runner needs running shoes, and these running shoes are the running shoes for you. Shop
running shoes in every size and colour, with free returns on all running shoes.</p>
</main></body></html>
```

## Use instead
```html
<html lang="en"><head><meta name="keyphrase" content="running shoes"></head><body><main>
<p>Good running shoes make a long run a joy. Look for a light pair with a firm heel and room for
your toes to spread. Try them on in the afternoon, when your feet are at their largest, and walk
around the shop for a few minutes. A pair lasts about 500 to 800 kilometres; after that the
foam loses its spring and your knees will tell you. Keep an old pair for rainy days and a newer
one for races, and let each dry for a day between runs. If you run on trails, pick a sole with
deeper grip; on roads, a smoother sole lasts longer. Above all, choose the pair that feels
comfortable from the first step, whatever the label says.</p>
</main></body></html>
```

## Options
- `max-percent` (default 3, Yoast KeywordDensity's maximum)
- `bad-percent` (default 4, Yoast's "way over the maximum": above it the finding is an error)
- `inferred-margin` (default 5: the limits are multiplied by it for an inferred keyphrase; above
  the 12.9 % the corpus' most repetitive natural post reaches)
- `inferred-min-words` (default 150: shorter texts are not judged on an inferred keyphrase)
- `min-words` (default 100: Yoast does not assess shorter texts)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Page
from seolint.keyphrase import density, keyphrase, recommended_count
from seolint.rule import Violation, page_rule


@dataclass(frozen=True)
class Options:
    max_percent: float = 3.0  # Yoast KeywordDensity: maximum
    bad_percent: float = 4.0  # Yoast KeywordDensity: overMaximum
    inferred_margin: float = 5.0  # 15 %: above the corpus' natural maximum, 12.9 % (see the doc)
    inferred_min_words: int = 150
    min_words: int = 100  # Yoast KeywordDensity: isApplicable needs 100 words

    def __post_init__(self) -> None:
        if self.bad_percent < self.max_percent or self.inferred_margin < 1:
            raise ValueError("'bad-percent' must be at least 'max-percent', and "
                             "'inferred-margin' at least 1")


def _applies(page: Page) -> bool:
    if page.kind not in ("post", "page"):
        return False
    kp = keyphrase(page)
    # A guessed keyphrase is judged on articles only: a home or listing page repeats the blog's
    # topic in every excerpt, and nobody chose it.
    return kp is not None and kp.usable and (not kp.inferred or page.kind == "post")


@page_rule("K009", "keyword-stuffing", category="keyphrase", severity="warning",
           options=Options, applies=_applies, requires=frozenset({FACT_BODY}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    kp = keyphrase(page)
    if kp is None:
        return
    d = density(page, kp)
    if d.words < (opts.inferred_min_words if kp.inferred else opts.min_words):
        return
    margin = opts.inferred_margin if kp.inferred else 1.0
    limit, bad = opts.max_percent * margin, opts.bad_percent * margin
    if d.adjusted <= limit:
        return
    most = recommended_count(d.words, kp, limit, "max")
    yield Violation(
        None,
        f"The keyphrase {kp.label()} occurs {d.count} times in {d.words} words: density "
        f"{d.adjusted:.1f}% adjusted for its length (recommended at most {limit:g}%, about "
        f"{most} times)",
        fix=f"Cut \"{kp.text}\" to at most {most} uses: keep it where it helps the reader and "
            "use pronouns or other words elsewhere",
        severity="error" if d.adjusted > bad else None,
    )
