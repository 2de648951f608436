"""The bundled sample blog: every planted defect is found on its line, and nothing else.

Each page marks what it plants with `<!-- expect: CODE -->` on the line the finding belongs to
(or `<!-- expect-page: CODE -->` for findings on the page as a whole). A new rule that fires
here must be reviewed and marked, so this test also catches false positives on clean pages.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from typer.testing import CliRunner

from seolint.cli import app
from seolint.testing import builtin_rules, compare, markers

from .conftest import FIXTURES, ROOT

BLOG = FIXTURES / "sample-blog"


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # report paths are relative to where seolint runs


def _lint() -> tuple[int, dict]:
    # Every rule, the default-off ones too: their planted defects are marked on the pages.
    every = ",".join(sorted({code[0] for code in builtin_rules()}))
    result = CliRunner().invoke(app, ["check", str(BLOG), "--select", every, "-f", "json"],
                                catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout)


def test_every_planted_defect_is_found_and_nothing_else() -> None:
    code, data = _lint()
    got: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for f in data["findings"]:
        got[f["path"]].append((f["code"], f["line"]))
    pages = sorted(BLOG.rglob("*.html"))
    assert data["summary"]["pages"] == len(pages)
    problems = {}
    for page in pages:
        key = page.relative_to(ROOT).as_posix()
        diff = compare(markers(page.read_text(encoding="utf-8")), got.pop(key, []))
        if diff:
            problems[key] = diff
    assert problems == {}
    assert not got, f"findings on unexpected paths: {sorted(got)}"
    assert code == 1  # the blog has errors (missing alt text, a broken link, ...)


def test_clean_pages_stay_clean() -> None:
    _, data = _lint()
    flagged = {f["path"] for f in data["findings"]}
    assert not any(p.endswith("posts/minimalist-shoes/index.html") for p in flagged)
    assert not any(p.endswith("old-post/index.html") for p in flagged)  # a meta-refresh stub
