"""The labelled precision sample holds: every labelled true positive is still found, and every
labelled false positive is gone, or listed (with why) in tests/precision/open_false_positives.txt
(and a true positive knowingly given up, in tests/precision/lost_true_positives.txt).

The sample (tests/precision/labels.jsonl, drawn by bench/precision_sample.py and judged by
reading each page) is what the per-rule precision in docs/precision-sample.md rests on. The
allowlist only shrinks: an allowlisted false positive that is no longer found fails the test,
so a fix must take its line out, and the list stays honest.

Cost: the labelled pages are linted per site in one run each; the site rules (D001-D008) need
the whole site, so sites of up to 250 pages are linted whole and the site-rule labels of the
larger ones are checked only with SEOLINT_PRECISION_FULL=1, or against the findings of a full
corpus run with SEOLINT_PRECISION_FINDINGS=FILE (`bench/ecosystem.py --findings FILE`). Skips
without ../shared/corpus.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent / "precision"
sys.path.insert(0, str(HERE))

from keys import CORPUS, found, label_id  # noqa: E402
from run import all_labels, checkable, current_findings, label_files, labels  # noqa: E402

pytestmark = pytest.mark.skipif(not (CORPUS / "sites").is_dir(),
                                reason="no ../shared/corpus (the real-blog corpus)")

LABELS = HERE / "labels.jsonl"  # the first sample; label_files() lists every sample
ALLOWLIST = HERE / "open_false_positives.txt"
LOST = HERE / "lost_true_positives.txt"


def read_allowlist(path: Path) -> dict[str, str]:
    """label id -> why it is still open. Lines: `ID  # why`; `#` starts a comment line."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        ident, _, why = line.partition("  # ")
        out[ident.strip()] = why.strip()
    return out


@pytest.fixture(scope="module")
def state() -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]], set[str]]:
    rows = all_labels(HERE)
    findings_file = os.environ.get("SEOLINT_PRECISION_FINDINGS")
    findings, whole = current_findings(
        rows, full=bool(os.environ.get("SEOLINT_PRECISION_FULL")),
        findings_file=Path(findings_file) if findings_file else None)
    return rows, findings, whole


def test_labels_are_well_formed() -> None:
    assert len(labels(LABELS)) >= 400
    rows = all_labels(HERE)
    assert {p.name for p in label_files(HERE)} >= {"labels.jsonl"}
    ids = [label_id(r) for r in rows]
    assert len(ids) == len(set(ids)), "two labels with one key"
    for r in rows:
        assert r["verdict"] in ("tp", "fp", "na"), r
        assert r["reason"].strip(), r
        assert (CORPUS / r["site"] / r["file"]).is_file(), r


def test_allowlist_names_only_labelled_false_positives() -> None:
    fps = {label_id(r) for r in all_labels(HERE) if r["verdict"] == "fp"}
    allow = read_allowlist(ALLOWLIST)
    unknown = sorted(set(allow) - fps)
    assert not unknown, f"allowlisted ids that are no labelled false positive: {unknown[:5]}"
    assert all(allow.values()), "every allowlisted false positive says why it is still open"


def test_labelled_true_positives_are_found(state: Any) -> None:
    rows, findings, whole = state
    accepted = read_allowlist(LOST)
    lost = [label_id(r) for r in rows
            if r["verdict"] == "tp" and checkable(r, whole) and not found(r, findings[r["site"]])]
    unlisted = [i for i in lost if i not in accepted]
    assert not unlisted, (f"{len(unlisted)} labelled true positives are no longer found (not in "
                          f"{LOST.name}):\n" + "\n".join(unlisted[:30]))
    tps = {label_id(r): r for r in rows if r["verdict"] == "tp"}
    back = [i for i in accepted if i in tps and checkable(tps[i], whole) and i not in lost]
    assert not back, f"found again: take them out of {LOST.name}:\n" + "\n".join(back)
    assert all(i in tps for i in accepted), f"{LOST.name} names a label that is no tp"


def test_labelled_false_positives_are_gone(state: Any) -> None:
    rows, findings, whole = state
    allow = read_allowlist(ALLOWLIST)
    still = []
    fixed = []
    for r in rows:
        if r["verdict"] != "fp" or not checkable(r, whole):
            continue
        ident = label_id(r)
        present = found(r, findings[r["site"]])
        if present and ident not in allow:
            still.append(f"{ident}  ({r['reason']})")
        elif not present and ident in allow:
            fixed.append(ident)
    assert not still, (f"{len(still)} labelled false positives are found again (not in "
                       f"{ALLOWLIST.name}):\n" + "\n".join(still[:30]))
    assert not fixed, (f"{len(fixed)} allowlisted false positives are fixed: take their lines "
                       f"out of {ALLOWLIST.name}:\n" + "\n".join(fixed[:30]))
