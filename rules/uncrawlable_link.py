"""A link that search engines cannot follow (`javascript:`, empty href, no href).

## What it does
Reports `<a>` elements whose target a crawler cannot resolve to a page:
- an href with the `javascript:` scheme (`javascript:void(0)`, `javascript:openMenu()`);
- an empty href (`href=""`, which only points back at the page itself);
- a `file:` href (a path on the author's computer);
- an http(s) or relative href that is not a valid URL (`http://[broken`);
- an `<a>` with text but no href at all (a link built by a click handler).

Not reported: `mailto:`, `tel:` and other non-web schemes (they are not meant to be crawled),
`<a name="top"></a>` and other empty anchors without href (jump targets, not links), and, by
default, `href="#"`: Lighthouse passes it, and it usually means "back to top" or a menu toggle,
which hides no page from a crawler. Every link counts, in the main content or not, as in
Lighthouse.

## Why is this bad?
Google follows links only when they are `<a>` elements with an `href` that resolves to a URL;
it does not click or run `javascript:` URLs. A page reached only through such links may never be
discovered, and the link passes no signal to its target. Lighthouse's SEO audit "Links are not
crawlable" fails on them.

## Example
```html
<p>See <a href="javascript:void(0)" onclick="go('/pricing')">our pricing</a>.</p>
```

## Use instead
```html
<p>See <a href="/pricing">our pricing</a>.</p>
```

## Options
- `flag-hash-only` (default false: Lighthouse's crawlable-anchors audit passes `href="#"`; set
  it to also report links whose href is only `#`)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from seolint.document import FACT_BODY, Page
from seolint.rule import Violation, is_content_page, page_rule, shorten

_SPACE = re.compile(r"\s+")
_NOT_A_LINK = frozenset({"name", "id", "role", "aria-current"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


@dataclass(frozen=True)
class Options:
    flag_hash_only: bool = False  # Lighthouse crawlable-anchors passes href="#"


def _label(text: str) -> str:
    return f' "{shorten(text, 50)}"' if text else ""


@page_rule("L002", "uncrawlable-link", category="links", severity="warning", options=Options,
           applies=is_content_page,
           requires=frozenset({FACT_BODY}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    for link in page.links:
        label = _label(link.text)
        if link.href is None:
            # <a name>/<a id> is a jump target, and a role or aria-current says the author
            # knows it is not a link (Lighthouse crawlable-anchors skips these too).
            if link.attrs & _NOT_A_LINK:
                continue
            if link.text:
                yield Violation(
                    link,
                    f"Link{label} has no href attribute",
                    fix="Add an href with the URL the link leads to, or use a <button> if it "
                        "only runs a script (a menu, a chat or search toggle)",
                )
            continue
        # Browsers drop whitespace inside a URL's scheme, so "java script:" still runs.
        raw = _SPACE.sub("", link.href)
        match = _SCHEME.match(raw)
        scheme = match.group(1).lower() if match else ""
        if not raw:
            yield Violation(
                link,
                f"Link{label} has an empty href",
                fix="Put the URL of the target page in the href",
            )
        elif scheme == "javascript":
            yield Violation(
                link,
                f'Link{label} has a javascript: href ("{shorten(link.href.strip(), 50)}")',
                fix="Put the target page's URL in the href and keep the script in an "
                    "onclick handler, or use a <button> if it opens no page (a search or menu "
                    "toggle)",
            )
        elif scheme == "file":
            yield Violation(
                link,
                f'Link{label} points at a local file ("{shorten(link.href.strip(), 50)}")',
                fix="Replace the file: path with the page's URL on the site",
            )
        elif raw == "#":
            if opts.flag_hash_only:
                yield Violation(
                    link,
                    f'Link{label} has href="#" and leads nowhere',
                    fix="Put the target page's URL in the href, or use a <button> for an "
                        "action",
                )
        elif scheme in ("", "http", "https") and link.url is None:
            yield Violation(
                link,
                f'Link{label} has an href that is not a valid URL ("{shorten(link.href, 50)}")',
                fix="Correct the URL in the href",
            )
