"""Main-content blocks: where a <br> or a nested block cuts a block's text into units."""

from __future__ import annotations

from seolint.document import LINE_BREAK, RawDocument
from seolint.parse import parse, resolve
from seolint.sanitize import clean
from seolint.text import analysis


def _page(body: str):  # type: ignore[no-untyped-def]
    html = f'<!doctype html><html lang="en"><head><title>t</title></head><body><main>{body}</main></body></html>'
    return parse(RawDocument(url="https://example.org/post/", path=None, body=html.encode()))


def test_br_ends_a_sentence_unit_but_not_the_block() -> None:
    page = _page("<p>Lettuce<br>Lettuce is the easiest plant to grow indoors in winter.</p>")
    [block] = [b for b in page.blocks if b.kind == "p"]
    assert block.text == f"Lettuce{LINE_BREAK}Lettuce is the easiest plant to grow indoors in winter."
    assert block.words == 11
    sentences = [s.text for s in analysis(page).sentences]
    assert sentences == ["Lettuce", "Lettuce is the easiest plant to grow indoors in winter."]


def test_br_spacing_is_collapsed_per_line_and_trailing_breaks_dropped() -> None:
    page = _page("<p>  one  two <br/>  <br>three   four<br></p>")
    [block] = [b for b in page.blocks if b.kind == "p"]
    assert block.text == f"one two{LINE_BREAK}three four"


def test_a_heading_with_a_br_is_one_unit() -> None:
    page = _page("<h1>Backward running<br>a complete guide</h1><p>Text here.</p>")
    heading = analysis(page).sentences[0]
    assert heading.text == "Backward running a complete guide"


def test_text_around_a_nested_list_is_two_units() -> None:
    page = _page("<div>The syntax studies [1], [2]:<ul><li>word order</li><li>agreement"
                 "</li></ul>Works by Derek Bickerton see it as biology.</div>")
    texts = [(b.kind, b.text) for b in page.blocks]
    assert texts == [("other", "The syntax studies [1], [2]:"), ("li", "word order"),
                     ("li", "agreement"), ("other", "Works by Derek Bickerton see it as biology.")]
    assert [s.text for s in analysis(page).sentences][-1] == (
        "Works by Derek Bickerton see it as biology.")


def test_a_link_counts_for_its_own_segment_only() -> None:
    page = _page('<div>A <a href="https://example.org/study">study</a> found 30% less stress.'
                 "<p>Nested paragraph.</p>Scientists say 20% more calories.</div>")
    links = {b.text: b.links for b in page.blocks}
    assert links["A study found 30% less stress."] == 1
    assert links["Scientists say 20% more calories."] == 0


def test_terminal_output_shows_a_line_break_as_a_space() -> None:
    assert clean(f"one{LINE_BREAK}two\u2029three") == "one two three"


def test_resolve_cache_agrees_with_a_fresh_resolution() -> None:
    # Root-relative hrefs are cached per origin; the result must not leak across origins.
    assert resolve("https://a.example/x/y/", "/tags/z/") == "https://a.example/tags/z/"
    assert resolve("https://b.example/p/", "/tags/z/") == "https://b.example/tags/z/"
    assert resolve("https://a.example/deep/er/", "/tags/z/#top") == "https://a.example/tags/z/"
    assert resolve("https://a.example", "/x/../y") == "https://a.example/y"
    assert resolve("https://a.example/p/", "https://c.example/q?x=1#f") == "https://c.example/q?x=1"
    assert resolve("https://a.example/p/", "//cdn.example/lib.js") == "https://cdn.example/lib.js"
    assert resolve("https://a.example/p/", "rel/") == "https://a.example/p/rel/"
    assert resolve("file:///site/index.html", "/x") is None


# --- code that highlighters mark without <pre>, or inside tables: never prose ------------------

_HEXO = ('<figure class="highlight python"><table><tr><td class="gutter"><pre><span class="line">1'
         '</span><br><span class="line">2</span><br></pre></td><td class="code"><pre><span class='
         '"line">x = torch.ones(2, requires_grad=True)</span><br><span class="line">y = x.detach()'
         ' tensor tensor</span><br></pre></td></tr></table></figure>')
_HUGO_LNTABLE = ('<div class="highlight"><div class="chroma"><table class="lntable"><tr><td class='
                 '"lntd"><pre tabindex="0" class="chroma"><code><span class="lnt">1\n</span></code>'
                 '</pre></td><td class="lntd"><pre tabindex="0" class="chroma"><code class="language'
                 '-python" data-lang="python"><span class="line"><span class="cl">tensor = tensor.'
                 'detach()\n</span></span></code></pre></td></tr></table></div></div>')
_DECKGO = ('<deckgo-highlight-code language="javascript"><code slot="code">const a = tensor;\n'
           'const b = tensor;</code></deckgo-highlight-code>')


def test_highlighter_code_is_neither_prose_nor_table_words() -> None:
    """Hexo's and Hugo's line-numbered tables and deckgo's custom element hold code: they count
    in no word count and no keyphrase count (a <pre> in a <td> used to count as table text)."""
    from seolint.keyphrase import content_words, sentence_terms

    prose = "<p>Detach the tensor from the graph before you convert it.</p>"
    plain = _page(prose)
    for code in (_HEXO, _HUGO_LNTABLE, _DECKGO):
        page = _page(prose + code)
        assert {b.kind for b in page.blocks if "tensor" in b.text and b.kind != "p"} == {"pre"}
        assert page.main_words == plain.main_words
        assert content_words(page) == content_words(plain)
        assert len(sentence_terms(page)) == len(sentence_terms(plain))


def test_a_span_marked_highlight_stays_prose() -> None:
    page = _page('<p>Run it <span class="highlight">twice</span> a day.</p>'
                 '<div class="md-copyright__highlight">Made with love</div>')
    assert [b.kind for b in page.blocks] == ["p", "other"]
    assert page.main_words == 8


def test_inline_code_stays_in_its_sentence() -> None:
    page = _page('<p>Call <code class="language-plaintext highlighter-rouge">detach()</code> '
                 "first.</p>")
    assert [s.text for s in analysis(page).sentences] == ["Call detach() first."]


def test_quarto_code_summary_is_not_prose() -> None:
    page = _page('<details class="code-fold"><summary>Code</summary><div class="sourceCode '
                 'cell-code"><pre class="sourceCode python"><code>import numpy</code></pre></div>'
                 "</details><details><summary>Why it works</summary><p>Because.</p></details>")
    assert [(b.kind, b.text) for b in page.blocks] == [
        ("pre", "Code"), ("pre", "import numpy"), ("other", "Why it works"), ("p", "Because.")]


def test_text_after_a_child_block_is_placed_on_its_own_line() -> None:
    html = ('<!doctype html><html lang="en"><head><title>t</title></head><body><main>\n'
            "<div>Some text before.\n"
            "<ul><li>an item</li></ul>\n"
            "and the text after the list.\n"
            "</div></main></body></html>")
    page = parse(RawDocument(url="https://example.org/post/", path=None, body=html.encode()))
    lines = {b.text: b.pos.line for b in page.blocks}
    assert lines == {"Some text before.": 2, "an item": 3, "and the text after the list.": 4}


def test_a_colon_in_a_fragment_starts_no_url_scheme() -> None:
    """Footnote anchors (#fn:1, #fnref:2) and heading ids with a colon are links to the page
    itself; only RFC 3986 schemes (a letter, then letters, digits, + - .) are schemes."""
    base = "https://example.org/post/"
    assert resolve(base, "#fn:33") == base
    assert resolve(base, "#NOTE:-This-setup") == base
    assert resolve(base, "mailto:me@example.org") is None
    assert resolve(base, "javascript:void(0)") is None
    assert resolve(base, "(https:/getnikola.com/") == base + "(https:/getnikola.com/"


def test_blocks_inside_a_blockquote_are_marked_quoted() -> None:
    page = _page("<main><p>Mine.</p><blockquote>Their lead.<p>Theirs.</p><div><p>Deeper.</p>"
                 "</div></blockquote><p>Mine again.</p></main>")
    assert [(b.text, b.quoted) for b in page.blocks] == [
        ("Mine.", False), ("Their lead.", True), ("Theirs.", True), ("Deeper.", True),
        ("Mine again.", False)]
    assert [u.quoted for u in analysis(page).units] == [False, True, True, True, False]


def test_headings_inside_a_blockquote_are_quoted() -> None:
    page = _page("<h2>Goals</h2><blockquote><h3>Blockers</h3><p>None.</p></blockquote>"
                 "<h3>Blockers</h3>")
    assert [(h.text, h.quoted) for h in page.headings] == [
        ("Goals", False), ("Blockers", True), ("Blockers", False)]


def _head(head: str, url: str):  # type: ignore[no-untyped-def]
    html = (f'<!doctype html><html lang="en"><head><title>t</title>{head}</head>'
            "<body><main><h1>t</h1><p>Text.</p></main></body></html>")
    return parse(RawDocument(url=url, path=None, body=html.encode()))


def test_hugo_og_type_article_alone_does_not_make_a_post() -> None:
    """flink-hugo: Hugo's Open Graph template writes og:type article on every regular page, and
    article:published_time only on dated ones; a product page is a page, a dated one a post."""
    hugo = '<meta name="generator" content="Hugo 0.124.1"><meta property="og:type" content="article">'
    assert _head(hugo, "https://flink.example/what-is-flink-ml/").kind == "page"
    dated = hugo + '<meta property="article:published_time" content="2021-09-07T00:00:00+00:00">'
    assert _head(dated, "https://flink.example/what-is-flink-ml/").kind == "post"
    assert _head(hugo, "https://flink.example/2021/09/07/a-post/").kind == "post"
    other = '<meta property="og:type" content="article">'
    assert _head(other, "https://blog.example/a-post.html").kind == "post"
