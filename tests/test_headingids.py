"""Heading ids on Markdown sources: the scheme per generator and config, explicit ids, and the
ids a real Jekyll site built (bekahhw-jekyll in the corpus)."""

from __future__ import annotations

from markdown_it import MarkdownIt

from seolint.sources.headingids import assign, scheme_for


def ids(text: str, scheme: str | None, prefix: str = "") -> tuple[list[str | None], bool]:
    tokens = MarkdownIt("commonmark").parse(text)
    known = assign(tokens, scheme, prefix)
    return [t.attrGet("id") for t in tokens if t.type == "heading_open"], known  # type: ignore[misc]


def test_schemes_from_config() -> None:
    assert scheme_for("hugo", {}) == ("hugo", "")
    assert scheme_for("hugo", {"markup": {"goldmark": {"parser": {
        "autoHeadingIDType": "github-ascii"}}}}) == ("hugo-ascii", "")
    assert scheme_for("hugo", {"markup": {"goldmark": {"parser": {
        "autoHeadingIDType": "blackfriday"}}}}) == ("blackfriday", "")
    assert scheme_for("hugo", {"markup": {"goldmark": {"parser": {
        "autoHeadingID": False}}}}) == ("none", "")
    assert scheme_for("jekyll", {"markdown": "kramdown"}) == ("kramdown-gfm", "")
    assert scheme_for("jekyll", {"kramdown": {"input": "kramdown", "auto_id_prefix": "h-"}}) == (
        "kramdown", "h-")
    assert scheme_for("jekyll", {"markdown": "CommonMarkGhPages"}) == (None, "")
    assert scheme_for("zola", {}) == ("zola", "")
    assert scheme_for("zola", {"slugify": {"anchors": "safe"}}) == (None, "")
    assert scheme_for("astro", {}) == ("github", "")
    assert scheme_for("eleventy", {}, "module.exports = {}") == ("none", "")
    assert scheme_for("eleventy", {}, "md.use(require('markdown-it-anchor'))") == (
        "markdown-it-anchor", "")
    assert scheme_for("eleventy", {}, "use(markdownItAnchor, {slugify: s => s})") == (None, "")
    assert scheme_for("sveltekit", {}) == (None, "")


def test_explicit_ids_win_and_are_taken_first() -> None:
    got, known = ids("## Intro {#start}\n\n## Start\n\n## Intro\n", "hugo")
    assert got == ["start", "start-1", "intro"] and known


def test_kramdown_ial_and_prefix() -> None:
    got, _ = ids("## Setup {: #install .big}\n\n## Use it\n", "kramdown-gfm", "h-")
    assert got == ["install", "h-use-it"]


def test_kramdown_typography_outside_code_only() -> None:
    got, _ = ids("## The `--force` flag -- and more\n", "kramdown-gfm")
    assert got == ["the---force-flag--and-more"]


def test_heading_text_is_the_rendered_text() -> None:
    got, _ = ids("## Read *this* [now](https://example.com)\n", "github")
    assert got == ["read-this-now"]


def test_unknown_scheme_keeps_explicit_ids_only() -> None:
    got, known = ids("## A {#a}\n\n## B\n", None)
    assert got == ["a", None] and not known


def test_zola_unsure_heading_marks_the_page() -> None:
    got, known = ids("## 邮件列表\n\n## Slack\n", "zola")
    assert got == [None, "slack"] and not known
