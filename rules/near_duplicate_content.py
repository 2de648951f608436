"""Two or more pages have the same, or nearly the same, main content.

## What it does
Finds indexable pages that are byte-identical copies of each other (reported as exact
duplicates), and pages whose main content is 90 % or more similar (MinHash over word 4-shingles,
candidates found with locality-sensitive hashing, so the work grows linearly with the site).
Each page of a group gets one finding naming the others. Pages with fewer than `min-words` words
of main content are only compared byte for byte: short pages look alike without being copies.

## Why is this bad?
Search engines pick one of a set of duplicates to show and fold the others away; which one they
pick may not be the one you want, and the copies split the links that point at them. Paginated
copies, tag pages that list the same posts and a post published twice are the usual causes.
Screaming Frog's "Near Duplicates" filter (90 % similarity by default) and "Exact Duplicates".

Pages that are hreflang alternates of one another (a post and its translation, or its
untranslated copy under another language's URL) are not paired. Measured precision
(tests/precision): 71 % (5 of 7) before that, both wrong ones translations; 100 % now.

## Example
```html
<html><head><title>Tag: running</title></head><body><main><h1>Running</h1><p>Backward running puts less stress on the knees and burns more calories than running forwards at the same pace, which is why physiotherapists like it for runners coming back from injury.</p></main></body></html>
```
```html
<html><head><title>Tag: jogging</title></head><body><main><h1>Running</h1><p>Backward running puts less stress on the knees and burns more calories than running forwards at the same pace, which is why physiotherapists like it for runners coming back from injury.</p></main></body></html>
```

## Use instead
```html
<html><head><title>Tag: running</title></head><body><main><h1>Running</h1><p>Backward running puts less stress on the knees and burns more calories than running forwards at the same pace.</p></main></body></html>
```
```html
<html><head><title>Minimalist shoes</title></head><body><main><h1>Shoes</h1><p>Minimalist shoes have thin soles and no raised heel; switch to them over months, not days, or your calves will complain.</p></main></body></html>
```

## Options
- `threshold` (default 0.9, Screaming Frog's near-duplicate default): the similarity from which
  two pages count as near duplicates.
- `min-words` (default 30): pages with less main content are compared only byte for byte.
- `show-pages` (default 3): how many of the other pages the message names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import PageSummary, Position, Site
from seolint.rule import Violation, site_rule
from seolint.similarity import similar_pairs
from seolint.sitetools import Alternates, others


@dataclass(frozen=True)
class Options:
    threshold: float = 0.9  # Screaming Frog: Content > Near Duplicates, 90 % by default
    min_words: int = 30  # below this, boilerplate alone makes pages look alike
    show_pages: int = 3

    def __post_init__(self) -> None:
        if not 0.5 <= self.threshold <= 1.0:
            raise ValueError("'threshold' must be between 0.5 and 1.0")


class _Groups:
    """Union-find over page indexes."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@site_rule("D004", "near-duplicate-content", category="site", severity="warning",
           options=Options)
def check(site: Site, opts: Options) -> Iterator[Violation]:
    pages = [p for p in site.pages if p.indexable]
    exact: dict[str, list[PageSummary]] = defaultdict(list)
    for page in pages:
        if page.body_hash:
            exact[page.body_hash].append(page)
    in_exact: set[int] = set()
    for group in exact.values():
        if len(group) < 2:
            continue
        for page in group:
            in_exact.add(id(page))
            yield Violation(
                Position(), f"Page is byte-identical to {len(group) - 1} other "
                f"page{'s' if len(group) > 2 else ''}: {others(group, page, opts.show_pages)}",
                fix="Keep one of these pages: redirect the copies to it, or point their "
                    "canonical at it",
                page=page,
            )
    candidates = [p for p in pages if p.minhash is not None and p.words >= opts.min_words
                  and id(p) not in in_exact]
    if len(candidates) < 2:
        return
    groups = _Groups(len(candidates))
    best: dict[int, float] = {}
    signatures = [p.minhash for p in candidates if p.minhash is not None]
    alternates = Alternates(site.pages)
    for i, j, sim in similar_pairs(signatures, opts.threshold):
        if alternates.same(candidates[i], candidates[j]):
            continue  # a page and its translation (or untranslated copy) under hreflang
        groups.union(i, j)
        best[i] = max(best.get(i, 0.0), sim)
        best[j] = max(best.get(j, 0.0), sim)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(candidates)):
        members[groups.find(i)].append(i)
    for idxs in members.values():
        if len(idxs) < 2:
            continue
        group = [candidates[i] for i in idxs]
        for i in idxs:
            page = candidates[i]
            yield Violation(
                Position(), f"Main content is {best.get(i, opts.threshold):.0%} similar to "
                f"{len(group) - 1} other page{'s' if len(group) > 2 else ''}: "
                f"{others(group, page, opts.show_pages)}",
                fix="Merge these pages into one and redirect the rest, or rewrite each so it "
                    "says something of its own",
                page=page,
            )
