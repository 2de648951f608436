"""htmltree resolves named entities from its own table (bs4's first use of its table also
compiles a regex only output needs): the table and the text must be bs4's."""

from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.dammit import EntitySubstitution

from seolint.htmltree import Text, html_entities, parse_tree


def test_entity_table_is_bs4s() -> None:
    assert html_entities() == EntitySubstitution.HTML_ENTITY_TO_CHARACTER


def test_entities_in_text_read_as_bs4_reads_them() -> None:
    html = ("<p>Fish &amp; chips &copy 2024 &NotGreaterFullEqual; &nosuch; &lt;b&gt; "
            "caf&eacute;</p>")
    tree = parse_tree(html)
    text = "".join(n.data for n in tree.nodes if isinstance(n, Text))
    assert text == BeautifulSoup(html, "html.parser").get_text()
    assert "Fish & chips © 2024" in text and "&nosuch" in text
