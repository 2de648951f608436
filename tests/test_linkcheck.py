"""The outbound-link checker against real servers on 127.0.0.x: verdicts, politeness, retries,
the budget, credentials, cookies, name resolution (injected) and the cache."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest

from seolint.config import duration, link_options
from seolint.sources import linkcache
from seolint.sources.linkcheck import LinkChecker, LinkOptions

from .linkservers import LinkServer, answer, by_method, sequence, slow


def opts(tmp_path: Path, **kw: object) -> LinkOptions:
    base = LinkOptions(check_external=True, cache_dir=str(tmp_path / "cache"), budget=20.0)
    return replace(base, **kw)  # type: ignore[arg-type]


def test_verdicts_and_hops(tmp_path: Path) -> None:
    with LinkServer() as s:
        s.route("/ok", answer(200))
        s.route("/gone", answer(404))
        s.route("/removed", answer(410))
        s.route("/no-head", by_method(answer(405), answer(200)))
        s.route("/forbidden-head", by_method(answer(403), answer(200)))
        s.route("/head-lies", by_method(answer(404), answer(200)))
        s.route("/a", answer(301, Location="/b"))
        s.route("/b", answer(302, Location=s.url("/ok")))
        s.route("/to-gone", answer(301, Location="/gone"))
        s.route("/loop1", answer(302, Location="/loop2"))
        s.route("/loop2", answer(302, Location="/loop1"))
        s.route("/private", answer(401))
        facts = LinkChecker(opts(tmp_path)).check(
            [s.url(p) for p in ("/ok", "/gone", "/removed", "/no-head", "/forbidden-head",
                                "/head-lies", "/a", "/to-gone", "/loop1", "/private")])
        r = facts.results
        assert r[s.url("/ok")].state == "ok" and r[s.url("/ok")].status == 200
        assert (r[s.url("/gone")].state, r[s.url("/gone")].status) == ("broken", 404)
        assert r[s.url("/gone")].reason == "answered HTTP 404 Not Found"
        assert (r[s.url("/removed")].state, r[s.url("/removed")].status) == ("broken", 410)
        assert r[s.url("/no-head")].state == "ok"
        assert r[s.url("/forbidden-head")].state == "ok"
        assert r[s.url("/head-lies")].state == "ok"  # a 404 to HEAD is confirmed by a GET
        chain = r[s.url("/a")]
        assert chain.state == "ok"
        assert chain.hops == ((301, s.url("/b")), (302, s.url("/ok")))
        assert chain.final_url == s.url("/ok")
        assert r[s.url("/to-gone")].state == "broken" and r[s.url("/to-gone")].hops
        assert r[s.url("/loop1")].state == "unverified"
        assert "loop" in (r[s.url("/loop1")].reason or "")
        assert r[s.url("/private")].state == "unverified"
        # HEAD first, GET only where HEAD was refused or said 404/410
        assert [h.method for h in s.requests("/ok")] == ["HEAD"]
        assert [h.method for h in s.requests("/no-head")] == ["HEAD", "GET"]
        assert [h.method for h in s.requests("/gone")] == ["HEAD", "GET"]


def test_user_agent_no_cookies_no_body_past_limit(tmp_path: Path) -> None:
    with LinkServer() as s:
        s.route("/set", answer(200, **{"Set-Cookie": "session=abc; Path=/"}))
        s.route("/big", by_method(answer(405), answer(200, b"x" * 2_000_000)))
        s.route("/after", answer(200))
        checker = LinkChecker(opts(tmp_path, concurrency=1))
        checker.check([s.url("/set")])
        facts = checker.check([s.url("/big"), s.url("/after")])
        assert facts.results[s.url("/big")].state == "ok"
        for hit in s.requests():
            assert hit.headers["user-agent"].startswith("seolint/")
            assert "cookie" not in hit.headers
            assert "authorization" not in hit.headers


def test_429_retry_after_honoured_then_ok(tmp_path: Path) -> None:
    with LinkServer() as s:
        s.route("/busy", sequence(answer(429, **{"Retry-After": "1"}), answer(200)))
        s.route("/busier", answer(429, **{"Retry-After": "3600"}))
        s.route("/down", answer(503))
        started = time.monotonic()
        facts = LinkChecker(opts(tmp_path)).check([s.url("/busy"), s.url("/busier"),
                                                   s.url("/down")])
        assert facts.results[s.url("/busy")].state == "ok"
        busier = facts.results[s.url("/busier")]
        assert busier.state == "unverified" and busier.status == 429
        assert "Retry-After 3600" in (busier.reason or "")
        assert len(s.requests("/busier")) == 1  # a wait over the cap is not waited out
        down = facts.results[s.url("/down")]
        assert down.state == "unverified" and down.status == 503
        assert len(s.requests("/down")) == 2  # one retry
        assert time.monotonic() - started < 8


def test_budget_leaves_urls_not_checked_never_broken(tmp_path: Path) -> None:
    with LinkServer() as s:
        for i in range(6):
            s.route(f"/slow{i}", slow(3))
        started = time.monotonic()
        facts = LinkChecker(opts(tmp_path, budget=0.5, concurrency=2)).check(
            [s.url(f"/slow{i}") for i in range(6)])
        assert time.monotonic() - started < 2.5
        assert {r.state for r in facts.results.values()} == {"not-checked"}
        assert facts.budget == 0.5
        # nothing "not checked" goes into the cache: the next run tries again
        again = LinkChecker(opts(tmp_path, budget=0.2)).check([s.url("/slow0")])
        assert not again.results[s.url("/slow0")].cached


def test_credentials_are_never_requested(tmp_path: Path) -> None:
    with LinkServer() as s:
        s.route("/", answer(200))
        url = f"http://user:secret@127.0.0.1:{s.port}/"
        facts = LinkChecker(opts(tmp_path)).check([url])
        assert facts.results[url].state == "credentials"
        assert s.requests() == []
        assert facts.requests == 0


def test_exclude_is_never_requested(tmp_path: Path) -> None:
    with LinkServer() as s:
        s.route("/x", answer(404))
        facts = LinkChecker(opts(tmp_path, exclude=(r":\d+/x$",))).check([s.url("/x")])
        assert facts.results[s.url("/x")].state == "excluded"
        assert s.requests() == []


def test_per_host_concurrency_and_hosts_in_parallel(tmp_path: Path) -> None:
    with LinkServer("127.0.0.1") as a, LinkServer("127.0.0.2") as b:
        for s in (a, b):
            for i in range(6):
                s.route(f"/p{i}", slow(0.3))
        started = time.monotonic()
        facts = LinkChecker(opts(tmp_path, concurrency=2)).check(
            [s.url(f"/p{i}") for s in (a, b) for i in range(6)])
        elapsed = time.monotonic() - started
        assert {r.state for r in facts.results.values()} == {"ok"}
        assert a.max_in_flight == 2 and b.max_in_flight == 2
        # 6 requests two at a time is 3 rounds of 0.3 s per host; the hosts overlap
        assert 0.85 < elapsed < 1.7


def test_delay_spaces_requests_to_one_host(tmp_path: Path) -> None:
    with LinkServer() as s:
        for i in range(4):
            s.route(f"/d{i}", answer(200))
        started = time.monotonic()
        LinkChecker(opts(tmp_path, concurrency=2, delay=0.25)).check(
            [s.url(f"/d{i}") for i in range(4)])
        assert time.monotonic() - started >= 0.74  # starts at 0, 0.25, 0.5, 0.75


def test_host_that_does_not_resolve(tmp_path: Path) -> None:
    names = {"localhost": True, "gone.invalid": False}

    async def resolver(host: str) -> bool:
        return names[host]

    with LinkServer() as s:
        s.route("/ok", answer(200))
        ok = f"http://localhost:{s.port}/ok"
        gone = "http://gone.invalid/page"
        facts = LinkChecker(opts(tmp_path), resolver=resolver).check([ok, gone])
        assert facts.results[ok].state == "ok"
        assert facts.results[gone].state == "broken"
        assert facts.results[gone].reason == "the host gone.invalid does not resolve"


def test_no_host_resolves_is_offline_not_broken(tmp_path: Path) -> None:
    async def resolver(host: str) -> bool:
        return False

    facts = LinkChecker(opts(tmp_path), resolver=resolver).check(
        ["http://a.invalid/", "http://b.invalid/"])
    assert {r.state for r in facts.results.values()} == {"unverified"}


def test_temporary_resolution_failure_is_unverified(tmp_path: Path) -> None:
    async def resolver(host: str) -> bool:
        raise OSError("temporary failure in name resolution")

    facts = LinkChecker(opts(tmp_path, connect_timeout=1), resolver=resolver).check(
        ["http://flaky.invalid/"])
    assert facts.results["http://flaky.invalid/"].state == "unverified"


def test_rerun_makes_no_request(tmp_path: Path) -> None:
    with LinkServer() as s:
        s.route("/ok", answer(200))
        s.route("/gone", answer(404))
        urls = [s.url("/ok"), s.url("/gone")]
        first = LinkChecker(opts(tmp_path)).check(urls)
        count = len(s.requests())
        assert first.requests == count > 0
        second = LinkChecker(opts(tmp_path)).check(urls)
        assert len(s.requests()) == count  # the server saw nothing new
        assert second.requests == 0
        assert all(r.cached for r in second.results.values())
        assert second.results[s.url("/gone")].state == "broken"


def test_failures_expire_sooner_than_working_links(tmp_path: Path) -> None:
    with LinkServer() as s:
        s.route("/ok", answer(200))
        s.route("/gone", answer(404))
        urls = [s.url("/ok"), s.url("/gone")]
        LinkChecker(opts(tmp_path)).check(urls)
        before = len(s.requests())
        rerun = LinkChecker(opts(tmp_path, cache_ttl_failed=0)).check(urls)
        assert rerun.results[s.url("/ok")].cached
        assert not rerun.results[s.url("/gone")].cached
        assert [h.path for h in s.requests()[before:]] == ["/gone", "/gone"]


def test_corrupt_cache_is_rebuilt_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "links.sqlite3").write_bytes(b"this is not a database" * 100)
    with LinkServer() as s:
        s.route("/ok", answer(200))
        facts = LinkChecker(opts(tmp_path)).check([s.url("/ok")])
        assert facts.results[s.url("/ok")].state == "ok"
        assert any("unreadable" in w and "new one" in w for w in facts.warnings)
        assert (folder / "links.sqlite3.corrupt").exists()
        again = LinkChecker(opts(tmp_path)).check([s.url("/ok")])
        assert again.results[s.url("/ok")].cached and not again.warnings


def test_locked_cache_is_skipped_with_a_warning(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linkcache, "LOCK_TIMEOUT", 0.1)
    folder = tmp_path / "cache"
    folder.mkdir()
    holder = sqlite3.connect(folder / "links.sqlite3", isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with LinkServer() as s:
            s.route("/ok", answer(200))
            facts = LinkChecker(opts(tmp_path)).check([s.url("/ok")])
            assert facts.results[s.url("/ok")].state == "ok"
            assert any("locked" in w for w in facts.warnings)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_unwritable_cache_folder_is_a_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with LinkServer() as s:
        s.route("/ok", answer(200))
        facts = LinkChecker(opts(tmp_path, cache_dir=str(blocker / "sub"))).check([s.url("/ok")])
        assert facts.results[s.url("/ok")].state == "ok"
        assert any("cannot use the link cache" in w for w in facts.warnings)


def test_default_cache_dir_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert linkcache.default_cache_dir() == tmp_path / "seolint"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the spec says: ignore it
    assert linkcache.default_cache_dir() == Path.home() / ".cache" / "seolint"


def test_options_from_config() -> None:
    got = link_options({"check-external": True, "exclude": ["example\\.com"], "budget": "2m",
                        "cache-ttl": "1d", "cache-ttl-failed": "1h", "concurrency": 3},
                       "[links]")
    assert got.check_external and got.exclude == ("example\\.com",)
    assert (got.budget, got.cache_ttl, got.cache_ttl_failed, got.concurrency) == (
        120.0, 86400.0, 3600.0, 3)
    assert duration(90, "x") == 90.0
    for bad in ({"check-externals": True}, {"concurrency": 0}, {"exclude": ["("]},
                {"budget": "soon"}, {"check-external": "yes"}):
        with pytest.raises(ValueError):
            link_options(bad, "[links]")


def test_retry_after_pauses_the_whole_host(tmp_path: Path) -> None:
    with LinkServer() as s:
        s.route("/first", sequence(answer(429, **{"Retry-After": "1"}), answer(200)))
        for i in range(3):
            s.route(f"/other{i}", answer(200))
        LinkChecker(opts(tmp_path, concurrency=1)).check(
            [s.url("/first")] + [s.url(f"/other{i}") for i in range(3)])
        hits = s.requests()
        assert hits[0].path == "/first"
        # every later request came after the pause, none squeezed in while the host said wait
        with s.lock:
            times = list(s.times)
        assert all(t - times[0] >= 0.95 for t in times[1:])
