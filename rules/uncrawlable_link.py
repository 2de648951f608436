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

**UI controls are not links.** Themes write buttons as `<a>`: dark-mode and sidebar toggles, "show
code", share and search pop-ups, a chat widget. A link for search engines is an element meant to
navigate, so an `<a>` without a usable target (no href, an empty one, `#`, or `javascript:`) is
taken for a control, and not reported, when

- it acts without navigating: it has an `onclick`, or a `javascript:` href that does more than
  `void(0)` (`javascript:openMenu()`, `javascript:$.getScript("/minimap.js")`), and neither
  script navigates;
- or it says it is a control: a `role` other than `link`, an `aria-expanded`, `aria-controls`,
  `aria-haspopup`, `aria-pressed`, `data-toggle`/`data-bs-toggle` or clipboard.js
  `data-clipboard*` attribute (MkDocs Material's "Share" button), or a class word
  such as `toggle`, `btn`, `button`, `trigger`, `close`, `popup`, `modal`, `dropdown`, `expand`,
  `collapse`, `tab` (`sidebar-toggle`, `popup-trigger`, hexo-douban's `hexo-douban-tab` tabs,
  `<a class="hexo-douban-tab" href="javascript:;">Wish (0)</a>`).

A script navigates when it assigns or calls `location`, calls `window.open(`, `navigate(` or a router's
`push(`, or names a page (a quoted `/path`, `http(s)://` URL or `.html` file): such an `<a>` is a
link that hides its target from crawlers, and it is reported. So is a bare `href=""` or
`javascript:void(0)` with no sign of a control: nothing says it is not a link with its URL
missing (`<a href="">the paper</a>` in a list of references).

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

from seolint.document import FACT_BODY, Link, Page
from seolint.rule import Violation, is_content_page, page_rule, shorten

_SPACE = re.compile(r"\s+")
_NOT_A_LINK = frozenset({"name", "id", "role", "aria-current"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# What marks an <a> as a UI control (see the docs): ARIA state of a widget, Bootstrap's toggles,
# and class words of buttons, split at "-" and "_" ("sidebar-toggle", "hexo-douban-button").
_CONTROL_ATTRS = frozenset({"aria-expanded", "aria-controls", "aria-haspopup", "aria-pressed",
                            "data-toggle", "data-bs-toggle", "data-clipboard",
                            "data-clipboard-text", "data-clipboard-target"})
_CONTROL_WORDS = frozenset({"toggle", "toggler", "btn", "button", "trigger", "close", "popup",
                            "modal", "dropdown", "expand", "collapse", "switch", "tab"})
_CLASS_WORD = re.compile(r"[-_]+")
_NO_OP = re.compile(r"^(?:void\(?0\)?|;|undefined|null|)?;?$")
# A script that sends the reader to a page: location, window.open, a router, a quoted page.
_NAVIGATES = re.compile(
    r"\blocation\b|(?:\bwindow\.|(?<![.\w]))open\s*\(|\bnavigate\w*\s*\(|\.push\s*\(\s*['\"`]|"
    r"['\"`](?:https?://|/(?![^'\"`]*\.(?:js|css|json)['\"`]))|\.html?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Options:
    flag_hash_only: bool = False  # Lighthouse crawlable-anchors passes href="#"


def _label(text: str) -> str:
    return f' "{shorten(text, 50)}"' if text else ""


def _is_control(link: Link, script: str) -> bool:
    """An <a> without a usable target that acts as a button, not a link (see the docs)."""
    action = f"{script} {link.onclick or ''}"
    if _NAVIGATES.search(action):
        return False
    if link.onclick is not None or not _NO_OP.match(script):
        return True
    if "role" in link.attrs or not _CONTROL_ATTRS.isdisjoint(link.attrs):
        return True
    words = {w for token in link.classes for w in _CLASS_WORD.split(token)}
    return not _CONTROL_WORDS.isdisjoint(words)


@page_rule("L002", "uncrawlable-link", category="links", severity="warning", options=Options,
           applies=is_content_page,
           requires=frozenset({FACT_BODY}))
def check(page: Page, opts: Options) -> Iterator[Violation]:
    for link in page.links:
        label = _label(link.text)
        compact = _SPACE.sub("", link.href) if link.href is not None else ""
        script = compact[len("javascript:"):] if compact.lower().startswith("javascript:") else ""
        if (not compact or script or compact.lower() == "javascript:") and _is_control(
                link, script):
            continue  # a button written as <a>: it leads nowhere, and is not meant to
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
