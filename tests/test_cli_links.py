"""`seolint check --check-external` and `seolint crawl --check-external` end to end: real
subprocesses, real local servers, the cache on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .linkservers import LinkServer, answer


def seolint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str((cwd or Path.cwd()) / ".xdg-never-used")}
    return subprocess.run([sys.executable, "-m", "seolint", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)


def findings(stdout: str, code: str) -> list[dict[str, object]]:
    data = json.loads(stdout)
    return [f for f in data["findings"] if f["code"] == code]


def test_check_external_reports_dead_links_and_rerun_uses_the_cache(tmp_path: Path) -> None:
    with LinkServer("127.0.0.1") as a, LinkServer("127.0.0.2") as b:
        a.route("/ok", answer(200))
        a.route("/gone", answer(404))
        b.route("/busy", answer(503))
        site = tmp_path / "site"
        site.mkdir()
        (site / "index.html").write_text(
            "<html><head><title>Links</title></head><body><main><h1>Links</h1>\n"
            f'<p><a href="{a.url("/ok")}">fine</a></p>\n'
            f'<p><a href="{a.url("/gone")}">dead</a></p>\n'
            f'<p><a href="{b.url("/busy")}">busy</a> <a href="{a.url("/gone")}#x">again</a></p>\n'
            "</main></body></html>\n", encoding="utf-8")
        cache = tmp_path / "cache"
        args = ("check", str(site), "--check-external", "--cache-dir", str(cache),
                "--format", "json", "--select", "D009")
        first = seolint(*args, cwd=tmp_path)
        assert first.returncode == 0, first.stderr  # warnings and infos do not fail the run
        got = sorted((f["line"], f["severity"], f["message"]) for f in findings(first.stdout,
                                                                               "D009"))
        assert [(line, sev) for line, sev, _ in got] == [(3, "warning"), (4, "info"),
                                                         (4, "warning")]
        assert "answered HTTP 404 Not Found" in got[0][2]
        assert "Could not verify" in got[1][2] and "503" in got[1][2]
        assert "checked 3 outbound URLs" in first.stderr
        seen = len(a.requests()) + len(b.requests())
        second = seolint(*args, cwd=tmp_path)
        assert len(a.requests()) + len(b.requests()) == seen  # a rerun makes no request
        assert findings(second.stdout, "D009") == findings(first.stdout, "D009")
        assert "0 requests, 3 from the cache" in second.stderr
        assert not (tmp_path / ".xdg-never-used").exists()  # --cache-dir was used instead


def test_off_by_default_and_on_from_config(tmp_path: Path) -> None:
    with LinkServer() as s:
        s.route("/gone", answer(404))
        (tmp_path / "index.html").write_text(
            f'<html><head><title>x</title></head><body><a href="{s.url("/gone")}">x</a>'
            "</body></html>", encoding="utf-8")
        off = seolint("check", "index.html", "--format", "json", "--select", "D009",
                      cwd=tmp_path)
        assert findings(off.stdout, "D009") == [] and s.requests() == []
        (tmp_path / "seolint.toml").write_text(
            f'[links]\ncheck-external = true\ncache-dir = "{tmp_path / "c"}"\n',
            encoding="utf-8")
        on = seolint("check", "index.html", "--format", "json", "--select", "D009",
                     cwd=tmp_path)
        assert len(findings(on.stdout, "D009")) == 1


def test_bad_links_config_exits_2(tmp_path: Path) -> None:
    (tmp_path / "seolint.toml").write_text("[links]\nbudget = \"soon\"\n", encoding="utf-8")
    (tmp_path / "a.html").write_text("<title>x</title>", encoding="utf-8")
    proc = seolint("check", "a.html", cwd=tmp_path)
    assert proc.returncode == 2
    assert "[links]: 'budget'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_crawl_check_external_requests_only_the_linked_url(tmp_path: Path) -> None:
    with LinkServer("127.0.0.1") as site, LinkServer("127.0.0.2") as other:
        site.route("/", answer(200, (
            "<html><head><title>Home</title></head><body><main><h1>Home</h1>"
            f'<p><a href="{other.url("/article")}">an article</a> and '
            f'<a href="{other.url("/missing")}">a dead one</a></p></main></body></html>'
        ).encode()))
        site.route("/robots.txt", answer(404))
        other.route("/article", answer(200, (
            f'<a href="{other.url("/never")}">never followed</a>').encode()))
        proc = seolint("crawl", site.url("/"), "--check-external", "--cache-dir",
                       str(tmp_path / "c"), "--format", "json", "--select", "D009",
                       "--no-progress", cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        got = findings(proc.stdout, "D009")
        assert len(got) == 1 and "/missing" in str(got[0]["message"])
        assert {h.path for h in other.requests()} == {"/article", "/missing"}
        assert [h.method for h in other.requests("/article")] == ["HEAD"]


def test_a_failing_link_checker_is_a_warning_not_a_crash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from seolint.cli import app
    from seolint.sources import linkcheck

    def broken(self: object, urls: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(linkcheck.LinkChecker, "check", broken)
    page = tmp_path / "a.html"
    page.write_text('<title>x</title><a href="https://example.com/">x</a>', encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(page), "--check-external", "--cache-dir",
                                      str(tmp_path / "c"), "--select", "D009", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "the outbound-link check failed (RuntimeError: boom)" in result.output
