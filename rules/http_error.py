"""The page answered with an HTTP error (4xx or 5xx).

## What it does
Reports a fetched page whose final response had a status code of 400 or more, after redirects.
It needs the HTTP status, so it applies when crawling or checking URLs, not to local files.
A 429 (Too Many Requests) is reported as a warning: it says the crawl was too fast for the
server, not that the page is broken.

## Why is this bad?
Search engines drop pages that answer with an error from their index, and readers who follow a
link to one leave. A 5xx that lasts makes search engines crawl the whole site more slowly.
Lighthouse fails "Page has unsuccessful HTTP status code" on any status of 400 or more.

## Example
```http
HTTP/1.1 404 Not Found
Content-Type: text/html

<html lang="en"><head><title>Page not found</title></head><body><h1>Oops</h1></body></html>
```

## Use instead
```http
HTTP/1.1 200 OK
Content-Type: text/html

<html lang="en"><head><title>Running backwards</title></head><body><h1>Running backwards</h1></body></html>
```

## Options
None: any status of 400 or more is an error (Lighthouse http-status-code).
"""

from __future__ import annotations

from collections.abc import Iterator
from http import HTTPStatus

from seolint.document import FACT_BODY, FACT_HEAD, FACT_HTTP, Page
from seolint.rule import NoOptions, Violation, page_rule


def _reason(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


@page_rule("X001", "http-error", category="indexability", severity="error",
           requires=frozenset({FACT_HEAD, FACT_BODY, FACT_HTTP}))
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    status = page.status
    if status is None or status < 400:
        return
    message = f"The page answered HTTP {_reason(status)}"
    if status == 429:
        yield Violation(
            None, message,
            fix="Crawl with a lower --concurrency or a longer --delay, then check the page again",
            severity="warning",
        )
    elif status in (404, 410):
        yield Violation(
            None, message,
            fix="Restore the page, or redirect its URL with a 301 to the page that replaced it "
                "and update the links to it",
        )
    elif status in (401, 403):
        yield Violation(
            None, message,
            fix="Make the page readable without logging in (crawlers cannot log in), or stop "
                "linking to it",
        )
    elif status < 500:
        yield Violation(
            None, message,
            fix="Make the URL answer 200 to a plain GET request, or stop linking to it",
        )
    else:
        yield Violation(
            None, message,
            fix="Fix the server error behind this URL (see the server's error log), then check "
                "the page again",
        )
