"""Issue 14, CI safety: a check that cannot pass by accident.

Nothing to lint is an error; a draft named on the command line is linted; every finding line
names its severity; a failed gate says why in every format; JUnit fails only what fails the
build; colour follows --color, NO_COLOR and FORCE_COLOR (on a real pseudo-terminal).
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seolint.cli import app

SEOLINT = str(Path(sys.executable).parent / "seolint")

LONG_TITLE = ("<!doctype html><html lang=\"en\"><head>\n<title>" + "A title that goes on " * 5
              + "</title>\n</head><body><main><h1>Hi</h1><p>Text.</p>\n"
              "<img src=\"a.png\"></main></body></html>\n")


def invoke(args: list[str], cwd: Path, stdin: str | None = None) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, args, input=stdin, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


# --- nothing to lint is an error --------------------------------------------------------------

def test_nothing_to_lint_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    text_only = tmp_path / "text-only"
    text_only.mkdir()
    (text_only / "notes.txt").write_text("not a page")
    for folder in (empty, text_only):
        code, out, err = invoke(["check", folder.name], tmp_path)
        assert code == 2, out
        assert f"no HTML or Markdown files found under {folder.name}" in err
        assert "No findings" not in out
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text(LONG_TITLE)
    code, _, err = invoke(["check", "site", "--config", "/dev/null", "--select", "T003"],
                          tmp_path)
    assert code == 0 and "no HTML" not in err  # a warning does not fail; the page was linted
    (tmp_path / "x.toml").write_text('exclude = ["*.html"]\n')
    code, _, err = invoke(["check", "site", "--config", "x.toml"], tmp_path)
    assert code == 2 and "no HTML or Markdown files found under site" in err  # all excluded


def test_allow_empty_on_the_command_line_and_in_the_config(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, out, _ = invoke(["check", "empty", "--allow-empty"], tmp_path)
    assert code == 0 and "No findings on 0 pages." in out
    (tmp_path / "seolint.toml").write_text("allow-empty = true\n")
    code, out, _ = invoke(["check", "empty"], tmp_path)
    assert code == 0 and "No findings on 0 pages." in out
    (tmp_path / "seolint.toml").write_text('allow-empty = "yes"\n')
    code, _, err = invoke(["check", "empty"], tmp_path)
    assert code == 2 and "'allow-empty' must be true or false" in err


# --- drafts -----------------------------------------------------------------------------------

POST = "---\ntitle: {title}\ndraft: {draft}\n---\n\nSome text about running backwards.\n"


def test_a_draft_named_on_the_command_line_is_linted(tmp_path: Path) -> None:
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "live.md").write_text(POST.format(title="Live post", draft="false"))
    (posts / "draft.md").write_text(POST.format(title="Draft post", draft="true"))
    code, out, err = invoke(["check", "content", "--format", "json", "--select", "T005"],
                            tmp_path)
    data = json.loads(out)
    assert [p["path"] for p in data["pages"]] == ["content/posts/live.md"]  # walked: skipped
    assert "draft" not in err
    code, out, err = invoke(["check", "content/posts/draft.md", "--format", "json", "--select",
                             "T005"], tmp_path)
    data = json.loads(out)
    assert [p["path"] for p in data["pages"]] == ["content/posts/draft.md"]
    assert [f["code"] for f in data["findings"]] == ["T005"]  # "Draft post" is too short
    assert ("note: content/posts/draft.md is a draft; linted because it was named" in
            " ".join(err.split()))
    code, out, err = invoke(["check", "content", "--include-drafts", "--format", "json"],
                            tmp_path)
    assert len(json.loads(out)["pages"]) == 2 and "is a draft" not in err


# --- severity on every finding line -----------------------------------------------------------

FINDING_LINE = re.compile(r"^  (\S+?)(?::\d+:\d+)? (error|warning|info) ([A-Z]\d{3}) [a-z0-9-]+ ")


def test_every_finding_line_names_its_severity(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(LONG_TITLE)
    code, out, _ = invoke(["check", "a.html", "--no-progress"], tmp_path)
    _, data, _ = invoke(["check", "a.html", "--format", "json"], tmp_path)
    findings = json.loads(data)["findings"]
    lines = [ln for ln in out.splitlines() if ln.startswith("  a.html")]
    assert len(lines) == len(findings) >= 3
    severities = {f["code"]: f["severity"] for f in findings}
    for line in lines:
        m = FINDING_LINE.match(line)
        assert m, line
        assert severities[m.group(3)] == m.group(2)
    assert {"error", "warning", "info"} <= {FINDING_LINE.match(ln).group(2) for ln in lines}


# --- a failed gate says why -------------------------------------------------------------------

@pytest.fixture
def failing(tmp_path: Path) -> Path:
    (tmp_path / "a.html").write_text(LONG_TITLE)
    (tmp_path / "b.html").write_text(LONG_TITLE.replace("<title>", "<title>B "))
    return tmp_path


def test_a_failed_gate_says_why_on_stderr(failing: Path) -> None:
    _, data, _ = invoke(["check", ".", "--format", "json"], failing)
    report = json.loads(data)
    errors, warnings = report["summary"]["errors"], report["summary"]["warnings"]
    assert errors >= 2 and warnings >= 2
    code, out, err = invoke(["check", "."], failing)
    assert code == 1
    assert f"seolint: failed: {errors} findings at or above error" in err
    assert "failed" not in out  # the report is on stdout, the verdict on stderr
    code, _, err = invoke(["check", ".", "--fail-on", "never", "--max-warnings", "0"], failing)
    assert code == 1 and f"failed: {warnings} warnings (limit --max-warnings 0)" in err
    code, _, err = invoke(["check", ".", "--fail-on", "never", "--fail-under", "90"], failing)
    score = report["summary"]["score"]
    assert code == 1 and f"failed: site score {score:g} under --fail-under 90" in err
    code, _, err = invoke(["check", ".", "--fail-on", "never"], failing)
    assert code == 0 and "failed" not in err
    code, _, err = invoke(["check", ".", "--exit-zero"], failing)
    assert code == 0 and "failed" not in err


def test_a_failed_gate_says_why_in_the_machine_formats(failing: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    gates = ["--max-warnings", "0", "--fail-under", "99"]
    _, out, err = invoke(["check", ".", "--format", "json", *gates], failing)
    gate = json.loads(out)["gate"]
    assert gate["passed"] is False and len(gate["failed"]) == 3
    assert gate["max_warnings"] == 0 and gate["fail_under"] == 99.0 and gate["fail_on"] == "error"
    reasons = "; ".join(gate["failed"])
    assert f"seolint: failed: {reasons}" in " ".join(err.split())
    _, out, _ = invoke(["check", ".", "--format", "sarif", *gates], failing)
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["properties"]["gateFailed"] == gate["failed"]
    _, out, _ = invoke(["check", ".", "--format", "junit", *gates], failing)
    prop = ET.fromstring(out).find("testsuite/properties/property[@name='seolint.failed']")
    assert prop is not None and prop.get("value") == reasons
    _, out, _ = invoke(["check", ".", "--format", "github", *gates], failing)
    assert f"::error title=seolint::failed: {reasons}" in out.splitlines()
    _, out, _ = invoke(["check", ".", "--format", "markdown", *gates], failing)
    assert f"**Failed:** {reasons}" in out
    _, out, _ = invoke(["check", ".", "--format", "json", "--fail-on", "never"], failing)
    assert json.loads(out)["gate"] == {"fail_on": "never", "fail_under": None,
                                       "max_warnings": None, "passed": True, "failed": []}


def test_junit_fails_only_findings_at_or_above_fail_on(failing: Path) -> None:
    _, data, _ = invoke(["check", ".", "--format", "json"], failing)
    summary = json.loads(data)["summary"]
    for fail_on, expected in (("error", summary["errors"]),
                              ("warning", summary["errors"] + summary["warnings"]),
                              ("info", summary["findings"]), ("never", 0)):
        _, out, _ = invoke(["check", ".", "--format", "junit", "--fail-on", fail_on], failing)
        root = ET.fromstring(out)
        failures = root.findall(".//failure")
        assert len(failures) == expected == int(root.get("failures", -1)), fail_on
        assert int(root.get("tests", 0)) == 2  # one testcase per page
        below = "".join(c.text or "" for c in root.iter("system-out"))
        assert len(re.findall(r"^\S+ (?:error|warning|info) [A-Z]\d{3} ", below, re.M)) == (
            summary["findings"] - expected)


# --- colour -----------------------------------------------------------------------------------

def _on_a_pty(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run seolint with stdout on a real pseudo-terminal; what it wrote there."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([SEOLINT, *args], cwd=cwd, stdout=follower,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                            env={**os.environ, **env})
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal (EIO on Linux)
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def _piped(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    return subprocess.run([SEOLINT, *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=60).stdout


def test_color_follows_the_flag_no_color_and_force_color(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(LONG_TITLE)
    args = ["check", "a.html", "--select", "T003", "--no-progress"]
    clean = {"NO_COLOR": "", "FORCE_COLOR": "", "TERM": "xterm-256color"}
    esc = "\x1b["
    assert esc in _on_a_pty(args, tmp_path, clean)  # a terminal: coloured
    assert esc not in (text := _on_a_pty(args, tmp_path, {**clean, "NO_COLOR": "1"}))
    assert "warning T003 title-too-long" in text  # NO_COLOR: the words carry the severity
    assert esc not in _on_a_pty([*args, "--color", "never"], tmp_path, clean)
    assert esc in _on_a_pty([*args, "--color", "always"], tmp_path, {**clean, "NO_COLOR": "1"})
    assert esc not in _piped(args, tmp_path, clean)  # a pipe: plain
    assert esc in _piped(args, tmp_path, {**clean, "FORCE_COLOR": "1"})
    assert esc not in _piped(args, tmp_path, {"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert esc in _piped([*args, "--color", "always"], tmp_path, clean)
    assert esc in _piped([*args, "--color", "always"], tmp_path, {**clean, "TERM": "dumb"})
    assert esc not in _piped([*args, "--color", "never"], tmp_path, {**clean, "FORCE_COLOR": "1"})
    out = tmp_path / "report.txt"
    _piped([*args, "-o", str(out)], tmp_path, {**clean, "FORCE_COLOR": "1"})
    assert esc not in out.read_text()  # a file is coloured only with --color always
