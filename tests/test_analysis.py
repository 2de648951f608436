"""The analysis layer's entry points: one page in process, and check's files through the worker
processes, in order, the same results either way."""

from __future__ import annotations

from pathlib import Path

from seolint.analysis import POOL_THRESHOLD, Analyser, Context, analyse_document, analyse_files
from seolint.config import Settings
from seolint.document import RawDocument
from seolint.registry import select_rules
from seolint.sources.files import discover, read
from seolint.sources.markdown import render

from .conftest import FIXTURES


def _items() -> list:
    found = discover([str(FIXTURES / "rules"), str(FIXTURES / "sites")], None)
    items = list(found.items)
    assert len(items) > POOL_THRESHOLD + 10
    return items


def _ctx(settings: Settings) -> Context:
    return Context(settings, tuple(cr.rule.code for cr in select_rules(settings)))


def test_analyse_document_is_what_check_finds_on_the_same_file() -> None:
    item = next(i for i in _items() if i.file.endswith(".html"))
    settings = Settings()
    assert analyse_document(read(item, settings.max_file_bytes), settings) == \
        Analyser(_ctx(settings)).analyse_file(item)


def test_analyse_document_takes_an_in_memory_markdown_source() -> None:
    doc = render("---\ntitle: A post about shoes\n---\n\nSome text.\n\n## A heading\n", path="post.md",
                 url="https://seolint.invalid/post/", public=False)
    result = analyse_document(doc, Settings())
    assert result.title == "A post about shoes" and result.path == "post.md"
    assert result.findings and all(f.line is not None for f in result.findings if f.code == "H003")


def test_the_pool_gives_check_the_results_of_one_process_in_order() -> None:
    items = _items()
    settings = Settings()
    ctx = _ctx(settings)
    one = list(analyse_files(items, ctx, 1))
    ticks: list[int] = []
    two = list(analyse_files(items, ctx, 2, lambda: ticks.append(1)))
    assert two == one
    assert [r.location for r in two] == [Analyser(ctx).analyse_file(i).location for i in items]
    assert len(ticks) == len(items)


def test_a_page_the_analysis_cannot_read_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    doc = RawDocument(url="https://x.test/empty/", path=None, body=b"")
    result = analyse_document(doc, Settings())
    assert result.kind is None and [f.code for f in result.findings] == ["X007"]
