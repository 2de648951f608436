"""Baselines: record today's findings, fail only on new ones, stable under moved lines."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seolint.baseline import build, filter_findings, fingerprints, message_key, prune
from seolint.cli import app
from seolint.rule import Finding

from .conftest import FIXTURES

SELECT = "T,M,H,I,L,D,F,Z"


def run(folder: Path, *args: str, cwd: Path | None = None) -> tuple[int, dict, str]:
    old = Path.cwd()
    os.chdir(cwd or folder)
    try:
        result = CliRunner().invoke(
            app, ["check", str(folder) if cwd else ".", "--select", SELECT, "-f", "json",
                  "--no-progress", *args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, json.loads(result.stdout), result.stderr


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    target = tmp_path / "blog"
    shutil.copytree(FIXTURES / "markdown" / "hugo", target)
    return target


POST = "content/posts/2024-05-01-first-steps.md"


def edit(blog: Path, old: str, new: str, path: str = POST) -> None:
    file = blog / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_round_trip_fails_only_on_a_new_defect(blog: Path) -> None:
    code, data, err = run(blog, "--write-baseline", "seolint-baseline.json")
    assert code == 0 and data["findings"] == [] and "wrote the baseline" in err
    recorded = json.loads((blog / "seolint-baseline.json").read_text())
    assert recorded["findings"][POST]["D007"]["count"] == 2
    total = sum(e["count"] for codes in recorded["findings"].values() for e in codes.values())
    assert data["summary"]["baselined"] == total

    code, data, _ = run(blog, "--baseline", "seolint-baseline.json")
    assert (code, data["findings"], data["summary"]["baselined"]) == (0, [], total)

    # Lines move (a new intro paragraph, sections reordered): nothing is new.
    edit(blog, "Running backwards looks odd.", "A new first paragraph.\n\nAnd a second one.\n\n"
         "Running backwards looks odd.")
    edit(blog, "Read more [here](https://example.com/more).", "")
    edit(blog, "### Where to start", "Read more [here](https://example.com/more).\n\n"
         "### Where to start")
    code, data, _ = run(blog, "--baseline", "seolint-baseline.json")
    assert (code, data["findings"]) == (0, [])

    # A new defect: only it is reported, and it fails the run.
    edit(blog, "![](shoes.jpg)", "![](new-photo.jpg)\n\n![](shoes.jpg)")
    code, data, _ = run(blog, "--baseline", "seolint-baseline.json")
    assert code == 1
    # (no I003: a Markdown image cannot carry a width and a height)
    assert sorted((f["code"], f["message"]) for f in data["findings"]) == [
        ("I001", 'Image "new-photo.jpg" has no alt attribute')]


def test_a_new_post_is_new(blog: Path) -> None:
    run(blog, "--write-baseline", "seolint-baseline.json")
    (blog / "content" / "posts" / "new.md").write_text("---\ntitle: New\n---\n\nText.\n")
    code, data, _ = run(blog, "--baseline", "seolint-baseline.json")
    assert code == 1 and {f["path"] for f in data["findings"]} == {"content/posts/new.md"}


def test_fixed_findings_shrink_the_baseline_with_prune(blog: Path) -> None:
    run(blog, "--write-baseline", "seolint-baseline.json")
    edit(blog, "so is [a missing post](missing-post.md)", "so is nothing else")
    code, data, err = run(blog, "--baseline", "seolint-baseline.json")
    assert code == 0 and "1 findings of the baseline are fixed" in err
    code, _, err = run(blog, "--baseline", "seolint-baseline.json", "--prune-baseline")
    assert code == 0 and "pruned" in err
    pruned = json.loads((blog / "seolint-baseline.json").read_text())
    assert pruned["findings"][POST]["D007"]["count"] == 1
    # The defect comes back: it is new again.
    edit(blog, "so is nothing else", "so is [a missing post](missing-post.md)")
    code, data, _ = run(blog, "--baseline", "seolint-baseline.json")
    assert code == 1 and [f["code"] for f in data["findings"]] == ["D007"]


def test_paths_are_relative_to_the_baseline_file(blog: Path, tmp_path: Path) -> None:
    run(blog, "--write-baseline", "seolint-baseline.json")
    code, data, _ = run(blog, "--baseline", str(blog / "seolint-baseline.json"), cwd=tmp_path)
    assert (code, data["findings"]) == (0, [])


@pytest.mark.parametrize(("content", "needle"), [
    ("not json", "not valid JSON"),
    ('{"tool": "eslint", "findings": {}}', "not a seolint baseline"),
    ('{"tool": "seolint", "version": 99, "findings": {}}', "version 99"),
    ('{"tool": "seolint", "version": 1, "findings": {"a.md": {"T003": {"count": -1}}}}',
     "whole number"),
])
def test_bad_baseline_files_exit_2(blog: Path, content: str, needle: str) -> None:
    (blog / "b.json").write_text(content)
    result = CliRunner().invoke(app, ["check", str(blog), "--baseline", str(blog / "b.json")])
    assert result.exit_code == 2 and needle in result.output


def test_missing_baseline_and_prune_without_baseline_exit_2(blog: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(blog), "--baseline", str(blog / "none")])
    assert result.exit_code == 2 and "no such baseline file" in result.output
    result = CliRunner().invoke(app, ["check", str(blog), "--prune-baseline"])
    assert result.exit_code == 2 and "--prune-baseline needs --baseline" in result.output


# --- the matching itself --------------------------------------------------------------------

def _f(message: str, line: int, code: str = "I001", path: str = "a.md") -> Finding:
    return Finding(code, "missing-alt-text", "images", "error", message, None, None, path, line,
                   None)


def test_counts_not_lines_and_the_new_one_is_the_unknown_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    old = [_f('Image "a.png" has no alt', 3), _f('Image "b.png" has no alt', 9)]
    baseline = build(old, tmp_path)
    now = [_f('Image "new.png" has no alt', 2), _f('Image "a.png" has no alt', 20),
           _f('Image "b.png" has no alt', 30)]
    outcome = filter_findings(now, baseline)
    assert [f.message for f in outcome.new] == ['Image "new.png" has no alt']
    assert (outcome.hidden, outcome.fixed) == (2, 0)
    assert prune(baseline, now[:1]).total == 1  # never grows past today's count


def test_digits_are_folded_and_fingerprints_ignore_lines() -> None:
    a = _f("Title is 78 characters (limit 60)", 2, "T003")
    b = _f("Title is 79 characters (limit 60)", 40, "T003")
    assert message_key(a) == message_key(b)
    assert fingerprints([a]) == fingerprints([b])
    twins = fingerprints([_f("same", 1), _f("same", 5)])
    assert len(set(twins)) == 2  # the occurrence tells identical findings apart
