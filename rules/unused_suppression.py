"""A suppression comment that suppresses nothing.

## What it does
Reports a `<!-- seolint-disable ... -->` comment (any of its forms) or a front-matter
`seolint: {ignore: [...]}` that no finding needed on this run, when every rule it names ran on
the page; and one that names no known rule, where a typo would otherwise hide nothing, silently.
Suppressions of rules that did not run (not selected, or not applicable to the page) are never
reported.

## Why is this bad?
A stale suppression hides the next real problem of that rule on those lines; a misspelled one
hides nothing while looking as if it did. ruff's RUF100 (unused `noqa`) and ESLint's
`--report-unused-disable-directives` report the same.

## Example
```html
<!-- seolint-disable-next-line heading-too-long -->
<h2>Short heading</h2>
```

## Use instead
```html
<h2>Short heading</h2>
```

## Options
None.
"""

from seolint.rule import source_rule

rule = source_rule("Z002", "unused-suppression", category="internal", severity="info",
                   module_doc=__doc__, module=__name__)
