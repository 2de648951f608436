"""Per-page metrics for the reports (JSON `pages[].metrics`): numbers a writer can act on.

Computed once per page in the worker, from the parsed Page; reporters only show them. The text
measures (`seolint.text`) and the keyphrase (`seolint.keyphrase`) are shared with the rules
through the page's cache, so asking for them here costs nothing the rules have not paid.

For posts and pages: `words`, `sentences`, `paragraphs`, `reading_time_minutes`,
`reading_ease` (Flesch, the language's formula; null where the language has none),
`grade` (Flesch-Kincaid, English only), `long_sentences_pct`, `passive_pct`,
`transition_pct` (null where seolint has no word list for the language), `language` and
`language_source` (front-matter, html, detected, unknown), `keyphrase`, `keyphrase_source`
(cli, front-matter, meta, config, inferred), `keyphrase_inferred`, `keyphrase_count`,
`keyphrase_density` and `keyphrase_density_adjusted` (percent; Yoast's length adjustment).
Listing pages and redirect stubs are not one text: they get the structural numbers only.
"""

from __future__ import annotations

from typing import Any

from seolint.document import Page


def page_metrics(page: Page) -> dict[str, Any]:
    prose = [b for b in page.blocks if b.kind not in ("pre", "table", "heading")]
    out: dict[str, Any] = {
        "words": page.main_words,
        "paragraphs": sum(1 for b in prose if b.kind == "p"),
        "headings": len(page.headings),
        "links_internal": sum(1 for link in page.links if link.internal and link.in_main),
        "links_external": sum(1 for link in page.links
                              if link.url is not None and not link.internal and link.in_main),
        "images": len(page.images),
        "main_content": page.main_found_by,
    }
    if page.kind in ("post", "page"):
        out.update(text_metrics(page))
    return out


def text_metrics(page: Page) -> dict[str, Any]:
    from seolint.keyphrase import metrics as keyphrase_metrics
    from seolint.text import analysis

    text = analysis(page)
    out = text.metrics()
    out["paragraphs"] = len(text.paragraphs)
    out.update(keyphrase_metrics(page))
    return out
