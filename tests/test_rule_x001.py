"""X001 http-error reads the status code: not applicable on local files, which have none.

Its fixtures and docstring examples are raw HTTP responses, run by tests/test_rules.py."""

from __future__ import annotations

import pytest

from seolint.parse import parse_html
from seolint.testing import builtin_rules, run_page_rule

RULES = builtin_rules()


def test_x001_not_applicable_without_status() -> None:
    html = "<html><head><title>Not found</title></head><body><h1>404</h1></body></html>"
    assert not RULES["X001"].is_applicable(parse_html(html))
    assert run_page_rule(RULES["X001"], html) == []


@pytest.mark.parametrize(("status", "severity"), [
    (400, None), (401, None), (403, None), (404, None), (410, None), (429, "warning"),
    (451, None), (500, None), (502, None), (503, None), (504, None),
])
def test_x001_every_error_status(status: int, severity: str | None) -> None:
    html = "<html><head><title>x</title></head><body><h1>x</h1></body></html>"
    [violation] = run_page_rule(RULES["X001"], html, status=status)
    assert f"HTTP {status}" in violation.message
    assert violation.severity == severity
    assert violation.fix and violation.fix[0].isupper() and not violation.fix.endswith(".")
    assert not violation.message.endswith(".")


@pytest.mark.parametrize("status", [200, 204, 301, 302, 304, 399])
def test_x001_silent_below_400(status: int) -> None:
    html = "<html><head><title>x</title></head><body><h1>x</h1></body></html>"
    assert run_page_rule(RULES["X001"], html, status=status) == []


def test_x004_header_message_quotes_the_header() -> None:
    html = "<html><head><title>x</title></head><body><h1>x</h1></body></html>"
    [violation] = run_page_rule(RULES["X004"], html, status=200,
                                headers=(("X-Robots-Tag", "noindex, nofollow"),))
    assert violation.pos.line is None
    assert "X-Robots-Tag: noindex, nofollow" in violation.message
