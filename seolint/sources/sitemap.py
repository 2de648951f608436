"""Sitemaps: XML urlsets, sitemap indexes, gzipped sitemaps and plain-text sitemaps.

Policy (CRAWLER.md, sitemaps.org):
- XML is parsed with defusedxml's expat reader with DTDs, entities and external references
  forbidden, so an entity bomb ("billion laughs") is refused, never expanded. SAX, not a tree:
  a 50 MB sitemap is not held twice.
- Per file: at most 50,000 URLs and 50 MB (decompressed: a gzipped sitemap is inflated with a
  bounded decoder, so a small .xml.gz cannot inflate past the cap).
- A sitemap index is followed to depth 2 (index -> sitemaps); a nested index deeper than that,
  and a sitemap listed twice (a loop), are not read again.
- Only URLs on the site's host count; others are kept, marked off-site, for D008 to report.

Linting a folder (`seolint check public/`): `folder_sitemaps` reads `sitemap.xml` (or
`sitemap_index.xml`, `sitemap.xml.gz`, `sitemap.txt`, or what robots.txt names) from the folder,
and rebases each listed URL onto the folder's URLs (base-url, or the local pseudo-URLs), so site
rules compare like with like.
"""

from __future__ import annotations

import os
import stat
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

from defusedxml.common import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.expatreader import DefusedExpatParser  # type: ignore[import-untyped]

from seolint.document import SitemapEntry
from seolint.parse import PSEUDO_ORIGIN, site_key

MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
MAX_INDEX_DEPTH = 2
FOLDER_NAMES = ("sitemap.xml", "sitemap_index.xml", "sitemap-index.xml", "sitemap.xml.gz",
                "sitemap.txt")


class SitemapError(ValueError):
    """The sitemap cannot be read (malformed, too large, an entity bomb): message for a finding."""


@dataclass
class Parsed:
    kind: str  # "urlset", "index" or "text"
    locs: list[tuple[str, int | None]] = field(default_factory=list)  # (URL as written, line)
    truncated: bool = False  # more than max_urls: the rest were not read


class _Enough(Exception):
    pass


class _Handler(ContentHandler):
    def __init__(self, parser: DefusedExpatParser, max_urls: int) -> None:
        super().__init__()
        self.parser = parser
        self.max_urls = max_urls
        self.root: str | None = None
        self.stack: list[str] = []
        self.text: list[str] | None = None
        self.line: int | None = None
        self.locs: list[tuple[str, int | None]] = []

    def startElement(self, name: str, attrs: object) -> None:  # noqa: N802 (SAX API)
        local = name.rsplit(":", 1)[-1].lower()
        if self.root is None:
            self.root = local
        if local == "loc" and self.stack and self.stack[-1] in ("url", "sitemap"):
            self.text = []
            self.line = self.parser.getLineNumber()
        self.stack.append(local)

    def characters(self, content: str) -> None:
        if self.text is not None:
            self.text.append(content)

    def endElement(self, name: str) -> None:  # noqa: N802
        if self.stack:
            self.stack.pop()
        if self.text is not None and name.rsplit(":", 1)[-1].lower() == "loc":
            loc = "".join(self.text).strip()
            self.text = None
            if loc:
                if len(self.locs) >= self.max_urls:
                    raise _Enough
                self.locs.append((loc, self.line))


def gunzip(data: bytes, limit: int = MAX_BYTES) -> bytes:
    """Inflate a gzip file, refusing (SitemapError) to produce more than `limit` bytes."""
    z = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out: list[bytes] = []
    size = 0
    buf = data
    try:
        while buf and not z.eof:
            chunk = z.decompress(buf, limit - size + 1)
            size += len(chunk)
            if size > limit:
                raise SitemapError(f"Gzipped sitemap inflates to over {limit // 1048576} MB "
                                   "(a compression bomb?); not read")
            out.append(chunk)
            buf = z.unconsumed_tail
    except zlib.error as exc:
        raise SitemapError(f"Gzipped sitemap is corrupt ({exc}); not read") from None
    return b"".join(out)


def parse_sitemap(data: bytes, *, max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES) -> Parsed:
    """The URLs a sitemap lists. Raises SitemapError when it cannot be read."""
    if len(data) > max_bytes:
        raise SitemapError(f"Sitemap is over {max_bytes // 1048576} MB; not read")
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, max_bytes)
    head = data.lstrip()[:5]
    if head.startswith(b"\xef\xbb\xbf"):
        head = data.lstrip()[3:8].lstrip()
    if head.startswith(b"<"):
        return _parse_xml(data, max_urls)
    return _parse_text(data, max_urls)


def _parse_xml(data: bytes, max_urls: int) -> Parsed:
    parser = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    handler = _Handler(parser, max_urls)
    parser.setContentHandler(handler)
    truncated = False
    try:
        parser.feed(data)
        parser.close()
    except _Enough:
        truncated = True
    except DefusedXmlException as exc:
        kind = type(exc).__name__
        what = {"DTDForbidden": "declares a DTD (where entity bombs such as the billion "
                                "laughs live)",
                "EntitiesForbidden": "declares XML entities (an entity bomb?)",
                "ExternalReferenceForbidden": "refers to external entities"}.get(kind, kind)
        raise SitemapError(f"Sitemap {what}: refused, not read") from None
    except SAXException as exc:
        raise SitemapError(f"Sitemap is not well-formed XML: {_sax_message(exc)}") from None
    root = handler.root or ""
    if root == "sitemapindex":
        kind = "index"
    elif root == "urlset":
        kind = "urlset"
    else:
        raise SitemapError(f"Not a sitemap: the root element is <{root}>, not <urlset> or "
                           "<sitemapindex>")
    return Parsed(kind, handler.locs, truncated)


def _sax_message(exc: SAXException) -> str:
    text = str(exc)
    # "<unknown>:3:14: mismatched tag": keep the line and the reason, not the pseudo file name.
    return text.split(":", 1)[1] if text.startswith("<unknown>:") else text


def _parse_text(data: bytes, max_urls: int) -> Parsed:
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    out = Parsed("text")
    for lineno, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if not line.lower().startswith(("http://", "https://")):
            if not out.locs:
                raise SitemapError("Not a sitemap: neither XML nor a list of URLs")
            continue
        if len(out.locs) >= max_urls:
            out.truncated = True
            break
        out.locs.append((line, lineno))
    return out


def same_host(a: str, b: str) -> bool:
    """Same host and port, either scheme (http and https of one site are one site)."""
    try:
        pa, pb = urlsplit(a), urlsplit(b)
        return (pa.hostname or "") == (pb.hostname or "") and _port(pa) == _port(pb)
    except ValueError:
        return False


def _port(parts: object) -> int | None:
    try:
        port = parts.port  # type: ignore[attr-defined]
    except ValueError:
        return -1
    return None if port in (None, 80, 443) else port


# --- sitemaps in a folder (seolint check DIR) -------------------------------------------------

@dataclass(frozen=True)
class FolderSitemaps:
    entries: tuple[SitemapEntry, ...] | None  # None: none could be read
    problems: tuple[tuple[str, int | None, str], ...]  # (display path, line, message)


def _read_file(path: Path, root: Path) -> bytes:
    if path.is_symlink() and not path.resolve().is_relative_to(root):
        raise SitemapError("Symbolic link points outside the folder; not followed")
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise SitemapError("Not a regular file; not read")
    if st.st_size > MAX_BYTES:
        raise SitemapError(f"Sitemap is over {MAX_BYTES // 1048576} MB; not read")
    with open(path, "rb") as fh:
        return fh.read(MAX_BYTES + 1)


def _robots_sitemaps(folder: Path) -> list[str]:
    robots = folder / "robots.txt"
    if not robots.is_file():
        return []
    try:
        text = robots.read_bytes()[:500 * 1024].decode("utf-8", errors="replace")
    except OSError:
        return []
    out = []
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == "sitemap" and value.strip():
            out.append(value.strip())
    return out


def _in_folder(url_path: str, folder: Path, prefix: str) -> Path | None:
    """The file in `folder` that serves `url_path` (below the site's path `prefix`)."""
    if not url_path.startswith(prefix):
        return None
    rel = url_path[len(prefix):].lstrip("/")
    if not rel or ".." in PurePosixPath(rel).parts:
        return None
    candidate = folder / rel
    return candidate if candidate.is_file() else None


def folder_sitemaps(folder: Path, base_url: str | None, display: str) -> FolderSitemaps | None:
    """The sitemaps of a built site in `folder`, or None when it has none.

    `display` is how the folder is shown in reports (paths are relative to the run)."""
    from urllib.parse import unquote

    root = folder.resolve()
    named = _robots_sitemaps(folder)
    prefix = urlsplit(base_url).path if base_url else "/"
    if not prefix.endswith("/"):
        prefix += "/"
    files: list[Path] = []
    for url in named:
        try:
            found = _in_folder(unquote(urlsplit(url).path), folder, prefix)
        except ValueError:
            found = None
        if found is not None:
            files.append(found)
    if not files:
        files = [folder / n for n in FOLDER_NAMES if (folder / n).is_file()][:1]
    if not files:
        return None
    # The host the sitemap speaks of: base-url's, else the one robots.txt names it on, else
    # the first listed URL's.
    site_host = urlsplit(base_url).netloc.lower() if base_url else None
    if site_host is None and named:
        site_host = urlsplit(named[0]).netloc.lower() or None
    entries: list[SitemapEntry] = []
    problems: list[tuple[str, int | None, str]] = []
    seen: set[Path] = set()
    queue: list[tuple[Path, int]] = [(f, 1) for f in files]
    read_any = False
    while queue:
        path, depth = queue.pop(0)
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        shown = display.rstrip("/") + "/" + path.relative_to(folder).as_posix()
        try:
            parsed = parse_sitemap(_read_file(path, root))
        except (SitemapError, OSError) as exc:
            msg = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            problems.append((shown, None, msg))
            continue
        read_any = True
        if parsed.truncated:
            problems.append((shown, None, f"Sitemap lists over {MAX_URLS} URLs; the rest were "
                                          "not read (split it with a sitemap index)"))
        if parsed.kind == "index":
            if depth >= MAX_INDEX_DEPTH:
                problems.append((shown, None, "Sitemap index inside a sitemap index: the "
                                              "nested one was not read (depth limit 2)"))
                continue
            for loc, _ in parsed.locs:
                try:
                    child = _in_folder(unquote(urlsplit(loc).path), folder, prefix)
                except ValueError:
                    child = None
                if child is not None:
                    queue.append((child, depth + 1))
            continue
        for loc, line in parsed.locs:
            try:
                parts = urlsplit(loc)
            except ValueError:
                continue
            if parts.scheme not in ("http", "https") or not parts.netloc:
                continue
            if site_host is None:
                site_host = parts.netloc.lower()
            on_site = site_key(parts.netloc.lower()) == site_key(site_host)
            if base_url:
                url = loc
            else:
                url = urlunsplit(("https", urlsplit(PSEUDO_ORIGIN).netloc, parts.path or "/",
                                  parts.query, ""))
            entries.append(SitemapEntry(url, loc, None, shown, line, on_site))
    return FolderSitemaps(tuple(entries) if read_any else None, tuple(problems))


def sitemaps_for_check(paths: list[str], settings: Any
                       ) -> tuple[tuple[SitemapEntry, ...] | None, list[Any], bool]:
    """For `seolint check`: the sitemap entries of the folders among `paths` (None when none has
    a sitemap), the findings about sitemaps that cannot be read, and whether all were read."""
    from seolint.result import source_finding
    from seolint.sources.files import display_path

    entries: list[SitemapEntry] = []
    findings: list[Any] = []
    complete = True
    found_any = False
    for raw in paths:
        folder = Path(raw)
        if not folder.is_dir():
            continue
        result = folder_sitemaps(folder, settings.base_url, display_path(folder))
        if result is None:
            continue
        for path, line, message in result.problems:
            complete = False
            finding = source_finding(settings, "X002", message, "Fix the sitemap (a "
                                     "well-formed sitemaps.org file of at most 50,000 URLs and "
                                     "50 MB)", None, path, line)
            if finding is not None:
                findings.append(finding)
        if result.entries is not None:
            found_any = True
            entries.extend(result.entries)
    return (tuple(entries) if found_any else None), findings, complete
