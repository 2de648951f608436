"""The analyser: one page's RawDocument → parse once → page rules → PageResult with its compact
PageSummary (what site rules read). Every caller (check's files, the crawl's pages, the editor
server's open document) analyses a page through Analyser.analyse; seolint.analysis.pool runs it
in worker processes.

Imports: sources (to read a file or render a Markdown source), result, registry, parse, text,
keyphrase, document, config; never engine.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from bs4.builder import ParserRejectedMarkup

from seolint.config import Settings
from seolint.document import (
    HreflangRef,
    Limit,
    LinkRef,
    Page,
    PageSummary,
    Position,
    RawDocument,
    is_markdown_path,
)
from seolint.keyphrase import configure as configure_keyphrase
from seolint.keyphrase import declared_keyphrase
from seolint.metrics import page_metrics
from seolint.parse import NotHtmlError, parse, resolve, site_key
from seolint.registry import ConfiguredRule, select_rules
from seolint.result import PageResult, internal_error, stamp
from seolint.rule import Finding
from seolint.similarity import body_hash, signature
from seolint.sources.files import FileItem, read
from seolint.suppress import scan as scan_directives


@dataclass(frozen=True)
class Context:
    """What a worker needs to analyse pages: picklable, built once per process."""

    settings: Settings
    codes: tuple[str, ...]
    markdown: Any = None  # seolint.sources.markdown.MarkdownSite: every source file's URL
    # MinHash signatures for D004 (near-duplicate-content); False for a run of one page, which
    # has nothing to be a duplicate of (and then need not import numpy)
    fingerprint: bool = True


class Analyser:
    """Page analysis with one configured rule set (one per process). Build it once and reuse
    it: `Analyser.for_settings(settings)`, then `analyse(doc)` per page."""

    @classmethod
    def for_settings(cls, settings: Settings, markdown: Any = None) -> Analyser:
        """The analyser of every rule `settings` selects; `markdown` is the MarkdownSite of a
        workspace's sources (links between posts resolve through it), or None."""
        return cls(Context(settings, tuple(cr.rule.code for cr in select_rules(settings)),
                           markdown))

    def __init__(self, ctx: Context) -> None:
        self.settings = ctx.settings
        selected = {cr.rule.code: cr for cr in select_rules(ctx.settings)}
        self.page_rules = [selected[c] for c in ctx.codes
                           if c in selected and selected[c].rule.scope == "page"]
        self.source_rules = {c: selected[c] for c in ctx.codes
                             if c in selected and selected[c].rule.scope == "source"}
        # Near-duplicate detection needs a MinHash of every page; skip the work without it.
        self.fingerprint = "D004" in selected and ctx.fingerprint
        # Outbound links are kept for the link checker only when it runs.
        links = ctx.settings.links
        self.external = bool(links is not None and links.check_external and "D009" in selected)
        self.site_hosts = frozenset(
            {site_key(urlsplit(ctx.settings.base_url).hostname)} if ctx.settings.base_url else ()
        )
        self.markdown = ctx.markdown

    def analyse_file(self, item: FileItem) -> PageResult:
        try:
            if is_markdown_path(item.file):
                # imported here: a run of HTML pages never loads the Markdown source
                from seolint.sources.markdown import read as read_markdown

                doc = read_markdown(item, self.markdown, self.settings.max_file_bytes)
            else:
                doc = read(item, self.settings.max_file_bytes)
        except (OSError, ValueError) as exc:
            msg = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            if isinstance(exc, OSError) and exc.strerror and not item.problem:
                msg = f"Cannot read the file: {exc.strerror}"
            fix = ("Raise max-file-size in the config, or exclude the file"
                   if isinstance(exc, ValueError) else "Fix the file, or exclude it")
            return self.failure(item.url if item.public else None, item.display, "X002",
                                msg, fix)
        try:
            return self.analyse(doc)
        except Exception as exc:  # a seolint bug on one page must not end the whole check
            cr = self.source_rules.get("Z001")
            tb = "".join(traceback.format_exception(exc)).strip()
            finding = Finding(
                "Z001", "internal-error", "internal", cr.severity if cr else "error",
                f"seolint crashed on this page: {type(exc).__name__}: {exc}",
                "Report this seolint bug with the page attached; run with --debug for details",
                doc.url if doc.public_url else None, doc.path, None, None,
                (("traceback", tb),))
            return PageResult(finding.url, doc.path, None, None, 0, (finding,), (), None)

    def failure(self, url: str | None, path: str | None, code: str, message: str,
                fix: str | None) -> PageResult:
        cr = self.source_rules.get(code)
        findings: tuple[Finding, ...] = ()
        if cr is not None:
            findings = (Finding(code, cr.rule.name, cr.rule.category, cr.severity, message, fix,
                                url, path, None, None),)
        return PageResult(url, path, None, None, 0, findings, (), None)

    def analyse(self, doc: RawDocument,
                on_page: Callable[[Page], None] | None = None) -> PageResult:
        """`on_page` sees the parsed page (the crawler reads the links to follow from it)."""
        public = doc.url if doc.public_url else None
        try:
            page = parse(doc, content_selector=self.settings.content_selector,
                         site_hosts=self.site_hosts)
        except NotHtmlError as exc:
            return self.failure(public, doc.path, "X007", f"Not an HTML page: {exc}",
                                "Remove the .html extension, or exclude the file")
        except RecursionError:
            return self.failure(public, doc.path, "X002", "Markup nested too deeply to parse",
                                "Fix the unclosed tags")
        except ParserRejectedMarkup as exc:  # html.parser gave up: this page only, as crawl does
            return self.failure(public, doc.path, "X002",
                                f"The HTML parser rejected the markup: {exc}",
                                "Fix the malformed markup, or exclude the file")
        if on_page is not None:
            on_page(page)
        if self.settings.keyphrase or self.settings.keyphrases:
            configure_keyphrase(page, self.settings.keyphrase, self.settings.keyphrases)
        findings: list[Finding] = []
        not_applicable: list[str] = []
        for cr in self.page_rules:
            if not cr.rule.is_applicable(page):
                not_applicable.append(cr.rule.code)
                continue
            try:
                for v in cr.rule.check(page, cr.options):  # type: ignore[misc]
                    finding = stamp(cr, v, public, doc.path)
                    if finding is not None:
                        findings.append(finding)
            except Exception as exc:  # a broken rule must not take the page down with it
                findings.append(internal_error(cr.rule, exc, public, doc.path, self.source_rules))
        for code, message, fix, line in doc.problems:  # what the source found (bad front matter)
            source = self.source_rules.get(code)
            if source is not None:
                findings.append(Finding(code, source.rule.name, source.rule.category,
                                        source.severity, message, fix, public, doc.path, line,
                                        None))
        z003 = self.source_rules.get("Z003")
        for limit in page.limits if z003 is not None else ():  # each cap the parser reached
            findings.append(limit_finding(limit, z003, public, doc.path, bool(doc.line_map)))
        findings.sort(key=Finding.sort_key)
        title = page.title.text if page.title else None
        directives: tuple[Any, ...] = ()
        if b"seolint-" in doc.body:
            directives = scan_directives(doc.body.decode(page.encoding or "utf-8", "replace"),
                                         doc.line_map)
        summary = summarise(page, doc.body, self.fingerprint, self.external)
        if doc.ids_known != "all":  # a Markdown source: its theme's ids are not known
            summary = replace(summary, ids=None if doc.ids_known == "none" else summary.ids,
                              ids_complete=False)
        result = PageResult(public, doc.path, page.kind, title, page.main_words,
                            tuple(findings), tuple(not_applicable), summary, page_metrics(page),
                            directives, doc.assumed_urls)
        # The page's caches (text analysis, keyphrase) point back at it: a reference cycle the
        # garbage collector would have to find. Cut it, and the page is freed here and now.
        page._cache.clear()
        return result


def summarise(page: Page, body: bytes | None = None, fingerprint: bool = False,
              external: bool = False) -> PageSummary:
    """The compact record site rules read. `fingerprint` adds the MinHash signature (only when
    near-duplicate detection runs: it costs a few milliseconds a page); `external` the outbound
    links (only when the link checker runs)."""
    title = page.title
    descs = page.descriptions
    h1s = page.h1s
    links = tuple(
        LinkRef(link.url, link.pos, _fragment(link.href)) for link in page.links
        if link.internal and link.url is not None and "nofollow" not in link.rel
    )
    outbound = tuple(
        LinkRef(link.url, link.pos) for link in page.links
        if external and not link.internal and link.url is not None
    )
    canonical = next((t.href for t in page.canonicals if t.href), None)
    public = page.url
    return PageSummary(
        url=public, path=page.path, indexable=page.indexable, kind=page.kind,
        title=title.text if title else None, title_pos=title.pos if title else Position(),
        description=(descs[0].content or "").strip() if descs else None,
        description_pos=descs[0].pos if descs else Position(),
        h1=h1s[0].text if h1s else None, h1_pos=h1s[0].pos if h1s else Position(),
        internal_links=links, canonical=canonical, words=page.main_words,
        **_keyphrase_fields(page),
        body_hash=body_hash(body) if body is not None else None,
        minhash=signature(b.text for b in page.blocks if b.kind not in ("pre", "table"))
        if fingerprint and page.kind != "redirect" else None,
        **_link_tag_summary(page),
        ids=page.ids, external_links=outbound,
    )


def _fragment(href: str | None) -> str | None:
    """The #fragment of an href as written (without "#"); None when it has none."""
    if not href or "#" not in href:
        return None
    return href.split("#", 1)[1].strip()


def _link_tag_summary(page: Page) -> dict[str, Any]:
    """The canonical target and hreflang alternates, resolved, for site rules and the crawler."""
    tag = next((t for t in page.canonicals if t.href and t.href.strip() and t.in_head), None)
    alternates = tuple(
        HreflangRef(t.hreflang.strip(), t.href, resolve(page.url, t.href) if t.href else None,
                    t.pos)
        for t in page.link_tags
        if "alternate" in t.rel and t.hreflang is not None and t.in_head and _page_type(t.type)
    )
    return {"canonical_url": resolve(page.url, tag.href) if tag and tag.href else None,
            "canonical_pos": tag.pos if tag else Position(), "hreflangs": alternates}


def _page_type(media_type: str | None) -> bool:
    """Is a <link rel="alternate"> of this type an alternate page? A hreflang on a feed's link
    (`type="application/rss+xml"`, as Nikola writes for each language's feed) says the feed's
    language: it is no page alternate, and its relative href is fine (Google reads hreflang only
    on alternate pages)."""
    if not media_type or not media_type.strip():
        return True
    return media_type.split(";", 1)[0].strip().lower() in ("text/html", "application/xhtml+xml")


def _keyphrase_fields(page: Page) -> dict[str, str | None]:
    """The declared keyphrase (front matter, meta keywords, per-path config) for D005. A
    --keyphrase given on the command line names one page's target, not every page's, and an
    inferred keyphrase is a guess: neither can show two posts competing."""
    kp = declared_keyphrase(page)
    if kp is None or not kp.usable or kp.source == "cli":
        return {"keyphrase": None, "keyphrase_key": None}
    return {"keyphrase": kp.text, "keyphrase_key": f"{kp.lang or ''}:{' '.join(sorted(kp.stems))}"}


def analyse_document(doc: RawDocument, settings: Settings, markdown: Any = None) -> PageResult:
    """One page, in this process: its findings (page rules and what its source found), the
    rules that did not apply, its metrics and its PageSummary. Site rules, suppression comments
    and scores need the whole site: engine.build_report([result, ...], settings, ...) does
    them. For many pages, keep one Analyser.for_settings(settings) instead."""
    return Analyser.for_settings(settings, markdown).analyse(doc)


def limit_finding(limit: Limit, cr: ConfiguredRule, url: str | None, path: str | None,
                  rendered: bool) -> Finding:
    """Z003 for one cap the parser reached. A rendered source's cut is a line of the HTML it
    rendered, not of the source file: no line then."""
    if limit.what == "nodes":
        message = (f"Page has more than {limit.kept:,} elements and text runs; seolint read it "
                   f"only up to line {limit.line}")
    else:
        found = f"{limit.found:,}" if limit.found is not None else f"more than {limit.kept:,}"
        message = (f"Page has {found} {limit.what}; seolint analysed the first "
                   f"{limit.kept:,} (limit {limit.kept:,})")
    return Finding("Z003", cr.rule.name, cr.rule.category, cr.severity, message,
                   "Split the page, or exclude it: rules judged only its first part",
                   url, path, None if rendered else limit.line, None)


__all__ = ["Analyser", "Context", "analyse_document", "limit_finding", "summarise"]
