"""Ranked fixes a blogger can follow blindly (issue 13, docs/fixes.md): the order (what fails
the run, then indexability, then the rest), real shared causes for template fixes, no harmful
advice (a canonical template, a rightly placed noindex), fix texts in the language of the
source (Markdown, a known generator) and one line of why on every fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seolint.cli import app
from seolint.registry import load_rules
from seolint.rule import Finding, why_line
from seolint.scoring import PageInput, ScoringConfig, compute, rule_infos
from seolint.testing import run_page_rule

from .conftest import FIXTURES, ROOT

RULES = load_rules()


def _check(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(app, ["check", *args, "-f", "json"], catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout)


def _finding(code: str, loc: str, message: str, severity: str, category: str,
             fix: str = "Fix it") -> Finding:
    return Finding(code, code.lower(), category, severity, message, fix,  # type: ignore[arg-type]
                   None, loc, 1, 1)


# --- 1. the order -----------------------------------------------------------------------------

def test_sample_blog_fixes_open_with_the_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, data = _check(str(FIXTURES / "sample-blog"))
    assert code == 1
    fixes = data["fixes"]
    errors = [x for x in fixes if x["severity"] == "error"]
    assert {x["code"] for x in errors} >= {"D007", "I001", "M001"}
    # Every error fix comes before every other fix, whatever its gain: the old order put the
    # broken link at #20, under a short title and missing social tags.
    assert [x["severity"] for x in fixes[:len(errors)]] == ["error"] * len(errors)
    assert all(x["band"] == "fails" for x in errors)
    top = [x["code"] for x in fixes[:10]]
    assert "D007" in top and "I001" in top and "M007" not in top and "X004" not in top
    # warnings before infos after the errors
    rest = [x["severity"] for x in fixes[len(errors):]]
    assert rest == sorted(rest, key=lambda s: s != "warning")


def test_the_bands_follow_fail_on_then_indexability_then_severity() -> None:
    infos = rule_infos([("T005", "titles", "warning"), ("D007", "links", "error"),
                        ("M007", "meta", "info"), ("X004", "indexability", "warning")],
                       ScoringConfig())
    pages = [PageInput(f"p{i}", frozenset(infos), (
        _finding("T005", f"p{i}", f'Title is 4 characters: "Home {i}"', "warning", "titles"),
        _finding("M007", f"p{i}", "3 of 3 Open Graph tags missing", "info", "meta"),
    )) for i in range(20)]
    pages.append(PageInput("q", frozenset(infos), (
        _finding("D007", "q", "Link to /gone/ points to no page", "error", "links"),
        _finding("X004", "q", "Search engines are told not to index the page", "warning",
                 "indexability"))))
    by_default = compute(pages, infos)
    assert [x.code for x in by_default.fixes] == ["D007", "X004", "T005", "M007"]
    assert by_default.fixes[2].gain > by_default.fixes[0].gain  # gain alone would lead with it
    assert [x.band for x in by_default.fixes] == ["fails", "indexability", "other", "other"]
    # With --fail-on warning, the warnings fail the run too: errors still first among them.
    stricter = compute(pages, infos, fail_on="warning")
    assert [x.code for x in stricter.fixes] == ["D007", "T005", "X004", "M007"]
    never = compute(pages, infos, fail_on="never")
    assert [x.code for x in never.fixes] == ["X004", "D007", "T005", "M007"]


def test_a_rule_with_two_severities_is_two_fixes() -> None:
    infos = rule_infos([("R007", "readability", "info")], ScoringConfig())
    pages = [PageInput("a", frozenset(infos), (
        _finding("R007", "a", "Main content has 93 words", "warning", "readability"),)),
        PageInput("b", frozenset(infos), (
            _finding("R007", "b", "Main content has 179 words", "info", "readability"),))]
    fixes = compute(pages, infos).fixes
    assert [(x.code, x.severity) for x in fixes] == [("R007", "warning"), ("R007", "info")]


# --- 2. no harmful advice ---------------------------------------------------------------------

def _site(tmp_path: Path, generator: str | None, pages: int = 4) -> Path:
    meta = f'<meta name="generator" content="{generator}">' if generator else ""
    for i in range(pages):
        folder = tmp_path / f"post-{i}"
        folder.mkdir()
        (folder / "index.html").write_text(
            f'<!doctype html><html lang="en"><head><title>Post {i} about running backwards '
            f'well</title>{meta}<meta name="description" content="Post {i}: how to run '
            'backwards without falling over, and why it helps your knees."></head><body><main>'
            f'<h1>Post {i}</h1><p>Text.</p><a href="/post-{(i + 1) % pages}/">next</a>'
            '</main></body></html>', encoding="utf-8")
    (tmp_path / "404.html").write_text(
        f'<!doctype html><html lang="en"><head><title>Page not found on this blog, sorry'
        f'</title>{meta}</head><body><h1>Not found</h1></body></html>', encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("generator", "expression"), [
    ("Hugo 0.124.1", "{{ .Permalink }}"),
    ("Jekyll v4.1.1", "{{ page.url | absolute_url }}"),
    ("Hexo 3.9.0", "<%- url %>"),
    ("mkdocs-1.6.1, mkdocs-material-9.7.0", "{{ page.canonical_url }}"),
    ("Nikola (getnikola.com)", "{{ abs_link(permalink) }}"),
    (None, "your generator's variable for the page's absolute URL"),
])
def test_a_template_canonical_is_self_referencing(tmp_path: Path, generator: str | None,
                                                  expression: str) -> None:
    _, data = _check(str(_site(tmp_path, generator)), "--select", "M006",
                     "--base-url", "https://site.example/")
    (fix,) = data["fixes"]
    assert fix["kind"] == "template" and fix["pages"] == 5
    assert "a self-referencing canonical, each page's own URL" in fix["fix"]
    assert expression in fix["fix"]
    assert "site.example" not in fix["fix"]  # never one page's literal URL for all pages


@pytest.mark.parametrize(("url", "head"), [
    ("https://blog.example/tags/running/", ""),
    ("https://blog.example/category/news/", ""),
    ("https://blog.example/page/2/", ""),
    ("https://blog.example/2024/05/", ""),
    ("https://blog.example/a-post/?replytocom=123", ""),
    ("https://blog.example/a-post/?paged=2", ""),
    ("https://blog.example/b-post/", '<link rel="prev" href="https://blog.example/a-post/">'),
    ("https://blog.example/copy/", '<link rel="canonical" href="https://blog.example/orig/">'),
    ("https://blog.example/drafts/idea.html", ""),
])
def test_no_remove_noindex_on_a_page_that_is_rightly_noindex(url: str, head: str) -> None:
    html = (f'<html lang="en"><head><title>A page</title>{head}<meta name="robots" '
            'content="noindex, follow"></head><body><h1>A page</h1></body></html>')
    assert run_page_rule(RULES["X004"], html, url=url) == []


def test_noindex_on_a_post_still_offers_to_remove_it() -> None:
    html = ('<html lang="en"><head><title>A post</title><link rel="canonical" '
            'href="https://blog.example/a-post/"><meta name="robots" content="noindex">'
            '</head><body><h1>A post</h1></body></html>')
    (v,) = run_page_rule(RULES["X004"], html, url="https://blog.example/a-post/")
    assert v.fix and v.fix.startswith("Remove the noindex") and "copies no other page" in v.fix
    assert "rightly" in RULES["X004"].doc and "replytocom" in RULES["X004"].doc


def test_a_shared_description_template_fix_asks_for_each_pages_own() -> None:
    infos = rule_infos([("D002", "meta", "warning")], ScoringConfig())
    shared = "Print each page's own description"
    pages = [PageInput(f"p{i}", frozenset(infos), (Finding(
        "D002", "duplicate-meta-description", "meta", "warning",
        'Meta description "Notes on running" is shared with 4 other pages', "Write one",
        None, f"p{i}", 1, 1, (("template_fix", shared),)),)) for i in range(5)]
    (fix,) = compute(pages, infos).fixes
    assert fix.kind == "template" and fix.fix.startswith(shared) and "Write one" not in fix.fix


# --- 3. template fixes need a shared cause ----------------------------------------------------

def test_content_findings_are_never_template_fixes() -> None:
    infos = rule_infos([("R004", "readability", "info"), ("H007", "headings", "info"),
                        ("K009", "keyphrase", "warning"), ("E001", "evidence", "warning"),
                        ("H003", "headings", "warning")], ScoringConfig())
    pages = [PageInput(f"p{i}", frozenset(infos), (
        _finding("R004", f"p{i}", "16.7% of sentences use the passive voice", "info",
                 "readability"),
        _finding("H007", f"p{i}", "A run of 420 words has no subheading", "info", "headings"),
        _finding("K009", f"p{i}", 'The keyphrase "running" is 6% of the words', "warning",
                 "keyphrase"),
        _finding("E001", f"p{i}", 'A statistic without a source: "Most runners"', "warning",
                 "evidence"),
        _finding("H003", f"p{i}", f'2 <h1>: this one is "Post {i}", the first is "My Blog"',
                 "warning", "headings"),
    )) for i in range(10)]
    kinds = {x.code: x.kind for x in compute(pages, infos).fixes}
    assert kinds == {"R004": "rule", "H007": "rule", "K009": "rule", "E001": "rule",
                     "H003": "template"}  # the theme's "My Blog" h1 is a shared cause


def test_a_skipped_heading_quotes_its_text_so_only_a_themes_heading_is_one_fix(
        tmp_path: Path) -> None:
    for i in range(4):
        (tmp_path / f"p{i}.html").write_text(
            f'<html lang="en"><head><title>Post {i}</title></head><body><h1>Post {i}</h1>'
            f'<h3>Own section {i}</h3><h2>Part</h2><h4>Related posts</h4></body></html>',
            encoding="utf-8")
    _, data = _check(str(tmp_path), "--select", "H002")
    kinds = sorted((x["kind"], x["pages"]) for x in data["fixes"])
    assert kinds == [("rule", 4), ("template", 4)]
    template = next(x for x in data["fixes"] if x["kind"] == "template")
    messages = {f["message"] for f in data["findings"]}
    assert '<h4> "Related posts" follows <h2>' in messages and template["findings"] == 4


# --- 4. fixes in the language of the source ---------------------------------------------------

POST = """---
title: Running backwards for beginners and everyone else
description: Why running backwards helps your knees, and how to start safely on a track.
date: 2024-05-01
---

Some text about running backwards.

![](track.jpg)

<img src="raw.jpg">

# Another title

#### Deep
"""


def test_a_markdown_post_gets_markdown_fixes(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    _, data = _check(str(post), "--select", "E002,E003,I001,I003,H002,H003")
    fixes = {(f["code"], f["line"]): f["fix"] for f in data["findings"]}
    by_code = {f["code"]: f["fix"] for f in data["findings"]}
    assert by_code["E002"] == "Add `author:` with the writer's name to the front matter"
    assert fixes[("I001", 9)] == ("Write what the image shows between the brackets: "
                                  "![a description](track.jpg)")
    assert 'alt="what the image shows"' in fixes[("I001", 11)]  # a raw <img> is HTML
    assert fixes[("H003", 13)].startswith("Change this `#` heading to `##`")
    assert fixes[("H002", 15)].startswith("Make it a `##` heading")
    # ![](x) cannot carry a width or a height; the raw <img> can
    assert [f["line"] for f in data["findings"] if f["code"] == "I003"] == [11]
    assert not any("<h1>" in fix and fix.startswith("Add an") for fix in fixes.values())


def test_a_markdown_post_without_date_or_h1(tmp_path: Path) -> None:
    post = tmp_path / "notes.md"
    post.write_text("---\nlayout: post\n---\n\n## Only a section\n\nText.\n",
                    encoding="utf-8")
    _, data = _check(str(post), "--select", "H001")
    (h001,) = [f for f in data["findings"] if f["code"] == "H001"]
    assert "the page's only `#` heading" in h001["fix"] and "<h1>" not in h001["fix"]


def test_a_built_page_of_a_known_generator_names_the_source() -> None:
    html = ('<html lang="en"><head><title>A post about running backwards</title>'
            '<meta name="generator" content="Hugo 0.124.1"><meta property="og:type" '
            'content="article"></head><body><header><img src="/logo.png"></header><main>'
            '<h1>A post</h1><p>Text.</p><img src="/x.jpg"></main></body></html>')
    # Hugo writes og:type article on every regular page: the dated URL makes this one a post.
    at = "2024/03/18/running-backwards/index.html"
    (e002,) = run_page_rule(RULES["E002"], html, path=at)
    assert e002.fix and "`author:`" in e002.fix and "front matter" in e002.fix and "Hugo" in e002.fix
    (e003,) = run_page_rule(RULES["E003"], html, path=at)
    assert e003.fix and "`date:`" in e003.fix and "Hugo theme" in e003.fix
    (m001,) = run_page_rule(RULES["M001"], html, path=at)
    assert m001.fix and m001.fix.startswith("Add a `description:` to the page's front matter")
    logo, image = run_page_rule(RULES["I001"], html, path=at)
    assert logo.fix and "Hugo theme's template" in logo.fix
    assert image.fix and "post's source" in image.fix


# --- 5. why, in one line ----------------------------------------------------------------------

def test_every_rule_has_a_one_line_why() -> None:
    for code, rule in RULES.items():
        assert rule.why, code
        assert "\n" not in rule.why and not rule.why.endswith("."), code
        assert len(rule.why) <= 240, code


def test_why_line_takes_the_first_sentence() -> None:
    doc = ("Title.\n\n## Why is this bad?\nThe h1 is the page's visible title. Search engines "
           "use it, e.g. for the topic. And more.\n\n## Example\n")
    assert why_line(doc) == ("The h1 is the page's visible title. Search engines use it, e.g. "
                             "for the topic")
    assert why_line("No sections") == ""


def test_each_fix_carries_severity_points_and_why_in_every_output(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, data = _check(str(FIXTURES / "sample-blog"))
    for fix in data["fixes"]:
        assert fix["severity"] in ("error", "warning", "info")
        assert fix["why"] == RULES[fix["code"]].why
        assert isinstance(fix["gain"], float)
    text = CliRunner().invoke(app, ["check", str(FIXTURES / "sample-blog"), "--show-fixes"])
    table = text.stdout[text.stdout.index("Ranked fixes"):]
    first = table.splitlines()[3]
    assert " error " in first and "M001" in first or "D007" in first
    assert "why: A broken link is a dead end" in table
    md = CliRunner().invoke(app, ["check", str(FIXTURES / "sample-blog"), "-f", "markdown"])
    assert "| # | Severity | Fix |" in md.stdout and "<br>Why: " in md.stdout


# --- what the corpus top 10s showed (/work/notes/top-fixes.md) ------------------------------

def _pages(tmp_path: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return tmp_path


def _html(title: str, body: str, head: str = "") -> str:
    return (f'<!doctype html><html lang="en"><head><title>{title}</title>{head}</head>'
            f"<body>{body}</body></html>")


def test_a_template_fix_names_the_shared_link_image_and_heading(tmp_path: Path) -> None:
    theme = ('<header><img src="/img/logo.svg"><a href="/gone/">Old page</a></header><main>'
             '<h1>Post {i}</h1><p>Text {i}.</p></main><footer><h1>Comments</h1></footer>')
    pages = {f"p{i}.html": _html(f"Post {i} | My Blog", theme.format(i=i))
             for i in range(5)}
    _, data = _check(str(_pages(tmp_path, pages)), "--select", "D007,I001,H003")
    fixes = {x["code"]: x for x in data["fixes"]}
    assert all(x["kind"] == "template" for x in fixes.values())
    assert fixes["D007"]["fix"].startswith("Fix the link to /gone/ where the template prints it")
    assert fixes["I001"]["fix"].startswith('Add alt text to the image "/img/logo.svg"')
    assert fixes["H003"]["fix"].startswith('Change the <h1> "Comments" to <h2> in the template')


def test_listing_pages_are_neither_orphans_nor_missing_from_the_sitemap(tmp_path: Path) -> None:
    site = _pages(tmp_path, {
        "index.html": _html("Home of a blog about running", '<a href="/post/">A post</a>'),
        "post/index.html": _html("A post about running backwards", "<p>Text</p>"),
        "2010/07/28/index.html": _html("Posts of 28 July 2010", '<a href="/post/">A post</a>'),
        "tag/running/index.html": _html("Posts tagged running", '<a href="/post/">A post</a>'),
        "sitemap.xml": '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                       'sitemap/0.9"><url><loc>https://blog.example/</loc></url><url><loc>'
                       "https://blog.example/post/</loc></url></urlset>",
    })
    _, data = _check(str(site), "--select", "D006,D008", "--base-url", "https://blog.example/")
    assert data["findings"] == []


def test_a_search_console_verification_file_is_not_a_page(tmp_path: Path) -> None:
    site = _pages(tmp_path, {
        "index.html": _html("Home of a blog about running", "<h1>Home</h1>"),
        "google1a2b3c4d5e6f7a8b.html": "google-site-verification: google1a2b3c4d5e6f7a8b.html\n",
        "google-notes.html": "<p>Not a verification file</p>",
    })
    _, data = _check(str(site))
    assert {p["path"].rsplit("/", 1)[-1] for p in data["pages"]} == {
        "index.html", "google-notes.html"}


def test_a_themes_dated_byline_is_the_posts_date() -> None:
    html = ('<html lang="en"><head><title>A post</title><meta property="og:type" '
            'content="article"></head><body><header><h1>A post</h1><span class="meta">Posted '
            "by Ana on April 30, 2017</span></header><main><p>Text.</p></main></body></html>")
    assert run_page_rule(RULES["E003"], html) == []
    undated = html.replace("Posted by Ana on April 30, 2017", "© Ana 2017")
    assert len(run_page_rule(RULES["E003"], undated)) == 1


def test_a_verification_folder_is_not_a_page(tmp_path: Path) -> None:
    site = _pages(tmp_path, {
        "index.html": _html("Home of a blog about running", "<h1>Home</h1>"),
        "google0224049e6b9f9407/index.html": "google-site-verification: "
                                             "google0224049e6b9f9407.html",
        "fragment.html": "<h2>A notebook's output</h2><p>Text.</p>",
    })
    _, data = _check(str(site), "--select", "T001,H001")
    assert sorted((f["code"], f["path"].rsplit("/", 1)[-1]) for f in data["findings"]) == [
        ("H001", "fragment.html"), ("T001", "fragment.html")]


def test_a_shared_short_title_asks_the_template_for_each_pages_own(tmp_path: Path) -> None:
    pages = {f"tag{i}/index.html": _html("Tag Page", f"<h1>Tag {i}</h1>") for i in range(4)}
    _, data = _check(str(_pages(tmp_path, pages)), "--select", "T005")
    (fix,) = data["fixes"]
    assert fix["kind"] == "template"
    assert fix["fix"].startswith('Make the template write each page\'s own title instead of '
                                 '"Tag Page"')


def test_fragments_without_layout_share_the_missing_layout(tmp_path: Path) -> None:
    pages = {f"frag{i}.html": f"<p>Notes {i}, without a layout.</p>" for i in range(4)}
    _, data = _check(str(_pages(tmp_path, pages)), "--select", "T001,H001")
    fixes = {x["code"]: x for x in data["fixes"]}
    assert fixes["H001"]["kind"] == fixes["T001"]["kind"] == "template"
    assert fixes["H001"]["fix"].startswith("Give these pages a layout that prints")
    assert fixes["T001"]["fix"].startswith("Give these pages a layout")


def test_the_same_quoted_text_on_twenty_pages_is_a_template_at_any_share() -> None:
    infos = rule_infos([("T005", "titles", "warning")], ScoringConfig())
    pages = [PageInput(f"tag{i}", frozenset(infos), (_finding(
        "T005", f"tag{i}", 'Title is 8 characters (minimum 30): "Tag Page"', "warning",
        "titles"),)) for i in range(20)]
    pages += [PageInput(f"post{i}", frozenset(infos), (_finding(
        "T005", f"post{i}", f'Title is 20 characters (minimum 30): "Post number {i}"',
        "warning", "titles"),)) for i in range(30)]
    kinds = sorted((x.kind, len(x.pages)) for x in compute(pages, infos).fixes)
    assert kinds == [("rule", 30), ("template", 20)]


def test_a_page_without_a_title_is_not_asked_into_the_sitemap(tmp_path: Path) -> None:
    site = _pages(tmp_path, {
        "index.html": _html("Home of a blog about running", '<a href="/lib/x/README.html">x</a>'),
        "lib/x/README.html": "<h1>x</h1><p>A vendor README.</p>",
        "sitemap.xml": '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                       'sitemap/0.9"><url><loc>https://blog.example/</loc></url></urlset>',
    })
    _, data = _check(str(site), "--select", "D008", "--base-url", "https://blog.example/")
    assert data["findings"] == []
