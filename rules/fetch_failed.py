"""A page could not be read or fetched.

## What it does
Reports a page that seolint could not read: a file that cannot be opened or is over the size cap
(`max-file-size`, 5 MB by default), a symbolic link that points outside the folder (never
followed), or a URL that timed out, refused the connection, redirected too often or sent too much.

## Why is this bad?
What cannot be read cannot be checked, and what seolint cannot fetch a search engine's crawler
may not fetch either. The run goes on; this finding says which page was left out and why.

## Options
None. Raise the size cap with `max-file-size = "10MB"` in the config.
"""

from seolint.rule import source_rule

rule = source_rule("X002", "fetch-failed", category="indexability", severity="error",
                   module_doc=__doc__, module=__name__)
