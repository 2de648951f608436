"""Markdown sources: blog posts with front matter, linted as the page the theme would build.

A `.md`, `.markdown` or `.mdx` file becomes a page in four steps, so every rule reads the same
Page model as for HTML:

1. **Front matter** (`seolint.sources.frontmatter`): YAML `---` or TOML `+++`. Front matter that
   does not parse is an F001 finding on its line, and the body is still linted.
2. **Body**: rendered with markdown-it-py (CommonMark with tables and strikethrough; raw HTML
   passes through, as in every generator; `![](x.png)` is an image without alt text, as
   markdownlint's MD045 reads it). Template tags the generator would expand are taken
   out first, line for line (Liquid `{% %}`, Hugo and Zola shortcodes, kramdown `{: }` lists,
   MDX imports, exports and JSX lines), except links: Hugo's `ref`/`relref`, Jekyll's
   `post_url` and `link`, Zola's `@/` paths and relative `.md` links are resolved to the target
   post's URL (`seolint.sources.generators`), so broken links, duplicates and orphans work on
   sources. A link to a path the theme may generate (tag pages, `/about`) that the sources cannot
   show is taken as existing (`RawDocument.assumed_urls`), not called broken; a link into a
   folder of posts, or to a dated post URL, is checked.
3. **Head**: front matter supplies what the theme would put in `<head>`: `title` (through the
   `title-template`, e.g. "{title} | My Blog"), `description` (else `summary`, `excerpt`),
   `lang`, `robots`/`noindex`, `canonical`. The front-matter title is also the page's `<h1>`
   when `title-as-h1` is on (the default: most themes print it as the post's heading). Nothing
   else: the theme's canonical, social tags, JSON-LD and `<html lang>` are unknown, so the rules
   that read them are not applicable (`Page.facts` holds FACT_BODY, FACT_TITLE and
   FACT_DESCRIPTION, never FACT_HEAD), never a false finding.
4. **Lines**: the rendered HTML keeps a map from each of its lines to the Markdown file's line
   (`RawDocument.line_map`; markdown-it tokens carry their source lines), and `parse()` maps
   every position back, so findings point at the `.md` line (head findings at the front-matter
   key, a missing key at line 1).

Drafts (`draft: true`, Jekyll's `published: false` and `_drafts/`) are skipped unless
`include-drafts` (`--include-drafts`) asks for them. `Page.front_matter` holds the front matter as
written (JSON-safe), plus, where absent, the keys other rules read: `date` (else `pubDate`,
`published`..., else the file name's or path's date), `lastmod` (`updated`, `last_modified_at`,
`modified`), `author` (the first of `authors`), `lang` (`language`, `locale`, the generator's site
language), `keyphrase` (`focus_keyphrase`, `focus_keyword`) and `draft`.

The package's parts: `site` finds every source and its URL (discovery, the MarkdownSite workers
share), `preprocess` takes out the template tags, `links` resolves a post's links as its generator
would, and `render` turns one source into the RawDocument of its page. Imports: seolint.document,
seolint.parse, seolint.options, seolint.sitetools and sibling sources; never engine or analysis.
"""

from __future__ import annotations

from seolint.document import remap_lines
from seolint.options import MarkdownOptions
from seolint.sources.generators import parse_date
from seolint.sources.markdown.preprocess import TEMPLATING, preprocess
from seolint.sources.markdown.render import body_lines, front_matter_of, read, render
from seolint.sources.markdown.site import (
    MARKDOWN_SUFFIXES,
    SKIP_DIRS,
    Found,
    MarkdownSite,
    SourceFile,
    add_sources,
    default_paths,
    discover,
    is_markdown,
    normalise,
)

__all__ = [
    "MARKDOWN_SUFFIXES",
    "SKIP_DIRS",
    "TEMPLATING",
    "Found",
    "MarkdownOptions",
    "MarkdownSite",
    "SourceFile",
    "add_sources",
    "body_lines",
    "default_paths",
    "discover",
    "front_matter_of",
    "is_markdown",
    "normalise",
    "parse_date",
    "preprocess",
    "read",
    "remap_lines",
    "render",
]
