"""A hreflang link is malformed, or its alternate page does not link back.

## What it does
Checks every `<link rel="alternate" hreflang="…" href="…">` in a page's `<head>`:

- the language code must be `x-default` or an ISO 639-1 language, optionally with a script
  (`zh-Hant`) and an ISO 3166-1 region (`en-GB`, `es-419`): `en_US`, `en-UK`, `jp` and `eng` are
  not, and search engines ignore them;
- the href must be an absolute URL (`https://…`), not relative;
- return links: when the alternate is a page of the site (linting a folder with `base-url`, or
  crawling), that page must have a hreflang link back to this one, or search engines ignore the
  pair. A crawled alternate that answers an error is reported too.

## Why is this bad?
hreflang tells search engines which language or regional version of a page to show to whom. A
code they do not recognise, a relative URL or a one-way link makes them ignore the annotation,
and readers get the wrong language. Lighthouse's hreflang audit checks codes and relative URLs;
Screaming Frog also reports missing return links.

Measured precision (tests/precision, findings judged by reading the page): 29 % (2 of 7)
while a hreflang on a feed's `<link type="application/rss+xml">` counted as a page alternate;
feed links are left out now (100 % on the sample).

## Example
```html
<!-- page0.html --><html lang="en"><head><title>Running backwards</title>
<link rel="alternate" hreflang="en-UK" href="https://seolint.invalid/page0.html">
<link rel="alternate" hreflang="fr" href="/fr/page0.html">
</head><body><h1>Running backwards</h1></body></html>
```

## Use instead
```html
<!-- page0.html --><html lang="en"><head><title>Running backwards</title>
<link rel="alternate" hreflang="en-GB" href="https://seolint.invalid/page0.html">
<link rel="alternate" hreflang="fr" href="https://seolint.invalid/page1.html">
</head><body><h1>Running backwards</h1></body></html>
```
```html
<!-- page1.html --><html lang="fr"><head><title>Courir à reculons</title>
<link rel="alternate" hreflang="fr" href="https://seolint.invalid/page1.html">
<link rel="alternate" hreflang="en-GB" href="https://seolint.invalid/page0.html">
</head><body><h1>Courir à reculons</h1></body></html>
```

## Options
None: the codes are those Google Search Central accepts ("Tell Google about localized versions
of your page").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from http import HTTPStatus

from seolint.document import HreflangRef, PageSummary, Site
from seolint.rule import NoOptions, Violation, shorten, site_rule
from seolint.sitetools import candidate_keys, url_key

# ISO 639-1 (two-letter language codes).
LANGUAGES = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln
lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi
pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti
tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())
# ISO 3166-1 alpha-2 (regions), plus XK (Kosovo), which Google accepts.
REGIONS = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
""".split())
# Mistakes seen in the wild: country codes and old codes used as languages.
_LANGUAGE_HINTS = {"jp": "ja", "cn": "zh", "dk": "da", "gr": "el", "cz": "cs", "ua": "uk",
                   "kr": "ko", "vn": "vi", "iw": "he", "in": "id", "ji": "yi", "us": "en",
                   "gb": "en", "uk": "en", "br": "pt", "eng": "en", "fra": "fr", "deu": "de",
                   "ger": "de", "spa": "es", "esp": "es", "ita": "it", "por": "pt",
                   "rus": "ru", "jpn": "ja", "chi": "zh", "zho": "zh", "nld": "nl", "dut": "nl"}
_REGION_HINTS = {"UK": "GB", "EN": "GB"}
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:-([A-Za-z]{4}))?(?:-([A-Za-z]{2}|\d{3}))?$")


def code_problem(code: str) -> tuple[str, str] | None:
    """(message, fix) when `code` is not a hreflang value search engines accept."""
    shown = shorten(code, 30)
    if code.lower() == "x-default":
        return None
    if "_" in code:
        better = code.replace("_", "-")
        if code_problem(better) is None:
            return (f'hreflang "{shown}" uses an underscore', f"Write {better}")
    m = _TAG.match(code)
    if m is None:
        return (f'hreflang "{shown}" is not a language code',
                "Use an ISO 639-1 language, optionally with a region: en, en-GB, x-default")
    lang, script, region = m.group(1).lower(), m.group(2), m.group(3)
    if lang not in LANGUAGES:
        hint = _LANGUAGE_HINTS.get(lang)
        rest = code[len(m.group(1)):]
        return (f'hreflang "{shown}": {m.group(1)} is not an ISO 639-1 language code',
                f"Write {hint}{rest}" if hint else "Use the two-letter ISO 639-1 code")
    if region is not None and not region.isdigit() and region.upper() not in REGIONS:
        hint = _REGION_HINTS.get(region.upper())
        head = code[: m.start(3)]
        return (f'hreflang "{shown}": {region} is not an ISO 3166-1 region code',
                f"Write {head}{hint}" if hint else "Use the two-letter ISO 3166-1 region code")
    del script  # any four-letter script (Hans, Hant, Latn, Cyrl) is fine
    return None


def _status(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


@site_rule("X006", "invalid-hreflang", category="indexability", severity="warning")
def check(site: Site, opts: NoOptions) -> Iterator[Violation]:
    crawl = site.crawl
    by_key = {url_key(p.url): p for p in site.pages}

    def landing(url: str) -> str:
        return crawl.landing(url) if crawl is not None else url

    def find(url: str) -> PageSummary | None:
        for key in candidate_keys(landing(url)):
            if key in by_key:
                return by_key[key]
        return None

    for page in site.pages:
        for alt in page.hreflangs:
            yield from _one(alt, page)
        own = url_key(page.url)
        for alt in page.hreflangs:
            if alt.target is None or not _absolute(alt.href):
                continue
            if crawl is not None:
                fact = crawl.get(alt.target)
                if fact is not None and fact.status is not None and fact.status >= 400:
                    yield Violation(alt, f"The {shorten(alt.lang, 20)} alternate "
                                         f"{shorten(alt.target, 80)} answered HTTP "
                                         f"{_status(fact.status)}",
                                    fix="Point the hreflang link at the working page, or remove "
                                        "it", page=page)
                    continue
            other = find(alt.target)
            if other is None or url_key(other.url) == own:
                continue
            back = {url_key(landing(a.target)) for a in other.hreflangs if a.target}
            if own not in back:
                where = other.path or other.url
                yield Violation(alt, f"The {shorten(alt.lang, 20)} alternate "
                                     f"{shorten(where, 80)} has no hreflang link back to this "
                                     "page",
                                fix=f"Add a <link rel=\"alternate\" hreflang> to this page on "
                                    f"{shorten(where, 80)}", page=page)


def _absolute(href: str | None) -> bool:
    return bool(href) and href.strip().lower().startswith(("http://", "https://"))  # type: ignore[union-attr]


def _one(alt: HreflangRef, page: PageSummary) -> Iterator[Violation]:
    problem = code_problem(alt.lang)
    if problem is not None:
        yield Violation(alt, problem[0], fix=problem[1], page=page)
    href = (alt.href or "").strip()
    if not href:
        yield Violation(alt, f'hreflang "{shorten(alt.lang, 20)}" link has no href',
                        fix="Set href to the alternate page's absolute URL", page=page)
    elif not _absolute(href):
        fix = (f"Write the absolute URL: {shorten(alt.target, 80)}" if alt.target
               and not alt.target.startswith("https://seolint.invalid")
               else "Write the absolute URL, with https:// and the host")
        yield Violation(alt, f'hreflang "{shorten(alt.lang, 20)}" link is relative: '
                             f'"{shorten(href, 60)}"', fix=fix, page=page)
