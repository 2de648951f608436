"""A page is not HTML (binary data, or a non-HTML content type).

## What it does
Reports a file or URL that was expected to be an HTML page but holds something else: binary data
in a `.html` file, text that decodes in no encoding, or a URL that answers with another content
type. It is recorded, not parsed.

## Why is this bad?
A link to what looks like a page but is not one wastes the reader's click and the crawler's
budget; a binary file named `.html` is usually a build mistake.

## Options
None.
"""

from seolint.rule import source_rule

rule = source_rule("X007", "not-html", category="indexability", severity="warning",
                   module_doc=__doc__, module=__name__)
