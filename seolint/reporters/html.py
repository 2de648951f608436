"""The HTML report: one self-contained page a person would rather look at than read.

Policy:
- **One file, nothing loaded.** The stylesheet and the script are inline, the charts are inline
  SVG made in Python (`seolint.charts`), and a Content-Security-Policy in the first `<meta>`
  forbids everything else: `default-src 'none'`, images only from `data:`, and the one
  stylesheet and the one script only by their sha256 hashes, computed here from the exact text
  that goes into the page (no 'unsafe-inline').
- **Page text is hostile.** The template is Jinja2 with autoescape on; every page-derived string
  also goes through `sanitize.clean` (control characters and escape sequences shown as `\\x1b`,
  bidirectional overrides escaped) and is cut to a sane length. Page data reaches the script
  only as JSON through `tojson` (which escapes `<`, `>`, `&` and `'`) in a
  `<script type="application/json">` block, which browsers never execute; the script builds the
  DOM with `textContent` and `setAttribute`, never by parsing HTML. Only http(s) URLs become
  links, here and again in the script.
- **Large sites.** The page table is the only part that grows with the site, so its rows are
  drawn by the script from the JSON data, one page of rows at a time (sortable, filterable);
  without JavaScript the 50 lowest-scoring pages are rendered here instead. The data is
  compact: repeated strings (messages, fixes, rule names) are stored once, page locations lose
  the directory they all share, and metrics and category scores are stored as columns.
- **Reporters compute nothing** about SEO: the view model below only reshapes the finished
  Report (counts, a histogram, lookups) for display.
- **Crawl data** (status codes, redirect chains) is shown when pages carry it. It is read
  defensively (`status`/`status_code`, `redirects`/`redirect_chain`, on the page or in its
  metrics; hops as (status, url) pairs, mappings or objects), since the crawler may shape it in
  any of these ways.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from importlib import resources
from typing import IO, Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from seolint import __version__, charts
from seolint.engine import PageResult, Report
from seolint.rule import CATEGORIES, Finding
from seolint.sanitize import clean

TITLE_LIMIT = 300
LIST_TITLE_LIMIT = 160  # in lists (fix pages, table rows); the page's detail shows all 300
MESSAGE_LIMIT = 1_000
FIX_LIMIT = 600
PATH_LIMIT = 600
VALUE_LIMIT = 300
FALLBACK_ROWS = 50  # rows rendered in HTML for readers without JavaScript
FIX_PAGES_SHOWN = 20  # pages listed under each fix; the rest are one click away in the table
FIXES_FIRST = 10  # fixes shown open-ended at the top; the rest behind one click
REDIRECTS_SHOWN = 100
MAX_HOPS = 20
SEV_INDEX = {"error": 0, "warning": 1, "info": 2}
SEVERITIES = ("error", "warning", "info")

# Metric keys that hold a Flesch reading ease (the readability rules may use any of them).
EASE_KEYS = ("reading_ease", "flesch_reading_ease", "flesch", "readability")
STATUS_KEYS = ("status", "status_code", "http_status")
REDIRECT_KEYS = ("redirects", "redirect_chain", "redirect_hops")

_URL_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                         r"\ufeff\"<>\\^`{|}]")
_SCRIPT_END = re.compile(r"</(script|style)", re.I)


def link(url: object) -> str | None:
    """The URL if it may become a link: http(s), with a host, nothing odd in it; else None."""
    if not isinstance(url, str) or len(url) > 2_083 or _URL_UNSAFE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def text(value: object, limit: int = VALUE_LIMIT) -> str:
    """Page-derived text, safe to show: one line, controls made visible, cut with an ellipsis."""
    return clean(str(value), limit)


def _number(value: object) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


# --- reading the report defensively -----------------------------------------------------------

def reading_ease(metrics: Mapping[str, Any]) -> float | None:
    for key in EASE_KEYS:
        value = metrics.get(key)
        n = _number(value)
        if n is not None:
            return round(float(n), 1)
        if isinstance(value, Mapping):
            for sub in (*EASE_KEYS, "score", "value"):
                n = _number(value.get(sub))
                if n is not None:
                    return round(float(n), 1)
    return None


def _metrics(page: PageResult) -> Mapping[str, Any]:
    m = getattr(page, "metrics", None)
    return m if isinstance(m, Mapping) else {}


def status_of(page: PageResult) -> int | None:
    for source in (page, _metrics(page)):
        for key in STATUS_KEYS:
            value = source.get(key) if isinstance(source, Mapping) else getattr(source, key, None)
            if _status(value) is not None:
                return value  # type: ignore[no-any-return]
    return None


def _status(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 100 <= value <= 999:
        return value
    return None


def _hop(hop: object) -> tuple[int | None, str]:
    """A redirect hop as (status answered, Location): FetchFact.hops' shape, or a mapping or
    object saying the same."""
    status: object = None
    url: object = None
    if isinstance(hop, str):
        url = hop
    elif isinstance(hop, Mapping):
        url = next((hop[k] for k in ("location", "url", "target", "to") if hop.get(k)), None)
        status = next((hop[k] for k in STATUS_KEYS if k in hop), None)
    elif isinstance(hop, tuple | list):
        for item in hop:
            if _status(item) is not None and status is None:
                status = item
            elif isinstance(item, str) and url is None:
                url = item
    else:
        url = getattr(hop, "location", None) or getattr(hop, "url", None)
        status = next((getattr(hop, k) for k in STATUS_KEYS if hasattr(hop, k)), None)
    return _status(status), "" if url is None else str(url)


def crawl_facts(report: Report) -> Any:
    """The crawl's CrawlFacts (URLs met, statuses, redirect hops) when the report has them."""
    facts = getattr(report, "crawl", None)
    return facts if hasattr(facts, "urls") and callable(getattr(facts, "get", None)) else None


@dataclass(frozen=True)
class Fetch:
    """What the report shows of how one URL answered."""

    status: int | None
    chain: tuple[tuple[int | None, str], ...]  # each URL on the way and what it answered
    stop: str | None = None  # why redirects stopped short (loop, too-many, offsite, blocked)
    error: str | None = None


def _fetch(url: str | None, status: object, hops: object, final_url: object,
           stop: object = None, error: object = None) -> Fetch:
    st = _status(status)
    pairs = ([_hop(h) for h in list(hops)[:MAX_HOPS]]
             if hops and isinstance(hops, Iterable) and not isinstance(hops, str | bytes) else [])
    chain: list[tuple[int | None, str]] = []
    if pairs:
        # hop i says what URL i answered and where it pointed: URL i+1
        here = url or ""
        for code, location in pairs:
            chain.append((code, here))
            here = location
        chain.append((None if stop else st, here))
        if isinstance(final_url, str) and final_url and final_url != here:
            chain.append((st, final_url))
    return Fetch(st, tuple(chain), stop if isinstance(stop, str) else None,
                 error if isinstance(error, str) else None)


def fetch_of(page: PageResult, facts: Any) -> Fetch | None:
    """How the page's URL answered: from the crawl's facts, else from the page (or its metrics)
    if a source put status and redirects there."""
    if facts is not None and page.url:
        try:
            fact = facts.get(page.url)
        except Exception:  # a report from another version: show what can be shown
            fact = None
        if fact is not None:
            return _fetch(getattr(fact, "url", page.url), getattr(fact, "status", None),
                          getattr(fact, "hops", ()), getattr(fact, "final_url", None),
                          getattr(fact, "redirect_stop", None), getattr(fact, "error", None))
    status = status_of(page)
    hops = None
    for source in (page, _metrics(page)):
        for key in REDIRECT_KEYS:
            value = source.get(key) if isinstance(source, Mapping) else getattr(source, key, None)
            if value:
                hops = value
                break
        if hops:
            break
    if status is None and not hops:
        return None
    final = getattr(page, "final_url", None) or _metrics(page).get("final_url")
    return _fetch(page.url, status, hops, final)


def _flat_metrics(metrics: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, value in metrics.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _flat_metrics(value, name + " › ")
        elif is_dataclass(value) and not isinstance(value, type):
            yield from _flat_metrics({f.name: getattr(value, f.name) for f in fields(value)},
                                     name + " › ")
        else:
            yield name, value


def _metric_value(value: object) -> object:
    n = _number(value)
    if n is not None:
        return round(n, 2) if isinstance(n, float) else n
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return text(", ".join(str(v) for v in list(value)[:20]))
    return text(value)


def _scalars(obj: object) -> Iterable[tuple[str, Any]]:
    if is_dataclass(obj) and not isinstance(obj, type):
        return ((f.name, getattr(obj, f.name)) for f in fields(obj))
    if isinstance(obj, Mapping):
        return obj.items()
    return ()


def _crawl_summary(report: Report, facts: Any) -> list[tuple[str, str]]:
    """What the crawl says about itself, as label/value pairs: its seeds and whether it was
    complete (CrawlFacts), and any counts a `crawl_stats` record on the report carries."""
    out: list[tuple[str, str]] = []
    if facts is not None:
        seeds = [text(s) for s in getattr(facts, "seeds", ()) or ()][:5]
        if seeds:
            out.append(("Started from", ", ".join(seeds)))
        urls = getattr(facts, "urls", ()) or ()
        out.append(("URLs met", f"{len(urls):,}"))
        complete = getattr(facts, "complete", None)
        if isinstance(complete, bool):
            out.append(("Complete", "yes" if complete else "no: a limit cut the crawl short"))
    for key, value in _scalars(getattr(report, "crawl_stats", None)):
        if isinstance(value, str | int | float) and not isinstance(value, bool) or value is True:
            shown = f"{value:,.1f}" if isinstance(value, float) else (
                f"{value:,}" if isinstance(value, int) and value is not True else text(value))
            out.append((text(key, 60).replace("_", " ").capitalize(), shown))
    return out[:20]


# --- the view model ---------------------------------------------------------------------------

class _Strings:
    """A table of repeated strings: each stored once, referred to by its index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, value: str | None) -> int | None:
        if value is None:
            return None
        i = self._index.get(value)
        if i is None:
            i = self._index[value] = len(self.items)
            self.items.append(value)
        return i


def common_root(locations: list[str]) -> str:
    """The directory every location shares ("/srv/site/", "https://example.com"), or ""."""
    if not locations:
        return ""
    prefix = os.path.commonprefix(locations)
    cut = prefix.rfind("/")
    if cut < 0:
        return ""
    root = prefix[: cut + 1]
    parts = urlsplit(root)
    if parts.scheme in ("http", "https") and parts.netloc and root.count("/") == 3:
        return root[:-1]  # keep the leading slash of the paths: https://example.com + /a/
    if len(locations) == 1 and root == locations[0]:
        return ""
    return root


def _short(title: str | None) -> str | None:
    if title is None or len(title) <= LIST_TITLE_LIMIT:
        return title
    return title[: LIST_TITLE_LIMIT - 1] + "…"


def _label(category: str) -> str:
    return category.replace("_", " ").capitalize()


def _sev_counts(findings: Iterable[Finding]) -> list[int]:
    c: Counter[str] = Counter(f.severity for f in findings)
    return [c[s] for s in SEVERITIES]


def _status_rows(facts: Any, page_status: Counter[int]
                 ) -> tuple[list[tuple[int, int]], list[tuple[str, int, str]]]:
    """URLs by what they answered themselves (a redirecting URL counts as its 3xx): over every
    URL the crawl met when there are crawl facts, else over the pages. Also URLs that got no
    answer: blocked by robots.txt, or failed."""
    counts: Counter[int] = Counter()
    blocked = failed = 0
    if facts is not None:
        for fact in getattr(facts, "urls", ()) or ():
            hops = getattr(fact, "hops", ()) or ()
            first = _hop(hops[0])[0] if hops else _status(getattr(fact, "status", None))
            if first is not None:
                counts[first] += 1
            elif getattr(fact, "blocked", False):
                blocked += 1
            elif getattr(fact, "error", None):
                failed += 1
    else:
        counts = Counter(page_status)
    rows = sorted(counts.items())
    labels = [(str(code), n, f"status-{code // 100}xx") for code, n in rows]
    if blocked:
        labels.append(("blocked", blocked, "status-none"))
    if failed:
        labels.append(("failed", failed, "status-5xx"))
    return rows, labels


def view(report: Report) -> dict[str, Any]:
    """Everything the template and the script show, from the finished report."""
    pages = report.pages
    locations = [p.location for p in pages]
    root = common_root(locations)
    index = {loc: i for i, loc in enumerate(locations)}
    strings = _Strings()
    scores = report.scores
    cats_present = sorted({c for p in pages if (s := report.page_score(p.location))
                           for c in s.categories},
                          key=lambda c: (CATEGORIES.index(c) if c in CATEGORIES else 99, c))
    metric_keys: list[str] = []
    metric_pos: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    data_pages: list[dict[str, Any]] = []
    facts = crawl_facts(report)
    page_status: Counter[int] = Counter()
    redirects: list[dict[str, Any]] = []
    any_ease = False
    for i, p in enumerate(pages):
        ps = report.page_score(p.location)
        score = ps.score if ps else None
        metrics = _metrics(p)
        ease = reading_ease(metrics)
        any_ease = any_ease or ease is not None
        fetch = fetch_of(p, facts)
        # what the page's own URL answered: a redirect's 3xx, else the final status
        status = (fetch.chain[0][0] if fetch.chain and fetch.chain[0][0] is not None
                  else fetch.status) if fetch else None
        if status is not None:
            page_status[status] += 1
        title = text(p.title, TITLE_LIMIT) if p.title else None
        rel = text(p.location[len(root):] if root else p.location, PATH_LIMIT) or "/"
        sev = _sev_counts(p.findings)
        entry: dict[str, Any] = {"p": rel, "n": sev, "w": p.words}
        if title:
            entry["t"] = title
        if (url := link(p.url)) is not None:
            entry["u"] = url
        elif p.url:
            entry["ut"] = text(p.url, PATH_LIMIT)  # shown as text, never a link
        if p.kind:
            entry["k"] = p.kind
        if score is not None:
            entry["sc"] = score
        if ease is not None:
            entry["re"] = ease
        if status is not None:
            entry["st"] = status
        if ps and ps.categories:
            entry["c"] = [ps.categories.get(c) for c in cats_present]
        flat = [(k, _metric_value(v)) for k, v in _flat_metrics(metrics)]
        if flat:
            col: list[Any] = [None] * len(metric_keys)
            for key, value in flat:
                pos = metric_pos.get(key)
                if pos is None:
                    pos = metric_pos[key] = len(metric_keys)
                    metric_keys.append(key)
                    col.append(None)
                col[pos] = value
            entry["m"] = col
        if p.findings:
            entry["f"] = [
                [f.code, SEV_INDEX.get(f.severity, 2), f.line, f.column,
                 strings(text(f.message, MESSAGE_LIMIT)),
                 strings(text(f.fix, FIX_LIMIT)) if f.fix else None, strings(f.name)]
                for f in p.findings
            ]
        if p.not_applicable:
            entry["na"] = strings(" ".join(p.not_applicable))
        if fetch and fetch.chain:
            chain = [[st, text(u, PATH_LIMIT), link(u)] for st, u in fetch.chain]
            entry["rd"] = chain
            if fetch.stop:
                entry["rs"] = text(fetch.stop, 60)
            if len(redirects) < REDIRECTS_SHOWN:
                redirects.append({"i": i, "title": _short(title), "rel": rel, "chain": chain,
                                  "stop": entry.get("rs")})
        if fetch and fetch.error:
            entry["fe"] = text(fetch.error)
        data_pages.append(entry)
        rows.append({"i": i, "title": _short(title), "rel": rel, "kind": p.kind, "score": score,
                     "words": p.words, "ease": ease, "status": status, "counts": sev,
                     "band": charts.band(score)})
    redirect_pages = sum(1 for e in data_pages if "rd" in e)

    # The ranked fixes, with the pages each one touches.
    fixes = []
    data_fixes = []
    gains = [f.gain for f in report.fixes]
    most = max(gains, default=0.0)
    for rank, fx in enumerate(report.fixes, start=1):
        touched = [index[loc] for loc in fx.pages if loc in index]
        shown = [{"i": j, "title": _short(data_pages[j].get("t")), "rel": data_pages[j]["p"]}
                 for j in touched[:FIX_PAGES_SHOWN]]
        fixes.append({
            "rank": rank, "code": fx.code, "name": text(fx.name), "category": _label(fx.category),
            "kind": fx.kind, "fix": text(fx.fix, FIX_LIMIT), "gain": fx.gain,
            "severity": fx.severity, "why": text(fx.why, FIX_LIMIT),
            "pages": len(fx.pages), "findings": fx.findings, "shown": shown,
            "more": len(touched) - len(shown), "bar": charts.gain_bar(fx.gain, most),
        })
        data_fixes.append({"r": rank, "g": fx.gain, "c": fx.code,
                           "x": strings(text(fx.fix, FIX_LIMIT)), "pg": touched})

    # Findings by category and severity, over every finding (site-wide ones too).
    by_cat: dict[str, Counter[str]] = {}
    for f in report.findings:
        by_cat.setdefault(f.category, Counter())[f.severity] += 1
    cat_rows = sorted(by_cat.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    severity_table = [{"category": _label(c), "counts": [n.get(s, 0) for s in SEVERITIES],
                       "total": sum(n.values())} for c, n in cat_rows]

    # The distribution of page scores, in tenths (the top bin holds 90 to 100).
    page_scores = [r["score"] for r in rows if r["score"] is not None]
    bins = [0] * 10
    for s in page_scores:
        bins[min(9, max(0, int(s // 10)))] += 1
    bin_rows = [(f"{b * 10}–{b * 10 + 9}" if b < 9 else "90–100", n,
                 "band-" + charts.band(b * 10 + 9.9 if b < 9 else 100.0))
                for b, n in enumerate(bins)]

    site_score = report.score
    categories = scores.categories if scores else {}
    cat_items = [(_label(c), v) for c, v in sorted(
        categories.items(), key=lambda kv: (CATEGORIES.index(kv[0])
                                            if kv[0] in CATEGORIES else 99, kv[0]))]
    counts = report.counts
    orphans = [f for f in report.findings if f.location not in index]

    fallback = sorted(rows, key=lambda r: (r["score"] is None, r["score"] or 0.0, r["rel"]))
    status_rows, status_labels = _status_rows(facts, page_status)
    rules_seen = sorted({(f.code, f.name) for p in pages for f in p.findings})
    rule_counts = Counter(f.code for p in pages for f in p.findings)
    kinds = sorted({p.kind for p in pages if p.kind})
    crawl_summary = _crawl_summary(report, facts)
    crawl = bool(facts is not None or page_status or redirect_pages or crawl_summary)

    charts_html = {
        "gauge": charts.gauge(site_score, "g-site", value_id="site-score"),
        "categories": charts.score_bars(cat_items, "g-cats", "Category scores")
        if cat_items else None,
        "severity": charts.severity_bars([(_label(c), n) for c, n in cat_rows], "g-sev",
                                         "Findings by category and severity")
        if cat_rows else None,
        "histogram": charts.histogram(bin_rows, "g-hist", "Distribution of page scores")
        if page_scores else None,
        "status": charts.histogram(
            [(label, n, cls) for label, n, cls in status_labels], "g-status",
            "URLs by HTTP status code", unit="URLs") if status_labels else None,
    }

    data = {
        "v": 1,
        "root": text(root, PATH_LIMIT),
        "s": strings.items,
        "cats": [_label(c) for c in cats_present],
        "mk": [text(k, 80) for k in metric_keys],
        "pages": data_pages,
        "fixes": data_fixes,
        "rules": {code: [name, rule_counts[code]] for code, name in rules_seen},
        "fallback": FALLBACK_ROWS,
    }
    return {
        "version": __version__,
        "root": text(root, PATH_LIMIT),
        "base_url": text(report.settings.base_url) if report.settings.base_url else None,
        "site_score": site_score,
        "site_band": charts.band(site_score),
        "site_band_name": charts.band_name(site_score),
        "pages_total": len(pages),
        "pages_scored": len(page_scores),
        "pages_with_findings": sum(1 for p in pages if p.findings),
        "findings_total": len(report.findings),
        "counts": counts,
        "category_scores": cat_items,
        "fixes": fixes,
        "fixes_first": FIXES_FIRST,
        "fail_on": text(report.settings.fail_on),
        "fix_gain_total": round(sum(gains), 2),
        "severity_table": severity_table,
        "bins": bin_rows,
        "charts": charts_html,
        "rows": fallback[:FALLBACK_ROWS],
        "any_ease": any_ease,
        "crawl": crawl,
        "crawl_summary": crawl_summary,
        "status_rows": status_rows,
        "status_labels": status_labels,
        "any_status": bool(page_status),
        "redirects": redirects,
        "redirect_pages": redirect_pages,
        "rules_seen": [(c, text(n), rule_counts[c]) for c, n in rules_seen],
        "kinds": kinds,
        "orphans": [{"code": f.code, "name": text(f.name), "severity": f.severity,
                     "message": text(f.message, MESSAGE_LIMIT),
                     "fix": text(f.fix, FIX_LIMIT) if f.fix else None} for f in orphans],
        "data": data,
    }


# --- rendering --------------------------------------------------------------------------------

def _asset(name: str) -> str:
    return resources.files("seolint.reporters").joinpath("templates", name).read_text("utf-8")


def _sha256(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()
                                         ).decode("ascii") + "'"


@cache
def _environment() -> tuple[Environment, Markup, Markup, str]:
    env = Environment(loader=PackageLoader("seolint.reporters", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    # Compact JSON; htmlsafe_json_dumps still escapes < > & ' for the <script> block.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":"),
                                         "sort_keys": False}
    env.filters["score"] = charts.fmt
    env.filters["num"] = lambda n: f"{n:,}"
    css, js = _asset("report.css"), _asset("report.js")
    for name, source in (("report.css", css), ("report.js", js)):
        if _SCRIPT_END.search(source):
            raise RuntimeError(f"{name} must not contain </script or </style")
    csp = "; ".join((
        "default-src 'none'",
        "img-src data:",
        f"style-src {_sha256(css)}",
        f"script-src {_sha256(js)}",
        "base-uri 'none'",
        "form-action 'none'",
    ))
    return env, Markup(css), Markup(js), csp


def render_html(report: Report) -> str:
    env, css, js, csp = _environment()
    return env.get_template("report.html.j2").render(
        **view(report), css=css, js=js, csp=csp)


def render(report: Report, out: IO[str], color: bool = False) -> None:
    out.write(render_html(report))
