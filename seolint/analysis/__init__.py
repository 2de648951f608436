"""The analysis: a page's RawDocument → parse once → page rules → PageResult, in this process or in
worker processes from one fork server (check's files in order, the crawl's pages as a stream).
Imports: sources, result, registry, rule, suppress, parse, text, keyphrase, document, config;
never engine.

The public entry points (docs/architecture.md): `analyse_document(doc, settings)` for one page
in process, `Analyser.for_settings(settings)` to analyse many, `analyse_files(items, ctx, jobs)`
for a workspace's files through the worker pool.
"""

from __future__ import annotations

from seolint.analysis.analyser import Analyser, Context, analyse_document, summarise
from seolint.analysis.pool import POOL_THRESHOLD, analyse_files
from seolint.result import PageResult

__all__ = [
    "POOL_THRESHOLD",
    "Analyser",
    "Context",
    "PageResult",
    "analyse_document",
    "analyse_files",
    "summarise",
]
