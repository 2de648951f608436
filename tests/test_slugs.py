"""Heading ids against the generators' own test cases (hugo's autoid_test.go, github-slugger's
fixtures.json, kramdown-parser-gfm's header_ids testcase, zola's anchors)."""

from __future__ import annotations

import pytest

from seolint.sources.slugs import HeadingIds, kramdown_text


def ids(scheme: str, *texts: str) -> list[str | None]:
    gen = HeadingIds(scheme)
    return [gen.add(t) for t in texts]


# gohugoio/hugo markup/goldmark/autoid_test.go, TestSanitizeAnchorName ("generated manually on
# github.com"), each heading on a page of its own
HUGO_CASES = [
    ("God is good: 神真美好", "god-is-good-神真美好"),
    ("Number 32", "number-32"),
    ("Question?", "question"),
    ("1+2=3", "123"),
    ("Special !\"#$%&(parens)=?´* chars", "special-parens-chars"),
    ("Resumé", "resumé"),
    ("One-Hyphen", "one-hyphen"),
    ("Multiple--Hyphens", "multiple--hyphens"),
    ("Trailing hyphen-", "trailing-hyphen-"),
    ("Many   spaces  here", "many---spaces--here"),
    ("Forward/slash", "forwardslash"),
    ("Backward\\slash", "backwardslash"),
    ("Under_score", "under_score"),
    ("Nonbreaking\u00a0Space", "nonbreakingspace"),
    ("Trailing Space ", "trailing-space"),
]


@pytest.mark.parametrize(("text", "expected"), HUGO_CASES)
def test_hugo_github_ids(text: str, expected: str) -> None:
    assert ids("hugo", text) == [expected]


def test_hugo_ascii_and_blackfriday() -> None:
    assert ids("hugo-ascii", "god is神真美好 good") == ["god-is-good"]
    assert ids("hugo-ascii", "Resumé") == ["resume"]
    assert ids("blackfriday", "Let's try this, shall we?") == ["let-s-try-this-shall-we"]


def test_hugo_duplicates_and_empty() -> None:
    assert ids("hugo", "Intro", "Intro", "Intro", "???") == ["intro", "intro-1", "intro-2",
                                                            "heading"]


def test_hugo_explicit_id_taken_first() -> None:
    gen = HeadingIds("hugo")
    gen.take("intro")
    assert gen.add("Intro") == "intro-1"


# Flet/github-slugger test/fixtures.json, in order (one slugger for the whole list)
GITHUB_SEQUENCE = [
    ("alpha", "alpha"), ("alpha", "alpha-1"), ("bravoCharlieDelta", "bravocharliedelta"),
    ("__proto__", "__proto__"), ("__proto__", "__proto__-1"),
    ("hasOwnProperty", "hasownproperty"),
    ("echo", "echo"), ("echo", "echo-1"), ("echo 1", "echo-1-1"), ("echo-1", "echo-1-2"),
    ("echo", "echo-2"),
    ("foxtrot-1", "foxtrot-1"), ("foxtrot", "foxtrot"), ("foxtrot", "foxtrot-2"),
    ("heading with a - dash", "heading-with-a---dash"),
    ("heading with an _ underscore", "heading-with-an-_-underscore"),
    ("heading with a period.txt", "heading-with-a-periodtxt"),
    ("exchange.bind_headers(exchange, routing [, bindCallback])",
     "exchangebind_headersexchange-routing--bindcallback"),
    ("apostrophe’s should be trimmed", "apostrophes-should-be-trimmed"),
    ("I ♥ unicode", "i--unicode"),
    ("en–dash", "endash"),
    ("😄 unicode emoji", "-unicode-emoji"),
    ("😄 - an emoji", "---an-emoji"),
    (":smile: - a gemoji", "smile---a-gemoji"),
    ("Привет", "привет"),
    ("Профили пользователей", "профили-пользователей"),
    ("Привет non-latin 你好", "привет-non-latin-你好"),
    (":ok_hand: Single", "ok_hand-single"),
]


def test_github_slugger_fixtures() -> None:
    texts = [t for t, _ in GITHUB_SEQUENCE]
    assert ids("github", *texts) == [e for _, e in GITHUB_SEQUENCE]


# kramdown/parser-gfm test/testcases/header_ids: the headings as kramdown sees their text
# (entities and typographic symbols already characters), in order
def test_kramdown_gfm_header_ids() -> None:
    got = ids("kramdown-gfm", "variable_name", "abc def öúß", "192 abc 192", ";.;;",
              "variable_name", "variable_name", ";;", "before \tafter tab", "with code",
              "With “smart” quotes", "with — «\u00a0typographic\u00a0» … symbols",
              "with \\(m=5\\)")
    assert got == ["variable_name", "abc-def-öúß", "192-abc-192", None, "variable_name-1",
                   "variable_name-2", "-1", "before--after-tab", "with-code",
                   "with-smart-quotes", "with--typographic--symbols", "with-m5"]


def test_kramdown_typography_from_source_text() -> None:
    # "with --- << typographic >> ... symbols" in the .md is the testcase's last but one heading
    assert ids("kramdown-gfm", kramdown_text("with --- << typographic >> ... symbols")) == [
        "with--typographic--symbols"]
    assert ids("kramdown-gfm", kramdown_text("Foo -- Bar")) == ["foo--bar"]


def test_kramdown_plain() -> None:
    assert ids("kramdown", "1. Getting Started", "Getting Started", "???") == [
        "getting-started", "getting-started-1", "section"]


def test_zola_slug_crate() -> None:
    assert ids("zola", "Hello World!", "Hello World", "Crème brûlée", "  --Trim me--  ") == [
        "hello-world", "hello-world-1", "creme-brulee", "trim-me"]


def test_zola_unknown_script_is_unsure() -> None:
    gen = HeadingIds("zola")
    assert gen.add("你好") is None
    assert gen.unsure


def test_markdown_it_anchor() -> None:
    assert ids("markdown-it-anchor", " Hello  World ", "Hello World", "Café") == [
        "hello-world", "hello-world-1", "caf%C3%A9"]


def test_unknown_scheme() -> None:
    with pytest.raises(ValueError):
        HeadingIds("pandoc")
