"""Charts for the HTML report, as inline SVG strings built in Python (no JavaScript, no network).

Policy:
- Every chart is one `<svg role="img">` with a `<title>` and a `<desc>` that says the numbers in
  words, so a screen reader (or a printout, or a text browser) loses nothing.
- Colour is never the only signal: severities also differ by fill pattern (error solid, warning
  striped, info dotted), score bands carry their name ("good", "needs work", "poor") and every
  bar is labelled with its number.
- No `style` attributes: the report's Content-Security-Policy allows only its own hashed
  stylesheet, so colours come from CSS classes (`sev-error`, `band-good`...) and geometry from
  SVG attributes, which CSP does not govern.
- Charts have a small fixed coordinate system (about 360 units wide, text 12 units), so on a
  phone they are drawn at about their natural size and on a desktop they are only scaled up to
  the width the stylesheet allows.
- Every bit of text goes through `markupsafe.escape`; callers pass plain strings and numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

SEVERITIES = ("error", "warning", "info")
SEVERITY_PLURAL = {"error": "errors", "warning": "warnings", "info": "infos"}
BAND_NAMES = {"good": "good", "ok": "needs work", "poor": "poor"}


def band(score: float | None) -> str:
    """Lighthouse's bands: 90-100 good, 50-89 needs work, 0-49 poor."""
    if score is None:
        return "none"
    return "good" if score >= 90 else "ok" if score >= 50 else "poor"


def band_name(score: float | None) -> str:
    return BAND_NAMES.get(band(score), "not scored")


def fmt(value: float | None) -> str:
    """A score as people write it: 90.8, 100, 0."""
    if value is None:
        return "–"
    return f"{value:.1f}".removesuffix(".0")


def _n(value: float) -> str:
    """A coordinate: short, and never in exponent notation."""
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _svg(uid: str, title: str, desc: str, width: float, height: float, body: list[str],
         cls: str) -> Markup:
    head = (
        f'<svg class="chart {escape(cls)}" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def severity_patterns(uid: str) -> str:
    """Fills for the three severities: solid, striped, dotted (the stripes and dots are drawn
    in the background colour over the severity colour, so they survive greyscale printing)."""
    return (
        "<defs>"
        f'<pattern id="{uid}-warning" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        '<rect width="6" height="6" class="sev-warning"/>'
        '<rect width="2" height="6" class="pattern-ink"/></pattern>'
        f'<pattern id="{uid}-info" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<rect width="5" height="5" class="sev-info"/>'
        '<circle cx="2.5" cy="2.5" r="1.1" class="pattern-ink"/></pattern>'
        "</defs>"
    )


def severity_fill(uid: str, severity: str) -> str:
    """The fill attribute and class of a severity's shape."""
    if severity == "error":
        return 'class="sev-error"'
    return f'fill="url(#{uid}-{severity})" class="sev-{severity}"'


def gauge(score: float | None, uid: str, title: str = "Site score", value_id: str | None = None
          ) -> Markup:
    """A ring that fills to the score, with the number and its band name in the middle
    (`value_id` names the number's element, for the page's script and tests)."""
    size, stroke = 160.0, 16.0
    r = (size - stroke) / 2
    c = size / 2
    circ = 2 * math.pi * r
    filled = 0.0 if score is None else max(0.0, min(100.0, score)) / 100 * circ
    b = band(score)
    desc = (f"{title}: {fmt(score)} out of 100, {band_name(score)}." if score is not None
            else f"{title}: not scored (no page could be scored).")
    body = [
        f'<circle cx="{_n(c)}" cy="{_n(c)}" r="{_n(r)}" fill="none" stroke-width="{_n(stroke)}" '
        'class="gauge-track"/>',
        f'<circle cx="{_n(c)}" cy="{_n(c)}" r="{_n(r)}" fill="none" stroke-width="{_n(stroke)}" '
        f'stroke-dasharray="{_n(filled)} {_n(circ)}" transform="rotate(-90 {_n(c)} {_n(c)})" '
        f'class="gauge-arc band-{b}"/>',
        f'<text x="{_n(c)}" y="{_n(c + 4)}" text-anchor="middle" class="gauge-value"'
        + (f' id="{escape(value_id)}"' if value_id else "") + f">{escape(fmt(score))}</text>",
        f'<text x="{_n(c)}" y="{_n(c + 24)}" text-anchor="middle" class="gauge-label">'
        f"{escape(band_name(score) if score is not None else 'no score')}</text>",
    ]
    return _svg(uid, title, desc, size, size, body, "gauge")


def score_bars(items: Sequence[tuple[str, float]], uid: str, title: str) -> Markup:
    """Horizontal bars, one per (label, score 0-100), each labelled with its number and band."""
    label_w, bar_w, value_w, row, gap = 96.0, 170.0, 124.0, 22.0, 6.0
    width = label_w + bar_w + value_w
    height = max(1, len(items)) * (row + gap)
    body: list[str] = []
    for i, (label, value) in enumerate(items):
        y = i * (row + gap)
        w = max(0.0, min(100.0, value)) / 100 * bar_w
        body.append(
            f'<text x="{_n(label_w - 8)}" y="{_n(y + row / 2 + 4)}" text-anchor="end" '
            f'class="axis-label">{escape(label)}</text>'
            f'<rect x="{_n(label_w)}" y="{_n(y)}" width="{_n(bar_w)}" height="{_n(row)}" '
            'rx="3" class="bar-track"/>'
            f'<rect x="{_n(label_w)}" y="{_n(y)}" width="{_n(w)}" height="{_n(row)}" rx="3" '
            f'class="bar band-{band(value)}"/>'
            f'<text x="{_n(label_w + bar_w + 6)}" y="{_n(y + row / 2 + 4)}" class="bar-value">'
            f'{escape(fmt(value))} <tspan class="bar-band">{escape(band_name(value))}</tspan>'
            "</text>"
        )
    desc = "; ".join(f"{label} {fmt(v)} ({band_name(v)})" for label, v in items) or "No scores."
    return _svg(uid, title, desc + ".", width, height, body, "bars")


def severity_bars(rows: Sequence[tuple[str, Mapping[str, int]]], uid: str, title: str
                  ) -> Markup:
    """One stacked bar per category: errors, warnings and infos, with the total at its end."""
    label_w, bar_w, value_w, row, gap = 96.0, 200.0, 64.0, 20.0, 8.0
    legend_h = 26.0
    width = label_w + bar_w + value_w
    height = legend_h + max(1, len(rows)) * (row + gap)
    most = max((sum(c.values()) for _, c in rows), default=0) or 1
    body = [severity_patterns(uid)]
    x = label_w
    for sev in SEVERITIES:  # the legend: a swatch and the word, in stacking order
        body.append(f'<rect x="{_n(x)}" y="2" width="14" height="14" {severity_fill(uid, sev)}/>'
                    f'<text x="{_n(x + 19)}" y="13" class="legend">'
                    f"{escape(SEVERITY_PLURAL[sev])}</text>")
        x += 24 + 7.2 * len(SEVERITY_PLURAL[sev])
    for i, (label, counts) in enumerate(rows):
        y = legend_h + i * (row + gap)
        body.append(f'<text x="{_n(label_w - 8)}" y="{_n(y + row / 2 + 4)}" text-anchor="end" '
                    f'class="axis-label">{escape(label)}</text>')
        x = label_w
        for sev in SEVERITIES:
            n = counts.get(sev, 0)
            if not n:
                continue
            w = max(1.5, n / most * bar_w)
            body.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(row)}" '
                        f'{severity_fill(uid, sev)}><title>{escape(label)}: '
                        f"{escape(_plural(n, sev, SEVERITY_PLURAL[sev]))}</title></rect>")
            x += w
        total = sum(counts.values())
        body.append(f'<text x="{_n(x + 6)}" y="{_n(y + row / 2 + 4)}" class="bar-value">'
                    f"{total:,}</text>")
    desc_parts = []
    for label, counts in rows:
        bits = [_plural(counts.get(s, 0), s, SEVERITY_PLURAL[s]) for s in SEVERITIES
                if counts.get(s)]
        desc_parts.append(f"{label}: {', '.join(bits) or 'none'}")
    desc = "; ".join(desc_parts) + "." if desc_parts else "No findings."
    return _svg(uid, title, desc, width, height, body, "bars severity-bars")


def histogram(bins: Sequence[tuple[str, int, str]], uid: str, title: str, unit: str = "pages"
              ) -> Markup:
    """Vertical bars of counts: (label under the bar, count, CSS class of the bar)."""
    left, bottom, top, plot_h = 8.0, 34.0, 18.0, 120.0
    slot = max(40.0, 400.0 / max(1, len(bins)))  # about 416 wide, however few bars
    width = left * 2 + slot * max(1, len(bins))
    height = top + plot_h + bottom
    most = max((n for _, n, _ in bins), default=0) or 1
    body = [f'<line x1="{_n(left)}" y1="{_n(top + plot_h)}" x2="{_n(width - left)}" '
            f'y2="{_n(top + plot_h)}" class="axis"/>']
    for i, (label, n, cls) in enumerate(bins):
        x = left + i * slot
        h = n / most * plot_h if n else 0.0
        if n and h < 2:
            h = 2.0
        y = top + plot_h - h
        body.append(
            f'<rect x="{_n(x + 3)}" y="{_n(y)}" width="{_n(slot - 6)}" height="{_n(h)}" '
            f'class="bar {escape(cls)}"><title>{escape(label)}: '
            f"{escape(_plural(n, unit[:-1] if unit.endswith('s') else unit, unit))}</title></rect>"
            + (f'<text x="{_n(x + slot / 2)}" y="{_n(y - 4)}" text-anchor="middle" '
               f'class="bar-count">{n:,}</text>' if n else "")
            + f'<text x="{_n(x + slot / 2)}" y="{_n(top + plot_h + 14)}" text-anchor="middle" '
            f'class="axis-label small">{escape(label)}</text>'
        )
    desc = "; ".join(f"{label}: {n:,}" for label, n, _ in bins) + "." if bins else "No data."
    return _svg(uid, title, desc, width, height, body, "histogram")


def gain_bar(gain: float, most: float) -> Markup:
    """A small bar for a fix's gain relative to the largest gain (decoration: the number is
    printed beside it)."""
    w = 0.0 if most <= 0 else max(2.0, min(100.0, gain / most * 100))
    return Markup(
        '<svg class="gain-bar" viewBox="0 0 100 6" preserveAspectRatio="none" '
        'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        '<rect width="100" height="6" class="bar-track"/>'
        f'<rect width="{_n(w)}" height="6" class="bar gain"/></svg>'
    )
