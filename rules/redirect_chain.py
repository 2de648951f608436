"""A URL redirects more than once, in a loop, or off the site.

## What it does
Crawling only (`seolint crawl`): the crawler follows redirects by hand and records every hop.
This rule reports, on the URL that starts the redirects:

- `redirect-chain` (warning): more than one hop before the page (A -> B -> C); an error past
  the crawler's limit of 10 hops, which it does not follow further;
- `redirect-loop` (error): the redirects come back to a URL already in the chain;
- `offsite-redirect` (info): the redirect leaves the site; the crawler reports it and does not
  follow it (often intended: a short link to a shop);

and, on a page, a canonical link whose URL redirects (`redirect-chain`): the canonical should
name the final URL.

## Why is this bad?
Every hop costs the reader a round trip and the search engine a fetch; Google follows at most 10
hops and gives up on loops, and each hop may lose some of the link's value. Screaming Frog
reports redirect chains and loops; a canonical that redirects is a mixed signal.

## Example
What the crawl learned (crawl facts, as in `seolint.testing`): `/a` answers 301 to `/b`, which
answers 301 to `/c`.

```toml
[[url]]
url = "https://blog.example/a"
status = 200
hops = [[301, "https://blog.example/b"], [301, "https://blog.example/c"]]
expect = ["redirect-chain"]
```

## Use instead
Redirect the old URL straight to the final page (and link to the final URL).

```toml
[[url]]
url = "https://blog.example/a"
status = 200
hops = [[301, "https://blog.example/c"]]
```

## Options
- `max-hops` (default 1): hops allowed before a chain is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from seolint.document import Site, summary_stub
from seolint.rule import Violation, shorten, site_rule

CHAIN = "redirect-chain"
LOOP = "redirect-loop"
OFFSITE = "offsite-redirect"


@dataclass(frozen=True)
class Options:
    max_hops: int = 1


def _path(urls: list[str], limit: int = 5) -> str:
    shown = [shorten(u, 60) for u in urls]
    if len(shown) > limit:
        shown = shown[:2] + [f"… {len(shown) - limit + 1} more …"] + shown[-(limit - 3):]
    return " -> ".join(shown)


@site_rule("X003", CHAIN, category="indexability", severity="warning",
           aliases=(LOOP, OFFSITE), options=Options)
def check(site: Site, opts: Options) -> Iterator[Violation]:
    crawl = site.crawl
    if crawl is None:
        return
    for fact in crawl.urls:
        if not fact.hops:
            continue
        where = summary_stub(fact.url)
        chain = [fact.url, *(to for _, to in fact.hops)]
        if fact.redirect_stop == "loop":
            yield Violation(None, f"Redirect loop: {_path(chain)}", name=LOOP, severity="error",
                            fix="Make one URL of the loop answer 200 and point the others "
                                "straight at it", page=where)
        elif fact.redirect_stop == "too-many":
            yield Violation(None, f"Over {len(fact.hops) - 1} redirects, not followed further: "
                                  f"{_path(chain)}", severity="error",
                            fix=f"Redirect {shorten(fact.url, 60)} in one hop to the final page",
                            page=where)
        elif fact.redirect_stop == "offsite":
            host = urlsplit(chain[-1]).hostname or "?"
            yield Violation(None, f"Redirects off the site, to {host}: {_path(chain)}; not "
                                  "followed", name=OFFSITE, severity="info",
                            fix="Link to the other site directly if the redirect is not "
                                "intended", page=where)
        elif len(fact.hops) > opts.max_hops:
            n = len(fact.hops)
            yield Violation(None, f"{n} redirect{'s' if n != 1 else ''} before the page: "
                                  f"{_path(chain)}",
                            fix=f"Redirect {shorten(fact.url, 60)} straight to "
                                f"{shorten(chain[-1], 60)}, and update links to it",
                            page=where)
    for page in site.pages:
        target = crawl.get(page.canonical_url)
        if target is None or not target.hops or target.redirect_stop in ("loop", "too-many"):
            continue
        final = target.hops[-1][1]
        yield Violation(page.canonical_pos,
                        f"Canonical URL {shorten(target.url, 70)} redirects to {shorten(final, 70)}",
                        fix=f"Point the canonical at {shorten(final, 80)}", page=page)


# A source rule with a check: only a crawl knows about redirects, so it cannot run on pages
# alone; the engine runs it over the whole site after the pages.
check = replace(check, scope="source")
