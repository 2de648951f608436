"""A link's #fragment names no element on the page it points to.

## What it does
Checks every `href="#x"` on a page, and every `page#x` to another page of the site, against the
ids of the target page: an element with `id="x"`, or an `<a name="x">`. The browser matches the
fragment exactly (after percent-decoding), except `#top`, which always scrolls to the top.

Not reported: `#` alone, `#top`, client-side routes (`#/path`, `#!`), text fragments
(`#:~:text=...`), targets outside the site or not among its pages (D007 reports those), redirect
stubs, pages whose ids the source cannot know in full, and Disqus-style `#comment-123` links to
a page with no `comment-*` id at all (its comments are drawn by a script). On Markdown sources the heading ids
are the ones the generator will write (Hugo, Jekyll, Zola, Astro, Eleventy: see
`seolint.sources.slugs`), plus `{#id}` attributes and raw HTML ids; the theme's own ids are not
known there, so a fragment is reported only when it nearly matches an id of the page (the same
but for case, or a close spelling: a renamed or mistyped heading). It needs no network.

## Why is this bad?
A reader who follows a table-of-contents entry or a "see below" link to a heading that was
renamed lands at the top of the page, or nowhere near what was promised. Link checkers
(html-proofer, htmltest, lychee) report these as broken anchors.

## Example
```html
<html><body><h2 id="install">Install</h2><p>See <a href="#setup">setup</a>.</p></body></html>
```

## Use instead
```html
<html><body><h2 id="setup">Setup</h2><p>See <a href="#setup">setup</a>.</p></body></html>
```

## Options
None.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from seolint.document import PageSummary, Site
from seolint.rule import NoOptions, Violation, shorten, site_rule
from seolint.sitetools import candidate_keys, url_key

# Fragments that name no element by design: client-side routes, hashbangs, text fragments.
_NOT_IDS = ("/", "!", ":~:")
# Disqus (and similar embeds) scroll to "#comment-<number>" inside their own frame: the page
# holds no such element. Measured on the corpus: jakevdp-pelican's four D010 findings before
# this were all Disqus comment links.
_SCRIPT_COMMENT = re.compile(r"comment-\d+")


def wanted(fragment: str | None) -> str | None:
    """The id a fragment asks for, or None when it asks for none (see the docstring)."""
    if fragment is None:
        return None
    fragment = fragment.split(":~:", 1)[0]  # a text directive after the fragment proper
    if not fragment or fragment.startswith(_NOT_IDS) or fragment.lower() == "top":
        return None
    return fragment


def _found(fragment: str, ids: frozenset[str]) -> bool:
    if fragment in ids:
        return True
    decoded = unquote(fragment)
    if decoded in ids:
        return True
    # markdown-it-anchor writes ids percent-encoded ("caf%C3%A9"); a link may say "café".
    return any("%" in i and unquote(i) == decoded for i in ids)


def _close(fragment: str, ids: frozenset[str]) -> list[str]:
    """The page's id the fragment most likely meant: the same but for case, else a close one."""
    folded = fragment.casefold()
    same = sorted(i for i in ids if i.casefold() == folded)
    return same[:1] or difflib.get_close_matches(fragment, sorted(ids), n=1, cutoff=0.8)


@site_rule("D010", "broken-fragment", category="links", severity="warning")
def check(site: Site, opts: NoOptions) -> Iterator[Violation]:
    by_key: dict[str, PageSummary] = {}
    for page in site.pages:
        by_key.setdefault(url_key(page.url), page)
    for page in site.pages:
        for link in page.internal_links:
            fragment = wanted(link.fragment)
            if fragment is None:
                continue
            target_url = site.crawl.landing(link.target) if site.crawl else link.target
            target = page if target_url == page.url else None
            if target is None:
                target = next((by_key[k] for k in candidate_keys(target_url) if k in by_key),
                              None)
            if target is None or target.ids is None or target.kind == "redirect":
                continue
            if _found(fragment, target.ids):
                continue
            if _SCRIPT_COMMENT.fullmatch(fragment) and not any(
                    i.startswith("comment-") for i in target.ids):
                continue
            shown = shorten(unquote(fragment), 60)
            if target is page:
                where = f"#{shown}"
                on = "this page"
            else:
                where = f"{shorten(unquote(urlsplit(target_url).path) or '/', 60)}#{shown}"
                on = "that page"
            close = _close(unquote(fragment), target.ids)
            if not target.ids_complete and not close:
                continue  # a Markdown source's theme may hold the id: only a near miss is sure
            fix = (f"Change the link to #{shorten(close[0], 60)}" if close else
                   f"Point the link at an id {on} has, or add id=\"{shown}\" to its target")
            yield Violation(link, f"Link to {where}: no element on {on} has id \"{shown}\"",
                            fix=fix, page=page)
