"""Real HTTP servers on 127.0.0.x for the link checker's tests: each records every request
(method, path, headers) and answers by route, so a test counts what seolint asked."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Hit:
    method: str
    path: str
    headers: dict[str, str]


Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    server: LinkServer._Http
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _handle(self) -> None:
        owner = self.server.owner
        with owner.lock:
            owner.hits.append(Hit(self.command, self.path, {k.lower(): v for k, v in
                                                            self.headers.items()}))
            owner.times.append(time.monotonic())
            owner.in_flight += 1
            owner.max_in_flight = max(owner.max_in_flight, owner.in_flight)
        try:
            route = owner.routes.get(self.path.split("?", 1)[0])
            if route is None:
                self.send(404, b"not found")
            else:
                route(self)
        finally:
            with owner.lock:
                owner.in_flight -= 1

    do_GET = do_HEAD = _handle  # noqa: N815

    def send(self, status: int, body: bytes = b"ok", headers: dict[str, str] | None = None
             ) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass


class LinkServer:
    """One host: `with LinkServer("127.0.0.2") as s: s.route("/a", ok())`."""

    class _Http(ThreadingHTTPServer):
        daemon_threads = True
        owner: LinkServer

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that hangs up early is what some tests do on purpose

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.times: list[float] = []  # when each request arrived (time.monotonic)
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self._http = self._Http((host, 0), Handler)
        self._http.owner = self
        self.host = host
        self.port = self._http.server_address[1]
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    def __enter__(self) -> LinkServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.shutdown()
        self._http.server_close()

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(self, path: str, fn: Route) -> None:
        self.routes[path] = fn

    def requests(self, path: str | None = None) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if path is None or h.path == path]


def answer(status: int, body: bytes = b"ok", **headers: str) -> Route:
    return lambda h: h.send(status, body, {k.replace("_", "-"): v for k, v in headers.items()})


def slow(seconds: float, status: int = 200) -> Route:
    def route(h: Handler) -> None:
        time.sleep(seconds)
        h.send(status)
    return route


def by_method(head: Route, get: Route) -> Route:
    return lambda h: (head if h.command == "HEAD" else get)(h)


def sequence(*routes: Route) -> Route:
    """The first request gets the first route, the next the second, ...; the last repeats."""
    calls = [0]
    lock = threading.Lock()

    def route(h: Handler) -> None:
        with lock:
            i = min(calls[0], len(routes) - 1)
            calls[0] += 1
        routes[i](h)
    return route
