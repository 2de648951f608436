"""A heading has no text.

## What it does
Reports every `<h1>` to `<h6>` on the page whose text, with spaces collapsed, is empty. A heading
that holds only an image with a non-empty `alt` (a logo in an `<h1>`) has text for screen readers
and search engines and is not reported.

## Why is this bad?
An empty heading is a hole in the outline: screen readers announce "heading level 2" and nothing
else, and search engines get no topic from it. They usually come from a theme's template with an
empty variable (`<h1>{{ page.title }}</h1>` on a page without a title) or from an icon font.

## Example
```html
<h1>Running backwards</h1>
<h2></h2>
<p>Start slowly.</p>
```

## Use instead
```html
<h1>Running backwards</h1>
<h2>How to start</h2>
<p>Start slowly.</p>
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from seolint.document import FACT_BODY, Page
from seolint.rule import NoOptions, Violation, is_content_page, page_rule


@page_rule("H004", "empty-heading", category="headings", severity="warning",
           applies=is_content_page,
           requires=frozenset({FACT_BODY}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    for heading in page.headings:
        # Heading.text is the accessible text: an image's alt or an aria-label counts, and a
        # hidden span does not.
        if heading.text or heading.hidden:
            continue
        yield Violation(
            heading, f"<h{heading.level}> has no text",
            fix=f"Write the heading's text, or remove the empty <h{heading.level}>",
            template_fix="Make the template leave the heading out when the page gives it no "
                         "text (a subtitle or a name the page does not set)",
        )
