"""Two headings on the page have the same text.

## What it does
Compares the text of the page's headings, ignoring case and spacing, and reports every heading
that repeats an earlier one under the same parent heading (a sibling), or repeats a heading it
sits under (an `<h2>` named like the page's `<h1>`), naming the line of the first. The same
label under different parents is left alone: "Additional items" under both "Accomplishments" and
"Ongoing work", "References" at the end of each essay on a page, "Best practice" under each
topic of a style guide are told apart by their parent in any table of contents. Empty headings
are `empty-heading`'s (H004) and two `<h1>` with one text are `multiple-h1`'s (H003), so neither
is reported here, nor are headings inside a `<blockquote>` (quoted from another author, whom
the writer cannot rename). Listing pages (home, tag and archive pages) are not checked: the
posts they show in full or in excerpt each bring their own "Introduction" and "Conclusion".

## Why is this bad?
Headings are the page's table of contents: two sections called "Examples" cannot be told apart
in it, in a screen reader's heading list, or in the anchors (`#examples`, `#examples-1`) that
search engines link to as jump links. markdownlint's MD024 (no-duplicate-heading).

Measured precision (tests/precision, 420 corpus findings judged by reading the page): 14 % (1
of 7) when every repeat on the page counted; the 6 wrong ones were all the same label under
different parents, hence siblings and ancestors only (MD024's `siblings_only`). On a fresh
sample (tests/precision/labels-2.jsonl, a88837d) 50 % (3 of 6): two were headings inside
blockquotes, status comments a goals update quotes ("### Blockers" and "### Help wanted" in
each), which are no longer compared, as the readability rules skip quoted text; the third,
"References" of two projects on one page made siblings by a project title one level too low, is
still reported (the heading levels are all seolint can read): 75 % (3 of 4) after the fix, and
the corpus's other findings read alike (admonition boxes all titled "Hint", the per-project
"Description" of a program page), so the rule is not in the default selection, whose bar is
90 % on findings nobody tuned it against: select it with `--select H006`.

## Example
```html
<h1>Running backwards</h1>
<h2>Benefits</h2>
<p>Easier on the knees.</p>
<h2>Benefits</h2>
<p>Better balance.</p>
```

## Use instead
```html
<h1>Running backwards</h1>
<h2>Benefits for the knees</h2>
<p>Easier on the knees.</p>
<h2>Benefits for balance</h2>
<p>Better balance.</p>
```

## Options
- `siblings-only` (default true, markdownlint MD024's `siblings_only`): only report a repeat
  under the same parent heading (or of an ancestor), so "Pros" under each of several products
  is allowed; false reports every repeat on the page
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Heading, Page
from seolint.rule import Violation, page_rule, shorten


@dataclass(frozen=True)
class Options:
    siblings_only: bool = True  # markdownlint MD024 siblings_only; true: see the precision note


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _applies(page: Page) -> bool:
    return page.kind in ("post", "page")


@page_rule("H006", "duplicate-heading", category="headings", severity="info", options=Options,
           applies=_applies,
           requires=frozenset({FACT_BODY}), default_enabled=False)
def check(page: Page, opts: Options) -> Iterator[Violation]:
    seen: dict[tuple[int, str], Heading] = {}
    # The open headings above the current one; the parent of a heading is the nearest one of a
    # lower level. Its index in page.headings identifies the section siblings share.
    stack: list[tuple[int, int]] = []
    for index, heading in enumerate(page.headings):
        while stack and stack[-1][1] >= heading.level:
            stack.pop()
        parent = stack[-1][0] if stack else -1
        stack.append((index, heading.level))
        if not heading.text or heading.quoted:
            continue  # empty: H004's; quoted: another author's, the writer cannot rename it
        key = (parent if opts.siblings_only else 0, _norm(heading.text))
        first = seen.get(key)
        if first is None and opts.siblings_only:
            # A section named like a section it sits in ("SSH over HTTP-Proxy" under the h1
            # "SSH over HTTP-Proxy") is a repeat too.
            first = next((page.headings[i] for i, _ in stack[:-1]
                          if _norm(page.headings[i].text) == key[1]), None)
        if first is None:
            seen[key] = heading
            continue
        if first.level == 1 and heading.level == 1:
            continue
        where = f"line {first.pos.line}" if first.pos.line is not None else "earlier"
        yield Violation(
            heading,
            f'Heading "{shorten(heading.text)}" repeats the <h{first.level}> on {where}',
            fix="Rename one of them to say what sets its section apart",
        )
