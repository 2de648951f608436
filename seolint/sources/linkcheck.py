"""The outbound-link checker: does each distinct http(s) URL a blog links to still answer?

It runs at the I/O edge: the CLI calls `check_outbound` between the analysis and
`engine.build_report`, and hands its results to the engine as data (`LinkFacts`, which the Site
carries to D009 broken-external-link). Neither the engine nor the rule ever fetches, and a caller
(the editor server, a test) that does not call it gets a report without D009.

Policy (issue 15; off unless `--check-external` or `[links] check-external = true`):
- Each distinct URL (fragment removed) is requested once: HEAD, then GET when HEAD answers 405,
  403 or 501 (servers that refuse HEAD) and to confirm a 404 or 410 before it is called broken.
  Redirects are followed by hand, at most `max-redirects` (10), each hop recorded. Only that URL
  is fetched, never what it links to: this is a link checker, not a crawler of other sites.
- No cookies, no credentials: a URL with a user name or password in it is never requested and is
  reported as such; the User-Agent names seolint and its version.
- Politeness: at most `concurrency` (2) requests at once to one host, `delay` seconds (0) between
  the starts of two requests to it, 64 in all. A 429 or 503 with Retry-After is retried once
  after that wait if it is at most `retry-after-cap` (10 s); timeouts, connection errors, 429
  and 5xx are retried once (after 1 s without Retry-After); while a Retry-After runs, no other
  request goes to that host.
- Bounds: connect 5 s, read 10 s, 20 s per request in all, bodies never read past 4 KB, and a
  `budget` (60 s) for the whole check: URLs not reached by then are "not checked", never broken.
- Verdicts: 404 and 410 (after the GET) and hosts that do not resolve are broken. Timeouts,
  5xx, 429, 401/403 and other refusals are "unverified": the network or a bot filter may be at
  fault, so they are at most an info. "Does not resolve" needs proof that name resolution
  works: another host must have resolved in the same run (an offline CI makes every host fail).
- A cache (seolint.sources.linkcache) skips URLs checked recently.
"""

from __future__ import annotations

import asyncio
import errno
import re
import socket
import time
from collections.abc import Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from seolint.config import Settings
from seolint.document import LinkFacts, LinkStatus, PageSummary
from seolint.net import FetchError, LinkProbe, _origin, retry_after
from seolint.options import LinkOptions
from seolint.registry import select_rules

# Resolves a host name: True when it has an address, False when the name does not exist;
# OSError for anything else (a temporary failure says nothing about the link).
Resolver = Callable[[str], Awaitable[bool]]

RETRY_WAIT = 1.0  # seconds before the one retry when the server gave no Retry-After
TOTAL_CONNECTIONS = 64


def outbound_urls(pages: Iterable[PageSummary]) -> list[str]:
    """Every distinct outbound URL the pages link to, in first-seen order."""
    return list(dict.fromkeys(link.target for page in pages for link in page.external_links))


def has_credentials(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.username is not None or parts.password is not None


async def system_resolver(host: str) -> bool:
    try:
        await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        if exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", errno.ENODATA)):
            return False
        raise
    return True


def _is_ip(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


class _HostGate:
    """At most `concurrency` requests at once to one host, starts `delay` seconds apart, and
    none while the host's Retry-After runs."""

    def __init__(self, concurrency: int, delay: float) -> None:
        self.sem = asyncio.Semaphore(concurrency)
        self.delay = delay
        self.next_start = 0.0

    @asynccontextmanager
    async def slot(self) -> Any:
        async with self.sem:
            now = time.monotonic()
            start = max(now, self.next_start)
            if self.delay > 0:
                self.next_start = start + self.delay
            if start > now:
                await asyncio.sleep(start - now)
            yield

    def pause(self, seconds: float) -> None:
        """The host asked for a pause (429/503 with Retry-After): no request to it before."""
        self.next_start = max(self.next_start, time.monotonic() + seconds)


class _Unresolved(Exception):
    pass


class LinkChecker:
    """Checks a list of URLs within the options' bounds. `resolver` and `transport` are for
    tests (name resolution without a network, an httpx transport)."""

    def __init__(self, options: LinkOptions, *, resolver: Resolver | None = None,
                 transport: Any = None) -> None:
        self.options = options
        self.resolver = resolver or system_resolver
        self.transport = transport
        self.requests = 0
        self._gates: dict[str, _HostGate] = {}
        self._hosts: dict[str, asyncio.Future[bool | None]] = {}
        self._resolved_any = False
        # One answer per URL per run: a redirect to a URL that is also linked (or that another
        # link redirects to) waits for that request instead of making its own.
        self._answers: dict[str, asyncio.Future[tuple[Any, str | None]]] = {}
        self._excludes = [re.compile(p) for p in options.exclude]
        # URLs still to check per origin: at zero its client (and connections) is closed, so a
        # blog linking a thousand hosts does not hold a thousand idle sockets.
        self._pending: dict[str, int] = {}
        self._probe: LinkProbe | None = None
        self._current: dict[str, str] = {}  # URL being checked -> the hop it is at

    def check(self, urls: Iterable[str]) -> LinkFacts:
        started = time.monotonic()
        urls = list(dict.fromkeys(urls))
        results: dict[str, LinkStatus] = {}
        warnings: list[str] = []
        todo: list[str] = []
        for url in urls:
            if any(p.search(url) for p in self._excludes):
                results[url] = LinkStatus(url, "excluded")
            elif has_credentials(url):
                results[url] = LinkStatus(url, "credentials",
                                          reason="holds a user name or password")
            else:
                todo.append(url)
        cache = None
        if self.options.cache and todo:
            from seolint.sources.linkcache import LinkCache

            folder = Path(self.options.cache_dir).expanduser() if self.options.cache_dir else None
            cache = LinkCache(folder, self.options.cache_ttl, self.options.cache_ttl_failed)
            hits = cache.get_many(todo)
            results.update(hits)
            todo = [u for u in todo if u not in hits]
        ran_out = False
        if todo:
            checked, ran_out = asyncio.run(self._run(todo))
            results.update(checked)
        if cache is not None:
            cache.put_many(s for s in results.values() if not s.cached)
            cache.close()
            warnings.extend(cache.warnings)
        ordered = {u: results[u] for u in urls}
        return LinkFacts(ordered, self.requests, time.monotonic() - started,
                         self.options.budget if ran_out else None, tuple(warnings))

    async def _run(self, urls: list[str]) -> tuple[dict[str, LinkStatus], bool]:
        opts = self.options
        results: dict[str, LinkStatus] = {}
        total = asyncio.Semaphore(TOTAL_CONNECTIONS)
        for url in urls:
            self._pending[_origin(url)] = self._pending.get(_origin(url), 0) + 1
        async with LinkProbe(user_agent=opts.user_agent, connect_timeout=opts.connect_timeout,
                             read_timeout=opts.read_timeout, deadline=opts.request_timeout,
                             per_origin=opts.concurrency, transport=self.transport) as probe:
            self._probe = probe

            async def one(url: str) -> None:
                try:
                    results[url] = await self._check_one(probe, total, url)
                except Exception as exc:  # a bug here must not pass for "not checked"
                    results[url] = LinkStatus(url, "unverified",
                                              reason=f"seolint failed: {type(exc).__name__}")

            tasks = [asyncio.create_task(one(u)) for u in urls]
            _, pending = await asyncio.wait(tasks, timeout=opts.budget)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)
        for url in urls:
            if url not in results:
                results[url] = LinkStatus(url, "not-checked",
                                          reason=f"the {opts.budget:g} s budget ran out")
        return results, bool(pending)

    async def _done_with(self, url: str) -> None:
        origin = _origin(url)
        left = self._pending.get(origin, 1) - 1
        self._pending[origin] = left
        if left <= 0 and self._probe is not None:
            await self._probe.release(url)

    def _gate(self, host: str) -> _HostGate:
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = _HostGate(self.options.concurrency, self.options.delay)
        return gate

    async def _resolves(self, host: str) -> bool | None:
        """True, False (the name does not exist), None (cannot tell); once per host."""
        if not host or _is_ip(host):
            return True
        future = self._hosts.get(host)
        if future is None:
            future = self._hosts[host] = asyncio.get_running_loop().create_future()
            try:
                found: bool | None = await self.resolver(host)
            except OSError:
                found = None
            if found:
                self._resolved_any = True
            future.set_result(found)
        return await future

    async def _request(self, probe: LinkProbe, total: asyncio.Semaphore, method: str,
                       url: str) -> Any:
        host = (urlsplit(url).hostname or "").lower()
        async with self._gate(host).slot(), total:
            self.requests += 1
            return await probe.request(method, url)

    async def _answer(self, probe: LinkProbe, total: asyncio.Semaphore,
                      url: str) -> tuple[Any, str | None]:
        """(answer, None) or (None, why there is none); each URL asked once per run."""
        future = self._answers.get(url)
        if future is not None:
            return await asyncio.shield(future)
        future = self._answers[url] = asyncio.get_running_loop().create_future()
        try:
            result = await self._ask(probe, total, url)
        except BaseException:  # cancelled by the budget: whoever waits is cancelled too
            future.cancel()
            self._answers.pop(url, None)
            raise
        future.set_result(result)
        return result

    async def _ask(self, probe: LinkProbe, total: asyncio.Semaphore,
                   url: str) -> tuple[Any, str | None]:
        """(answer, None) or (None, why there is none), with the one retry."""
        for attempt in (0, 1):
            try:
                answer = await self._request(probe, total, "HEAD", url)
                if answer.status in (403, 404, 405, 410, 501):
                    answer = await self._request(probe, total, "GET", url)
            except FetchError as exc:
                if attempt == 0 and exc.retryable:
                    await asyncio.sleep(RETRY_WAIT)
                    continue
                return None, str(exc)
            if attempt == 0 and (answer.status == 429 or answer.status >= 500):
                wait = retry_after(answer.header("retry-after"))
                if wait is not None and wait > self.options.retry_after_cap:
                    return answer, None  # a long Retry-After: not worth the wait here
                if wait is not None:  # the whole host is asked to wait, not only this URL
                    self._gate((urlsplit(url).hostname or "").lower()).pause(wait)
                await asyncio.sleep(RETRY_WAIT if wait is None else wait)
                continue
            return answer, None
        raise AssertionError("unreachable")

    async def _check_one(self, probe: LinkProbe, total: asyncio.Semaphore,
                         url: str) -> LinkStatus:
        self._current[url] = url
        try:
            return await self._follow(probe, total, url)
        finally:
            await self._done_with(self._current.pop(url))

    async def _follow(self, probe: LinkProbe, total: asyncio.Semaphore, url: str) -> LinkStatus:
        hops: list[tuple[int, str]] = []
        current = url
        seen = {url}
        for _ in range(self.options.max_redirects + 1):
            host = (urlsplit(current).hostname or "").lower()
            resolves = await self._resolves(host)
            if resolves is False:
                # Proof that resolution works at all: another host resolved this run.
                await self._settle_hosts()
                state = "broken" if self._resolved_any else "unverified"
                why = (f"the host {host} does not resolve" if self._resolved_any else
                       f"the host {host} did not resolve, nor did any other (offline?)")
                return _status(url, state, None, hops, why)
            answer, error = await self._answer(probe, total, current)
            if answer is None:
                return _status(url, "unverified", None, hops, error)
            if 300 <= answer.status < 400 and answer.location:
                hops.append((answer.status, answer.location))
                if has_credentials(answer.location):
                    return _status(url, "credentials", answer.status, hops,
                                   "redirects to a URL that holds a user name or password")
                if not answer.location.lower().startswith(("http://", "https://")):
                    return _status(url, "unverified", answer.status, hops,
                                   "redirects to a URL that is not http(s)")
                if answer.location in seen:
                    return _status(url, "unverified", answer.status, hops,
                                   "redirects in a loop (perhaps it wants a cookie)")
                seen.add(answer.location)
                self._pending[_origin(answer.location)] = self._pending.get(
                    _origin(answer.location), 0) + 1
                await self._done_with(current)
                current = self._current[url] = answer.location
                continue
            return _verdict(url, answer.status, hops, answer.header("retry-after"))
        return _status(url, "unverified", None, hops,
                       f"redirects more than {self.options.max_redirects} times")

    async def _settle_hosts(self) -> None:
        """Wait for the other lookups under way, so one early failure does not decide alone."""
        pending = [f for f in self._hosts.values() if not f.done()]
        if pending and not self._resolved_any:
            await asyncio.wait(pending, timeout=5)


def _status(url: str, state: str, status: int | None, hops: list[tuple[int, str]],
            reason: str | None) -> LinkStatus:
    return LinkStatus(url, state, status, hops[-1][1] if hops else None,  # type: ignore[arg-type]
                      tuple(hops), reason)


def _phrase(code: int) -> str:
    from http import HTTPStatus

    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def _verdict(url: str, status: int, hops: list[tuple[int, str]],
             retry: str | None) -> LinkStatus:
    if 200 <= status < 300:
        return _status(url, "ok", status, hops, None)
    if status in (404, 410):
        return _status(url, "broken", status, hops, f"answered HTTP {_phrase(status)}")
    why = f"answered HTTP {_phrase(status)}"
    if status == 429:
        why += " (rate limited" + (f", Retry-After {retry.strip()}" if retry else "") + ")"
    elif status in (401, 403):
        why += " to seolint (a browser may be let in)"
    return _status(url, "unverified", status, hops, why)


def check_site_links(pages: Iterable[PageSummary], options: LinkOptions,
                     checker: LinkChecker | None = None) -> LinkFacts:
    """Every outbound URL of the pages, checked once."""
    return (checker or LinkChecker(options)).check(outbound_urls(pages))


def wanted(settings: Settings) -> bool:
    """Does this run check outbound links? Only with --check-external (or [links]
    check-external) and D009 selected: otherwise no request is made and D009 stays silent."""
    options = settings.links
    if options is None or not options.check_external:
        return False
    return any(cr.rule.code == "D009" for cr in select_rules(settings))


def check_outbound(pages: Iterable[PageSummary], settings: Settings,
                   checker: LinkChecker | None = None) -> LinkFacts | None:
    """The run's outbound-link check, for `engine.build_report(..., links=...)`: None when the
    run does not check them (see `wanted`). A bug in the checker is a warning in the facts
    (printed on stderr with the link notes), never a crash that takes the report down."""
    if not wanted(settings) or settings.links is None:
        return None
    try:
        return check_site_links(pages, settings.links, checker)
    except Exception as exc:
        return LinkFacts({}, warnings=(f"the outbound-link check failed ({type(exc).__name__}: "
                                       f"{exc}); D009 was not checked. Please report it",))


def with_cli(options: LinkOptions | None, check_external: bool,
             cache_dir: str | None) -> LinkOptions | None:
    """[links] with --check-external and --cache-dir applied over it."""
    if not check_external and cache_dir is None:
        return options
    out = options or LinkOptions()
    if check_external:
        out = replace(out, check_external=True)
    if cache_dir is not None:
        out = replace(out, cache_dir=cache_dir)
    return out
