"""The document tree parse.py reads: bs4's html.parser front end, with light nodes behind it.

Why not a BeautifulSoup object: building bs4's Tag and NavigableString objects is most of the
cost of reading a page (1.6 of 1.9 ms for a typical blog post, against 0.3 ms for the tokenizer),
and seolint walks each tree exactly once, in document order, before it is thrown away. So this
module keeps everything of bs4 that decides *what* the tree is, and replaces only the objects:

- the tokenizer is bs4's own `BeautifulSoupHTMLParser` (the standard library's HTMLParser plus
  bs4's handling of character references, entities, comments, doctypes, CDATA and void
  elements), so tags, attributes, text and line/column positions are exactly what
  `BeautifulSoup(text, "html.parser")` gives;
- tree construction follows bs4's rules: an end tag closes the most recent open element of that
  name and everything opened inside it, and is ignored when none is open; whitespace-only text
  outside <pre>/<textarea> is squeezed to one space or newline; text inside script, style,
  template, rt and rp is set apart as bs4's string containers do.

`tests/test_htmltree.py` holds the tree equal to BeautifulSoup's, node for node, on the sample
blog and on real sites. The tree keeps a flat list of its nodes in document order: an element's
descendants are the slice `nodes[element.index + 1:element.end]`, so "every element", "every
<img> inside this link" and "is there an <h1> in here" need no recursion.

For CSS selection (`--content-selector`) parse.py still builds a real BeautifulSoup tree, since
soupsieve works on bs4 objects, and finds the same element here by its position.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, Final

from bs4.builder import HTMLTreeBuilder, ParserRejectedMarkup
from bs4.builder._htmlparser import BeautifulSoupHTMLParser
from bs4.element import CData, Comment

# Kinds of text node. TEXT is what a reader sees; read_strings() also takes CDATA by default,
# as bs4's get_text() does.
TEXT: Final = 0
CDATA: Final = 1
COMMENT: Final = 2
CONTAINED: Final = 3  # inside script, style, template, rt or rp
DECLARATION: Final = 4  # doctype, other <!...> declarations, processing instructions
READABLE: Final = frozenset({TEXT, CDATA})

_EMPTY_ELEMENTS: Final = frozenset(HTMLTreeBuilder.DEFAULT_EMPTY_ELEMENT_TAGS or ())
_STRING_CONTAINERS: Final = frozenset(HTMLTreeBuilder.DEFAULT_STRING_CONTAINERS)
_PRESERVE_WHITESPACE: Final = frozenset(HTMLTreeBuilder.DEFAULT_PRESERVE_WHITESPACE_TAGS)
_ASCII_SPACES: Final = "\x20\x0a\x09\x0c\x0d"
ROOT_NAME: Final = "[document]"
# Nodes (elements and text runs) a tree holds at most. Each costs about 250 bytes with what the
# extraction keeps beside it, and a 5 MB file of `<br>` would make 1.25 million: the cap keeps a
# hostile page in a few hundred MB. The largest page of the real-blog corpus has 34,000 tags.
MAX_NODES: Final = 250_000
_NEWLINE: Final = re.compile("\n")


class Text:
    """A run of text between two tags, merged as bs4 merges it."""

    __slots__ = ("data", "kind", "parent")

    def __init__(self, data: str, kind: int, parent: Element) -> None:
        self.data = data
        self.kind = kind
        self.parent = parent

    def __repr__(self) -> str:
        return f"Text({self.data!r}, kind={self.kind})"


class Element:
    """One element. `attrs` are as written (the last of a repeated attribute wins, a bare
    attribute is ""); `line` is 1-based and `col` 0-based, as bs4's sourceline/sourcepos."""

    __slots__ = ("name", "attrs", "parent", "contents", "line", "col", "index", "end", "tree")

    def __init__(self, tree: Tree, name: str, attrs: dict[str, str], parent: Element | None,
                 line: int | None, col: int | None, index: int) -> None:
        self.tree = tree
        self.name = name
        self.attrs = attrs
        self.parent = parent
        self.contents: list[Element | Text] = []
        self.line = line
        self.col = col
        self.index = index  # position in tree.nodes (-1 for the document itself)
        self.end = index + 1  # one past the last descendant, set when the element closes

    def __repr__(self) -> str:
        return f"<{self.name} at {self.line}:{self.col}>"

    @property
    def is_empty_element(self) -> bool:  # asked by BeautifulSoupHTMLParser after a start tag
        return not self.contents and self.name in _EMPTY_ELEMENTS

    def elements(self, name: str) -> Iterator[Element]:
        """Descendant elements of this name, in document order (a slice of the name's list)."""
        found = self.tree.by_name.get(name, [])
        for el in found[bisect_right(found, self.index, key=_index):]:
            if el.index >= self.end:
                break
            yield el

    def first(self, *names: str) -> Element | None:
        """The first descendant element with one of these names: a binary search in each name's
        list, never a walk of the subtree (a page of nested wrappers would make that quadratic)."""
        best: Element | None = None
        for name in names:
            found = self.tree.by_name.get(name)
            if not found:
                continue
            i = bisect_right(found, self.index, key=_index)
            if i < len(found) and found[i].index < self.end and (
                    best is None or found[i].index < best.index):
                best = found[i]
        return best

    def read_strings(self, kinds: frozenset[int] = READABLE, limit: float = math.inf,
                     budget: list[int] | None = None,
                     skip: Callable[[Element], bool] | None = None) -> list[str]:
        """The strings of these kinds inside the element, in document order, until `limit`
        characters are read: by default what bs4's get_text() joins (NavigableString and CData
        for an ordinary element). An element `skip` accepts is passed over with all inside it.

        `budget` is a one-item list of the nodes the caller may still visit, decreased by those
        this visits; once it is spent, only the element's own strings are read. html.parser
        nests unclosed elements, so each of a page's thousands of nested links holds the rest
        of the page: without a bound, reading all their texts costs the square of the page."""
        if budget is not None and budget[0] <= 0:
            return [n.data for n in self.contents if type(n) is Text and n.kind in kinds]
        nodes = self.tree.nodes
        parts: list[str] = []
        i, end, size, visited = self.index + 1, self.end, 0, 0
        while i < end and size <= limit:
            node = nodes[i]
            visited += 1
            if type(node) is Element:
                if skip is not None and skip(node):
                    i = node.end  # nothing inside is read: jump over the subtree
                    continue
            elif node.kind in kinds:
                parts.append(node.data)
                size += len(node.data)
            i += 1
        if budget is not None:
            budget[0] -= visited
        return parts

    def own_text(self) -> str:
        """The text directly inside, whatever its kind: a <script>'s source."""
        return "".join(n.data for n in self.contents if type(n) is Text)


def _index(el: Element) -> int:
    return el.index


class Tree:
    """A parsed document: the root (named "[document]"), every node in document order, and the
    elements by tag name."""

    __slots__ = ("root", "nodes", "by_name", "text", "title_start_tags", "line_starts", "cut")

    def __init__(self, text: str) -> None:
        self.text = text
        self.nodes: list[Element | Text] = []
        self.by_name: dict[str, list[Element]] = {}
        self.root = Element(self, ROOT_NAME, {}, None, None, None, -1)
        # The start tag as written, by element index, for <title> only: its content is taken
        # from the source (see parse._title_text).
        self.title_start_tags: dict[int, str] = {}
        self.line_starts: list[int] | None = None  # offsets of each line, when first asked
        # The source line where reading stopped at MAX_NODES, None when the whole page was read.
        self.cut: int | None = None

    def release(self) -> None:
        """Break the tree's reference cycles (parent <-> children, node -> tree), so that it is
        freed the moment the last reference goes instead of waiting for the cycle collector,
        which would otherwise scan every node of every page on the way."""
        for node in self.nodes:
            node.parent = None  # type: ignore[assignment]
            if type(node) is Element:
                node.contents = []
                node.tree = None  # type: ignore[assignment]
        self.root.contents = []
        self.root.tree = None  # type: ignore[assignment]
        self.nodes = []
        self.by_name = {}

    def first(self, name: str) -> Element | None:
        found = self.by_name.get(name)
        return found[0] if found else None

    def all(self, name: str) -> list[Element]:
        return self.by_name.get(name, [])

    def at(self, line: int | None, col: int | None) -> Element | None:
        """The element whose start tag is at this position (bs4's sourceline, sourcepos)."""
        for node in self.nodes:
            if type(node) is Element and node.line == line and node.col == col:
                return node
        return None

    def offset(self, line: int, col: int) -> int:
        """Absolute offset in `text` of a (1-based line, 0-based column) position, counting lines
        as html.parser does (by "\\n" alone)."""
        if self.line_starts is None:
            self.line_starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]
        return self.line_starts[line - 1] + col


class _BuilderFacts:
    """What BeautifulSoupHTMLParser reads from `soup.builder`."""

    attribute_dict_class = dict
    store_line_numbers = True


class _TreeBuilder:
    """Receives BeautifulSoupHTMLParser's calls in place of a BeautifulSoup object and builds
    a Tree by bs4's construction rules (see bs4.BeautifulSoup.handle_starttag, endData and
    _popToTag)."""

    builder = _BuilderFacts()

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.nodes = tree.nodes
        self.by_name = tree.by_name
        self.current = tree.root
        self.stack: list[Element] = [tree.root]
        self.open: dict[str, int] = {}
        self.data: list[str] = []
        self.preserve_whitespace = 0  # open <pre>/<textarea> elements
        self.containers: list[Element] = []  # open string containers (script, style, ...)
        # Set by BeautifulSoupHTMLParser for a reference it had to replace with U+FFFD; parse
        # finds undecodable text in the decoded page itself, so nothing reads it.
        self.contains_replacement_characters = False

    def handle_starttag(self, name: str, namespace: str | None, nsprefix: str | None,
                        attrs: dict[str, str], sourceline: int | None = None,
                        sourcepos: int | None = None, namespaces: Any = None) -> Element:
        if self.data:
            self.endData()
        if len(self.nodes) >= MAX_NODES:
            raise _NodeLimit
        parent = self.current
        el = Element(self.tree, name, attrs, parent, sourceline, sourcepos, len(self.nodes))
        self.nodes.append(el)
        parent.contents.append(el)
        found = self.by_name.get(name)
        if found is None:
            self.by_name[name] = [el]
        else:
            found.append(el)
        self.stack.append(el)
        self.current = el
        self.open[name] = self.open.get(name, 0) + 1
        if name in _PRESERVE_WHITESPACE:
            self.preserve_whitespace += 1
        if name in _STRING_CONTAINERS:
            self.containers.append(el)
        return el

    def handle_endtag(self, name: str, nsprefix: str | None = None) -> None:
        if self.data:
            self.endData()
        if not self.open.get(name):
            return  # nothing of that name is open: a stray end tag is ignored
        while len(self.stack) > 1:
            if self._pop().name == name:
                break

    def _pop(self) -> Element:
        el = self.stack.pop()
        el.end = len(self.nodes)
        self.open[el.name] -= 1
        if el.name in _PRESERVE_WHITESPACE:
            self.preserve_whitespace -= 1
        if self.containers and self.containers[-1] is el:
            self.containers.pop()
        self.current = self.stack[-1]
        return el

    def handle_data(self, data: str) -> None:
        self.data.append(data)

    def endData(self, container: type | None = None) -> None:  # noqa: N802 (bs4's name)
        if not self.data:
            return
        data = "".join(self.data)
        self.data = []
        if not self.preserve_whitespace and not data.strip(_ASCII_SPACES):
            data = "\n" if "\n" in data else " "
        if container is None:
            kind = CONTAINED if self.containers else TEXT
        elif container is Comment:
            kind = COMMENT
        elif container is CData:
            kind = CDATA
        else:
            kind = DECLARATION
        if len(self.nodes) >= MAX_NODES:
            raise _NodeLimit
        text = Text(data, kind, self.current)
        self.nodes.append(text)
        self.current.contents.append(text)

    def finish(self) -> None:
        self.endData()
        while len(self.stack) > 1:
            self._pop()
        self.tree.root.end = len(self.nodes)


class _NodeLimit(Exception):
    """The tree holds MAX_NODES: stop reading the page."""


class _Multiset:
    """What bs4 keeps in a list, `already_closed_empty_element`: the void elements (<img>,
    <br>) whose redundant end tag may still come. Every end tag asks `tag in list`, so a page
    of 100,000 images in paragraphs cost 10^10 comparisons (60 s); counted by name, each is
    one lookup. The same three operations, the same answers."""

    __slots__ = ("counts",)

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def append(self, tag: str) -> None:
        self.counts[tag] = self.counts.get(tag, 0) + 1

    def __contains__(self, tag: object) -> bool:
        return self.counts.get(tag, 0) > 0  # type: ignore[call-overload]

    def remove(self, tag: str) -> None:
        left = self.counts[tag] - 1
        if left:
            self.counts[tag] = left
        else:
            del self.counts[tag]


class _Parser(BeautifulSoupHTMLParser):
    def __init__(self, builder: _TreeBuilder) -> None:
        # bs4's HTMLParserTreeBuilder turns convert_charrefs off, so that references reach its
        # handle_charref/handle_entityref; do the same.
        super().__init__(builder, convert_charrefs=False)  # type: ignore[arg-type]
        self.tree = builder.tree
        self.already_closed_empty_element = _Multiset()  # type: ignore[assignment]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]],
                        handle_empty_element: bool = True) -> None:
        super().handle_starttag(tag, attrs, handle_empty_element)
        if tag == "title":
            text = self.get_starttag_text()
            if text:
                self.tree.title_start_tags[self.tree.by_name["title"][-1].index] = text


    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # html.parser knows SGML's marked sections (<![CDATA[, <![if ...]>) and gives up with an
        # AssertionError on any other keyword (<![foo[x]]>), which bs4 turns into
        # ParserRejectedMarkup for the whole page. A browser reads such a section as a bogus
        # comment up to the next `>` (HTML standard, "markup declaration open state"): so do we.
        try:
            return super().parse_marked_section(i, report)  # type: ignore[no-any-return]
        except AssertionError:
            return self.parse_bogus_comment(i)  # type: ignore[no-any-return]

    def handle_entityref(self, name: str) -> None:
        # bs4's own handler looks the name up in a table whose first use also compiles a
        # regex of every entity, for output (0.05-0.1 s, most of a one-page check's parse);
        # the same table, without the regex, from the same source.
        character = html_entities().get(name)
        self.handle_data(character if character is not None else "&" + name)


@cache
def html_entities() -> dict[str, str]:
    """Entity name (without ";") -> text, as bs4's EntitySubstitution.HTML_ENTITY_TO_CHARACTER
    has it: the first of html5's names in sorted order wins."""
    from html.entities import html5

    out: dict[str, str] = {}
    for name, character in sorted(html5.items()):
        out.setdefault(name.removesuffix(";"), character)
    return out


def parse_tree(text: str) -> Tree:
    """Parse HTML text. Raises bs4's ParserRejectedMarkup where BeautifulSoup would."""
    tree = Tree(text)
    builder = _TreeBuilder(tree)
    parser = _Parser(builder)
    try:
        parser.feed(text)
        parser.close()
    except AssertionError as exc:  # html.parser's way of giving up, as bs4 reports it
        raise ParserRejectedMarkup(exc) from exc
    except _NodeLimit:
        tree.cut = parser.getpos()[0]
        builder.data = []  # text of the node that did not fit
    builder.finish()
    return tree
