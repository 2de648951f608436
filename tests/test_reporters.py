"""Every output format: golden files, SARIF against the official schema, GitHub annotations,
JUnit, GitLab code quality, the Markdown summary, and the exit-code matrix of each format.

Golden files live in fixtures/golden/, made from fixtures/markdown/zola (front-matter errors,
suppressions, broken links, unused suppressions). After an intended change of the output:

    SEOLINT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_reporters.py
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from seolint import __version__
from seolint.reporters import FORMATS
from seolint.reporters.github import annotation, escape_data, escape_property
from seolint.reporters.markdown import md_text, summary
from seolint.rule import Finding

from .conftest import FIXTURES, SHARED, invoke

GOLDEN = FIXTURES / "golden"
ZOLA = FIXTURES / "markdown" / "zola"
SELECT = "T,M,H,I,L,D,F,Z"
SUFFIX = {"text": "txt", "json": "json", "sarif": "sarif", "github": "txt", "junit": "xml",
          "gitlab": "json", "markdown": "md"}
UPDATE = bool(os.environ.get("SEOLINT_UPDATE_GOLDEN"))


def render(fmt: str, monkeypatch: pytest.MonkeyPatch, *extra: str) -> tuple[int, str]:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(ZOLA))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code, out, _ = invoke(["check", ".", "--select", SELECT, "-f", fmt, "--no-progress", *extra],
                          ZOLA)
    return code, out


def normalise(fmt: str, text: str) -> str:
    text = text.replace(__version__, "VERSION")
    if fmt == "json":  # page metrics belong to other rules' families: not this golden's concern
        data = json.loads(text)
        for page in data["pages"]:
            page.pop("metrics", None)
        # sorted keys: the per-rule score breakdowns come out in set order, run to run
        text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return text


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if fmt == "html":
        pytest.skip("the HTML report has its own tests")
    code, out = render(fmt, monkeypatch)
    assert code == 1, out  # the fixture has errors (F001, D007)
    got = normalise(fmt, out)
    golden = GOLDEN / f"zola.{fmt}.{SUFFIX.get(fmt, 'txt')}"
    if UPDATE or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs: if the change is intended, run with SEOLINT_UPDATE_GOLDEN=1")


def test_golden_step_summary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    step = tmp_path / "summary.md"
    step.write_text("Earlier step's summary.\n")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(ZOLA))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step))
    invoke(["check", ".", "--select", SELECT, "-f", "github", "--no-progress"], ZOLA)
    text = step.read_text(encoding="utf-8")
    assert text.startswith("Earlier step's summary.\n")  # appended, as GitHub expects
    got = normalise("markdown", text.removeprefix("Earlier step's summary.\n"))
    golden = GOLDEN / "zola.github-step-summary.md"
    if UPDATE or not golden.exists():
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


# --- SARIF ------------------------------------------------------------------------------------

def _schema_validator():  # type: ignore[no-untyped-def]
    jsonschema = pytest.importorskip("jsonschema")
    path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not path.is_file():
        pytest.skip("../shared/schemas is not beside this clone")
    schema = json.loads(path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _github_accepts(sarif: dict) -> None:
    """What GitHub code scanning needs beyond the schema."""
    run = sarif["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids))
    for result in run["results"]:
        assert result["ruleId"] in ids and ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        loc = result["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert not re.match(r"^[a-z]+:", uri) and " " not in uri  # repo-relative, encoded
        assert loc["region"]["startLine"] >= 1
        assert result["partialFingerprints"]["seolint/v1"]


def test_sarif_validates_against_the_official_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    validator = _schema_validator()
    _, out = render("sarif", monkeypatch)
    sarif = json.loads(out)
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    _github_accepts(sarif)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["T003"]["shortDescription"]["text"] and rules["T003"]["help"]["markdown"]
    assert rules["T003"]["defaultConfiguration"]["level"] == "warning"


def test_sarif_fingerprints_survive_moved_lines(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Short\n---\n\n![](a.png)\n")

    def prints() -> dict[str, int]:
        _, out, _ = invoke(["check", ".", "--select", "T005,I001", "-f", "sarif"], tmp_path)
        results = json.loads(out)["runs"][0]["results"]
        return {r["partialFingerprints"]["seolint/v1"]: r["locations"][0]["physicalLocation"]
                ["region"]["startLine"] for r in results}

    before = prints()
    post.write_text("---\ntitle: Short\n---\n\nA new paragraph.\n\nAnother.\n\n![](a.png)\n")
    after = prints()
    assert set(before) == set(after) and before != after  # same ids, new lines


def test_sarif_of_a_real_blog_validates(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """File names with spaces, colons and apostrophes (bekahhw-jekyll) make valid URIs."""
    validator = _schema_validator()
    folder = shared / "corpus" / "markdown"
    monkeypatch.setenv("GITHUB_WORKSPACE", str(folder))
    odd = sorted(p.relative_to(folder).as_posix()
                 for p in (folder / "bekahhw-jekyll" / "_posts").glob("*.md")
                 if set(p.name) & set(":',() "))
    assert len(odd) > 20
    _, out, _ = invoke(["check", *odd, "--select", "M001,T005", "-f", "sarif",
                        "--no-progress"], folder)
    sarif = json.loads(out)
    assert not list(validator.iter_errors(sarif))
    _github_accepts(sarif)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"]}
    assert "bekahhw-jekyll/_posts/2018-03-24-The%20Dating%20Game%3A%20Learning%20to%20Code%2C" \
           "%20part%20I.md" in uris


# --- GitHub annotations -----------------------------------------------------------------------

def _finding(path: str | None, message: str, fix: str | None = None, line: int | None = 3,
             severity: str = "warning") -> Finding:
    return Finding("T003", "title-too-long", "titles", severity,  # type: ignore[arg-type]
                   message, fix, "https://x.org/a" if path is None else None, path, line, 5)


def test_annotations_are_escaped_as_github_expects(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(Path.cwd()))
    line = annotation(_finding("posts/a, b: c%.md", "100% sure\r\nnext: line, ok",
                               "Shorten it\nnow"))
    # Page text is one line (sanitize.clean); the fix goes on a line of its own (%0A).
    assert line == ("::warning file=posts/a%2C b%3A c%25.md,line=3,col=5,"
                    "title=T003 title-too-long::100%25 sure next: line, ok%0AFix: "
                    "Shorten it now")
    assert "\n" not in line and "\r" not in line
    assert annotation(_finding(None, "m", line=None, severity="info")).startswith(
        "::notice title=T003 title-too-long::m (https://x.org/a)")
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25" and escape_data("%\n") == "%25%0A"


def test_annotation_lines_from_a_run_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    _, out = render("github", monkeypatch)
    lines = out.splitlines()
    pattern = re.compile(r"^::(error|warning|notice) ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*)::"
                         r"([^\r\n]*)$")
    annotations = [ln for ln in lines if ln.startswith("::")]
    assert annotations and all(pattern.match(ln) for ln in annotations), annotations
    assert lines[-1].startswith("seolint: ")
    files = {dict(p.split("=", 1) for p in pattern.match(a).group(2).split(","))["file"]
             for a in annotations if "file=" in a}
    assert "content/blog/bad-toml.md" in files  # relative to the repository root


def test_hostile_text_in_annotations_and_summaries() -> None:
    evil = "\x1b[31mred\x07 | @octocat #12 <script>alert(1)</script> [x](javascript:y)"
    line = annotation(_finding("a.md", evil))
    assert "\x1b" not in line and "\\x1b" in line
    cell = md_text(evil)
    assert "|" not in cell.replace("\\|", "") and "<script>" not in cell
    assert "@\u200boctocat" in cell and "#\u200b12" in cell and "\\[x\\]" in cell


# --- JUnit, GitLab, Markdown ------------------------------------------------------------------

def test_junit_is_xml_with_a_testcase_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    _, out = render("junit", monkeypatch)
    root = ET.fromstring(out.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    _, data = render("json", monkeypatch)
    report = json.loads(data)
    assert len(cases) == len(report["pages"]) == int(root.get("tests", 0))
    failures = [f for c in cases for f in c.findall("failure")]
    # a failure per finding at or above --fail-on (error here); the others do not fail the build
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert len(failures) == len(errors) == int(root.get("failures", 0)) > 0
    assert {f.get("type") for f in failures} == {"error"}
    below = "".join(c.findtext("system-out") or "" for c in cases)
    others = [f for f in report["findings"] if f["severity"] != "error"]
    assert others and all(f"{f['severity']} {f['code']} {f['name']}" in below for f in others)
    assert "below --fail-on error (not failures)" in below
    prop = suite.find("properties/property[@name='seolint.failed']")
    assert prop is not None and prop.get("value") == f"{len(errors)} findings at or above error"


def test_junit_survives_control_characters(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<html><head><title>Evil \x1b[2J title that is long "
                                     "enough to be over the limit of sixty chars and wider "
                                     "than 580 pixels</title></head></html>")
    _, out, _ = invoke(["check", ".", "--select", "T003", "-f", "junit", "--fail-on", "warning"],
                       tmp_path)
    failure = ET.fromstring(out.encode("utf-8")).find("testsuite/testcase/failure")
    assert failure is not None and "\\x1b" in (failure.text or "")


def test_gitlab_code_quality_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    _, out = render("gitlab", monkeypatch)
    issues = json.loads(out)
    assert issues and len({i["fingerprint"] for i in issues}) == len(issues)
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["lines"]["begin"] >= 1
        assert not issue["location"]["path"].startswith("/")


def test_markdown_summary_stays_within_its_budget(tmp_path: Path) -> None:
    for i in range(60):
        (tmp_path / f"p{i}.html").write_text(
            "<html><head><title>" + "x" * 80 + "</title></head><body>"
            + "".join(f'<img src="{i}-{j}.png">' for j in range(30)) + "</body></html>")
    _, out, _ = invoke(["check", ".", "--select", "T003,I001", "-f", "markdown"], tmp_path)
    assert len(out) <= 60_000 and "more findings not shown here" in out
    assert out.startswith("## seolint") and "### Top fixes" in out


def test_summary_reads_score_and_fixes_defensively() -> None:
    class Bare:  # a Report without scores
        pages = ()
        findings = ()
        counts = {"error": 0, "warning": 0, "info": 0}

    text = summary(Bare())
    assert text.startswith("## seolint\n") and "No findings" in text


# --- exit codes ---------------------------------------------------------------------------------

SCENARIOS = [
    # (files, args, expected exit code)
    ({"ok.md": "---\ntitle: x\n---\n"}, ["--select", "T005"], 0),  # a warning: not >= error
    ({"bad.md": "---\ntitle: [x\n---\n"}, ["--select", "F001"], 1),
    ({"bad.md": "---\ntitle: [x\n---\n"}, ["--select", "F001", "--exit-zero"], 0),
    ({"bad.md": "---\ntitle: [x\n---\n"}, ["--select", "F001", "--fail-on", "never"], 0),
    ({"ok.md": "---\ntitle: x\n---\n"}, ["--select", "T005", "--fail-on", "warning"], 1),
    ({"ok.md": "---\ntitle: x\n---\n"}, ["--select", "NOPE9"], 2),
    ({"ok.md": "---\ntitle: x\n---\n"}, ["--baseline", "missing.json"], 2),
    ({"ok.md": "---\ntitle: x\n---\n", "seolint.toml": "colour = 1\n"}, [], 2),
]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "html"])
@pytest.mark.parametrize(("files", "args", "expected"), SCENARIOS,
                         ids=[" ".join(s[1]) or "bad-config" for s in SCENARIOS])
def test_exit_codes_in_every_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str,
                                    files: dict[str, str], args: list[str],
                                    expected: int) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    code, out, _ = invoke(["check", ".", "-f", fmt, "--no-progress", *args], tmp_path)
    assert code == expected
    if expected != 2 and fmt in ("json", "sarif", "gitlab"):
        json.loads(out)
    if expected != 2 and fmt == "junit":
        ET.fromstring(out.encode("utf-8"))


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "html"])
def test_baseline_gates_every_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     fmt: str) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / "bad.md").write_text("---\ntitle: [x\n---\n")
    invoke(["check", ".", "--select", "F001", "--write-baseline", "b.json"], tmp_path)
    code, _, _ = invoke(["check", ".", "--select", "F001", "-f", fmt, "--baseline", "b.json"],
                        tmp_path)
    assert code == 0
    (tmp_path / "new.md").write_text("---\ntitle: [y\n---\n")
    code, _, _ = invoke(["check", ".", "--select", "F001", "-f", fmt, "--baseline", "b.json"],
                        tmp_path)
    assert code == 1
