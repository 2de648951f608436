"""Options that a measured precision turned off by default still work when a user turns them on
(the numbers are in each rule's docs and docs/precision-sample.md)."""

from __future__ import annotations

from seolint.testing import builtin_rules, run_page_rule

from .conftest import FIXTURES

RULES = builtin_rules()


def test_l001_bare_urls_only_with_flag_bare_urls() -> None:
    html = (FIXTURES / "rules" / "L001" / "fine-bare-urls.html").read_text(encoding="utf-8")
    assert run_page_rule(RULES["L001"], html) == []
    found = run_page_rule(RULES["L001"], html, options={"flag-bare-urls": True})
    assert [v.message.split(":")[0] for v in found] == ["Link text is a bare URL"] * 3


def test_h006_reports_every_repeat_without_siblings_only() -> None:
    html = (FIXTURES / "rules" / "H006" / "fine-different-parents.html").read_text(
        encoding="utf-8")
    assert run_page_rule(RULES["H006"], html) == []
    found = run_page_rule(RULES["H006"], html, options={"siblings-only": False})
    assert len(found) == 3  # "Additional items", "Date: …", "References"


def test_t003_counts_characters_only_when_the_title_is_also_too_wide() -> None:
    html = (FIXTURES / "rules" / "T003" / "fine-narrow-61.html").read_text(encoding="utf-8")
    assert run_page_rule(RULES["T003"], html) == []
    assert len(run_page_rule(RULES["T003"], html, options={"max-pixels": 500})) == 1
