"""A page is not HTML (binary data, or a non-HTML content type).

## What it does
Reports a file or URL that was expected to be an HTML page but holds something else: binary data
in a `.html` file, text that decodes in no encoding, a URL that answers with another content
type, or a document whose content is a feed, XML or JSON though its name or its Content-Type
says HTML. The content is sniffed as a browser sniffs it (WHATWG MIME Sniffing, "sniffing a
mislabeled feed"; `seolint.sniff`): a first element `<rss>`, `<feed>` (Atom) or an RSS 1.0
`<rdf:RDF>`, an XML document whose root is not `<html>`, or text that parses as JSON. A WordPress
static export writes its feeds as `feed/index.html` and its REST answers as `wp-json/index.html`.
The file is recorded, not parsed, and no page rule runs on it (an RSS feed's `<item><title>`s are
not extra titles). XHTML, whose root is `<html>`, and HTML fragments stay pages.

## Why is this bad?
A link to what looks like a page but is not one wastes the reader's click and the crawler's
budget; a binary file named `.html` is usually a build mistake, and a feed saved as
`index.html` is served as a page that is not one.

## Example
```xml
<?xml version="1.0" encoding="UTF-8"?><rss version="2.0">
<channel><title>Trail Notes</title>
<item><title>Backward running for bad knees</title></item>
</channel></rss>
```

## Use instead
Name the file `feed.xml` (or exclude the export's `feed/` folders), so that it is served as
`application/rss+xml` and not linted as a page.

## Options
None.
"""

from seolint.rule import source_rule

rule = source_rule("X007", "not-html", category="indexability", severity="warning",
                   module_doc=__doc__, module=__name__)
