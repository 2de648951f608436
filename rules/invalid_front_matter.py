"""The front matter of a Markdown post does not parse.

## What it does
Reads the YAML (`---`) or TOML (`+++`) block at the top of a Markdown source and reports, on its
line, front matter that is not valid YAML or TOML, that is not a set of keys and values, or that
is opened and never closed. The body is still linted; rules that read the title or the
description are not applicable to the post until its front matter parses.

## Why is this bad?
The generator cannot read the post's title, description, date or draft flag: Hugo and Zola stop
the build, Jekyll warns and builds the page without them, so it goes out with no title and no
description. The usual cause is a value with a colon in it that is not quoted.

## Example
```markdown
---
title: Running backwards: a beginner's guide
---
```

## Use instead
```markdown
---
title: "Running backwards: a beginner's guide"
---
```

## Options
None.
"""

from seolint.rule import source_rule

rule = source_rule("F001", "invalid-front-matter", category="meta", severity="error",
                   module_doc=__doc__, module=__name__)
