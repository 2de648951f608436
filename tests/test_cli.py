"""The command line end to end: exit codes, bad input, hostile text, config errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seolint.cli import app

runner = CliRunner()

GOOD = """<!doctype html>
<html lang="en"><head>
<title>Running Backwards: A Beginner's Guide to Retro Running</title>
<meta name="description" content="How to start running backwards safely: where to practise, how to hold yourself, and a three-week plan.">
</head><body><main><h1>Running backwards</h1><p>Text.</p></main></body></html>
"""


def run(*args: str, cwd: Path | None = None) -> tuple[int, str]:
    old = Path.cwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = runner.invoke(app, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.output


def report(*args: str, cwd: Path | None = None) -> tuple[int, dict]:
    old = Path.cwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = runner.invoke(app, [*args, "--format", "json"], catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "good.html").write_text(GOOD, encoding="utf-8")
    return tmp_path


def codes(data: dict, path_suffix: str | None = None) -> list[str]:
    return [f["code"] for f in data["findings"]
            if path_suffix is None or (f["path"] or "").endswith(path_suffix)]


# --- exit codes -------------------------------------------------------------------------------

def test_exit_0_when_nothing_fails(site: Path) -> None:
    code, data = report("check", str(site), "--select", "T003")
    assert code == 0 and data["findings"] == []


def test_exit_1_on_findings_at_or_above_fail_on(site: Path) -> None:
    (site / "long.html").write_text(
        "<html><head><title>" + "x" * 80 + "</title></head><body><h1>x</h1></body></html>")
    assert run("check", str(site), "--select", "T003")[0] == 0  # a warning; fail-on is error
    assert run("check", str(site), "--select", "T003", "--fail-on", "warning")[0] == 1
    assert run("check", str(site), "--select", "T003", "--fail-on", "info")[0] == 1
    assert run("check", str(site), "--select", "T003", "--fail-on", "never")[0] == 0
    assert run("check", str(site), "--select", "T003", "--fail-on", "warning",
               "--exit-zero")[0] == 0


def test_exit_2_on_usage_and_config_errors(site: Path, tmp_path: Path) -> None:
    assert run("check", str(site / "nope"))[0] == 2
    assert run("check", str(site), "--select", "NOPE999")[0] == 2
    assert run("check", str(site), "--fail-on", "fatal")[0] == 2
    assert run("check")[0] == 2
    assert run("explain", "no-such-rule")[0] == 2


def test_missing_path_names_it(site: Path) -> None:
    code, out = run("check", str(site / "nope"))
    assert code == 2 and "nope: no such file or directory" in out


# --- config -------------------------------------------------------------------------------

def test_config_found_by_walking_up(site: Path) -> None:
    (site / "long.html").write_text(
        "<html><head><title>" + "x" * 70 + "</title></head><body><h1>x</h1></body></html>")
    (site / "pyproject.toml").write_text(
        '[tool.seolint]\nselect = ["title-too-long"]\nfail-on = "warning"\n'
        '[tool.seolint.rules.title-too-long]\nmax-chars = 75\n')
    sub = site / "sub"
    sub.mkdir()
    assert run("check", str(site), cwd=sub)[0] == 0  # 70 chars is within the configured 75
    (site / "pyproject.toml").write_text('[tool.seolint]\nselect = ["T003"]\nfail-on = "warning"\n')
    assert run("check", str(site), cwd=sub)[0] == 1


@pytest.mark.parametrize(("text", "needle"), [
    ('select = ["T003"]\ncolour = "red"\n', "unknown key 'colour'"),
    ('select = ["made-up-rule"]\n', "made-up-rule"),
    ('[rules.title-too-long]\nmax-chars = "sixty"\n', "max-chars"),
    ('[rules.title-too-long]\nmax-char = 60\n', "unknown option 'max-char'"),
    ('[rules.no-such-rule]\nx = 1\n', "no-such-rule"),
    ('fail-on = "sometimes"\n', "fail-on"),
    ('base-url = "blog.example.com"\n', "base-url"),
    ('[per-path-ignores]\n"tags/*" = ["thin-contnet"]\n', "thin-contnet"),
    ("select = [\n", "not valid TOML"),
])
def test_bad_config_exits_2_naming_the_culprit(site: Path, text: str, needle: str) -> None:
    (site / "seolint.toml").write_text(text)
    code, out = run("check", str(site), cwd=site)
    assert code == 2
    assert needle in out


def test_explicit_config_file(site: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "custom.toml"
    cfg.write_text('select = ["H002"]\n')
    code, data = report("check", str(site), "--config", str(cfg))
    assert code == 0 and data["findings"] == []
    assert run("check", str(site), "--config", str(tmp_path / "missing.toml"))[0] == 2


def test_per_path_ignores(tmp_path: Path) -> None:
    (tmp_path / "tags").mkdir()
    long_title = "<html><head><title>" + "x" * 80 + "</title></head></html>"
    (tmp_path / "tags" / "a.html").write_text(long_title)
    (tmp_path / "b.html").write_text(long_title)
    (tmp_path / "seolint.toml").write_text(
        'select = ["T003"]\n[per-path-ignores]\n"tags/*" = ["title-too-long"]\n')
    code, data = report("check", ".", cwd=tmp_path)
    assert [f["path"] for f in data["findings"]] == ["b.html"]


def test_select_by_prefix_name_and_category(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        "<html><head><title>" + "x" * 80 + "</title></head><body><h2>a</h2><h4>b</h4></body></html>")
    for selector, expected in (("T", {"T003"}), ("T00", {"T003"}), ("title-too-long", {"T003"}),
                               ("headings", {"H002"}), ("T003,H002", {"T003", "H002"})):
        _, data = report("check", str(tmp_path), "--select", selector)
        assert set(codes(data)) & {"T003", "H002"} == expected, selector
    _, data = report("check", str(tmp_path), "--select", "T003,H002", "--ignore", "headings")
    assert set(codes(data)) == {"T003"}


# --- bad input --------------------------------------------------------------------------------

def test_bad_files_become_findings_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.html").write_text(GOOD)
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "empty.html").write_bytes(b"")
    big = tmp_path / "big.html"
    with open(big, "wb") as fh:
        fh.seek(50 * 1024 * 1024)
        fh.write(b"\0")
    (tmp_path / "dangling.html").symlink_to(tmp_path / "gone.html")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.html"
    outside.write_text(GOOD)
    (tmp_path / "escape.html").symlink_to(outside)
    code, data = report("check", str(tmp_path), "--select", "ALL")
    by_path: dict[str, list[dict]] = {}
    for f in data["findings"]:
        by_path.setdefault(Path(f["path"]).name, []).append(f)
    assert [f["code"] for f in by_path["binary.html"]] == ["X007"]
    assert [f["code"] for f in by_path["big.html"]] == ["X002"]
    assert "50.0 MB (limit 5.0 MB)" in by_path["big.html"][0]["message"]
    assert [f["code"] for f in by_path["dangling.html"]] == ["X002"]
    assert [f["code"] for f in by_path["escape.html"]] == ["X002"]
    assert "outside the folder" in by_path["escape.html"][0]["message"]
    assert [f["code"] for f in by_path["empty.html"]] == ["X007"]
    assert "empty (0 bytes)" in by_path["empty.html"][0]["message"]
    assert data["summary"]["pages"] == 6
    assert code == 1


def test_max_file_size_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(GOOD)
    (tmp_path / "seolint.toml").write_text('max-file-size = "100B"\n')
    _, data = report("check", "a.html", cwd=tmp_path)
    assert codes(data) == ["X002"]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_undeclared_legacy_encodings_decode(tmp_path: Path, encoding: str) -> None:
    title = "Café crème: “naïve” résumés for the über-curious reader"
    if encoding == "latin-1":
        title = title.replace("“", '"').replace("”", '"')
    html = f"<html lang=fr><head><title>{title}</title></head><body><h1>x</h1></body></html>"
    (tmp_path / "a.html").write_bytes(html.encode(encoding))
    _, data = report("check", str(tmp_path), "--select", "T003")
    assert data["pages"][0]["title"] == title


def test_bom_and_unclosed_garbage_and_fragments(tmp_path: Path) -> None:
    (tmp_path / "bom.html").write_bytes(
        b"\xef\xbb\xbf<html><head><title>BOM page</title></head></html>")
    (tmp_path / "garbage.html").write_text(
        "<html><head><title>Garbage</head><body><div><p><b><i>unclosed<table><tr><td>x"
        "</span></span></div></div><<<>>>&&&;<!-- never closed")
    (tmp_path / "fragment.html").write_text("<p>Just a fragment</p><h2>No head</h2>")
    (tmp_path / "split.html").write_text(
        "<html><head><title>\n   A title\n   split over\n   lines\n</title></head></html>")
    (tmp_path / "deep.html").write_text("<div>" * 20000 + "deep")
    code, data = report("check", str(tmp_path), "--select", "ALL")
    titles = {p["path"].rsplit("/", 1)[-1]: p["title"] for p in data["pages"]}
    assert titles["bom.html"] == "BOM page"
    assert titles["split.html"] == "A title split over lines"
    assert titles["fragment.html"] is None
    assert "Z001" not in codes(data)
    assert data["summary"]["pages"] == 5


def test_a_crashing_rule_becomes_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from seolint import engine, registry
    from seolint.rule import page_rule

    @page_rule("T999", "boom", category="titles", severity="warning")
    def boom(page, opts):  # type: ignore[no-untyped-def]
        raise ValueError("kaboom")
        yield

    rules = dict(registry.load_rules())
    rules["T999"] = boom
    monkeypatch.setattr(registry, "load_rules", lambda: rules)
    monkeypatch.setattr(engine, "load_rules", lambda: rules)
    (tmp_path / "a.html").write_text(GOOD)
    (tmp_path / "b.html").write_text("<html><head><title>" + "x" * 80 + "</title></head></html>")
    code, data = report("check", str(tmp_path), "--select", "T999,T003")
    assert sorted(codes(data)) == ["T003", "Z001", "Z001"]
    z = [f for f in data["findings"] if f["code"] == "Z001"][0]
    assert "T999 boom crashed" in z["message"] and "kaboom" in z["message"]
    assert code == 1


# --- hostile text -----------------------------------------------------------------------------

HOSTILE_TITLE = "Evil \x1b[2J\x1b[31mRED\x1b]8;;http://x\x07link [bold]markup[/bold] \u202eowt"


def test_hostile_titles_are_shown_escaped_in_text_output(tmp_path: Path) -> None:
    (tmp_path / "evil.html").write_text(
        f"<html><head><title>{HOSTILE_TITLE}{'x' * 40}</title></head><body></body></html>")
    out = subprocess.run(
        [sys.executable, "-m", "seolint", "check", str(tmp_path), "--select", "T003"],
        capture_output=True, text=True, env={**os.environ, "FORCE_COLOR": "1", "TERM": "xterm"},
    ).stdout
    assert "\x1b[2J" not in out and "\x1b]8" not in out and "\x07" not in out
    assert "\u202e" not in out
    assert "\\x1b[2J" in out and "\\u202e" in out
    assert "[bold]markup[/bold]" in out


def test_json_keeps_page_text_faithful_and_valid(tmp_path: Path) -> None:
    (tmp_path / "evil.html").write_text(
        f"<html><head><title>{HOSTILE_TITLE}</title></head><body></body></html>")
    _, data = report("check", str(tmp_path), "--select", "T003")
    assert data["pages"][0]["title"] == HOSTILE_TITLE


# --- outputs ----------------------------------------------------------------------------------

def test_json_shape(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<html><head>\n<title>" + "x" * 80 + "</title></head></html>")
    _, data = report("check", str(tmp_path), "--select", "T003")
    assert data["version"] == 1 and data["tool"]["name"] == "seolint"
    assert set(data["summary"]) >= {"pages", "findings", "errors", "warnings", "infos", "score",
                                    "categories"}
    f = data["findings"][0]
    assert set(f) == {"code", "name", "category", "severity", "message", "fix", "url", "path",
                      "line", "column"}
    assert (f["code"], f["name"], f["line"], f["column"], f["url"]) == (
        "T003", "title-too-long", 2, 1, None)
    assert f["message"].startswith("Title is 80 characters (limit 60)")
    assert f["fix"] == "Shorten the title by at least 20 characters"


def test_base_url_gives_urls_and_internal_links(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "index.html").write_text(
        '<html><head><title>x</title></head><body>'
        '<a href="https://blog.example.com/posts/missing/">abs</a></body></html>')
    _, data = report("check", str(tmp_path), "--select", "D007",
                     "--base-url", "https://blog.example.com")
    assert data["pages"][0]["url"] == "https://blog.example.com/posts/"
    assert codes(data) == ["D007"]
    assert data["findings"][0]["url"] == "https://blog.example.com/posts/"
    _, data = report("check", str(tmp_path), "--select", "D007")  # no base-url: external
    assert codes(data) == []


def test_output_file(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<html><head><title>" + "x" * 80 + "</title></head></html>")
    out = tmp_path / "report.json"
    code, printed = run("check", str(tmp_path / "a.html"), "--select", "T003", "-f", "json",
                        "-o", str(out))
    assert printed == ""
    assert json.loads(out.read_text())["findings"][0]["code"] == "T003"


def test_text_output_format(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<html><head>\n<title>" + "x" * 80 + "</title></head></html>")
    code, out = run("check", str(tmp_path / "a.html"), "--select", "T003")
    assert "a.html:2:1 warning T003 title-too-long Title is 80 characters (limit 60)" in out
    assert "fix: Shorten the title by at least 20 characters" in out
    assert "Found 1 finding on 1 of 1 page: 0 errors, 1 warning, 0 infos." in out


def test_rules_and_explain(tmp_path: Path) -> None:
    code, out = run("rules", "--format", "json")
    data = json.loads(out)
    t003 = next(r for r in data if r["code"] == "T003")
    assert t003["name"] == "title-too-long" and t003["options"] == {"max-chars": 60,
                                                                    "max-pixels": 600}
    code, out = run("explain", "title-too-long")
    assert code == 0 and "## Why is this bad?" in out and "T003" in out
    code, out = run("explain", "t003")
    assert code == 0


def test_version() -> None:
    code, out = run("--version")
    assert code == 0 and out.startswith("seolint ")


def test_python_dash_m_and_no_traceback_on_internal_error(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(GOOD)
    proc = subprocess.run([sys.executable, "-m", "seolint", "check", str(tmp_path / "a.html"),
                           "--jobs", "0"], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_a_subfolder_of_a_built_site_resolves_links_against_the_whole_site() -> None:
    from .conftest import FIXTURES

    post = FIXTURES / "sample-blog" / "posts" / "why-running-is-hard"
    _, data = report("check", str(post), "--select", "D007")
    targets = sorted(f["message"].split()[2] for f in data["findings"])
    assert targets == ["/posts/choosing-shoes/", "/posts/first-5k/"]  # not /about/ or /
    other = FIXTURES / "sample-blog" / "posts" / "backward-running-benefits"
    _, data = report("check", str(other), "--select", "D007")
    assert data["findings"] == []


def test_a_byte_order_mark_outranks_the_header_charset() -> None:
    from seolint.parse import decode

    text, used = decode(b"\xef\xbb\xbf<title>Caf\xc3\xa9</title>", charset="iso-8859-1")
    assert "Café" in text and used is not None and "8" in used  # utf-8, not Latin-1 mojibake
