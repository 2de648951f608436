"""The immutable page model every rule reads.

A page is parsed once (``seolint.parse``) into a :class:`Page`. Rules only read it; nothing here
does I/O. Site rules read :class:`PageSummary` records instead, so that a large site does not keep
every parsed page in memory.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

PageKind = Literal["post", "page", "listing", "redirect"]

# The facts a source can supply. A rule that needs a fact the source lacks is not applicable on
# that page, rather than a false finding (a Markdown file has no <title> before the theme runs).
FACT_HEAD = "head"  # <title>, meta tags, canonical, <html lang>: the rendered <head>
FACT_BODY = "body"  # the rendered body: headings, links, images, text
FACT_HTTP = "http"  # status code and response headers (crawl and URL sources)
ALL_HTML_FACTS = frozenset({FACT_HEAD, FACT_BODY})
# Parts of the <head> a source can supply without the rest: Markdown front matter gives the
# title and the description, never the theme's canonical, social tags or JSON-LD. An HTML page
# supplies all of them (FACT_HEAD implies HEAD_PARTS); a rule that reads only the title requires
# FACT_TITLE, so it applies to Markdown sources too.
FACT_TITLE = "head.title"
FACT_DESCRIPTION = "head.description"
HEAD_PARTS = frozenset({FACT_TITLE, FACT_DESCRIPTION})
# The attribute the Markdown source puts on the <img> of a `![alt](src)` image (Image.markdown).
MARKDOWN_IMAGE_ATTR = "data-seolint-markdown"
# The files the Markdown source reads (one list for the CLI, the analysis, the rules and the
# editor server; here, at the bottom of the layers, so that checking a name imports nothing).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")


def is_markdown_path(path: str | None) -> bool:
    """Whether a file name is a Markdown source (by its suffix, in any case)."""
    return bool(path) and str(path).lower().endswith(MARKDOWN_SUFFIXES)


def header_value(headers: Iterable[tuple[str, str]], name: str) -> str | None:
    """The first value of an HTTP header, by case-insensitive name; None when absent."""
    lname = name.lower()
    for key, value in headers:
        if key.lower() == lname:
            return value
    return None


@dataclass(frozen=True, slots=True)
class Position:
    """Where an element starts in the source file: 1-based line and column."""

    line: int | None = None
    column: int | None = None


@dataclass(frozen=True, slots=True)
class Title:
    text: str  # whitespace collapsed, entities decoded
    in_head: bool
    pos: Position


@dataclass(frozen=True, slots=True)
class Meta:
    """A <meta> tag: `key` is its name, property or http-equiv, lower-cased."""

    key: str
    content: str | None
    pos: Position
    in_head: bool = True


@dataclass(frozen=True, slots=True)
class LinkTag:
    """A <link> in the document (canonical, alternate/hreflang, ...)."""

    rel: tuple[str, ...]
    href: str | None
    hreflang: str | None
    pos: Position
    in_head: bool = True
    type: str | None = None  # the media type it announces ("application/rss+xml" for a feed)


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str  # the accessible text: visible text, else image alt, else aria-label/title
    in_main: bool
    pos: Position
    hidden: bool = False
    quoted: bool = False  # inside a <blockquote>: another author's heading, as TextBlock.quoted


@dataclass(frozen=True, slots=True)
class Link:
    """An <a> element. `url` is the href resolved against the page URL (None if unusable)."""

    href: str | None  # as written; None when the attribute is absent
    url: str | None
    text: str  # the accessible text: content, else img alt, else aria-label/title
    rel: tuple[str, ...]
    internal: bool
    in_main: bool
    pos: Position
    attrs: frozenset[str] = frozenset()  # attribute names present (name, id, role, onclick...)
    # The onclick handler's source and the class tokens: what tells a UI control written as an
    # <a> (a menu toggle, a "show code" button) from a link meant to navigate (L002).
    onclick: str | None = None
    classes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Image:
    src: str | None
    alt: str | None  # None: no alt attribute; "": decorative (valid)
    width: str | None
    height: str | None
    in_main: bool
    pos: Position
    hidden: bool = False  # inside <noscript>/<template>, or a hidden / aria-hidden ancestor
    role: str | None = None
    aria_label: str | None = None  # aria-label, else aria-labelledby, else title
    # Written in Markdown syntax, `![alt](src)`, which has no place for width or height (a
    # Markdown source's raw <img> tags are not): only a rendered source sets it.
    markdown: bool = False
    # A lazy-loading script swaps the real image in (data-src, data-original, data-lazy-src,
    # data-srcset): the src, often a data: placeholder, is not what the reader ends up seeing.
    lazy: bool = False
    # The class of the element around it: some themes size that box in CSS (Material for MkDocs'
    # author avatar, `<span class="md-author">`), which decides the layout, not the image.
    frame: str | None = None


@dataclass(frozen=True, slots=True)
class JsonLd:
    """A <script type="application/ld+json"> block; `data` is None when it did not parse."""

    raw: str
    data: Any
    error: str | None
    pos: Position

    def items(self) -> list[dict[str, Any]]:
        """Every JSON-LD object in the block, flattening lists and @graph."""
        out: list[dict[str, Any]] = []
        stack: deque[Any] = deque([self.data])  # a list's pop(0) made a long array quadratic
        while stack:
            item = stack.popleft()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                out.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
        return out


BlockKind = Literal["p", "li", "heading", "quote", "pre", "table", "other"]


LINE_BREAK = "\u2028"  # a <br> inside a TextBlock's text (Unicode LINE SEPARATOR)


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A block of main-content text (a paragraph, list item, heading, ...).

    `text` is collapsed whitespace, with LINE_BREAK where the block had a `<br>`: the line
    before it is a unit of its own for sentence splitting. Where a child block interrupts a
    block's text (`<div>text<ul>...</ul>more</div>`), each run of text is a block of its own.
    `links` counts the <a href> elements inside the block, so evidence rules can ask whether a
    paragraph cites anything without walking the tree again. `quoted` is True inside a
    `<blockquote>`: text quoted from another author, which the writer cannot edit.
    """

    kind: BlockKind
    text: str
    words: int
    links: int
    pos: Position
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Limit:
    """A per-page cap the parser reached (seolint.parse, MAX_*): past it, that part of the page
    was not kept, so rules judged only what came before. Reported as Z003."""

    what: str  # "headings", "links", "images", "text blocks", "nodes"
    found: int | None  # how many the page has, None when counting stopped with the reading
    kept: int
    line: int | None  # where the first one not kept starts


@dataclass(frozen=True, slots=True)
class Refresh:
    """<meta http-equiv="refresh">: a redirect stub when it has a URL."""

    delay: float
    url: str | None
    pos: Position


@dataclass(frozen=True, slots=True)
class Page:
    """One parsed page. Immutable; every rule reads the same instance."""

    url: str  # the page's URL (a file's URL comes from base-url, or a local pseudo-URL)
    path: str | None  # the file, relative to where the run started; None for fetched URLs
    facts: frozenset[str]
    encoding: str | None
    has_html_element: bool
    has_head_element: bool
    has_body_element: bool
    html_pos: Position
    head_pos: Position
    body_pos: Position
    lang: str | None
    titles: tuple[Title, ...]
    metas: tuple[Meta, ...]
    link_tags: tuple[LinkTag, ...]
    headings: tuple[Heading, ...]
    links: tuple[Link, ...]
    images: tuple[Image, ...]
    json_ld: tuple[JsonLd, ...]
    blocks: tuple[TextBlock, ...]
    refresh: Refresh | None
    main_found_by: str  # "selector", "main", "article", "heuristic"
    kind: PageKind
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    microdata_types: tuple[str, ...] = ()  # itemtype URLs (schema.org microdata)
    # Front matter of a Markdown source (title, description, date, keyphrase, ...); empty for
    # HTML. Read-only by convention, like every other field.
    front_matter: dict[str, Any] = field(default_factory=dict, compare=False)
    # Author and date markup anywhere in the body (E002, E003): the text of elements with
    # itemprop author/creator or a class naming an author or byline; the datetime (else text)
    # of <time> elements and of itemprop datePublished/dateModified/dateCreated.
    bylines: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    limits: tuple[Limit, ...] = ()  # caps the parser reached on this hostile or huge page
    # Every id attribute (and <a name>) on the page, as written: what a #fragment can point at
    # (D010). A frozenset: membership is all a rule asks, and a page repeats few ids.
    ids: frozenset[str] = frozenset()
    # Derived views several rules share are cached here lazily (see `cached`). The dict is the one
    # mutable part; it only ever memoises pure functions of the fields above.
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    # --- derived views -------------------------------------------------------------------
    @property
    def title(self) -> Title | None:
        """The first title in <head> (what browsers and search engines use), else the first."""
        for title in self.titles:
            if title.in_head:
                return title
        return self.titles[0] if self.titles else None

    def meta_all(self, key: str) -> tuple[Meta, ...]:
        return tuple(m for m in self.metas if m.key == key)

    def meta(self, key: str) -> Meta | None:
        for m in self.metas:
            if m.key == key:
                return m
        return None

    @property
    def descriptions(self) -> tuple[Meta, ...]:
        return self.meta_all("description")

    @property
    def description(self) -> str | None:
        d = self.descriptions
        return (d[0].content or "").strip() if d else None

    @property
    def canonicals(self) -> tuple[LinkTag, ...]:
        return tuple(t for t in self.link_tags if "canonical" in t.rel)

    @property
    def robots(self) -> frozenset[str]:
        """Robots directives from meta robots/googlebot and the X-Robots-Tag header, lower-cased."""
        cached = self._cache.get("robots")
        if cached is None:
            directives: set[str] = set()
            for m in self.metas:
                if m.key in ("robots", "googlebot") and m.content:
                    directives.update(d.strip().lower() for d in m.content.split(","))
            for name, value in self.headers:
                if name.lower() == "x-robots-tag":
                    directives.update(_x_robots(value))
            cached = frozenset(d for d in directives if d)
            self._cache["robots"] = cached
        return cached

    @property
    def noindex(self) -> bool:
        return bool(self.robots & {"noindex", "none"})

    @property
    def indexable(self) -> bool:
        """Would a search engine index this page? (Not a redirect, not noindex, not an error.)"""
        if self.kind == "redirect" or self.noindex:
            return False
        return self.status is None or 200 <= self.status < 300

    @property
    def is_fragment(self) -> bool:
        """A layout-less fragment: no <html>, no <head>, nothing that belongs in a head. Its head
        is missing as a whole, which T001 reports once rather than every head rule apiece."""
        return not (self.has_html_element or self.has_head_element or self.titles
                    or self.metas or self.link_tags)

    @property
    def h1s(self) -> tuple[Heading, ...]:
        return tuple(h for h in self.headings if h.level == 1)

    @property
    def main_words(self) -> int:
        return sum(b.words for b in self.blocks if b.kind not in ("pre", "table"))

    def header(self, name: str) -> str | None:
        return header_value(self.headers, name)


# Directives that carry a value after a colon, so "name:" there is not a user agent.
_VALUED_DIRECTIVES = frozenset(
    {"unavailable_after", "max-snippet", "max-image-preview", "max-video-preview"}
)


def _x_robots(value: str) -> set[str]:
    """Directives of one X-Robots-Tag header that apply to every crawler or to Googlebot (the
    same crawlers meta robots/googlebot address). "otherbot: noindex, nofollow" starts a group
    for another crawler, and everything after it up to the next agent belongs to that group."""
    out: set[str] = set()
    applies = True
    for part in value.split(","):
        part = part.strip()
        head, sep, rest = part.partition(":")
        key = head.strip().lower()
        if sep and key and key not in _VALUED_DIRECTIVES and " " not in key:
            applies = key == "googlebot"
            part = rest.strip()
        if not applies or not part:
            continue
        directive = part.split(":", 1)[0].strip().lower()
        if directive:
            out.add(directive)
    return out


@dataclass(frozen=True, slots=True)
class LinkRef:
    """A link in compact form, for site rules."""

    target: str  # the resolved URL, fragment removed
    pos: Position
    fragment: str | None = None  # the href's #fragment as written, without "#"; None: none


@dataclass(frozen=True, slots=True)
class HreflangRef:
    """A `<link rel="alternate" hreflang>` in compact form, for site rules."""

    lang: str  # as written
    href: str | None  # as written
    target: str | None  # resolved against the page, fragment removed; None when unusable
    pos: Position


@dataclass(frozen=True, slots=True)
class PageSummary:
    """The compact per-page record site rules work from (not the whole parsed page)."""

    url: str
    path: str | None
    indexable: bool
    kind: PageKind
    title: str | None
    title_pos: Position
    description: str | None
    description_pos: Position
    h1: str | None
    h1_pos: Position
    internal_links: tuple[LinkRef, ...]
    canonical: str | None
    words: int = 0  # main-content words
    body_hash: str | None = None  # SHA-1 of the page's bytes
    minhash: bytes | None = None  # MinHash signature of the main content (seolint.similarity)
    keyphrase: str | None = None  # the page's declared focus keyphrase, as written
    keyphrase_key: str | None = None  # its language and sorted stems: equal keys, same target
    # The first canonical link resolved against the page, and where its tag is (a crawl checks
    # what its target answers).
    canonical_url: str | None = None
    canonical_pos: Position = Position()
    hreflangs: tuple[HreflangRef, ...] = ()  # <link rel="alternate" hreflang> in <head>
    # The ids a #fragment may name on this page (Page.ids); None when the source cannot know
    # them all, so D010 (broken-fragment) does not judge links into it.
    ids: frozenset[str] | None = frozenset()
    # False when the page's own ids are known but not all the ids it will have: a Markdown
    # source knows its headings' ids, never those its theme adds (D010 then reports only a
    # fragment that nearly matches one of its ids: a typo or a renamed heading).
    ids_complete: bool = True
    # Outbound http(s) links (other hosts), for the link checker and D009; empty unless
    # [links] check-external is on.
    external_links: tuple[LinkRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Site:
    """What site rules see: one summary per page, in a stable order, and how files map to URLs."""

    pages: tuple[PageSummary, ...]
    # URLs that exist on the site even if not parsed as pages (assets, non-HTML files), so a link
    # to /feed.xml or /img/a.png is not called broken.
    known_urls: frozenset[str] = frozenset()
    # Broken-link checking needs a closed world: True when the pages come from a directory.
    complete: bool = False
    # The URLs the site's sitemaps list; None when there is no sitemap (not an empty one).
    sitemap: tuple[SitemapEntry, ...] | None = None
    # What a crawl learned about every URL it met; None when the pages were not crawled.
    crawl: CrawlFacts | None = None
    # False when a sitemap could not be read in full: a page missing from it may be in the part
    # that was not read.
    sitemap_complete: bool = True
    # What the outbound-link checker learned (seolint.sources.linkcheck); None when it did not
    # run (--check-external is off by default).
    links: LinkFacts | None = None


def summary_stub(url: str, path: str | None = None) -> PageSummary:
    """A PageSummary that only says where: for site findings on a URL that is not a parsed page
    (a redirect, a sitemap file)."""
    none = Position()
    return PageSummary(url, path, False, "page", None, none, None, none, None, none, (), None)


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """One <loc> of a sitemap (or one line of a text sitemap)."""

    url: str  # compared with the pages' URLs (rebased onto the folder's URLs when linting files)
    listed: str  # as written in the sitemap
    sitemap_url: str | None  # the sitemap's URL (a crawl)
    sitemap_path: str | None  # the sitemap's file (linting a folder)
    line: int | None = None
    on_site: bool = True  # False: the URL is on another host than the site


@dataclass(frozen=True, slots=True)
class FetchFact:
    """What a crawl learned about one URL (recorded by the crawler, read by site rules)."""

    url: str  # as first found
    status: int | None = None  # the last response's status; None when there was none
    final_url: str | None = None  # where its redirects led; None when it did not redirect
    hops: tuple[tuple[int, str], ...] = ()  # each redirect followed: (status, Location)
    # Why redirects stopped before a final answer: "loop", "too-many", "offsite", "blocked",
    # "excluded" (outside --include/--exclude).
    redirect_stop: str | None = None
    error: str | None = None  # why it could not be fetched (timeout, too large, ...)
    blocked: bool = False  # robots.txt forbids it: never requested
    content_type: str | None = None  # the media type of the final answer
    # The final answer is an HTML page that search engines may index (status 2xx, no noindex).
    indexable: bool | None = None

    @property
    def ok(self) -> bool:
        """Answered 2xx (after redirects) with nothing wrong on the way."""
        return (self.error is None and not self.blocked and self.redirect_stop is None
                and self.status is not None and 200 <= self.status < 300)


@dataclass(frozen=True)
class CrawlFacts:
    """Every URL a crawl met, and a lookup from the URL strings pages link with to them."""

    urls: tuple[FetchFact, ...]
    lookup: Mapping[str, int] = field(default_factory=dict)  # URL as linked -> index in urls
    complete: bool = True  # no limit (pages, depth) cut the crawl short
    seeds: tuple[str, ...] = ()  # where the crawl started (its pages need no inbound link)

    def get(self, url: str | None) -> FetchFact | None:
        if url is None:
            return None
        i = self.lookup.get(url)
        return self.urls[i] if i is not None else None

    def landing(self, url: str) -> str:
        """Where `url` ends up after the redirects the crawl followed (itself if none)."""
        fact = self.get(url)
        return fact.final_url if fact is not None and fact.final_url else url


LinkState = Literal["ok", "broken", "unverified", "not-checked", "credentials", "excluded"]


@dataclass(frozen=True, slots=True)
class LinkStatus:
    """What the link checker learned about one outbound URL.

    `state`: "ok" (2xx after redirects), "broken" (404, 410, a host that does not resolve),
    "unverified" (timeouts, 5xx, 429, refusals: the network or the server, not the link, may
    be at fault), "not-checked" (the time budget ran out first), "credentials" (the URL holds a
    user name or password: never requested), "excluded" ([links] exclude)."""

    url: str
    state: LinkState
    status: int | None = None  # the last answer's status
    final_url: str | None = None  # where its redirects led; None when it did not redirect
    hops: tuple[tuple[int, str], ...] = ()  # each redirect followed: (status, Location)
    reason: str | None = None  # why it is broken or unverified, fit for a message
    cached: bool = False  # from the cache: not requested this run


@dataclass(frozen=True)
class LinkFacts:
    """The outbound-link check of one run: a status per distinct URL, and how it went."""

    results: Mapping[str, LinkStatus]  # URL (as linked, fragment removed) -> status
    requests: int = 0  # HTTP requests made this run (a cached URL costs none)
    seconds: float = 0.0
    budget: float | None = None  # the time budget (seconds) when it ran out, else None
    warnings: tuple[str, ...] = ()  # the cache could not be used, ...

    def get(self, url: str) -> LinkStatus | None:
        return self.results.get(url)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a source hands to the parser: bytes plus where they came from. Only sources do I/O."""

    url: str
    path: str | None
    body: bytes
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    microdata_types: tuple[str, ...] = ()  # itemtype URLs (schema.org microdata)
    # Front matter of a Markdown source (title, description, date, keyphrase, ...); empty for
    # HTML. Read-only by convention, like every other field.
    front_matter: dict[str, Any] = field(default_factory=dict, compare=False)
    charset: str | None = None  # from the Content-Type header, when there is one
    public_url: bool = True  # False when `url` is a local pseudo-URL (a file with no base-url)
    # Rendered sources (Markdown): the body is HTML the source made, so the source says what it
    # knows. None/empty keep the HTML defaults.
    facts: frozenset[str] | None = None  # None: an HTML page (head, its parts, body)
    kind: PageKind | None = None  # the source knows whether it is a post (a dated file, _posts)
    # line_map[i] is the source line of line i + 1 of `body`, so findings land on the .md line
    line_map: tuple[int, ...] = ()
    # (code, message, fix, line) the source found itself, e.g. front matter that does not parse
    problems: tuple[tuple[str, str, str | None, int | None], ...] = ()
    # Internal URLs this page links to that the source cannot see (pages a theme generates, such
    # as tag pages): broken-link checking takes them as existing rather than guess
    assumed_urls: tuple[str, ...] = ()
    # Which ids of the page the source knows: "all" (HTML), "content" (a Markdown source: its
    # headings and raw HTML, not its theme's), "none" (the generator's heading ids are unknown)
    ids_known: Literal["all", "content", "none"] = "all"


def remap_lines(page: Page, line_map: tuple[int, ...]) -> Page:
    """The page with every position moved from the rendered HTML to the source file's lines,
    through `line_map` (RawDocument.line_map: a source that renders its pages, such as Markdown,
    supplies it as data, so parse() needs no import of that source). Columns are dropped: a
    column in the rendered HTML says nothing about the source's line."""
    size = len(line_map)

    def pos(p: Position) -> Position:
        if p.line is None:
            return p
        index = min(max(p.line, 1), size) - 1
        return Position(line_map[index], None)

    def each(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(replace(x, pos=pos(x.pos)) for x in items)

    return replace(
        page,
        html_pos=pos(page.html_pos), head_pos=pos(page.head_pos), body_pos=pos(page.body_pos),
        titles=each(page.titles), metas=each(page.metas), link_tags=each(page.link_tags),
        headings=each(page.headings), links=each(page.links), images=each(page.images),
        json_ld=each(page.json_ld), blocks=each(page.blocks),
        refresh=replace(page.refresh, pos=pos(page.refresh.pos)) if page.refresh else None,
        _cache={},
    )
