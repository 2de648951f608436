"""An indexable page has no canonical link, or its canonical link is unusable.

## What it does
Reports two problems under one code:

- `missing-canonical`: an indexable page (not noindex, not a redirect stub, not an HTTP error)
  with no `<link rel="canonical">`.
- `invalid-canonical`: a canonical link that
  - has an empty or missing `href`;
  - sits in `<body>` (search engines only read it in `<head>`);
  - is relative (`/posts/a/` instead of `https://example.com/posts/a/`);
  - is not an http(s) URL;
  - points at a development server (`localhost`, `127.0.0.1`, `0.0.0.0`, `::1`), as a site
    built in development mode does (`jekyll serve` writes `http://localhost:4000/...`);
  - points at another host than the page's own (the host of the page's URL, or of a link the
    parser marked internal);
  - points at the homepage from a page that is not the homepage (Lighthouse's "Points to the
    domain's root URL");
  - disagrees with another canonical link on the same page (reported at the second and later).

Without `base-url`, a local file's URL is a pseudo-URL (`https://seolint.invalid/...`) and the
page cannot know its own host: absolute canonical links are then accepted whatever their host,
except development hosts, which are never right. Set `base-url` to have the host checked.
Whether the canonical target answers 200 is a crawl-time check, not this rule's (it never
fetches).

## Why is this bad?
The canonical link tells search engines which URL to index when the same content is reachable
at several (with and without a trailing slash, with tracking parameters, on a syndicated copy).
Without one they guess; with a wrong one they index the wrong URL, or, when several links
conflict, ignore all of them. Lighthouse's canonical audit fails relative, conflicting and
homepage canonicals; Screaming Frog lists missing, relative and non-indexable canonicals.

## Example
```html
<head><title>Running backwards</title></head>
```
```html
<head>
<title>Running backwards</title>
<link rel="canonical" href="http://localhost:4000/running-backwards/">
</head>
```

## Use instead
```html
<head>
<title>Running backwards</title>
<link rel="canonical" href="https://example.com/running-backwards/">
</head>
```

When every page of a template lacks the canonical, the ranked fix is a self-referencing
canonical printed by the template, each page's own URL, with the template expression of the
generator the page names in `<meta name="generator">` (Hugo `{{ .Permalink }}`, Jekyll
`{{ page.url | absolute_url }}`...; `seolint.templating`): pasting one page's literal URL
into a shared template would point every page's canonical at that one page.

## Options
None. A canonical to another host is reported as a warning, not an error: a syndicated copy
(a cross-post on dev.to or Medium) rightly points at the original, so ignore the finding there.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from seolint.document import LinkTag, Page, Position
from seolint.parse import PSEUDO_ORIGIN, resolve, site_key
from seolint.rule import NoOptions, Severity, Violation, is_content_page, page_rule, shorten
from seolint.templating import canonical_template_fix, generator_of

INVALID = "invalid-canonical"
_PSEUDO_HOST = urlsplit(PSEUDO_ORIGIN).hostname
# A canonical on one of these hosts is a site built in development mode, never a public URL.
_DEV_HOSTS = frozenset({"localhost", "0.0.0.0", "::1", "[::1]"})


def _is_dev_host(host: str) -> bool:
    return host in _DEV_HOSTS or host.startswith("127.") or host.endswith(".localhost")




def _own_hosts(page: Page) -> set[str]:
    hosts = {site_key(urlsplit(page.url).hostname)}
    for link in page.links:
        if link.internal and link.url:
            hosts.add(site_key(urlsplit(link.url).hostname))
    return hosts


def _invalid(where: LinkTag, message: str, fix: str, severity: Severity) -> Violation:
    return Violation(where, message, fix=fix, name=INVALID, severity=severity)


@page_rule("M006", "missing-canonical", category="meta", severity="warning",
           aliases=(INVALID,), applies=is_content_page)
def check(page: Page, opts: NoOptions) -> Iterator[Violation]:
    page_parts = urlsplit(page.url)
    pseudo = page_parts.hostname == _PSEUDO_HOST
    canonicals = page.canonicals
    if not canonicals:
        if page.indexable and not page.is_fragment:
            target = "the page's absolute URL" if pseudo else page.url
            generator = generator_of(page.metas)
            yield Violation(
                page.head_pos if page.has_head_element else Position(1, 1),
                "No canonical link",
                fix=f'Add a self-referencing canonical, <link rel="canonical" href="{target}">, '
                    "to <head>",
                template_fix=canonical_template_fix(generator[0] if generator else None),
            )
        return

    own = _own_hosts(page)
    usable: list[tuple[LinkTag, str]] = []
    for tag in canonicals:
        href = (tag.href or "").strip()
        if not href:
            what = "no href" if tag.href is None else "an empty href"
            yield _invalid(tag, f"Canonical link has {what}",
                           "Set href to the page's absolute URL, or remove the link", "error")
            continue
        if not tag.in_head:
            yield _invalid(tag, f'Canonical link is in <body>, where search engines ignore it: '
                                f'"{shorten(href)}"',
                           "Move the canonical link into <head>", "error")
            continue
        try:
            parts = urlsplit(href)
            host = parts.hostname
        except ValueError:
            yield _invalid(tag, f'Canonical URL is not a valid URL: "{shorten(href)}"',
                           "Set href to the page's absolute URL", "error")
            continue
        if not parts.scheme:
            resolved = resolve(page.url, href)
            if pseudo or resolved is None:
                fix = "Write the absolute URL, with https:// and the site's host"
            else:
                fix = f"Change it to {resolved}"
            yield _invalid(tag, f'Canonical URL is relative: "{shorten(href)}"', fix, "warning")
            if resolved is not None:
                usable.append((tag, resolved))
            continue
        if parts.scheme.lower() not in ("http", "https") or not host:
            yield _invalid(tag, f'Canonical URL is not an http(s) URL: "{shorten(href)}"',
                           "Set href to the page's absolute https:// URL", "error")
            continue
        if _is_dev_host(host):
            yield _invalid(
                tag, f'Canonical URL points at a development server ({host}): "{shorten(href)}"',
                "Build the site for production with its public URL configured (for Jekyll: "
                "JEKYLL_ENV=production and url in _config.yml)", "error",
            )
            continue
        if not pseudo and site_key(host) not in own:
            yield _invalid(
                tag, f"Canonical URL points at another host ({host}, the page is on "
                     f'{page_parts.hostname}): "{shorten(href)}"',
                "Point the canonical at this page's own URL (ignore this on a syndicated copy "
                "of a post published elsewhere)", "warning",
            )
        elif (site_key(host) == site_key(page_parts.hostname) and (parts.path or "/") == "/"
              and (page_parts.path or "/") != "/"):
            yield _invalid(
                tag, f'Canonical URL points at the homepage from {page_parts.path}: '
                     f'"{shorten(href)}"',
                f"Point the canonical at this page's own URL ({page.url})", "warning",
            )
        resolved = resolve(page.url, href)
        if resolved is not None:
            usable.append((tag, resolved))

    distinct = list(dict.fromkeys(url for _, url in usable))
    if len(distinct) > 1:
        first = usable[0][1]
        listed = ", ".join(f'"{shorten(u, 60)}"' for u in distinct[:3])
        for tag, url in usable[1:]:
            if url != first:
                yield _invalid(
                    tag, f"{len(usable)} canonical links name {len(distinct)} different URLs: "
                         f"{listed}",
                    "Keep one canonical link (search engines ignore conflicting ones)", "error",
                )
