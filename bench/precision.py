"""Per-rule precision on the labelled sample, against the seolint this interpreter imports.

    python bench/precision.py                       # lint what the labels need, print the table
    python bench/precision.py --full                # also the large sites whole (site rules)
    python bench/precision.py --findings all.jsonl  # use a full run of bench/ecosystem.py instead
    python bench/precision.py --markdown            # as Markdown (docs/precision-sample.md)

The sample is tests/precision/labels.jsonl: 420 findings of the starting commit drawn at random
(bench/precision_sample.py) and judged by reading the page. For each rule:

    precision = labelled tps still found / (labelled tps still found + labelled fps still found)

A labelled fp that is no longer found has been fixed and leaves the denominator; a labelled tp
that is no longer found is lost recall, counted in its own column. Labels "na" (the corpus lacks
the file the finding is about) count nowhere. Without --full or --findings, the site-rule labels
(D001-D008) of sites over 250 pages are not checked and are shown as "unchecked". Findings a
change adds are not in the sample: the ecosystem counts (bench/ecosystem.py) show those.
Without ../shared/corpus it says so and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "precision"))

from keys import CORPUS, found  # noqa: E402
from run import all_labels, checkable, current_findings  # noqa: E402

LABELS = ROOT / "tests" / "precision"  # labels.jsonl and labels-NAME.jsonl
TARGET = 95.0


def table(rows: list[dict[str, object]], findings: dict[str, list[dict[str, object]]],
          whole: set[str]) -> list[dict[str, object]]:
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        code = str(r["code"])
        c = per[code]
        c["labels"] += 1
        if r["verdict"] == "na":
            c["na"] += 1
            continue
        c[str(r["verdict"])] += 1
        if not checkable(r, whole):
            c["unchecked"] += 1
            continue
        hit = found(r, findings[str(r["site"])])
        if r["verdict"] == "tp":
            c["tp_found" if hit else "tp_lost"] += 1
        else:
            c["fp_found" if hit else "fp_fixed"] += 1
    from seolint.registry import load_rules

    rules = load_rules()
    out = []
    for code in sorted(per):
        c = per[code]
        denominator = c["tp_found"] + c["fp_found"]
        on = code in rules and rules[code].default_enabled
        out.append({"code": code, "default": "on" if on else "off", **{k: c[k] for k in (
            "labels", "tp", "fp", "na", "tp_found", "tp_lost", "fp_found", "fp_fixed",
            "unchecked")},
            "precision": round(100.0 * c["tp_found"] / denominator, 1) if denominator else None})
    return out


def render(out: list[dict[str, object]], markdown: bool) -> str:
    head = ["rule", "default", "labels", "tp", "fp", "na", "tp found", "tp lost", "fp found",
            "fp fixed", "unchecked", "precision"]
    lines = []

    def cells(r: dict[str, object]) -> list[str]:
        p = r["precision"]
        mark = "" if p is None or float(p) >= TARGET else " ⚠"  # type: ignore[arg-type]
        return [str(r["code"]), str(r["default"]), *(str(r[k]) for k in (
            "labels", "tp", "fp", "na", "tp_found", "tp_lost", "fp_found", "fp_fixed",
            "unchecked")), ("n/a" if p is None else f"{p:.1f} %") + mark]

    body = [cells(r) for r in out]
    tp = sum(int(r["tp_found"]) for r in out)  # type: ignore[call-overload]
    fp = sum(int(r["fp_found"]) for r in out)  # type: ignore[call-overload]
    on = [r for r in out if r["default"] == "on"]
    tp_on = sum(int(r["tp_found"]) for r in on)  # type: ignore[call-overload]
    fp_on = sum(int(r["fp_found"]) for r in on)  # type: ignore[call-overload]
    total = ["all", "", *(str(sum(int(r[k]) for r in out)) for k in (  # type: ignore[call-overload]
        "labels", "tp", "fp", "na", "tp_found", "tp_lost", "fp_found", "fp_fixed", "unchecked")),
        f"{100.0 * tp / (tp + fp):.1f} %" if tp + fp else "n/a"]
    if markdown:
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
        lines.extend("| " + " | ".join(c) + " |" for c in [*body, total])
        lines.append("")
        lines.append(f"Default selection only: {tp_on} of {tp_on + fp_on} judged findings still "
                     f"made are right, {100.0 * tp_on / max(1, tp_on + fp_on):.1f} %.")
    else:
        widths = [max(len(x[i]) for x in [head, *body, total]) for i in range(len(head))]
        for row in [head, *body, total]:
            lines.append("  ".join(x.rjust(w) if i else x.ljust(w)
                                   for i, (x, w) in enumerate(zip(row, widths, strict=True))))
        lines.append(f"default selection only: {tp_on} of {tp_on + fp_on} right, "
                     f"{100.0 * tp_on / max(1, tp_on + fp_on):.1f} %")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--full", action="store_true", help="lint every labelled site whole")
    ap.add_argument("--findings", type=Path, help="findings JSONL of bench/ecosystem.py")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ap.add_argument("--sample", help="one sample only: 1 (labels.jsonl) or NAME "
                    "(labels-NAME.jsonl); default: every sample")
    args = ap.parse_args(argv)
    if not (CORPUS / "sites").is_dir():
        print(f"no corpus at {CORPUS}: nothing to measure")
        return 0
    rows = all_labels(LABELS, args.sample)
    findings, whole = current_findings(rows, args.full, args.findings)
    print(render(table(rows, findings, whole), args.markdown))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
