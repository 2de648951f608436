"""seolint.htmltree builds the tree BeautifulSoup(text, "html.parser") would, node for node.

parse.py reads pages through htmltree for speed; these tests are what lets it claim bs4's
semantics: every element with its name, attributes, parent and source position, and every text
node with its kind and text, in document order, on the fixtures and on real sites.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from bs4 import (
    BeautifulSoup,
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Tag,
)
from bs4.element import (
    RubyParenthesisString,
    RubyTextString,
    Script,
    Stylesheet,
    TemplateString,
)

from seolint.analysis.analyser import Analyser, Context
from seolint.config import Settings
from seolint.document import RawDocument
from seolint.htmltree import (
    CDATA,
    COMMENT,
    CONTAINED,
    DECLARATION,
    TEXT,
    Element,
    Text,
    parse_tree,
)
from seolint.parse import PSEUDO_ORIGIN, TEXT_BUDGET, TEXT_LIMIT, decode, parse_html
from seolint.registry import select_rules

ROOT = Path(__file__).resolve().parents[1]
SITES = ROOT.parent / "shared" / "corpus" / "sites"

_KINDS: dict[type, int] = {
    NavigableString: TEXT, CData: CDATA, Comment: COMMENT, Script: CONTAINED,
    Stylesheet: CONTAINED, TemplateString: CONTAINED, RubyTextString: CONTAINED,
    RubyParenthesisString: CONTAINED, Doctype: DECLARATION, Declaration: DECLARATION,
    ProcessingInstruction: DECLARATION,
}
# bs4 splits these into lists of tokens; htmltree keeps the value as written.
_LIST_ATTRS = frozenset({"class", "rel", "rev", "accept-charset", "headers", "accesskey",
                         "dropzone"})

Shape = tuple[object, ...]


def bs4_shape(text: str) -> list[Shape]:
    soup = BeautifulSoup(text, "html.parser")
    nodes = list(soup.descendants)
    index = {id(node): i for i, node in enumerate(nodes)}
    index[id(soup)] = -1
    out: list[Shape] = []
    for node in nodes:
        parent = index[id(node.parent)]
        if isinstance(node, Tag):
            attrs = {k: " ".join(v) if isinstance(v, list) else str(v)
                     for k, v in node.attrs.items()}
            out.append(("element", node.name, attrs, node.sourceline, node.sourcepos, parent))
        else:
            out.append(("text", _KINDS[type(node)], str(node), parent))
    return out


def tree_shape(text: str) -> list[Shape]:
    tree = parse_tree(text)
    index = {id(node): i for i, node in enumerate(tree.nodes)}
    index[id(tree.root)] = -1
    out: list[Shape] = []
    for node in tree.nodes:
        assert node.parent is not None
        parent = index[id(node.parent)]
        if isinstance(node, Element):
            attrs = {k: " ".join(v.split()) if k in _LIST_ATTRS else v
                     for k, v in node.attrs.items()}
            out.append(("element", node.name, attrs, node.line, node.col, parent))
        else:
            out.append(("text", node.kind, node.data, parent))
    return out


def assert_same_tree(text: str) -> None:
    expected, got = bs4_shape(text), tree_shape(text)
    for i, (want, have) in enumerate(zip(expected, got, strict=False)):
        assert have == want, f"node {i} differs"
    assert len(got) == len(expected)


CASES = {
    "stray end tag": "<div><p>a</span>b</p></div>",
    "end tag closes what is open inside": "<div><p><b>a</div>after",
    "void elements": "<p>a<br>b<img src=x></img>c<br/>d</p><input>",
    "whitespace squeezed": "<ul>\n  <li>a</li>  <li>b</li>\n</ul><pre>\n  kept  \n</pre>",
    "script style template ruby": ("<script>if (a < b) { x = '</div>' }</script><style>p{}</style>"
                                   "<template><p>t</p></template><ruby>漢<rt>kan</rt></ruby>"),
    "comments doctype cdata pi": "<!DOCTYPE html><!-- c --><![CDATA[x]]><?php echo 1 ?><p>t</p>",
    "references": "<p>&amp; &copy &#147; &#x2014; &nosuch; &#27;</p><a title='&lt;b&gt;'>x</a>",
    "repeated and bare attributes": "<p class=a class=b hidden id='q'>x</p>",
    "no html, head or body": "<title>t</title><p>text</p>",
    "markup in title": "<title>A <b>bold</b> &amp; <!-- c --> title</title>",
    "text after html": "<html><body><p>a</p></body></html>\n<p>after</p>",
    "unclosed": "<div><p>a<p>b<div>c",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_tree_equals_beautifulsoup_on_edge_cases(text: str) -> None:
    assert_same_tree(text)


def test_tree_equals_beautifulsoup_on_every_fixture() -> None:
    files = sorted((ROOT / "fixtures").rglob("*.html"))
    assert len(files) > 50
    for path in files:
        text, _ = decode(path.read_bytes())
        assert_same_tree(text)


@pytest.mark.skipif(not SITES.is_dir(), reason="../shared/corpus is not beside the project")
def test_tree_equals_beautifulsoup_on_real_sites() -> None:
    files = sorted(SITES.rglob("*.html"))[::7]  # a spread of every site, not all 2,000 pages
    assert len(files) > 100
    for path in files:
        text, _ = decode(path.read_bytes())
        assert_same_tree(text)


def test_descendants_are_a_slice_of_the_document_order() -> None:
    tree = parse_tree("<div><p>a<b>b</b></p><p>c</p></div><p>d</p>")
    div = tree.all("div")[0]
    inside = tree.nodes[div.index + 1:div.end]
    assert [getattr(n, "name", None) or n.data for n in inside] == [
        "p", "a", "b", "b", "p", "c"]
    assert [p.index for p in div.elements("p")] == [p.index for p in tree.all("p")[:2]]
    assert div.first("b") is tree.all("b")[0]
    assert div.first("span", "b") is tree.all("b")[0]
    assert tree.all("b")[0].parent.parent is div
    assert "|".join(div.read_strings()) == "a|b|c"
    assert div.read_strings(limit=1) == ["a", "b"]  # stops once past the limit


def test_text_kinds_say_what_a_reader_sees() -> None:
    tree = parse_tree("<p>seen<!-- not --><script>var x</script></p>")
    kinds = {n.data: n.kind for n in tree.nodes if isinstance(n, Text)}
    assert kinds == {"seen": TEXT, " not ": COMMENT, "var x": CONTAINED}
    assert tree.all("p")[0].read_strings() == ["seen"]
    assert tree.all("script")[0].own_text() == "var x"


def test_title_is_the_source_text_with_references_decoded() -> None:
    page = parse_html("<head><title>A <b class=x>bold</b> &amp; &#27;[1m move</title></head>")
    # As a browser shows it: the markup literally, as written; ESC kept for the sanitiser.
    assert page.titles[0].text == "A <b class=x>bold</b> & \x1b[1m move"


def test_content_selector_finds_the_same_element_by_position() -> None:
    html = ("<body><div class='post'><h1>T</h1><p>in the post</p></div>"
            "<div class='other'><p>elsewhere</p></div></body>")
    page = parse_html(html, content_selector="div.post")
    assert page.main_found_by == "selector"
    assert [b.text for b in page.blocks] == ["T", "in the post"]
    missing = parse_html(html, content_selector="section.none")
    assert missing.main_found_by == "heuristic"


def test_analysing_a_page_leaves_no_reference_cycles() -> None:
    """The tree's parent links and the page's analysis caches are cut once a page is analysed,
    so its objects are freed at once by reference counting: the cycle collector, which had been
    5 % of a page's analysis time, finds nothing to do."""
    settings = Settings()
    analyser = Analyser(Context(settings, tuple(cr.rule.code for cr in select_rules(settings))))
    for path in sorted((ROOT / "fixtures" / "sample-blog").rglob("*.html")):
        doc = RawDocument(url=PSEUDO_ORIGIN + "/" + path.name, path=None, body=path.read_bytes())
        analyser.analyse(doc)  # the first time fills per-process caches (word lists, stems)
        gc.collect()
        gc.disable()
        try:
            analyser.analyse(doc)
            unreachable = gc.collect()
        finally:
            gc.enable()
        assert unreachable == 0, path.name


def test_nested_links_and_headings_read_a_bounded_text() -> None:
    """html.parser nests <a> in <a> and <h2> in <h2> (a browser would not): each one's text is
    everything after it, so reading it whole costs the square of the page. Each text is read to
    TEXT_LIMIT characters, and a page's reading stops at TEXT_BUDGET nodes."""
    n = 3000
    page = parse_html("<main>" + "<a href=/x>word " * n + "</main>")
    assert len(page.links) == n
    first, last = page.links[0].text, page.links[-1].text
    assert TEXT_LIMIT <= len(first) < TEXT_LIMIT + 10  # read to the limit, not to the end
    assert last == "word"
    page = parse_html("<main>" + "<h2>title " * n + "</main>")
    assert len(page.headings) == n
    assert len(page.headings[0].text) < TEXT_LIMIT + 10
    assert page.headings[-1].text == "title"


def test_a_page_that_spends_the_text_budget_still_reads_each_own_text() -> None:
    n = TEXT_BUDGET // 150  # nested links whose texts each visit about 200 nodes
    page = parse_html("<main>" + "<a href=/x>w " * n + "</main>")
    assert len(page.links) == n
    assert page.links[0].text.startswith("w w w")  # within the budget: the text inside it
    assert page.links[-2].text == "w"  # past it: the link's own text only (not "w w")


def test_titles_without_end_tags_are_each_read_once() -> None:
    page = parse_html("<head>" + "<title>x " * 2000 + "</title></head>")
    assert len(page.titles) == 2000
    assert page.titles[-1].text == "x"
    assert len(page.titles[0].text) <= 4 * TEXT_LIMIT
    svg = parse_html("<title>Page</title><body><svg><title>Drawing</title></svg></body>")
    assert [t.text for t in svg.titles] == ["Page"]
