"""`seolint check URL`: one fetch with httpx against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
import socket

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from seolint.cli import app

PAGE = ("<html lang=en><head><title>" + "A title that is far too long to show in full in a "
        "search result page, whatever the font</title></head><body><h1>Hi</h1></body></html>")


def check(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(app, ["check", *args, "-f", "json"], catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout)


def test_fetches_a_url_and_reports_it_by_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/post/").respond_with_data(PAGE, content_type="text/html")
    code, data = check(httpserver.url_for("/post/"), "--select", "T003")
    assert [f["code"] for f in data["findings"]] == ["T003"]
    f = data["findings"][0]
    assert f["url"] == httpserver.url_for("/post/") and f["path"] is None
    assert data["pages"][0]["url"] == httpserver.url_for("/post/")


def test_user_agent_names_seolint(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data(PAGE, content_type="text/html")
    check(httpserver.url_for("/"), "--select", "T003")
    request = httpserver.log[0][0]
    assert request.headers["User-Agent"].startswith("seolint/")


def test_gzip_body_and_header_charset(httpserver: HTTPServer) -> None:
    body = gzip.compress(PAGE.replace("Hi", "Café").encode("latin-1"))
    httpserver.expect_request("/").respond_with_data(
        body, headers={"Content-Encoding": "gzip"}, content_type="text/html; charset=ISO-8859-1")
    _, data = check(httpserver.url_for("/"), "--select", "T003")
    assert data["pages"][0]["title"].startswith("A title that is far too long")


def test_not_html_and_http_errors(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data("<rss/>", content_type="application/rss+xml")
    httpserver.expect_request("/gone").respond_with_data(PAGE, status=404, content_type="text/html")
    code, data = check(httpserver.url_for("/feed.xml"), httpserver.url_for("/gone"),
                       "--select", "X", "--fail-on", "warning")
    by_url = {f["url"]: f["code"] for f in data["findings"]}
    assert by_url[httpserver.url_for("/feed.xml")] == "X007"
    assert by_url[httpserver.url_for("/gone")] == "X001"
    assert code == 1


def test_refused_connection_is_a_finding() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again before the fetch: nothing listens there
    code, data = check(f"http://127.0.0.1:{port}/", "--select", "ALL")
    assert [f["code"] for f in data["findings"]] == ["X002"]
    assert code == 1


def test_body_cap_is_checked_on_the_stream(httpserver: HTTPServer) -> None:
    from seolint.net import FetchError, FetchLimits, fetch_page

    httpserver.expect_request("/big").respond_with_data("<p>" + "x" * 20000,
                                                        content_type="text/html")
    with pytest.raises(FetchError, match="Body is over"):
        fetch_page(httpserver.url_for("/big"), FetchLimits(max_bytes=10000))
