"""Page has no meta description, or an empty one.

## What it does
Reports a page with no `<meta name="description">`, and one whose description has no `content`
or only whitespace in it.

## Why is this bad?
The meta description is the writer's own summary of the page, and search engines often show it
under the title in their results. Without one they pick a snippet from the page, which may be a
cookie notice or the middle of a sentence. Lighthouse's `meta-description` audit and Yoast both
fail a page without one.

## Example
```html
<head>
<title>Running Backwards: A Beginner's Guide</title>
</head>
```

## Use instead
```html
<head>
<title>Running Backwards: A Beginner's Guide</title>
<meta name="description" content="Why running backwards strengthens your knees, how to start
  without falling over, and a four-week plan for beginners.">
</head>
```

## Options
None. A page that redirects with `<meta http-equiv="refresh">` is exempt: it is never shown.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import FACT_DESCRIPTION, FACT_HEAD, Page
from seolint.rule import NoOptions, Violation, built_with, is_content_page, page_rule

# One text pasted into a shared template would be the same description on every page (D002).
_TEMPLATE_FIX = ("Make the template print each page's own description (its front matter "
                 "`description:`, else its summary) in <meta name=\"description\">, and write one "
                 "for each post: never one text for all pages")


@page_rule("M001", "missing-meta-description", category="meta", severity="error",
           applies=is_content_page,
           requires=frozenset({FACT_DESCRIPTION}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    if page.is_fragment:
        return  # T001 reports the missing head once
    descriptions = page.descriptions
    if not descriptions and FACT_HEAD not in page.facts:
        # A Markdown source: the theme writes the meta description from the front matter.
        yield Violation(
            page.head_pos,
            "Front matter has no description",
            fix="Add a `description:` to the front matter, summarising the post in 70 to 155 "
                "characters",
        )
    elif not descriptions:
        generator = built_with(page)
        yield Violation(
            page.head_pos,
            "Page has no meta description",
            fix=f"Add a `description:` to the page's front matter, summarising it in 70 to 155 "
                f'characters, and check that the {generator} theme prints it as <meta '
                'name="description">' if generator else
            'Add <meta name="description" content="..."> to <head>, summarising the page in '
            "70 to 155 characters",
            template_fix=_TEMPLATE_FIX,
        )
    elif not (descriptions[0].content or "").strip():
        yield Violation(
            descriptions[0],
            "Meta description is empty",
            fix="Write a summary of the page in 70 to 155 characters in its content attribute",
            template_fix=_TEMPLATE_FIX,
        )
