"""RawDocument -> Page: decode, parse once, extract everything rules read.

The tree is bs4's html.parser front end with light nodes behind it (`seolint.htmltree`, which
says why); a real BeautifulSoup tree is built only for a `--content-selector`, for soupsieve.

Decoding follows the HTML standard's order: a byte-order mark, the Content-Type charset (when a
server sent one), the document's own <meta charset>, strict UTF-8, then detection
(charset-normalizer, preferring windows-1252 among equally good guesses).

The main content is, in order of preference: the configured CSS selector, the single <main>
(or role="main"), the single <article>, else the body. Inside it, boilerplate is dropped: nav,
aside, footer and header elements, hidden elements, forms, and blocks whose class or id says they
are comments, sidebars, share bars or related/popular-post widgets (unless they hold the h1 or the
article itself, so a wrapper such as `class="content-with-sidebar"` is not thrown away whole).
"""

from __future__ import annotations

import html as html_lib
import json
import re
import warnings
from bisect import bisect_left
from collections.abc import Iterable
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag, XMLParsedAsHTMLWarning
from bs4.dammit import UnicodeDammit

from seolint import _lazy
from seolint.decoding import NotHtmlError, decode  # noqa: F401  (re-exported)
from seolint.document import (
    ALL_HTML_FACTS,
    FACT_HTTP,
    HEAD_PARTS,
    LINE_BREAK,
    MARKDOWN_IMAGE_ATTR,
    BlockKind,
    Heading,
    Image,
    JsonLd,
    Limit,
    Link,
    LinkTag,
    Meta,
    Page,
    PageKind,
    Position,
    RawDocument,
    Refresh,
    TextBlock,
    Title,
    remap_lines,
)
from seolint.htmltree import MAX_NODES, TEXT, Element, Text, Tree, parse_tree
from seolint.sniff import not_html
from seolint.urls import authority, resolve, site_key, url_site_key  # noqa: F401  (re-exported)

# bs4 speaks to the user through warnings when a page is odd ("looks like a URL"); seolint
# reports odd pages as findings instead, so silence bs4 itself.
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)
warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)


_WS = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# A replacement character, or a control character other than tab, line feed, form feed, CR.
_NO_POS = Position()
_ROLE_MAIN = re.compile(r"role\s*=", re.IGNORECASE)

_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
     "form", "button", "select", "textarea", "input", "dialog"}
)
_BOILERPLATE_TAGS = frozenset({"nav", "aside", "footer", "header"})
_BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
# Class/id fragments that mark widgets around the article rather than the article.
_BOILERPLATE_SUBSTRINGS = (
    "comment", "disqus", "sidebar", "popular", "related", "widget", "share", "sharing",
    "breadcrumb", "cookie", "newsletter", "subscribe", "social", "advert",
)
_BOILERPLATE_TOKENS = frozenset(
    {"nav", "navbar", "menu", "footer", "header", "masthead", "pagination", "pager", "ads", "ad",
     "toc", "banner"}
)
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
# Where lazy-loading scripts (lazysizes, lozad, WordPress, jQuery lazyload) keep the real image.
_LAZY_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-srcset", "data-lazy")

_BLOCK_KINDS: dict[str, BlockKind] = {
    "p": "p", "li": "li", "dt": "li", "dd": "li",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "blockquote": "quote", "pre": "pre", "td": "table", "th": "table",
    "caption": "table",
}
_OTHER_BLOCKS = frozenset(
    {"div", "section", "article", "main", "body", "html", "figcaption", "figure", "address",
     "details", "summary", "ul", "ol", "dl", "table", "tr", "tbody", "thead", "tfoot", "center"}
)
_HEAD_OK = frozenset(
    {"html", "head", "title", "meta", "link", "base", "style", "script", "noscript", "template"}
)
_HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}
_POST_TYPES = frozenset({"blogposting", "article", "newsarticle", "techarticle", "report"})
_LISTING_PATH = re.compile(
    r"/(tag|tags|category|categories|archive|archives|author|authors|label|search|etiqueta"
    r"|categoria)(/|\.html?$|$)|/page/?\d+(/(index\.html?)?)?$",  # /page2/, /page/2/
    re.IGNORECASE,
)
_ERROR_PATH = re.compile(r"/(404|410|500|error|not-found)(\.html?|/)?$", re.IGNORECASE)
# /2010/, /2010/07/, /2010/07/28/: a date archive lists the posts of that year, month or day.
_DATE_ARCHIVE = re.compile(r"/(19|20)\d\d(/[01]\d(/[0-3]\d)?)?/?(index\.html?)?$")
_DATE_PATH = re.compile(r"/(19|20)\d\d/[01]\d/")
_YEAR_IN_TEXT = re.compile(r"\b(?:19|20)\d\d\b")  # a class="post-date" element names a year
_POSTED = re.compile(r"\s*(?:posted|published|updated|written)\b", re.IGNORECASE)
_META_CLASS = re.compile(r"(?:^|[\s_-])meta(?:$|[\s_-])")

PSEUDO_ORIGIN = "https://seolint.invalid"  # RFC 2606: a name that can never be a real site


def collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _pos(tag: Element) -> Position:
    line = tag.line
    col = tag.col
    return Position(line, col + 1 if col is not None else None) if line is not None else _NO_POS


def _attr(tag: Element, name: str) -> str | None:
    return tag.attrs.get(name)


def _tokens(tag: Element, name: str) -> tuple[str, ...]:
    value = tag.attrs.get(name)
    if value is None:
        return ()
    return tuple(v.lower() for v in value.split())


def _is_hidden(tag: Element) -> bool:
    attrs = tag.attrs
    if not attrs:
        return False
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return bool(style) and "display:none" in style.replace(" ", "").lower()


# Text of headings and links: a page of thousands of nested links or headings (html.parser
# nests them; a browser would not) would otherwise cost the square of its size or worse.
TEXT_LIMIT = 1000  # characters: a link or heading text this long is too long however it ends
TEXT_BUDGET = 200_000  # nodes a page may visit for them; a real page visits a few thousand


def _accessible_text(tag: Element, budget: list[int]) -> str:
    """What a screen reader would read for a heading or link: its visible text, else the alt of
    images inside it, else aria-label or title (read within the page's budget, TEXT_LIMIT)."""
    contents = tag.contents
    if len(contents) == 1:
        only = contents[0]
        if type(only) is Text and only.kind == TEXT:
            text = collapse(only.data)  # the common case: <a href="...">plain text</a>
            if text:
                return text
    parts = tag.read_strings(_VISIBLE, TEXT_LIMIT, budget, skip=_unread)
    text = collapse(" ".join(parts))
    if text:
        return text
    alts = [_attr(img, "alt") or "" for img in tag.elements("img") if not _is_hidden(img)]
    return collapse(" ".join(alts)) or collapse(_attr(tag, "aria-label") or _attr(tag, "title")
                                               or "")


_VISIBLE = frozenset({TEXT})


def _unread(tag: Element) -> bool:
    """Is nothing inside this element read out (script, form controls, hidden)?"""
    return tag.name in _SKIP_TAGS or _is_hidden(tag)


# Code that highlighters mark without <pre>, or around it: read as code, never as prose. Class
# tokens (whole, so "md-copyright__highlight" is not one) of Pygments/Rouge ("highlight",
# "highlighter-rouge", "highlighttable"), Pandoc/Quarto ("sourceCode", "cell-code",
# "code-fold"), Hugo/Chroma ("chroma", "lntable"), Hexo ("gutter", "code" cells), highlight.js
# ("hljs") and others; only on block containers, since a <span class="highlight"> marks prose.
_CODE_CLASSES = frozenset({
    "highlight", "highlighter-rouge", "highlighttable", "codehilite", "sourcecode", "cell-code",
    "code-fold", "chroma", "lntable", "gutter", "code", "linenos", "hljs", "prism-code",
    "code-block", "codeblock", "syntaxhighlighter",
})
_CODE_CONTAINERS = frozenset({"div", "figure", "table", "td", "details", "section", "code"})
# Custom elements of highlighters: <deckgo-highlight-code>, <code-block>, <prism-highlight>.
_CODE_ELEMENT_WORDS = ("code", "highlight", "prism", "hljs", "syntax", "snippet")
_CODE_SUMMARIES = frozenset({"code", "show code", "hide code", "source", "source code",
                             "show the code", "view code"})


def _is_code(tag: Element, name: str) -> bool:
    """Does this element hold code rather than prose (see _CODE_CLASSES)?"""
    if "-" in name:
        return any(w in name for w in _CODE_ELEMENT_WORDS)
    if name not in _CODE_CONTAINERS:
        return False
    classes = tag.attrs.get("class")
    if classes:
        # (not "language-*" alone: a theme's "language-features" grid is no code)
        if not _CODE_CLASSES.isdisjoint(classes.lower().split()):
            return name != "code" or "\n" in "".join(tag.read_strings(limit=2000))
    if name == "details":  # Quarto's folded cells: <details><summary>Code</summary>
        summary = tag.first("summary")
        return summary is not None and collapse(" ".join(summary.read_strings(
            limit=40))).lower() in _CODE_SUMMARIES
    return False


def _looks_boilerplate(tag: Element, in_article: bool) -> bool:
    if tag.name == "header" and in_article:
        return False  # an article's own header holds its title and byline
    if tag.name in _BOILERPLATE_TAGS:
        return True
    role = _attr(tag, "role")
    if role and role.lower() in _BOILERPLATE_ROLES:
        return True
    ident = _attr(tag, "id")
    if ident and tag.name in _HEADING_LEVELS and len(_TOKEN_SPLIT.split(ident)) > 3:
        ident = None  # a slug of the heading's own text ("share-these-posts-with-us"): content
    marks = " ".join(filter(None, (_attr(tag, "class"), ident))).lower()
    if not marks:
        return False
    if any(s in marks for s in _BOILERPLATE_SUBSTRINGS) or (
        _BOILERPLATE_TOKENS.intersection(_TOKEN_SPLIT.split(marks))
    ):
        # A wrapper that holds the article itself is not a widget, whatever its class says.
        return tag.first("h1", "article", "main") is None
    return False


def _select(tree: Tree, selector: str) -> Element | None:
    """The first element matching a CSS selector. soupsieve works on bs4 objects, so build a
    BeautifulSoup tree for it and find the same start tag in ours: both come from one tokenizer,
    so their positions agree."""
    _lazy.load("soupsieve")  # deferred at start-up; imported here under a lock (seolint._lazy)
    found = BeautifulSoup(tree.text, "html.parser").select_one(selector)
    if not isinstance(found, Tag) or found.sourceline is None:
        return None
    return tree.at(found.sourceline, found.sourcepos)


def _choose_main(tree: Tree, body: Element | None, selector: str | None) -> tuple[Element, str]:
    if selector:
        found = _select(tree, selector)
        if found is not None:
            return found, "selector"
    mains = tree.all("main")
    if not mains and _ROLE_MAIN.search(tree.text):
        mains = [n for n in tree.nodes if type(n) is Element and n.attrs.get("role") == "main"]
    if len(mains) == 1:
        return mains[0], "main"
    articles = tree.all("article")
    if len(articles) == 1:
        return articles[0], "article"
    return (body or tree.root), "heuristic"


_NO_STATE = (False, False, False, None, False, False, False)

# What a page keeps at most of each (memory and time on hostile pages: 100,000 headings in a
# 2.7 MB file took 546 MB and 50 s). Past a cap the rest is dropped and Z003 says so, once per
# cap. The real-blog corpus's largest pages hold 1,200 headings, 3,300 links, 11,000 blocks.
MAX_HEADINGS = 10_000
MAX_LINKS = 20_000
MAX_IMAGES = 10_000
MAX_BLOCKS = 20_000


class _Extractor:
    """One pass over the tree, collecting every fact a rule reads."""

    def __init__(self, tree: Tree, base_url: str, site_hosts: frozenset[str],
                 main: Element, has_head: bool, rendered: bool = False) -> None:
        self.tree = tree
        self.rendered = rendered  # a source seolint rendered (Markdown): its own marks count
        self.has_head = has_head
        self.base_url = base_url
        self.site_hosts = site_hosts
        self.main = main
        self.titles: list[Title] = []
        self.metas: list[Meta] = []
        self.link_tags: list[LinkTag] = []
        self.headings: list[Heading] = []
        self.links: list[Link] = []
        self.images: list[Image] = []
        self.json_ld: list[JsonLd] = []
        self.blocks: list[TextBlock] = []
        self.article_count = 0
        self.time_count = 0
        self.microdata: list[str] = []
        self.bylines: list[str] = []
        self.dates: list[str] = []
        self.ids: set[str] = set()
        self.text_budget = [TEXT_BUDGET]
        # what: [how many the page has, the line of the first one not kept]
        self.over: dict[str, list[int | None]] = {}
        self.title_ends = ([m.start() for m in _TITLE_END.finditer(tree.text)]
                           if tree.all("title") else [])

    def run(self) -> None:
        # Per element, in document order (parents before children): is it in <head>, in the main
        # content, dropped as boilerplate, and which block does its text belong to.
        # (in head, in main, skipped, its block, hidden, inside <svg>/<math>, inside <article>)
        state: dict[int, tuple[bool, bool, bool, Element | None, bool, bool, bool]] = {}
        main = self.main
        main_id = id(main)
        # A block's text is cut into segments where a child block interrupts it: in
        # <div>text<ul>...</ul>more</div>, "text" and "more" are two units, never one sentence.
        segment: dict[int, int] = {}
        block_text: dict[tuple[int, int], list[str]] = {}
        block_meta: dict[int, tuple[Element, BlockKind]] = {}
        block_links: dict[tuple[int, int], int] = {}
        quoted: set[int] = set()  # blocks inside a <blockquote> (or one itself)
        order: list[tuple[int, int]] = []
        # A later segment starts after a child block, not at its block's start tag: it is placed
        # on the line of the last start tag before its text (the child's last element), else
        # every run of text between a page's code blocks would sit on the article's first line.
        seg_line: dict[tuple[int, int], int | None] = {}
        last_line: int | None = None
        # <head> is optional in HTML: without one, a browser keeps metadata elements in an
        # implied head until the first element or text that belongs to the body.
        implied_head = not self.has_head
        body_started = False
        if main is self.tree.root:
            # No <body> (a fragment): the document itself is the main content. tree.nodes
            # does not hold the root, so seed its state here.
            state[main_id] = (False, True, False, main, False, False, False)
            block_meta[main_id] = (main, "other")
            segment[main_id] = 0
        for node in self.tree.nodes:
            if type(node) is Element:
                parent = node.parent
                p_head, p_main, p_skip, p_block, p_hidden, p_foreign, p_article = state.get(
                    id(parent), _NO_STATE)
                name = node.name
                if not body_started and not p_head and name not in _HEAD_OK:
                    body_started = True
                in_head = p_head or name == "head" or (
                    implied_head and not body_started and name in _HEAD_OK and name != "html")
                # Never rendered for a reader: a browser with scripts on ignores <noscript>.
                hidden = p_hidden or name in ("noscript", "template") or _is_hidden(node)
                in_main = p_main or id(node) == main_id
                skip = p_skip or name in _SKIP_TAGS
                if in_main and not skip and id(node) != main_id:
                    # Inside a heading, a link or a span is the heading's own text (Franklin
                    # wraps each heading's in <a class="header-anchor">, whose "header" reads as
                    # a page header): never a widget around the article.
                    in_heading = p_block is not None and p_block.name in _HEADING_LEVELS
                    skip = _is_hidden(node) or (not in_heading
                                                and _looks_boilerplate(node, p_article))
                block = p_block
                kind = _BLOCK_KINDS.get(name)
                code = name == "pre" or (in_main and not skip and _is_code(node, name))
                if kind is not None or name in _OTHER_BLOCKS or code:
                    block = node
                    if p_block is not None and id(p_block) in segment:
                        segment[id(p_block)] += 1
                    if id(node) not in block_meta:
                        segment[id(node)] = 0
                        # Code inside a table (a highlighter's line-numbered table) is code;
                        # anything inside code or a table is that.
                        parent_kind = block_meta[id(p_block)][1] if p_block is not None else None
                        if code or parent_kind == "pre":
                            kind = "pre"
                        elif parent_kind == "table":
                            kind = "table"
                        block_meta[id(node)] = (node, kind or "other")
                        if name == "blockquote" or (p_block is not None
                                                    and id(p_block) in quoted):
                            quoted.add(id(node))
                state[id(node)] = (in_head, in_main, skip, block, hidden,
                                   p_foreign or name in ("svg", "math"),
                                   p_article or name == "article")
                self._element(node, name, in_head, in_main and not skip, hidden, p_foreign,
                              block is not None and id(block) in quoted)
                last_line = node.line
                if name == "br" and in_main and not skip and block is not None:
                    key = (id(block), segment.get(id(block), 0))
                    if key in block_text:  # a break before any text breaks nothing
                        block_text[key].append(LINE_BREAK)  # the line before is its own unit
                elif name == "a" and in_main and not skip and block is not None:
                    if "href" in node.attrs:
                        key = (id(block), segment.get(id(block), 0))
                        block_links[key] = block_links.get(key, 0) + 1
            else:
                if node.kind != TEXT:
                    continue  # comments, script and style source, doctype, CDATA
                p_head, p_main, p_skip, p_block = state.get(id(node.parent), _NO_STATE)[:4]
                if not body_started and not p_head and node.data.strip():
                    body_started = True
                if p_main and not p_skip and p_block is not None:
                    key = (id(p_block), segment.get(id(p_block), 0))
                    if key not in block_text:
                        # A run that starts with blank text may stay blank (it makes no block):
                        # it opens no entry, so MAX_BLOCKS counts blocks with words.
                        if not node.data.strip():
                            continue
                        if len(order) >= MAX_BLOCKS:
                            if "text blocks" not in self.over:
                                self.over["text blocks"] = [None, p_block.line]
                            continue
                        block_text[key] = []
                        order.append(key)
                        if key[1] and last_line is not None:
                            data = node.data
                            seg_line[key] = last_line + data[:len(data) - len(
                                data.lstrip())].count("\n")
                    block_text[key].append(node.data)
        for key in order:
            raw = "".join(block_text[key])
            if LINE_BREAK in raw:  # collapse each line: a line break is no space to squeeze
                text = LINE_BREAK.join(
                    line for line in map(collapse, raw.split(LINE_BREAK)) if line)
            else:
                text = collapse(raw)
            if not text:
                continue
            tag, kind = block_meta[key[0]]
            line = seg_line.get(key)
            pos = Position(line, None) if line is not None and line != tag.line else _pos(tag)
            self.blocks.append(
                TextBlock(kind, text, count_words(text), block_links.get(key, 0), pos,
                          key[0] in quoted)
            )

    def _element(self, tag: Element, name: str, in_head: bool, in_main: bool,
                 hidden: bool, foreign: bool, quoted: bool = False) -> None:
        attrs = tag.attrs
        if "id" in attrs or (name == "a" and "name" in attrs):  # what a #fragment can name
            self.ids.update(filter(None, (attrs.get("id"), name == "a" and attrs.get("name"))))
        if name == "title":
            if not foreign:  # an <svg>'s or <math>'s title names the drawing, not the page
                text = _title_text(self.tree, tag, self.title_ends, self.text_budget)
                self.titles.append(Title(collapse(text), in_head, _pos(tag)))
        elif name == "meta":
            key = _attr(tag, "name") or _attr(tag, "property") or _attr(tag, "http-equiv")
            if key:
                self.metas.append(
                    Meta(key.strip().lower(), _attr(tag, "content"), _pos(tag), in_head)
                )
        elif name == "link":
            rel = _tokens(tag, "rel")
            if rel:
                self.link_tags.append(
                    LinkTag(rel, _attr(tag, "href"), _attr(tag, "hreflang"), _pos(tag), in_head,
                            _attr(tag, "type"))
                )
        elif name in _HEADING_LEVELS:
            if self._kept("headings", len(self.headings), MAX_HEADINGS, tag):
                self.headings.append(
                    Heading(_HEADING_LEVELS[name], _accessible_text(tag, self.text_budget),
                            in_main, _pos(tag), hidden, quoted)
                )
        elif name == "a":
            if self._kept("links", len(self.links), MAX_LINKS, tag):
                self._link(tag, in_main)
        elif name == "img":
            if self._kept("images", len(self.images), MAX_IMAGES, tag):
                self.images.append(
                    Image(_attr(tag, "src"), _attr(tag, "alt"), _attr(tag, "width"),
                          _attr(tag, "height"), in_main, _pos(tag), hidden=hidden,
                          role=(_attr(tag, "role") or "").strip().lower() or None,
                          aria_label=(_attr(tag, "aria-label") or _attr(tag, "aria-labelledby")
                                      or _attr(tag, "title")),
                          markdown=self.rendered and _attr(tag, MARKDOWN_IMAGE_ATTR) is not None,
                          lazy=any(a in tag.attrs for a in _LAZY_ATTRS),
                          frame=_attr(tag.parent, "class") if type(tag.parent) is Element
                          else None)
                )
        elif name == "script":
            if (_attr(tag, "type") or "").strip().lower() == "application/ld+json":
                self._json_ld(tag)
        elif name == "article":
            self.article_count += 1
        elif name == "time":
            self.time_count += 1
            self.dates.append(_attr(tag, "datetime")
                              or collapse(_bounded_text(tag, self.text_budget)))
        if "itemtype" in attrs:
            self.microdata.extend(_tokens(tag, "itemtype"))
        if "class" in attrs or "itemprop" in attrs:
            self._byline_or_date(tag, attrs)

    def _kept(self, what: str, have: int, cap: int, tag: Element) -> bool:
        """Is there room for one more of `what`? Counts the ones past the cap."""
        if have < cap:
            return True
        seen = self.over.get(what)
        if seen is None:
            self.over[what] = [cap + 1, tag.line]
        else:
            seen[0] = (seen[0] or cap) + 1
        return False

    def limits(self) -> tuple[Limit, ...]:
        caps = {"headings": MAX_HEADINGS, "links": MAX_LINKS, "images": MAX_IMAGES,
                "text blocks": MAX_BLOCKS}
        out = [Limit(what, found, caps[what], line) for what, (found, line) in self.over.items()]
        if self.tree.cut is not None:
            out.append(Limit("nodes", None, MAX_NODES, self.tree.cut))
        return tuple(out)

    def _byline_or_date(self, tag: Element, attrs: dict[str, str]) -> None:
        """Author and date markup for E002 (missing-author) and E003 (missing-publish-date)."""
        props = attrs.get("itemprop")
        if props:
            joined = props.lower()
            if "author" in joined or "creator" in joined:
                text = _attr(tag, "content") or collapse(_bounded_text(tag, self.text_budget))
                if text:
                    self.bylines.append(text[:200])
            if "date" in joined:
                text = (_attr(tag, "content") or _attr(tag, "datetime")
                        or collapse(_bounded_text(tag, self.text_budget)))
                if text:
                    self.dates.append(text[:200])
        classes = attrs.get("class")
        if classes:
            joined = classes.lower()
            if ("author" in joined or "byline" in joined) and "comment" not in joined:
                text = collapse(_bounded_text(tag, self.text_budget))
                if text:
                    self.bylines.append(text[:200])
            if ("date" in joined or "published" in joined) and "comment" not in joined:
                text = collapse(_bounded_text(tag, self.text_budget))
                if _YEAR_IN_TEXT.search(text):
                    self.dates.append(text[:200])
            elif _META_CLASS.search(joined):
                # A theme's <span class="meta">Posted by Ana on April 30, 2017</span> (also
                # post-meta, entry-meta): a dated byline, when it says it is one.
                text = collapse(_bounded_text(tag, self.text_budget))
                if _YEAR_IN_TEXT.search(text) and _POSTED.match(text):
                    self.dates.append(text[:200])

    def _link(self, tag: Element, in_main: bool) -> None:
        href = _attr(tag, "href")
        url = resolve(self.base_url, href) if href is not None else None
        text = _accessible_text(tag, self.text_budget)
        internal = url is not None and url_site_key(url) in self.site_hosts
        self.links.append(
            Link(href, url, text, _tokens(tag, "rel"), internal, in_main, _pos(tag),
                 attrs=frozenset(tag.attrs),  # html.parser lower-cases attribute names
                 onclick=_attr(tag, "onclick"), classes=_tokens(tag, "class"))
        )

    def _json_ld(self, tag: Element) -> None:
        raw = tag.own_text()
        try:
            data, error = json.loads(raw), None
        except ValueError as exc:
            data, error = None, str(exc)
        except RecursionError:  # json's decoder recurses: 1,000 nested arrays exhaust the stack
            data, error = None, f"nested more than {JSON_LD_DEPTH} levels deep"
        if data is not None and _depth_over(data, JSON_LD_DEPTH):
            # Loaded, but every later step that walks it (rules, pickling for the crawl's
            # worker pool) recurses too: refuse it here, as a finding on this block only.
            data, error = None, f"nested more than {JSON_LD_DEPTH} levels deep"
        self.json_ld.append(JsonLd(raw, data, error, _pos(tag)))


# Structured data real pages write is a few levels deep (a BlogPosting's author's address is 4).
JSON_LD_DEPTH = 64


def _depth_over(data: object, limit: int) -> bool:
    """Is `data` (parsed JSON) nested deeper than `limit`? Without recursion."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterable[object] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, (dict, list)))
    return False


_TITLE_END = re.compile(r"</title[\s/>]", re.IGNORECASE)


def _title_text(tree: Tree, tag: Element, ends: list[int], budget: list[int]) -> str:
    """A title's text as a browser shows it. Title content is text (RCDATA) to a browser: `<b>` in
    it is shown, not bold, and only `</title>` ends it. Python 3.11's html.parser parses markup
    there, so take the source between the start tag and `</title>` and decode its references.
    `ends` are the offsets of every `</title` in the page, found once."""
    start_tag = tree.title_start_tags.get(tag.index)
    if tag.line is not None and tag.col is not None and start_tag:
        start = tree.offset(tag.line, tag.col) + len(start_tag)
        i = bisect_left(ends, start)
        if i < len(ends):
            # However long the title, what a reader or a rule needs of it is its first part.
            end = min(ends[i], start + 4 * TEXT_LIMIT)
            return _REFERENCE.sub(_dereference, tree.text[start:end])
    return _bounded_text(tag, budget, "")


def _bounded_text(tag: Element, budget: list[int], separator: str = " ") -> str:
    """tag.get_text(separator), read to TEXT_LIMIT characters within the page's budget."""
    return separator.join(tag.read_strings(limit=TEXT_LIMIT, budget=budget))


# Character references in RCDATA. Numeric ones are read as bs4 reads them in any other text
# (html.unescape would drop a control character such as ESC, and the sanitiser should see it).
_REFERENCE = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?")


def _dereference(match: re.Match[str]) -> str:
    ref = match.group()
    if ref[1] != "#":
        return html_lib.unescape(ref)
    digits = ref[2:].rstrip(";")
    number = int(digits[1:], 16) if digits[0] in "xX" else int(digits)
    return UnicodeDammit.numeric_character_reference(number)[0]


def _refresh(metas: Iterable[Meta], base_url: str) -> Refresh | None:
    for meta in metas:
        if meta.key != "refresh" or not meta.content:
            continue
        delay_text, _, rest = meta.content.partition(";")
        try:
            delay = float(delay_text.strip() or 0)
        except ValueError:
            delay = 0.0
        target = rest.strip()
        if target.lower().startswith("url"):
            target = target[3:].lstrip(" =").strip("'\" ")
        return Refresh(delay, resolve(base_url, target) if target else None, meta.pos)
    return None


def _kind(ex: _Extractor, metas: list[Meta], refresh: Refresh | None, url: str) -> PageKind:
    if refresh is not None and refresh.url is not None:
        return "redirect"
    path = urlsplit(url).path
    # A run of dated entries with no single <article> is an index (Pelican's home page).
    if ex.article_count > 1 or _LISTING_PATH.search(path) or _DATE_ARCHIVE.search(path) or (
            ex.article_count == 0 and ex.time_count >= 3):
        return "listing"
    if path in ("/", "/index.html", "/index.htm") or _ERROR_PATH.search(path):
        return "page"  # a theme may put og:type=article on every page, these included
    # Hugo's built-in Open Graph template writes og:type "article" on every regular page (posts,
    # product and docs pages alike) and article:published_time only where the page has a date:
    # on a Hugo site og:type alone does not make a post.
    hugo = any(m.key == "generator" and (m.content or "").lstrip().lower().startswith("hugo")
               for m in metas)
    for meta in metas:
        if (meta.key == "og:type" and (meta.content or "").strip().lower() == "article"
                and not hugo):
            return "post"
        if meta.key in ("article:published_time", "article:author"):
            return "post"
    for block in ex.json_ld:
        for item in block.items():
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in _POST_TYPES for t in types):
                return "post"
    if (ex.article_count == 1 and ex.time_count) or _DATE_PATH.search(path):
        return "post"
    if any(t.rsplit("/", 1)[-1].lower() in _POST_TYPES for t in ex.microdata):
        return "post"
    return "page"


def parse(
    doc: RawDocument,
    *,
    content_selector: str | None = None,
    site_hosts: frozenset[str] = frozenset(),
) -> Page:
    """Parse a document once into the immutable Page model. Raises NotHtmlError for non-HTML."""
    text, encoding = decode(doc.body, doc.charset)
    if doc.facts is None:  # an HTML file or answer; a rendered source made its own HTML
        reason = not_html(text)
        if reason is not None:
            raise NotHtmlError(f"{reason}, not HTML")
    tree = parse_tree(text)
    html = tree.first("html")
    head = tree.first("head")
    body = tree.first("body")
    # <base href> changes what relative links mean.
    base_url = doc.url
    base_tag = next((b for b in tree.all("base") if "href" in b.attrs), None)
    if base_tag is not None:
        base_url = resolve(doc.url, _attr(base_tag, "href") or "") or doc.url
    hosts = site_hosts | {site_key(urlsplit(doc.url).hostname)}
    main, found_by = _choose_main(tree, body, content_selector)
    ex = _Extractor(tree, base_url, hosts, main, has_head=head is not None,
                    rendered=doc.facts is not None)
    ex.run()
    tree.release()
    refresh = _refresh(ex.metas, base_url)
    lang = None
    if html is not None:
        # None: no lang attribute; "": one that is present but empty (both are M005's).
        raw_lang = _attr(html, "lang")
        if raw_lang is None:
            raw_lang = _attr(html, "xml:lang")
        lang = raw_lang.strip() if raw_lang is not None else None
    facts = ALL_HTML_FACTS | HEAD_PARTS | ({FACT_HTTP} if doc.status is not None else frozenset())
    if doc.facts is not None:  # a rendered source (Markdown) says what it can supply
        facts = doc.facts
    page = Page(
        url=doc.url,
        path=doc.path,
        facts=frozenset(facts),
        encoding=encoding,
        has_html_element=html is not None,
        has_head_element=head is not None,
        has_body_element=body is not None,
        html_pos=_pos(html) if html is not None else Position(1, 1),
        head_pos=_pos(head) if head is not None else Position(1, 1),
        body_pos=_pos(body) if body is not None else Position(1, 1),
        lang=lang,
        titles=tuple(ex.titles),
        metas=tuple(ex.metas),
        link_tags=tuple(ex.link_tags),
        headings=tuple(ex.headings),
        links=tuple(ex.links),
        images=tuple(ex.images),
        json_ld=tuple(ex.json_ld),
        blocks=tuple(ex.blocks),
        refresh=refresh,
        main_found_by=found_by,
        kind=doc.kind or _kind(ex, ex.metas, refresh, doc.url),
        microdata_types=tuple(ex.microdata),
        bylines=tuple(ex.bylines),
        dates=tuple(d for d in ex.dates if d),
        limits=ex.limits(),
        ids=frozenset(ex.ids),
        status=doc.status,
        headers=doc.headers,
        front_matter=doc.front_matter,
    )
    if doc.line_map:
        # A rendered source: positions in the rendered HTML go back to lines of the source file.
        return remap_lines(page, doc.line_map)
    return page


def parse_html(
    html: str | bytes, url: str = PSEUDO_ORIGIN + "/page.html", **kwargs: object
) -> Page:
    """Convenience for tests and docs: parse a string as if it were a local file."""
    body = html.encode("utf-8") if isinstance(html, str) else html
    return parse(RawDocument(url=url, path=None, body=body), **kwargs)  # type: ignore[arg-type]
