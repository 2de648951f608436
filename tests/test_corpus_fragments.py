"""A labelled sample of D010 (broken-fragment) on the corpus's built sites: each finding below
was judged by reading the page; the test holds the real ones found and the false ones gone."""

from __future__ import annotations

import pytest

from seolint.config import Settings
from seolint.engine import lint
from seolint.sources.files import discover

from .conftest import SHARED

SITES = SHARED / "corpus" / "sites"

# (page, fragment as the message shows it): why it is real
REAL = {
    ("julialang-franklin", "index.html", "#editors"):
        "the 'Editors and IDEs' heading links /#editors, and no element has id=editors",
    ("julialang-franklin", "downloads/index.html", "/#editors"):
        "the same missing id=editors on the home page, linked from the downloads page",
    ("julialang-franklin", "index.html", "#tools"):
        "the 'Essential Tools' heading links /#tools, and no element has id=tools",
    ("julialang-franklin", "contribute/index.html", "#ask-and-answer-questions"):
        "the heading's id is ask_and_answer_questions (underscores)",
    ("julialang-franklin", "blog/2017/12/ml-pl-cn/index.html", "#footnote-ast"):
        "the translated post links a footnote it never defines (its ids are fnref:...)",
}
# Disqus draws the comments in its own frame and scrolls to #comment-N itself: no element of
# the page can have that id, and the link works. Four such links, all silent.
NOT_REPORTED = {("jakevdp-pelican", "#comment-799781196")}


def d010(name: str) -> list[tuple[str, str]]:
    folder = SITES / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    settings = Settings(select=("D010",))
    found = discover([str(folder)], None)
    report = lint(list(found.items), [], settings, found.complete, found.known_urls)
    out = []
    for f in report.findings:
        rel = (f.path or "").split(f"/{name}/", 1)[-1]
        out.append((rel, f.message.split(": ", 1)[0].removeprefix("Link to ")))
    return out


def test_julialang_real_broken_fragments_found() -> None:
    got = d010("julialang-franklin")
    assert len(got) == 11
    for (_site, page, fragment), why in REAL.items():
        assert any(p == page and shown.endswith(fragment) for p, shown in got), why


def test_jakevdp_disqus_comment_links_are_silent() -> None:
    got = d010("jakevdp-pelican")
    for _, fragment in NOT_REPORTED:
        assert not any(shown.endswith(fragment) for _, shown in got)
    assert got == []
