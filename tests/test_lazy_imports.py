"""A one-page `seolint check` starts in about half a second because it imports only what it
uses: these tests hold the heavy libraries out of runs that do not need them (a timed test
would be flaky on a shared machine; what is imported is not)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ["numpy", "jinja2", "markdown_it", "yaml", "httpx", "rich.markdown", "pygls",
         "defusedxml", "datasketch", "pydantic", "soupsieve", "seolint.sources.markdown"]
# A page that declares its language (one without needs py3langid, and so numpy, to guess it).
PAGE = """<!DOCTYPE html><html lang="en"><head><title>Why lazy imports make a linter start fast</title>
<meta name="description" content="A command line that imports only what it uses starts in half the time, and this page shows it">
</head><body><main><h1>Lazy imports</h1>
<p>A linter run on one page should not pay for the libraries that only a whole site needs.
It loads the parser, the rules and the text analysis, and nothing else. &copy; 2024</p>
</main></body></html>
"""

PROBE = """
import json, sys
args, heavy = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sys.argv = ["seolint", *args]
from seolint.cli import main
from seolint._lazy import is_loaded  # a deferred module is in sys.modules, not yet imported
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in heavy if is_loaded(m))), file=sys.stderr)
"""


def imported(args: list[str], cwd: Path) -> list[str]:
    run = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)],
                         capture_output=True, text=True, cwd=cwd, timeout=120)
    return json.loads(run.stderr.strip().splitlines()[-1])


def test_one_html_page_imports_no_heavy_library(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert imported(["check", str(page), "--exit-zero"], tmp_path) == []


def test_one_markdown_post_imports_only_markdown_libraries(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: A post about lazy imports in a linter\n---\n\nSome text.\n")
    assert imported(["check", str(post), "--exit-zero"], tmp_path) == [
        "markdown_it", "seolint.sources.markdown", "yaml"]


def test_help_and_explain_do_not_load_the_analysis(tmp_path: Path) -> None:
    assert imported(["--help"], tmp_path) == []
    assert imported(["explain", "T003"], tmp_path) == []  # piped: plain text, no renderer


def test_a_folder_of_pages_still_fingerprints_with_numpy(tmp_path: Path) -> None:
    # Two pages or more: D004 near-duplicate-content needs MinHash signatures (numpy).
    site = ROOT / "fixtures" / "sample-blog"
    assert "numpy" in imported(["check", str(site), "--exit-zero", "-j", "1"], tmp_path)


def test_a_content_selector_loads_soupsieve_and_selects(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    args = ["check", str(page), "--exit-zero", "--content-selector", "main > h1"]
    assert imported(args, tmp_path) == ["soupsieve"]
    bad = ["check", str(page), "--content-selector", "main >>> h1"]
    run = subprocess.run([sys.executable, "-m", "seolint", *bad], capture_output=True,
                         text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 2 and "not a valid CSS selector" in run.stderr
