"""A rule crashed on a page (a bug in seolint or in a plugin).

## What it does
When a rule raises an exception on a page, seolint records this finding on that page, naming the
rule and the exception, and goes on with the other rules and pages.

## Why is this bad?
A crashed rule checked nothing on that page, so its silence is not a pass. Run with `--debug` to
see the traceback, and report it with the page attached.

## Options
None.
"""

from seolint.rule import source_rule

rule = source_rule("Z001", "internal-error", category="internal", severity="error",
                   module_doc=__doc__, module=__name__)
