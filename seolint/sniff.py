"""Is a decoded document HTML at all? Content sniffing for files and answers labelled HTML.

A static export of a WordPress site saves its RSS feeds (`/feed/index.html`, starting
`<?xml …?><rss>`) and its wp-json answers as `index.html`; a server labels them text/html
because of the name. Browsers do not render those as pages, and no page rule should judge them
(an RSS feed's `<item><title>`s are not extra `<title>`s). The checks follow the WHATWG MIME
Sniffing standard:

- section 7.2, "sniffing a mislabeled feed": skip a byte-order mark, whitespace, comments
  (`<!-- … -->`), declarations (`<! … >`) and processing instructions (`<? … ?>`); a first
  element named `rss` is RSS, `feed` is Atom, `rdf:RDF` naming the RSS 1.0 namespace is RSS;
- an XML document (it starts with `<?xml`) whose first element is not `html` is XML, not HTML
  (a sitemap, an RSD or oEmbed answer): XHTML keeps `<html>` as its root and stays a page;
- JSON (a WordPress REST answer) is not in the sniffing table, since browsers never guess it,
  but a document that starts with `{` or `[` and parses as JSON is no page either.

Anything else, fragments without `<html>` included, is HTML.
"""

from __future__ import annotations

import json
import re

_PROLOGUE = re.compile(r"\s*(?:<!--.*?-->|<![^>]*>|<\?.*?\?>)", re.DOTALL)
_FIRST_ELEMENT = re.compile(r"\s*<([A-Za-z][\w.:-]*)")
_RSS1_NAMESPACE = "http://purl.org/rss/1.0/"
_RDF_NAMESPACE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_HEAD = 65536  # characters read: the root element sits in the first few hundred


def not_html(text: str) -> str | None:
    """Why this decoded document is not HTML ("an RSS feed"), or None when it is HTML."""
    head = text[:_HEAD].lstrip("\ufeff \t\r\n\f")
    if head[:1] in ("{", "["):
        try:
            json.loads(text)
        except ValueError:
            return None  # "[draft] My post" as a fragment's first words is still text
        return "a JSON document"
    pos = 0
    while True:
        m = _PROLOGUE.match(head, pos)
        if m is None:
            break
        pos = m.end()
    m = _FIRST_ELEMENT.match(head, pos)
    if m is None:
        return None
    root = m.group(1)
    lower = root.lower()
    if lower == "rss":
        return "an RSS feed (its root element is <rss>)"
    if lower == "feed":
        return "an Atom feed (its root element is <feed>)"
    if root == "rdf:RDF" and _RSS1_NAMESPACE in head and _RDF_NAMESPACE in head:
        return "an RSS 1.0 feed (its root element is <rdf:RDF>)"
    if head.startswith("<?xml") and lower != "html":
        return f"an XML document (its root element is <{root[:40]}>)"
    return None
