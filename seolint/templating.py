"""What a fix may say about where a page came from: the generator that built it, how that
generator's templates print a page's own URL, and whether the page is a Markdown source.

A built page names its generator in `<meta name="generator">` (Hugo, Jekyll's jekyll-seo-tag,
Hexo, Eleventy's and Astro's starters, MkDocs, Nikola, Pelican themes, WordPress, Ghost...). A
page that names none gets generic advice: seolint never guesses a generator from the markup.

The template expressions for a self-referencing canonical, each page's own absolute URL, were
checked against each generator's documentation or its own base templates:

- Hugo: `{{ .Permalink }}` (the page's absolute URL, from `baseURL`);
- Jekyll: `{{ page.url | absolute_url }}` (jekyll-seo-tag writes the canonical itself);
- Hexo: `<%- url %>` in EJS, `{{ url }}` in Nunjucks (the global "full URL of current page");
- Pelican: `{{ SITEURL }}/{{ article.url }}` (`page.url` on pages);
- Zola: `{{ current_url }}`;
- Eleventy: your site's URL followed by `{{ page.url }}`;
- Astro: `{new URL(Astro.url.pathname, Astro.site)}`;
- MkDocs: `{{ page.canonical_url }}`, which the built-in and Material themes print once
  `site_url` is set in mkdocs.yml;
- Nikola: `{{ abs_link(permalink) }}`, which its base templates print once `SITE_URL` is set.

Hakyll and Franklin print no generator tag, so their pages get the generic advice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

# (pattern on the generator tag's content, generator id, name shown in fixes)
_GENERATORS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), ident, name) for pattern, ident, name in (
        (r"^\s*hugo\b", "hugo", "Hugo"),
        (r"^\s*jekyll\b", "jekyll", "Jekyll"),
        (r"^\s*hexo\b", "hexo", "Hexo"),
        (r"^\s*pelican\b", "pelican", "Pelican"),
        (r"^\s*zola\b", "zola", "Zola"),
        (r"^\s*eleventy\b|^\s*11ty\b", "eleventy", "Eleventy"),
        (r"^\s*astro\b", "astro", "Astro"),
        (r"^\s*mkdocs\b", "mkdocs", "MkDocs"),
        (r"^\s*nikola\b", "nikola", "Nikola"),
        (r"^\s*wordpress\b", "wordpress", "WordPress"),
        (r"^\s*ghost\b", "ghost", "Ghost"),
    ))

CANONICAL_EXPRESSIONS: dict[str, str] = {
    "hugo": '<link rel="canonical" href="{{ .Permalink }}">',
    "jekyll": '<link rel="canonical" href="{{ page.url | absolute_url }}">',
    "hexo": '<link rel="canonical" href="<%- url %>"> (EJS; {{ url }} in Nunjucks)',
    "pelican": '<link rel="canonical" href="{{ SITEURL }}/{{ article.url }}"> '
               "(page.url on pages)",
    "zola": '<link rel="canonical" href="{{ current_url }}">',
    "eleventy": '<link rel="canonical" href="https://your.site{{ page.url }}">',
    "astro": '<link rel="canonical" href={new URL(Astro.url.pathname, Astro.site)} />',
    "mkdocs": '<link rel="canonical" href="{{ page.canonical_url }}">, which the theme prints '
              "once site_url is set in mkdocs.yml",
    "nikola": '<link rel="canonical" href="{{ abs_link(permalink) }}">, which the base '
              "templates print once SITE_URL is set in conf.py",
}


class _MetaLike(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def content(self) -> str | None: ...


def generator_of(metas: Iterable[_MetaLike]) -> tuple[str, str] | None:
    """(id, name) of the generator a page's `<meta name="generator">` names, if seolint knows
    it."""
    for meta in metas:
        if meta.key != "generator" or not meta.content:
            continue
        for pattern, ident, name in _GENERATORS:
            if pattern.search(meta.content):
                return ident, name
    return None


def canonical_template_fix(generator: str | None) -> str:
    """The fix for a canonical missing on every page of a template: a self-referencing
    canonical, each page's own URL, never one page's literal URL pasted into all of them."""
    expr = CANONICAL_EXPRESSIONS.get(generator or "")
    base = ("Add a self-referencing canonical, each page's own URL, to the template's <head>")
    if expr:
        return f"{base}: {expr}"
    return (f"{base}, printed by your generator's variable for the page's absolute URL "
            "(never one fixed URL for all pages)")
