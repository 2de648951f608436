"""Per-page metrics for the reports (JSON `pages[].metrics`): numbers a writer can act on.

Computed once per page in the worker, from the parsed Page; reporters only show them.
"""

from __future__ import annotations

from typing import Any

from seolint.document import Page


def page_metrics(page: Page) -> dict[str, Any]:
    prose = [b for b in page.blocks if b.kind not in ("pre", "table", "heading")]
    return {
        "words": page.main_words,
        "paragraphs": sum(1 for b in prose if b.kind == "p"),
        "headings": len(page.headings),
        "links_internal": sum(1 for link in page.links if link.internal and link.in_main),
        "links_external": sum(1 for link in page.links
                              if link.url is not None and not link.internal and link.in_main),
        "images": len(page.images),
        "main_content": page.main_found_by,
    }
