"""All HTTP goes through here: the one module that knows httpx.

Policy for fetching a single page (`seolint check URL`): one GET with a User-Agent naming seolint,
connect/read timeouts and a total deadline, a body cap checked on the stream (so a page that never
ends cannot fill memory), only gzip/deflate asked for, at most 10 redirects. Failures raise
FetchError with a message fit for a finding; nothing here prints.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from seolint import __version__
from seolint.document import RawDocument

USER_AGENT = f"seolint/{__version__} (+https://pypi.org/project/seolint/)"
HTML_TYPES = ("text/html", "application/xhtml+xml")


class FetchError(Exception):
    """The page could not be fetched: timeout, connection error, too large, ..."""


class NotHtmlResponse(Exception):
    """The URL answered with something other than HTML."""


@dataclass(frozen=True, slots=True)
class FetchLimits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0  # seconds for the whole response, so a trickling server cannot stall us
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 10


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def fetch_page(url: str, limits: FetchLimits = FetchLimits(),
               user_agent: str = USER_AGENT) -> RawDocument:
    timeout = httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout)
    headers = {"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate",
               "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"}
    started = time.monotonic()
    try:
        with httpx.Client(timeout=timeout, headers=headers, follow_redirects=True,
                          max_redirects=limits.max_redirects) as client:
            with client.stream("GET", url) as response:
                ctype = response.headers.get("content-type", "")
                if ctype and ctype.split(";")[0].strip().lower() not in HTML_TYPES:
                    raise NotHtmlResponse(f"{url} is {ctype.split(';')[0]}, not HTML")
                chunks: list[bytes] = []
                size = 0
                # iter_bytes decodes gzip/deflate, so the cap also bounds a decompression bomb.
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limits.max_bytes:
                        raise FetchError(
                            f"Body is over the {_size(limits.max_bytes)} limit; not linted"
                        )
                    if time.monotonic() - started > limits.deadline:
                        raise FetchError(f"Response took over {limits.deadline:.0f} s; gave up")
                    chunks.append(chunk)
                return RawDocument(
                    url=str(response.url),
                    path=None,
                    body=b"".join(chunks),
                    status=response.status_code,
                    headers=tuple(response.headers.items()),
                    charset=_charset(ctype),
                )
    except httpx.TooManyRedirects:
        raise FetchError(f"More than {limits.max_redirects} redirects") from None
    except httpx.TimeoutException as exc:
        raise FetchError(f"Timed out ({type(exc).__name__})") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from None


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB"
