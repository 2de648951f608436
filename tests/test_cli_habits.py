"""Issue 14, habits from ruff: stdin, --statistics, relative paths, "did you mean", -k warnings,
and an example in every command's --help."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from seolint.suggest import closest, one_edit_apart

from .conftest import invoke

SEOLINT = str(Path(sys.executable).parent / "seolint")
LONG = "A title that is much longer than any search result would show to a reader"
MD = f"---\ntitle: \"{LONG}\"\ndate: 2024-05-01\n---\n\nShort text.\n\n[Broken](/nowhere/)\n"


# --- standard input ---------------------------------------------------------------------------

def test_stdin_is_linted_as_the_named_markdown_file(tmp_path: Path) -> None:
    (tmp_path / "content" / "posts").mkdir(parents=True)
    (tmp_path / "hugo.toml").write_text('title = "Blog"\n')
    # On disk the post is fine; the editor's unsaved buffer (stdin) is what must be linted.
    (tmp_path / "content" / "posts" / "x.md").write_text("---\ntitle: Fine\n---\n\nText.\n")
    proc = subprocess.run([SEOLINT, "check", "-", "--stdin-filename", "content/posts/x.md",
                           "--select", "T003", "--format", "json"], cwd=tmp_path,
                          input=MD.encode(), capture_output=True, timeout=60)
    data = json.loads(proc.stdout)
    assert proc.returncode == 0, proc.stderr  # T003 is a warning
    assert [(f["code"], f["path"], f["line"]) for f in data["findings"]] == [
        ("T003", "content/posts/x.md", 2)]  # the front matter's title line of the stdin text
    assert data["pages"][0]["kind"] == "post"
    # No such file on disk at all (a new buffer), and --stdin-filename alone implies stdin.
    proc = subprocess.run([SEOLINT, "check", "--stdin-filename", "content/posts/new.md",
                           "--select", "T003"], cwd=tmp_path, input=MD.encode(),
                          capture_output=True, text=False, timeout=60)
    out = proc.stdout.decode()
    assert "content/posts/new.md:2:1 warning T003 title-too-long" in out, proc.stderr
    # A draft given on stdin is named, so it is linted, with the note
    draft = MD.replace("date: 2024-05-01", "draft: true")
    proc = subprocess.run([SEOLINT, "check", "-", "--stdin-filename", "content/posts/d.md",
                           "--select", "T003"], cwd=tmp_path, input=draft.encode(),
                          capture_output=True, timeout=60)
    assert "content/posts/d.md:2:1 warning T003" in proc.stdout.decode()
    assert "content/posts/d.md is a draft" in " ".join(proc.stderr.decode().split())


def test_stdin_as_html_and_its_mistakes(tmp_path: Path) -> None:
    page = f"<html lang=en><head>\n<title>{LONG}</title></head><body></body></html>"
    proc = subprocess.run([SEOLINT, "check", "-", "--stdin-filename", "public/a/index.html",
                           "--select", "T003"], cwd=tmp_path, input=page.encode(),
                          capture_output=True, timeout=60)
    assert "public/a/index.html:2:1 warning T003" in proc.stdout.decode(), proc.stderr
    code, _, err = invoke(["check", "-", "other.html"], tmp_path)
    assert code == 2 and "standard input (- or --stdin-filename) is linted alone" in err


# --- --statistics -----------------------------------------------------------------------------

STAT = re.compile(r"^  +(\d+)  ([A-Z]\d{3})  ([a-z0-9-]+)$")


def test_statistics_one_line_per_rule_with_its_count() -> None:
    blog = Path(__file__).resolve().parent.parent / "fixtures" / "sample-blog"
    code, out, _ = invoke(["check", ".", "--statistics"], blog)
    _, data, _ = invoke(["check", ".", "--format", "json"], blog)
    findings = json.loads(data)["findings"]
    assert code == 1  # the gates still decide the exit code
    rows = [STAT.match(line) for line in out.splitlines()]
    assert rows and all(rows), out
    got = {(m.group(2), m.group(3)): int(m.group(1)) for m in rows if m}
    want: dict[tuple[str, str], int] = {}
    for f in findings:
        want[(f["code"], f["name"])] = want.get((f["code"], f["name"]), 0) + 1
    assert got == want
    counts = [int(m.group(1)) for m in rows if m]
    assert counts == sorted(counts, reverse=True)  # most findings first, as ruff
    assert len({len(m.group(0)) - len(m.group(0).lstrip()) + len(m.group(1))
                for m in rows if m}) == 1  # counts right-aligned in one column
    _, out, _ = invoke(["check", ".", "--statistics", "--format", "json"], blog)
    assert {(r["code"], r["name"]): r["count"] for r in json.loads(out)} == want
    code, _, err = invoke(["check", ".", "--statistics", "--format", "sarif"], blog)
    assert code == 2 and "--statistics prints with --format text or json" in err


# --- paths relative to the current folder -----------------------------------------------------

def test_text_paths_are_relative_to_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "public" / "p").mkdir(parents=True)
    (tmp_path / "public" / "p" / "index.html").write_text(
        f"<html><head>\n<title>{LONG}</title></head></html>")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(MD)
    for target, shown in ((tmp_path / "public", "public/p/index.html:2:1"),
                          (tmp_path / "content" / "a.md", "content/a.md:2:1")):
        code, out, _ = invoke(["check", str(target), "--select", "T003"], tmp_path)
        assert f"  {shown} warning T003" in out and str(tmp_path) not in out
    code, out, _ = invoke(["check", str(tmp_path / "public"), "--select", "T003"],
                          tmp_path / "content")
    # Outside the current folder, as ruff: the path as given (absolute here), never guessed
    assert f"  {tmp_path / 'public' / 'p' / 'index.html'}:2:1 warning T003" in out


# --- did you mean -----------------------------------------------------------------------------

def test_one_edit_apart() -> None:
    assert one_edit_apart("fail_on", "fail-on")  # replaced
    assert one_edit_apart("max-char", "max-chars")  # inserted
    assert one_edit_apart("selectt", "select")  # deleted
    assert one_edit_apart("titel-too-long", "title-too-long")  # swapped
    assert not one_edit_apart("select", "select")
    assert not one_edit_apart("fail", "fail-on")
    assert not one_edit_apart("tilte-too-lnog", "title-too-long")
    assert closest("T03", ["T003", "T030"]) is None  # two as near: no guess


@pytest.mark.parametrize(("config", "args", "hint"), [
    ('fail_on = "error"\n', [], "unknown key 'fail_on' (did you mean 'fail-on'?)"),
    ("[rules.title-too-long]\nmax-char = 50\n", [],
     "unknown option 'max-char' (did you mean 'max-chars'?)"),
    ("[rules.titel-too-long]\nmax-chars = 50\n", [],
     "unknown rule 'titel-too-long' (did you mean 'title-too-long'?)"),
    ("[markdown]\ngenrator = 'hugo'\n", [], "unknown key 'genrator' (did you mean 'generator'?)"),
    ("[scoring]\ncap = {}\n", [], "unknown key 'cap' in [scoring] (did you mean 'caps'?)"),
    ("", ["--select", "title-to-long"],
     "unknown rule or category 'title-to-long' (did you mean 'title-too-long'?)"),
    ("", ["--ignore", "heading"], "unknown rule or category 'heading' (did you mean "
     "'headings'?)"),
])
def test_did_you_mean_for_config_keys_and_rule_names(tmp_path: Path, config: str,
                                                     args: list[str], hint: str) -> None:
    (tmp_path / "a.html").write_text("<html><head><title>x</title></head></html>")
    (tmp_path / "seolint.toml").write_text(config)
    code, _, err = invoke(["check", "a.html", *args], tmp_path)
    assert code == 2 and hint in " ".join(err.split())


def test_explain_suggests_a_rule_and_far_misses_do_not(tmp_path: Path) -> None:
    code, _, err = invoke(["explain", "titel-too-long"], tmp_path)
    assert code == 2 and "did you mean 'title-too-long'?" in err
    code, _, err = invoke(["explain", "no-such-thing"], tmp_path)
    assert code == 2 and "did you mean" not in err and "see `seolint rules`" in err


# --- -k with several pages --------------------------------------------------------------------

def test_one_keyphrase_for_several_pages_warns(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.md").write_text(MD)
    code, _, err = invoke(["check", ".", "-k", "running backwards", "--select", "T003"],
                          tmp_path)
    assert ('warning: --keyphrase "running backwards" applies to all 2 pages' in
            " ".join(err.split()))
    code, _, err = invoke(["check", "a.md", "-k", "running backwards", "--select", "T003"],
                          tmp_path)
    assert "applies to all" not in err


# --- --help -----------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["check", "crawl", "init", "rules", "explain"])
def test_help_shows_an_example_per_command(command: str, tmp_path: Path) -> None:
    code, out, _ = invoke([command, "--help"], tmp_path)
    assert code == 0
    example = out.split("Example", 1)[1]
    assert re.search(rf"^\s+seolint {command}\b", example, re.M), out
