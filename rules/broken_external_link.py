"""An outbound link points to a page that is gone.

## What it does
Only with `--check-external` (or `[links] check-external = true`): the link checker
(`seolint.sources.linkcheck`) requests each distinct outbound URL once, politely and with a
cache, and this rule reports, at each link to it:

- a warning when the URL answers 404 Not Found or 410 Gone (HEAD, confirmed by a GET), or when
  its host name does not resolve;
- an info "could not verify" for timeouts, connection errors, 5xx, 429 Too Many Requests and
  refusals such as 403 (after one retry): an unreliable network or a bot filter must not fail a
  build;
- a warning for a link whose URL holds a user name or password (it is never requested);
- with `report-redirects`, an info when the URL redirects to another page (a change of scheme,
  `www.` or a trailing slash is not another page).

URLs the time budget did not reach are "not checked" (the run says how many), never broken;
URLs matching `[links] exclude` are neither requested nor reported.

## Why is this bad?
Dead outbound links are the most common decay of an old blog: the reader who follows one finds
nothing, and a page full of them reads as unmaintained. Link checkers such as lychee,
html-proofer and linkinator exist for exactly this.

## Example
What the link checker learned (link facts, as in `seolint.testing`): the page links to a URL
that answers 404.

```toml
[[page]]
url = "https://blog.example/post/"
html = '<p>Read <a href="https://docs.example/gone">the docs</a>.</p>'
expect = ["broken-external-link"]

[[link]]
url = "https://docs.example/gone"
state = "broken"
status = 404
reason = "answered HTTP 404 Not Found"
```

## Use instead
Link to where the page lives now (or to an archived copy).

```toml
[[page]]
url = "https://blog.example/post/"
html = '<p>Read <a href="https://docs.example/new">the docs</a>.</p>'

[[link]]
url = "https://docs.example/new"
state = "ok"
status = 200
```

## Options
- `report-redirects` (default false): also report links whose URL redirects to another page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlsplit, urlunsplit

from seolint.document import LinkStatus, Site
from seolint.rule import Violation, shorten, site_rule


@dataclass(frozen=True)
class Options:
    report_redirects: bool = False


def _masked(url: str) -> str:
    """The URL without its password, for a message."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, ""))


def _same_page(a: str, b: str) -> bool:
    """Equal up to http/https, a leading www. and a trailing slash."""
    def norm(url: str) -> tuple[str, str, str]:
        p = urlsplit(url)
        host = (p.hostname or "").lower().removeprefix("www.")
        return host, p.path.rstrip("/") or "/", p.query
    return norm(a) == norm(b)


def _violation(status: LinkStatus, opts: Options) -> tuple[str, str, str] | None:
    """(message, fix, severity) for one link's status, or None when there is nothing to say."""
    shown = shorten(status.url, 100)
    if status.state == "broken":
        return (f"Link to {shown} is broken: {status.reason or 'no such page'}",
                "Link to where the page lives now, to an archived copy, or remove the link",
                "warning")
    if status.state == "unverified":
        return (f"Could not verify the link to {shown}: {status.reason or 'no answer'}",
                "Check the link in a browser; add it to [links] exclude if it is fine",
                "info")
    if status.state == "credentials":
        return (f"Link to {shorten(_masked(status.url), 100)} {status.reason or 'holds a user name or password'}; "
                "not requested",
                "Remove the user name and password from the link", "warning")
    if (status.state == "ok" and opts.report_redirects and status.final_url
            and not _same_page(status.url, status.final_url)):
        hops = len(status.hops)
        return (f"Link to {shown} redirects to {shorten(status.final_url, 100)}"
                f"{f' ({hops} hops)' if hops > 1 else ''}",
                f"Link to {shorten(status.final_url, 100)} directly", "info")
    return None


@site_rule("D009", "broken-external-link", category="links", severity="warning",
           options=Options)
def check(site: Site, opts: Options) -> Iterator[Violation]:
    facts = site.links
    if facts is None:
        return
    for page in site.pages:
        for link in page.external_links:
            status = facts.get(link.target)
            if status is None:
                continue
            said = _violation(status, opts)
            if said is not None:
                message, fix, severity = said
                yield Violation(link, message, fix=fix, severity=severity,  # type: ignore[arg-type]
                                page=page)


# A source rule with a check: it judges what only the link checker knows, so its fixtures and
# examples are link facts (seolint.testing), like the crawl-fact rules'.
check = replace(check, scope="source")
