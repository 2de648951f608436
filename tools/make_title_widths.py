"""Write seolint/data/liberation_sans_widths.json: the advance widths T004 measures titles with.

Liberation Sans is metric-compatible with Arial (every glyph has Arial's advance width), and
search results set titles in Arial, so its widths measure a title as a results page draws it.
Only the `hmtx` advance widths of the codepoints the font's cmap maps, in the ranges a blog
title uses, are kept: Basic Latin, Latin-1, Latin Extended-A and -B, Latin Extended Additional
(Vietnamese), Greek, Cyrillic, General Punctuation and Currency Symbols.

Run it when the font or the ranges change, and commit the JSON it writes:

    python tools/make_title_widths.py [path/to/LiberationSans-Regular.ttf]

It needs fontTools (`pip install fonttools`); seolint itself only reads the JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FONT = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
OUT = ROOT / "seolint" / "data" / "liberation_sans_widths.json"

RANGES = (
    (0x0020, 0x007E),  # Basic Latin (printable)
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x0180, 0x024F),  # Latin Extended-B
    (0x0370, 0x03FF),  # Greek and Coptic
    (0x0400, 0x04FF),  # Cyrillic
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese and others)
    (0x2000, 0x206F),  # General Punctuation
    (0x20A0, 0x20CF),  # Currency Symbols
)


def runs(widths: dict[int, int]) -> list[list[object]]:
    """[[first codepoint, [advance, ...]], ...] for each run of consecutive codepoints."""
    out: list[list[object]] = []
    for cp in sorted(widths):
        if out and cp == out[-1][0] + len(out[-1][1]):  # type: ignore[operator, arg-type]
            out[-1][1].append(widths[cp])  # type: ignore[union-attr]
        else:
            out.append([cp, [widths[cp]]])
    return out


def build(font_path: Path) -> dict[str, object]:
    font = TTFont(font_path)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    widths = {
        cp: hmtx[cmap[cp]][0]
        for first, last in RANGES
        for cp in range(first, last + 1)
        if cp in cmap
    }
    name = font["name"]
    return {
        "font": str(name.getDebugName(4)),
        "version": str(name.getDebugName(5)),
        "generated_by": "tools/make_title_widths.py",
        "units_per_em": font["head"].unitsPerEm,
        "runs": runs(widths),
    }


def render(data: dict[str, object]) -> str:
    """Compact JSON, one run per line so a diff shows what changed."""
    head = {k: v for k, v in data.items() if k != "runs"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "runs": [']
    body = [json.dumps(run, separators=(",", ":")) for run in data["runs"]]  # type: ignore[attr-defined]
    lines.append(",\n".join(body))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    font_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_FONT
    if not font_path.is_file():
        print(f"{font_path}: no such font file", file=sys.stderr)
        return 2
    data = build(font_path)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(render(data), encoding="utf-8")
    count = sum(len(run[1]) for run in data["runs"])  # type: ignore[attr-defined]
    print(f"wrote {OUT.relative_to(ROOT)}: {count} codepoints from {data['font']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
