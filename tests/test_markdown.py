"""Markdown sources: front matter, rendering, lines, facts, links and bad input."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pytest
from typer.testing import CliRunner

from seolint.cli import app
from seolint.document import FACT_BODY, FACT_DESCRIPTION, FACT_HEAD, FACT_TITLE
from seolint.parse import parse
from seolint.registry import load_rules
from seolint.sources.frontmatter import split
from seolint.sources.generators import Project, place, slug_jekyll
from seolint.sources.markdown import MarkdownOptions, preprocess, render

# The rule families the fixtures here are written for (the readability, keyphrase and evidence
# families keep their own fixtures).
FAMILIES = "T,M,H,I,L,D,F,Z,X"


def page_of(text: str, name: str = "post.md", **kw):  # type: ignore[no-untyped-def]
    doc = render(text, path=name, url=f"https://seolint.invalid/{name}/", public=False, **kw)
    return doc, parse(doc)


def lint(*args: str, cwd: Path) -> tuple[int, dict]:
    import os

    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, ["check", *args, "-f", "json", "--no-progress"],
                                    catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, json.loads(result.stdout)


def found(data: dict, path_end: str = "") -> list[tuple[str, int | None]]:
    return sorted((f["code"], f["line"]) for f in data["findings"]
                  if (f["path"] or "").endswith(path_end))


# --- front matter -------------------------------------------------------------------------------

def test_yaml_and_toml_front_matter_with_key_lines() -> None:
    fm = split("---\ntitle: A\ndate: 2024-05-01\ntags: [a, b]\n---\nbody\n")
    assert fm.data == {"title": "A", "date": "2024-05-01", "tags": ["a", "b"]}
    assert (fm.format, fm.body_start, fm.key_lines["date"]) == ("yaml", 6, 3)
    fm = split('+++\ntitle = "A"\n[extra]\nkeyphrase = "k"\n+++\nbody\n')
    assert fm.data == {"title": "A", "extra": {"keyphrase": "k"}}
    assert (fm.format, fm.body_start, fm.key_lines["extra"]) == ("toml", 6, 3)


@pytest.mark.parametrize(("text", "line", "needle"), [
    ("---\ntitle: Running: a guide\n---\n", 2, "not valid YAML"),
    ("---\ntitle: ok\nlist: [a, b\n---\n", 3, "not valid YAML"),
    ('+++\ntitle = "A"\ntitle = "B"\n+++\n', 3, "not valid TOML"),
    ('+++\ntitle = "never closed\n+++\n', 2, "not valid TOML"),
    ("---\n- a list\n- not keys\n---\n", 2, "a list, not a set of keys"),
    ("---\ntitle: opened\nnever closed\n", 1, "never closed"),
])
def test_bad_front_matter_has_an_error_with_its_line(text: str, line: int, needle: str) -> None:
    fm = split(text)
    assert fm.error and needle in fm.error
    assert fm.error_line == line


def test_a_thematic_break_is_not_front_matter() -> None:
    assert split("---\n\nJust a horizontal rule.\n").format is None


def test_a_yaml_alias_bomb_stops_at_the_budget() -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        bomb += f"{name}: &{name} [{', '.join('*' + prev for _ in range(9))}]\n"
    fm = split(bomb + "---\n")
    assert fm.error and "too many values" in fm.error


# --- rendering, lines and facts -------------------------------------------------------------

POST = """---
title: "Hello: a post"
description: "A description that is long enough to pass, written for the tests of the renderer here."
author: Sam
---

Intro with a [link](https://example.com) and
a second line with [click here](https://example.com/x).

## Section

- item one
- item [two](https://example.com/y)

#### Deep

![](chart.png)

```html
<!-- seolint-disable-file H002 -->
<h1>code, not a heading</h1>
```

| a | b |
|---|---|
| 1 | 2 |
"""


def test_positions_are_markdown_lines() -> None:
    doc, page = page_of(POST)
    assert page.title is not None and page.title.text == "Hello: a post"
    assert page.title.pos.line == 2 and page.descriptions[0].pos.line == 3
    assert [(h.level, h.text, h.pos.line) for h in page.headings] == [
        (1, "Hello: a post", 2), (2, "Section", 10), (4, "Deep", 15)]
    assert [(link.text, link.pos.line) for link in page.links] == [
        ("link", 7), ("click here", 8), ("two", 13)]
    assert [(i.src, i.alt, i.pos.line) for i in page.images] == [("chart.png", None, 17)]
    kinds = {(b.kind, b.pos.line) for b in page.blocks}
    assert ("pre", 19) in kinds and ("table", 24) in kinds and ("table", 26) in kinds
    assert len(doc.line_map) == doc.body.count(b"\n") + 1


def test_facts_say_what_front_matter_supplies() -> None:
    _, page = page_of(POST)
    assert page.facts == {FACT_BODY, FACT_TITLE, FACT_DESCRIPTION}
    rules = load_rules()
    applicable = {code for code, r in rules.items() if r.scope == "page" and r.is_applicable(page)}
    # The theme's canonical, social tags, JSON-LD and <html lang> are unknown: not applicable.
    assert {"M005", "M006", "M007", "M008", "X001", "X004"}.isdisjoint(applicable)
    assert {"T001", "T003", "M001", "M002", "H001", "H002", "I001", "L001"} <= applicable
    assert FACT_HEAD not in page.facts


def test_title_as_h1_is_a_setting() -> None:
    _, page = page_of(POST, options=MarkdownOptions(title_as_h1=False))
    assert [h.level for h in page.headings] == [2, 4]
    _, page = page_of(POST, options=MarkdownOptions(title_template="{title} | My Blog"))
    assert page.title is not None and page.title.text == "Hello: a post | My Blog"
    assert page.h1s[0].text == "Hello: a post"


def test_front_matter_reaches_the_page_with_standard_keys() -> None:
    text = ("---\ntitle: T\nauthors: [Ann, Bob]\nupdated: 2024-06-01\nlanguage: de\n"
            "focus_keyphrase: rückwärts laufen\n---\nBody.\n")
    _, page = page_of(text, name="2024-05-01-slug.md", file=Path("/x/2024-05-01-slug.md"))
    fm = page.front_matter
    assert fm["date"] == "2024-05-01"  # from the file name
    assert (fm["author"], fm["lastmod"], fm["lang"], fm["keyphrase"]) == (
        "Ann", "2024-06-01", "de", "rückwärts laufen")
    assert fm["authors"] == ["Ann", "Bob"] and fm["draft"] is False
    assert page.lang == "de" and page.kind == "post"


def test_bad_front_matter_is_a_finding_and_the_body_is_still_linted() -> None:
    doc, page = page_of("---\ntitle: Broken: yes\n---\n\n## A heading\n\nText.\n")
    assert doc.problems and doc.problems[0][0] == "F001" and doc.problems[0][3] == 2
    assert page.facts == {FACT_BODY}  # title and description unknown: T/M rules do not apply
    assert [(h.level, h.pos.line) for h in page.headings] == [(2, 5)]


def test_front_matter_only_and_empty_files() -> None:
    _, page = page_of('---\ntitle: "Only front matter here"\n---\n')
    assert page.title is not None and [h.text for h in page.headings] == ["Only front matter here"]
    assert page.body_pos.line == 3  # clamped to the file
    _, page = page_of("")
    assert page.title is None and page.headings == ()


def test_bom_and_crlf_keep_lines() -> None:
    text = "\ufeff---\r\ntitle: T\r\n---\r\n\r\n## Heading\r\n\r\nText\r\n"
    _, page = page_of(text)
    assert page.title is not None and page.title.pos.line == 2
    assert [(h.text, h.pos.line) for h in page.headings][-1] == ("Heading", 5)


def test_raw_html_in_markdown_is_html() -> None:
    text = ("---\ntitle: T\n---\n\n<div class=\"note\">\n<img src=\"a.png\">\n</div>\n\n"
            "Text with <a href=\"https://example.com\">inline html</a>.\n")
    _, page = page_of(text)
    assert [(i.src, i.alt, i.pos.line) for i in page.images] == [("a.png", None, 6)]
    assert [(link.text, link.pos.line) for link in page.links] == [("inline html", 9)]


def test_mdx_skips_imports_exports_and_jsx_lines() -> None:
    body = ["import X from './x'", "export const meta = {", "  a: 1,", "};", "",
            "<Chart data={[1, 2]}", '  title="x"', "/>", "", "Prose [link](https://a.b).",
            "<Tabs>", "# not a heading", "</Tabs>", "{/* seolint-disable-line L001 */}",
            "{props.x}"]
    out = preprocess(body, "astro", True)
    assert len(out) == len(body)
    assert [i for i, line in enumerate(out) if line] == [9, 13]
    assert out[13] == "<!-- seolint-disable-line L001 -->"


def test_templating_is_blanked_line_for_line_outside_code() -> None:
    body = ["{% include toc.html %}", "See [a]({% post_url 2024-01-01-x %}) {{ site.x }}.",
            "{: .lead }", "## Heading {#custom-id}", "```", "{% raw %}kept in code", "```",
            "{% highlight ruby %}", "puts 1", "{% endhighlight %}",
            '[b]({{< relref "posts/x.md" >}})']
    out = preprocess(body, "jekyll", False)
    assert out[0] == "" and out[1] == "See [a](seolint-post-url:2024-01-01-x) ."
    # an explicit {#id} stays for seolint.sources.headingids, which takes it off the heading
    assert out[2] == "" and out[3] == "## Heading {#custom-id}"
    assert out[5] == "{% raw %}kept in code"
    assert out[7:10] == ["```ruby", "puts 1", "```"]
    assert out[10] == "[b](seolint-ref:posts/x.md)"


def test_huge_file_renders(tmp_path: Path) -> None:
    para = "Running backwards is a good exercise for the knees and the balance. " * 20
    text = "---\ntitle: Huge\n---\n" + "\n\n".join(f"## Part {i}\n\n{para}" for i in range(2000))
    _, page = page_of(text)
    # Part i's heading is on line 4 + 4i: the front matter, then heading, blank, text, blank.
    assert len(page.headings) == 2001 and page.headings[-1].pos.line == 4 + 4 * 1999


# --- URLs -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("generator", "rel", "fm", "url", "kind"), [
    ("jekyll", "_posts/2018-03-24-The Dating Game: Learning to Code, part I.md", {},
     "/2018/03/24/The-Dating-Game-Learning-to-Code,-part-I.html", "post"),
    ("jekyll", "blog/_posts/2024-05-01-hi.md", {"categories": "Tech News"},
     "/blog/tech/news/2024/05/01/hi.html", "post"),
    ("jekyll", "about.md", {}, "/about.html", "page"),
    ("jekyll", "_posts/2024-05-01-x.md", {"permalink": "/custom/:title/"}, "/custom/x/", "post"),
    ("hugo", "posts/My Post.md", {}, "/posts/my-post/", "post"),
    ("hugo", "posts/bundle/index.md", {"slug": "other"}, "/posts/other/", "post"),
    ("hugo", "posts/_index.md", {}, "/posts/", "listing"),
    ("hugo", "about.md", {"url": "/who/"}, "/who/", "page"),
    ("zola", "blog/2024-05-01_first-post.md", {}, "/blog/first-post/", "post"),
    ("zola", "x.md", {"path": "2024/05/01/Rust-1.0"}, "/2024/05/01/Rust-1.0/", "post"),
    ("eleventy", "posts/first.md", {"permalink": "/plan/"}, "/plan/", "post"),
    ("generic", "2024-05-01-a post.md", {}, "/a post/", "post"),
    ("sveltekit", "about/+page.md", {}, "/about/", "page"),
])
def test_urls_follow_each_generator(generator: str, rel: str, fm: dict, url: str,
                                    kind: str) -> None:
    placed = place(PurePosixPath(rel), fm, Project(generator))
    assert (placed.url_path, placed.kind) == (url, kind)


def test_jekyll_pretty_slug_keeps_case_and_commas() -> None:
    assert slug_jekyll("I’m Short, But Not Selling Myself Short") == (
        "I-m-Short,-But-Not-Selling-Myself-Short")


def test_hugo_permalinks_from_config() -> None:
    project = Project("hugo", permalinks=(("posts", "/:year/:month/:slug/"),))
    placed = place(PurePosixPath("posts/hello.md"), {"date": "2024-05-01"}, project)
    assert placed.url_path == "/2024/05/hello/" and placed.date == "2024-05-01"


# --- end to end -----------------------------------------------------------------------------

def test_file_names_with_spaces_colons_and_apostrophes(tmp_path: Path) -> None:
    names = ["2024-05-01-a post: with a colon.md", "it's here.md", "plain.markdown"]
    for name in names:
        (tmp_path / name).write_text(
            f"---\ntitle: \"{name}\"\n---\n\n![](x.png)\n", encoding="utf-8")
    code, data = lint(".", "--select", "I001", cwd=tmp_path)
    assert sorted(f["path"] for f in data["findings"]) == sorted(names)
    assert all(f["line"] == 5 for f in data["findings"]) and code == 1


def test_drafts_are_skipped_unless_asked(tmp_path: Path) -> None:
    (tmp_path / "_drafts").mkdir()
    (tmp_path / "_config.yml").write_text("title: x\n")
    (tmp_path / "_drafts" / "later.md").write_text("---\ntitle: x\n---\n")
    (tmp_path / "draft.md").write_text("---\ntitle: x\ndraft: true\n---\n")
    (tmp_path / "hidden.md").write_text("---\ntitle: x\npublished: false\n---\n")
    (tmp_path / "live.md").write_text("---\ntitle: x\n---\n")
    _, data = lint(".", "--select", "T005", cwd=tmp_path)
    assert [p["path"] for p in data["pages"]] == ["live.md"]
    _, data = lint(".", "--select", "T005", "--include-drafts", cwd=tmp_path)
    assert len(data["pages"]) == 4


def test_a_binary_md_file_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "bin.md").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "empty.md").write_bytes(b"")
    _, data = lint(".", "--select", "ALL", cwd=tmp_path)
    by_path = {f["path"]: f for f in data["findings"] if f["code"] == "X002"}
    assert "bin.md" in by_path and "text" in by_path["bin.md"]["message"]
    assert "empty.md" not in by_path  # empty is just an empty post


def test_markdown_and_html_together(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("---\ntitle: x\n---\n\n[a](page.html)\n")
    (tmp_path / "page.html").write_text("<html><head><title>x</title></head><body>"
                                        "<h1>x</h1></body></html>")
    _, data = lint(".", "--select", "T005", cwd=tmp_path)
    assert sorted(p["path"] for p in data["pages"]) == ["page.html", "post.md"]


def test_generator_templates_and_build_output_are_not_pages(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("title: x\n")
    for folder in ("_layouts", "_site", "_posts"):
        (tmp_path / folder).mkdir()
    (tmp_path / "_layouts" / "default.html").write_text("<html>{{ content }}</html>")
    (tmp_path / "_site" / "index.html").write_text("<html><title>x</title></html>")
    (tmp_path / "index.html").write_text("---\nlayout: default\n---\n<h1>{{ site.title }}</h1>")
    (tmp_path / "_posts" / "2024-05-01-x.md").write_text("---\ntitle: x\n---\n")
    _, data = lint(".", "--select", "T005", cwd=tmp_path)
    assert [p["path"] for p in data["pages"]] == ["_posts/2024-05-01-x.md"]


def test_markdown_messages_speak_of_front_matter(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("Just a body.\n")
    _, data = lint("post.md", "--select", "T001,M001", cwd=tmp_path)
    assert sorted((f["code"], f["line"], f["message"]) for f in data["findings"]) == [
        ("M001", 1, "Front matter has no description"),
        ("T001", 1, "Front matter has no title")]
    assert "front matter" in data["findings"][0]["fix"]


def test_no_paths_uses_the_configured_content(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("---\ntitle: x\n---\n")
    (tmp_path / "seolint.toml").write_text('[markdown]\ncontent = ["posts"]\n')
    code, data = lint("--select", "T005", cwd=tmp_path)
    assert [p["path"] for p in data["pages"]] == ["posts/a.md"] and code == 0


@pytest.mark.parametrize(("table", "needle"), [
    ('[markdown]\ngenrator = "hugo"\n', "unknown key 'genrator'"),
    ('[markdown]\ngenerator = "gatsby"\n', "'generator' must be one of"),
    ('[markdown]\ntitle-template = "no placeholder"\n', "{title}"),
    ('[markdown]\ntitle-as-h1 = "yes"\n', "true or false"),
])
def test_bad_markdown_config_exits_2(tmp_path: Path, table: str, needle: str) -> None:
    (tmp_path / "seolint.toml").write_text(table)
    (tmp_path / "a.md").write_text("---\ntitle: x\n---\n")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "a.md"), "--config",
                                      str(tmp_path / "seolint.toml")])
    assert result.exit_code == 2 and needle in result.output


def test_head_from_front_matter_robots_canonical_lang() -> None:
    text = ("---\ntitle: T\nsummary: A summary used as the description\nnoindex: true\n"
            "canonical_url: https://example.org/t/\nlang: fr\n---\n")
    _, page = page_of(text)
    assert page.description == "A summary used as the description"
    assert page.descriptions[0].pos.line == 3
    assert page.noindex and not page.indexable
    assert page.canonicals[0].href == "https://example.org/t/" and page.lang == "fr"


def test_links_resolve_through_the_site(tmp_path: Path) -> None:
    """Relative .md links, Hugo refs and Zola @/ paths become the target post's URL; a missing
    target becomes a URL no page has; a path the theme may make is taken as existing."""
    from seolint.sources.markdown import discover

    (tmp_path / "hugo.toml").write_text('baseURL = "https://h.example/"\n')
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "a.md").write_text("---\ntitle: A\n---\n")
    (posts / "b.md").write_text(
        "---\ntitle: B\n---\n\n[1](a.md) [2]({{< ref \"a\" >}}) [3](gone.md) [4](/tags/x/) "
        "[5](/posts/zz/) [6](a.md#part)\n")
    found = discover([str(tmp_path / "content")], "https://h.example/", MarkdownOptions())
    assert found.site is not None
    item = next(i for i in found.items if i.file.endswith("b.md"))
    from seolint.sources.markdown import read

    doc = read(item, found.site, 10**6)
    page = parse(doc)
    assert [link.url for link in page.links] == [
        "https://h.example/posts/a/", "https://h.example/posts/a/",
        "https://h.example/posts/gone.md", "https://h.example/tags/x/",
        "https://h.example/posts/zz/", "https://h.example/posts/a/"]
    assert doc.assumed_urls == ("https://h.example/tags/x/",)  # /posts/zz/ is checked
