"""Heading ids on Markdown sources: the `id` each heading will have on the built site.

The Markdown source renders headings with the id the generator writes (`seolint.sources.slugs`
has the schemes), so D010 (broken-fragment) checks `#fragment` links on sources as it does on
built sites. The scheme comes from the generator and its config:

- Hugo: `markup.goldmark.parser.autoHeadingIDType` (github, default; github-ascii;
  blackfriday); `autoHeadingID = false` turns ids off.
- Jekyll: kramdown with `input: GFM` (Jekyll's default) or `input: kramdown`; `auto_ids: false`
  turns them off; `auto_id_prefix` is put in front.
- Zola: the `slug` crate (`slugify.anchors = "on"`, the default; other values are not known).
- Astro: github-slugger (rehype-heading-ids).
- Eleventy: markdown-it-anchor when the config names it with its default slugify; none without.
- Anything else (SvelteKit's many pipelines, no generator): unknown, so the page's ids are not
  known in full and D010 does not judge links into it.

Explicit ids win and are taken first: `## Title {#custom}` (Hugo, Jekyll, Zola), kramdown's
`{: #custom}` after the heading text, and raw HTML ids, which the HTML keeps.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from seolint.sources.slugs import HUGO_ID_TYPES, HeadingIds, kramdown_text

if TYPE_CHECKING:
    from markdown_it.token import Token

# "{#id}" or kramdown's "{: #id .class}" at the end of a heading's text
_ATTR = re.compile(r"\s*\{:?\s*#([^\s}]+)[^}]*\}\s*$")


def scheme_for(generator: str, config: dict[str, Any], config_text: str = ""
               ) -> tuple[str | None, str]:
    """(scheme or None when unknown, id prefix) for a generator and its parsed config."""
    if generator == "hugo":
        markup = _get(config, "markup", "goldmark", "parser")
        if isinstance(markup, dict):
            if _ci(markup, "autoHeadingID") is False:
                return "none", ""
            kind = _ci(markup, "autoHeadingIDType")
            if isinstance(kind, str):
                scheme = HUGO_ID_TYPES.get(kind.lower())
                return scheme, ""
        return "hugo", ""
    if generator == "jekyll":
        kramdown = config.get("kramdown")
        kramdown = kramdown if isinstance(kramdown, dict) else {}
        if str(config.get("markdown", "kramdown")).lower() != "kramdown":
            return None, ""  # CommonMark or Redcarpet plugins: their own ids
        if kramdown.get("auto_ids") is False:
            return "none", ""
        prefix = kramdown.get("auto_id_prefix")
        prefix = prefix if isinstance(prefix, str) else ""
        if kramdown.get("transliterated_header_ids"):
            return None, prefix
        source = str(kramdown.get("input", "GFM")).lower()
        if source == "gfm":
            return "kramdown-gfm", prefix
        if source == "kramdown":
            return "kramdown", prefix
        return None, prefix
    if generator == "zola":
        slugify = config.get("slugify")
        anchors = slugify.get("anchors", "on") if isinstance(slugify, dict) else "on"
        return ("zola" if anchors == "on" else None), ""
    if generator == "astro":
        return "github", ""
    if generator == "eleventy":
        text = config_text.lower()
        if "markdown-it-anchor" in text and "slugify" not in text:
            return "markdown-it-anchor", ""
        return ("none" if "anchor" not in text else None), ""
    return None, ""


def _ci(table: dict[str, Any], key: str) -> Any:
    for k, v in table.items():
        if str(k).lower() == key.lower():
            return v
    return None


def _get(table: dict[str, Any], *keys: str) -> Any:
    value: Any = table
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = _ci(value, key)
    return value


def _explicit(inline: Token) -> str | None:
    """Take a trailing `{#id}` off the heading's text; the id, or None."""
    children = inline.children or []
    if not children or children[-1].type != "text":
        return None
    last = children[-1]
    m = _ATTR.search(last.content)
    if not m:
        return None
    last.content = last.content[: m.start()]
    inline.content = _ATTR.sub("", inline.content)
    return m.group(1)


def _text(inline: Token, scheme: str) -> str:
    """The heading's text as the generator reads it for its id."""
    parts: list[str] = []
    kramdown = scheme.startswith("kramdown")
    for child in inline.children or []:
        if child.type == "text":
            parts.append(kramdown_text(child.content) if kramdown else child.content)
        elif child.type == "code_inline":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image" and not kramdown:
            parts.append("".join(c.content for c in child.children or []))
    return "".join(parts)


def assign(tokens: list[Token], scheme: str | None, prefix: str = "") -> bool:
    """Set the id of every Markdown heading as the generator would. True when every id is
    known; False when the scheme is unknown or a heading's id cannot be computed for sure."""
    explicit: list[tuple[Token, str]] = []
    headings: list[tuple[Token, Token]] = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and i + 1 < len(tokens) and tokens[i + 1].type == "inline":
            inline = tokens[i + 1]
            ident = _explicit(inline)
            if ident is not None:
                explicit.append((token, ident))
            else:
                headings.append((token, inline))
    for token, ident in explicit:
        token.attrSet("id", ident)
    if scheme is None:
        return False
    if scheme == "none":
        return True
    ids = HeadingIds(scheme)
    for _, ident in explicit:
        ids.take(ident)
    for token, inline in headings:
        ident = ids.add(_text(inline, scheme))
        if ident is not None:
            token.attrSet("id", prefix + ident)
    return not ids.unsure
