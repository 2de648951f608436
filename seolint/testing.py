"""Helpers for testing rules (ours and plugins'): run one rule on HTML, read fixture markers,
and pull the Example / Use instead snippets out of a rule's docstring.

Fixture markers, as markdownlint keeps expectations inside its fixtures:
- `<!-- expect: CODE -->` on a line: a finding of CODE on that line;
- `<!-- expect-page: CODE -->` anywhere: a finding of CODE on the page, whatever its line.
A file with no marker for the rule under test must give no finding of it.

Crawl facts. The rules that read what a crawl learned rather than HTML (redirects, robots.txt,
sitemaps: scope "source" with a check) keep fixtures and examples as TOML (``*.toml``, a
```` ```toml ```` block in a docstring), one site per file, read by :func:`load_crawl_fixture` and
run by :func:`run_crawl_rule`. Every table maps onto the real dataclasses:

    [options]                   # the rule's options, as in seolint.toml (optional)
    max-hops = 1

    [[url]]                     # a FetchFact: what the crawl learned about one URL
    url = "https://blog.example/a"
    status = 301                # the last answer's status; omit for none (blocked, failed)
    hops = [[301, "https://blog.example/b"], [301, "https://blog.example/c"]]
    # also, as FetchFact spells them: final_url (default: the last hop's target when there
    # are hops), redirect_stop ("loop", "too-many", "offsite", "blocked", "excluded"),
    # error, blocked, content_type, indexable
    expect = ["redirect-chain"] # findings on this URL, by name (rule name or alias)

    [[page]]                    # a fetched HTML page, summarised as the crawl would
    url = "https://blog.example/"
    html = '''<html>...<link rel="canonical" href="https://blog.example/a">...'''
    status = 200                # default 200; also headers = {"X-Robots-Tag" = "noindex"}
    expect = ["redirect-chain"] # findings on this page (at a link, its canonical, or the page)
    # optional, on any entry: each text is part of the message of a finding on the entry
    messages = ["Canonical URL https://blog.example/a redirects"]

    [[link]]                    # a LinkStatus: what the outbound-link checker learned (D009)
    url = "https://docs.example/gone"
    state = "broken"            # ok, broken, unverified, not-checked, credentials, excluded
    status = 404                # also hops, final_url, reason, as LinkStatus spells them

    [[sitemap]]                 # a SitemapEntry; no [[sitemap]] at all: the site has no
    url = "https://blog.example/gone"   # sitemap (write `sitemap = []` for an empty one)
    expect = ["sitemap-mismatch"]

Top-level keys go before the first table (TOML). Each page is also a crawled URL: it gets the
FetchFact of a page that answered its status (an HTML page, indexable as parsed) unless a [[url]]
names the same URL; the first page is the crawl's seed. The crawl looks facts up by their
`url`. A sitemap entry is line N of a text sitemap (N: its place among the [[sitemap]] tables, or
`line = N`) at top-level `sitemap_url` (default https://blog.example/sitemap.xml); `listed`
defaults to `url`, `on_site` to "same host as the sitemap". Top-level `sitemap_complete = false`
says the sitemap was not read in full; `crawl_complete = false` that a limit cut the crawl short.

Expectations sit on the entry the finding belongs to: a finding on a URL (a FetchFact) or a page
counts for the [[url]]/[[page]] with that URL, a finding at a sitemap line for that [[sitemap]]
entry. :func:`compare_crawl` lists the differences; a file or block with no `expect` anywhere
must give no finding.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import urlsplit

from seolint.config import build_options
from seolint.document import (
    CrawlFacts,
    FetchFact,
    LinkFacts,
    LinkStatus,
    PageSummary,
    RawDocument,
    Site,
    SitemapEntry,
)
from seolint.engine import summarise
from seolint.parse import PSEUDO_ORIGIN, parse
from seolint.rule import Rule, Violation
from seolint.sources.files import file_url

MARKER = re.compile(r"<!--\s*expect(-page)?:\s*([A-Z]\d{3}(?:\s*,\s*[A-Z]\d{3})*)\s*-->")
_SECTION = re.compile(r"^## (.+?)\s*$", re.MULTILINE)
_BLOCK = re.compile(r"```(html|http|toml)\n(.*?)```", re.DOTALL)
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def builtin_rules() -> dict[str, Rule]:
    """Rules found by importing every module of seolint.rules (not through entry points)."""
    import seolint.rules as pkg

    out: dict[str, Rule] = {}
    for info in pkgutil.iter_modules(pkg.__path__):
        module = importlib.import_module(f"seolint.rules.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Rule):
                out[value.code] = value
    return dict(sorted(out.items()))


def rule_modules() -> list[str]:
    import seolint.rules as pkg

    return sorted(f"seolint.rules.{i.name}" for i in pkgutil.iter_modules(pkg.__path__))


def options_for(rule: Rule, overrides: dict[str, Any] | None = None) -> Any:
    return build_options(rule.options, overrides or {}, f"[rules.{rule.name}]")[0]


def run_page_rule(rule: Rule, html: str | bytes, *, path: str = "page.html",
                  url: str | None = None, options: dict[str, Any] | None = None,
                  **doc: Any) -> list[Violation]:
    """Parse `html` as a local file and run one page rule on it. An inapplicable rule gives []."""
    body = html.encode("utf-8") if isinstance(html, str) else html
    page = parse(RawDocument(url=url or f"{PSEUDO_ORIGIN}/{path}", path=path, body=body, **doc))
    if not rule.is_applicable(page):
        return []
    assert rule.check is not None
    return list(rule.check(page, options_for(rule, options)))


def run_site_rule(rule: Rule, pages: Iterable[tuple[str, str | bytes]], *,
                  options: dict[str, Any] | None = None, complete: bool = True,
                  extra_files: Iterable[str] = ()) -> list[Violation]:
    """Parse (path, html) pairs as files of one folder and run one site rule over them."""
    from pathlib import PurePosixPath

    summaries = []
    known = set()
    for path, html in pages:
        body = html.encode("utf-8") if isinstance(html, str) else html
        url = file_url(PurePosixPath(path), None)
        known.add(url)
        summaries.append(summarise(parse(RawDocument(url=url, path=path, body=body)), body,
                                   fingerprint=True))
    for path in extra_files:
        known.add(file_url(PurePosixPath(path), None))
    assert rule.check is not None
    site = Site(tuple(summaries), frozenset(known), complete)
    return list(rule.check(site, options_for(rule, options)))


@dataclass(frozen=True)
class Expected:
    code: str
    line: int | None  # None: anywhere on the page


def markers(text: str) -> list[Expected]:
    out: list[Expected] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        for m in MARKER.finditer(line):
            for code in re.split(r"\s*,\s*", m.group(2)):
                out.append(Expected(code, None if m.group(1) else lineno))
    return out


def compare(expected: list[Expected], got: list[tuple[str, int | None]]) -> list[str]:
    """Differences between markers and findings, as readable lines (empty when they agree)."""
    problems: list[str] = []
    want = Counter((e.code, e.line) for e in expected if e.line is not None)
    anywhere = Counter(e.code for e in expected if e.line is None)
    have = Counter(got)
    for key, n in (want - have).items():
        problems.append(f"missing {key[0]} on line {key[1]} (x{n})")
    rest = have - want
    for (code, line), n in list(rest.items()):
        take = min(n, anywhere.get(code, 0))
        if take:
            anywhere[code] -= take
            rest[(code, line)] -= take
    for code, n in anywhere.items():
        if n > 0:
            problems.append(f"missing {code} anywhere on the page (x{n})")
    for (code, line), n in rest.items():
        if n > 0:
            problems.append(f"unexpected {code} on line {line} (x{n})")
    return problems


def doc_section(doc: str, title: str) -> str:
    parts = _SECTION.split(doc)
    for i in range(1, len(parts) - 1, 2):
        if parts[i].strip().lower() == title.lower():
            return parts[i + 1]
    return ""


def doc_snippets(rule: Rule, title: str) -> list[tuple[str, str]]:
    """(kind, text) of each ```html, ```http or ```toml block in a docstring section."""
    return [(m.group(1), m.group(2)) for m in _BLOCK.finditer(doc_section(rule.doc, title))]


def parse_http(text: str) -> tuple[int, tuple[tuple[str, str], ...], str]:
    """A raw HTTP response (status line, headers, blank line, body) as (status, headers, body).

    Rules that read HTTP facts (status, headers) keep fixtures and examples in this form."""
    head, _, body = text.replace("\r\n", "\n").partition("\n\n")
    status_line, *header_lines = head.splitlines()
    headers = []
    for line in header_lines:
        name, _, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    return int(status_line.split()[1]), tuple(headers), body


def run_http_rule(rule: Rule, text: str, *, path: str = "page.html",
                  options: dict[str, Any] | None = None) -> list[Violation]:
    """Run a page rule on a raw HTTP response, as if the page had been fetched."""
    status, headers, body = parse_http(text)
    ctype = {k.lower(): v for k, v in headers}.get("content-type", "")
    m = _CHARSET.search(ctype)
    return run_page_rule(rule, body, path=path, options=options, status=status, headers=headers,
                         charset=m.group(1) if m else None)


def run_snippet(rule: Rule, kind: str, text: str, path: str = "example.html") -> list[Violation]:
    if kind == "toml":
        return run_crawl_rule(rule, text)
    return run_http_rule(rule, text, path=path) if kind == "http" else run_page_rule(
        rule, text, path=path)


# --- crawl facts (rules of scope "source" with a check: X003, X005, D008, D009) ---------------

DEFAULT_SITEMAP_URL = "https://blog.example/sitemap.xml"
_FACT_FIELDS = frozenset(f.name for f in fields(FetchFact))
_TOP_KEYS = frozenset({"options", "url", "page", "sitemap", "sitemap_url", "sitemap_complete",
                       "crawl_complete", "link"})
_LINK_FIELDS = frozenset(f.name for f in fields(LinkStatus))
_PAGE_KEYS = frozenset({"url", "html", "status", "headers", "expect", "messages"})
_SITEMAP_KEYS = frozenset({"url", "listed", "line", "on_site", "expect", "messages"})


@dataclass(frozen=True)
class CrawlFixture:
    """A site as a crawl saw it (the real Site, CrawlFacts and SitemapEntry records), the rule
    options the fixture sets, and the findings it expects, as labels (see `crawl_labels`)."""

    site: Site
    options: dict[str, Any]
    expected: tuple[str, ...]
    sitemap_lines: dict[tuple[str, int], str]  # (sitemap URL, line) -> the URL listed there
    # (where, text): a finding at `where` (a URL, or "sitemap line N (LISTED)") says `text`
    messages: tuple[tuple[str, str], ...] = ()


def _only(table: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")
    if where != "the fixture" and "url" not in table:
        raise ValueError(f"{where}: needs a url")


def _strings(table: dict[str, Any], key: str, where: str) -> list[str]:
    names = table.get(key, [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ValueError(f"{where}: {key} must be a list of strings")
    return names


def _sitemap_at(line: int, listed: str) -> str:
    return f"sitemap line {line} ({listed})"


def load_crawl_fixture(text: str) -> CrawlFixture:
    """Read a crawl-facts fixture (TOML, see the module docstring) into a Site."""
    data = tomllib.loads(text)
    _only(data, _TOP_KEYS, "the fixture")
    expected: list[str] = []
    messages: list[tuple[str, str]] = []
    facts: dict[str, FetchFact] = {}
    for entry in data.get("url", []):
        _only(entry, _FACT_FIELDS | {"expect", "messages"}, "[[url]]")
        url = entry["url"]
        if url in facts:
            raise ValueError(f"[[url]] {url} appears twice")
        args = {k: v for k, v in entry.items() if k not in ("expect", "messages")}
        args["hops"] = tuple((int(status), str(to)) for status, to in args.get("hops", ()))
        if args["hops"] and "final_url" not in args:
            args["final_url"] = args["hops"][-1][1]
        facts[url] = FetchFact(**args)
        expected += [f"{n} at {url}" for n in _strings(entry, "expect", f"[[url]] {url}")]
        messages += [(url, m) for m in _strings(entry, "messages", f"[[url]] {url}")]
    summaries: list[PageSummary] = []
    for entry in data.get("page", []):
        _only(entry, _PAGE_KEYS, "[[page]]")
        url = entry["url"]
        body = str(entry.get("html", "")).encode("utf-8")
        status = int(entry.get("status", 200))
        headers = tuple((str(k), str(v)) for k, v in entry.get("headers", {}).items())
        summary = summarise(parse(RawDocument(url=url, path=None, body=body, status=status,
                                              headers=headers)), body, external=True)
        summaries.append(summary)
        facts.setdefault(url, FetchFact(url, status, content_type="text/html",
                                        indexable=summary.indexable))
        expected += [f"{n} at {url}" for n in _strings(entry, "expect", f"[[page]] {url}")]
        messages += [(url, m) for m in _strings(entry, "messages", f"[[page]] {url}")]
    sitemap: tuple[SitemapEntry, ...] | None = None
    lines: dict[tuple[str, int], str] = {}
    if "sitemap" in data:
        sitemap_url = str(data.get("sitemap_url", DEFAULT_SITEMAP_URL))
        host = urlsplit(sitemap_url).hostname
        entries = []
        for n, entry in enumerate(data["sitemap"], start=1):
            _only(entry, _SITEMAP_KEYS, "[[sitemap]]")
            url, line = entry["url"], int(entry.get("line", n))
            listed = str(entry.get("listed", url))
            on_site = bool(entry.get("on_site", urlsplit(url).hostname == host))
            entries.append(SitemapEntry(url, listed, sitemap_url, None, line, on_site))
            lines[(sitemap_url, line)] = listed
            at, where = _sitemap_at(line, listed), f"[[sitemap]] {url}"
            expected += [f"{n} at {at}" for n in _strings(entry, "expect", where)]
            messages += [(at, m) for m in _strings(entry, "messages", where)]
        sitemap = tuple(entries)
    ordered = tuple(facts.values())
    complete = bool(data.get("crawl_complete", True))
    crawl = CrawlFacts(ordered, {f.url: i for i, f in enumerate(ordered)}, complete,
                       tuple(s.url for s in summaries[:1]))
    links: LinkFacts | None = None
    if "link" in data:
        statuses: dict[str, LinkStatus] = {}
        for entry in data["link"]:
            _only(entry, _LINK_FIELDS, "[[link]]")
            args = dict(entry)
            args["hops"] = tuple((int(status), str(to)) for status, to in args.get("hops", ()))
            if args["hops"] and "final_url" not in args:
                args["final_url"] = args["hops"][-1][1]
            statuses[entry["url"]] = LinkStatus(**args)
        links = LinkFacts(statuses)
    site = Site(tuple(summaries), frozenset(), complete, sitemap=sitemap, crawl=crawl,
                sitemap_complete=bool(data.get("sitemap_complete", True)), links=links)
    return CrawlFixture(site, dict(data.get("options", {})), tuple(expected), lines,
                        tuple(messages))


def run_crawl_rule(rule: Rule, fixture: str | CrawlFixture, *,
                   options: dict[str, Any] | None = None) -> list[Violation]:
    """Run a rule that reads crawl facts (X003, X005, D008) on a fixture's Site. `options`
    override the fixture's [options] table."""
    if isinstance(fixture, str):
        fixture = load_crawl_fixture(fixture)
    assert rule.check is not None, f"{rule.code} has no check to run"
    opts = options_for(rule, {**fixture.options, **(options or {})})
    return list(rule.check(fixture.site, opts))


def _where(fixture: CrawlFixture, v: Violation) -> str:
    url = v.page.url if v.page is not None else "-"
    line = v.pos.line
    listed = fixture.sitemap_lines.get((url, line)) if line is not None else None
    return url if listed is None or line is None else _sitemap_at(line, listed)


def crawl_labels(rule: Rule, fixture: CrawlFixture, found: Iterable[Violation]) -> list[str]:
    """Findings as the labels fixtures expect: "NAME at URL" for a finding on a URL or page,
    "NAME at sitemap line N (LISTED)" for one at a line of the sitemap."""
    return [f"{v.name or rule.name} at {_where(fixture, v)}" for v in found]


def compare_crawl(rule: Rule, fixture: CrawlFixture, found: Iterable[Violation]) -> list[str]:
    """Differences between a crawl fixture's `expect` lists and the findings (empty: agree)."""
    problems = [f"expects {label!r}, which is not a name of {rule.code}"
                for label in fixture.expected if label.split(" at ", 1)[0] not in rule.names]
    found = list(found)
    want, have = Counter(fixture.expected), Counter(crawl_labels(rule, fixture, found))
    problems += [f"missing {label} (x{n})" for label, n in (want - have).items()]
    problems += [f"unexpected {label} (x{n})" for label, n in (have - want).items()]
    for where, text in fixture.messages:
        said = [v.message for v in found if _where(fixture, v) == where]
        if not any(text in message for message in said):
            problems.append(f"no finding at {where} says {text!r} (they say: {said})")
    return problems


__all__ = [
    "CrawlFixture",
    "Expected",
    "builtin_rules",
    "compare",
    "compare_crawl",
    "crawl_labels",
    "doc_section",
    "doc_snippets",
    "load_crawl_fixture",
    "markers",
    "parse_http",
    "run_crawl_rule",
    "run_http_rule",
    "run_page_rule",
    "run_site_rule",
]
