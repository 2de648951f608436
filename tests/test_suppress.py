"""Inline suppressions (HTML and Markdown), front-matter ignores, and unused ones (Z002)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seolint.cli import app
from seolint.rule import Finding
from seolint.suppress import Directive, apply, scan, suppressing

LONG = "x" * 80  # a title of 80 characters: T003
H2_LONG = "A heading that goes on and on well past the seventy characters of the limit, really"


def lint(folder: Path, *args: str) -> tuple[int, dict]:
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, ["check", ".", *args, "-f", "json", "--no-progress"],
                                    catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, json.loads(result.stdout)


def found(data: dict) -> list[tuple[str, str, int | None]]:
    return sorted((f["path"], f["code"], f["line"]) for f in data["findings"])


def f(code: str, name: str, line: int | None) -> Finding:
    return Finding(code, name, "titles", "warning", "m", None, None, "a.html", line, None)


# --- the directive grammar ------------------------------------------------------------------

def test_scan_reads_every_form_with_its_line() -> None:
    text = ("<!-- seolint-disable T003, H002 -->\n<p>\n<!--seolint-enable-->\n"
            "<!-- seolint-disable-next-line title-too-long -->\n"
            "<h1>x</h1><!-- seolint-disable-line H005 -->\n"
            "<!--\n  seolint-disable-file headings\n-->\n<!-- seolint: not a directive -->\n"
            "<!-- seolint-disabled T003 -->\n")
    assert scan(text) == (
        Directive("disable", ("T003", "H002"), 1, "<!-- seolint-disable T003, H002 -->"),
        Directive("enable", (), 3, "<!--seolint-enable-->"),
        Directive("next-line", ("title-too-long",), 4,
                  "<!-- seolint-disable-next-line title-too-long -->"),
        Directive("line", ("H005",), 5, "<!-- seolint-disable-line H005 -->"),
        Directive("file", ("headings",), 6, "<!-- seolint-disable-file headings -->"),
    )


def test_scan_maps_rendered_lines_back_to_the_source() -> None:
    assert scan("a\n<!-- seolint-disable-file T003 -->\n", (7, 9))[0].line == 9


def test_ranges_next_line_file_and_selectors() -> None:
    ds = scan("<!-- seolint-disable T003 -->\n\n\n<!-- seolint-enable T003 -->\n"
              "<!-- seolint-disable-next-line headings -->\n")
    from seolint.registry import load_rules

    rules = load_rules()
    assert suppressing(f("T003", "title-too-long", 1), ds, rules) is not None
    assert suppressing(f("T003", "title-too-long", 3), ds, rules) is not None
    assert suppressing(f("T003", "title-too-long", 5), ds, rules) is None
    assert suppressing(f("T003", "title-too-long", None), ds, rules) is None
    assert suppressing(f("H002", "skipped-heading-level", 6), ds, rules) is not None
    assert suppressing(f("H002", "skipped-heading-level", 7), ds, rules) is None
    everything = scan("<!-- seolint-disable-file -->")
    assert suppressing(f("T003", "title-too-long", None), everything, rules) is not None


def test_unused_only_when_the_rule_ran() -> None:
    from seolint.registry import load_rules

    ds = scan("<!-- seolint-disable-next-line H005 -->\n<!-- seolint-disable-file nope -->\n")
    out = apply([], ds, load_rules(), frozenset({"H005"}))
    assert [(d.line, why) for d, why in out.unused] == [
        (1, "suppresses nothing"), (2, "names no rule: 'nope'")]
    out = apply([], ds, load_rules(), frozenset({"T003"}))  # H005 did not run: not reported
    assert [d.line for d, _ in out.unused] == [2]


# --- end to end in HTML -----------------------------------------------------------------------

def test_html_comments_suppress(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        f"<html><head>\n<!-- seolint-disable-next-line T003 -->\n<title>{LONG}</title>\n"
        "</head><body>\n<!-- seolint-disable H005 -->\n"
        f"<h1>x</h1><h2>{H2_LONG}</h2>\n<h2>{H2_LONG}!</h2>\n<!-- seolint-enable -->\n"
        f"<h2>{H2_LONG}?</h2>\n</body></html>\n")
    code, data = lint(tmp_path, "--select", "T003,H005,Z002")
    assert found(data) == [("a.html", "H005", 9)]
    assert data["summary"]["suppressed"] == 3


def test_html_disable_file_covers_findings_without_a_line_and_site_rules(tmp_path: Path) -> None:
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_text(
            "<!-- seolint-disable-file duplicate-title -->\n<html><head><title>Same title for "
            "both pages here</title></head><body><h1>x</h1></body></html>\n")
    _, data = lint(tmp_path, "--select", "D001,Z002")
    assert found(data) == []


def test_unused_suppression_is_reported_as_info(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        "<html><head><title>A title that is long enough, fine</title></head><body>\n"
        "<!-- seolint-disable-next-line heading-too-long -->\n<h1>Short</h1>\n"
        "<!-- seolint-disable-line titel-too-long -->\n</body></html>\n")
    code, data = lint(tmp_path, "--select", "H005,Z002")
    assert found(data) == [("a.html", "Z002", 2), ("a.html", "Z002", 4)]
    assert {f["severity"] for f in data["findings"]} == {"info"} and code == 0
    assert "names no rule: 'titel-too-long'" in data["findings"][1]["message"]
    _, data = lint(tmp_path, "--select", "H005")  # Z002 not selected: silent
    assert found(data) == []


def test_a_directive_for_a_rule_that_did_not_run_is_not_unused(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        "<html><head><title>A title that is long enough, fine</title></head><body>\n"
        "<!-- seolint-disable-next-line H005 -->\n<h1>Short</h1></body></html>\n")
    _, data = lint(tmp_path, "--select", "T003,Z002")
    assert found(data) == []


# --- end to end in Markdown -------------------------------------------------------------------

POST = f"""---
title: "{LONG}"
seolint:
  ignore: [M001]
---

<!-- seolint-disable-next-line heading-too-long -->
## {H2_LONG}

## {H2_LONG}. <!-- seolint-disable-line H005 -->

```html
<!-- seolint-disable-file H005 -->
```

## {H2_LONG}!
"""


def test_markdown_comments_and_front_matter_ignores(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(POST)
    _, data = lint(tmp_path, "--select", "T003,M001,H005,Z002")
    # The comment inside the code block is an example, not a directive. The title is the
    # page's h1 too (title-as-h1), so it is a long heading on line 2 as well.
    assert found(data) == [("post.md", "H005", 2), ("post.md", "H005", 16),
                           ("post.md", "T003", 2)]
    assert data["summary"]["suppressed"] == 3


def test_unused_front_matter_ignore_is_reported_on_its_line(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(
        "---\ntitle: A title that is long enough to pass, and fine\n"
        "description: short\nseolint: {ignore: [title-too-long]}\n---\n")
    _, data = lint(tmp_path, "--select", "T003,M003,Z002")
    assert found(data) == [("post.md", "M003", 3), ("post.md", "Z002", 4)]


def test_mdx_comments_are_directives(tmp_path: Path) -> None:
    (tmp_path / "post.mdx").write_text(
        "---\ntitle: A title that is long enough to pass, and fine\n---\n"
        "import X from './x'\n\n{/* seolint-disable-next-line H005 */}\n"
        f"## {H2_LONG}\n\n<X />\n")
    _, data = lint(tmp_path, "--select", "H005,Z002")
    assert found(data) == []


@pytest.mark.parametrize("selector", ["H005", "heading-too-long", "H00", "headings"])
def test_directives_take_codes_names_prefixes_and_categories(tmp_path: Path,
                                                              selector: str) -> None:
    (tmp_path / "post.md").write_text(
        f"---\ntitle: t\n---\n\n<!-- seolint-disable-next-line {selector} -->\n## {H2_LONG}\n")
    _, data = lint(tmp_path, "--select", "H005")
    assert found(data) == []
