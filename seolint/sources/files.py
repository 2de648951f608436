"""Local HTML files and built-site directories.

Directories are walked recursively for `.html`/`.htm` files, in sorted order. Symbolic links are
never followed out of the folder being linted (a link into /etc is not part of the blog), nor
into directories at all (no loops). Each file maps to a URL: `base-url` plus its path inside the
folder (`posts/a/index.html` -> `posts/a/`), or a pseudo-URL under `seolint.invalid` when no
base-url is set, so that relative links still resolve and site rules still work.

Without a base-url, `read_home` reads where a built site's root folder says it is
published: its CNAME (GitHub Pages), else the canonical link or og:url in the head of its
index.html (read once: the analysis lints the same bytes).
Development URLs (localhost, a port) are never taken. (A generator's config, Zola's `base_url`
or Jekyll's `url`, would do the same for Markdown sources: not read yet.) Without it, the
absolute links themes write to the site's own pages count as external, and on the corpus that
made 4 of 11 labelled orphan pages (D006), 4 of 12 posts "without internal links" (L003) and 3
of 4 judged sitemap findings (D008) wrong.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import urlsplit

from seolint.document import RawDocument
from seolint.parse import PSEUDO_ORIGIN

HTML_SUFFIXES = (".html", ".htm")


class SourceError(Exception):
    """A path the user named that cannot be linted at all (exit 2)."""


@dataclass(frozen=True, slots=True)
class FileItem:
    file: str  # the path to open
    display: str  # the path shown in reports
    url: str
    public: bool  # False when the URL is a pseudo-URL (no base-url)
    problem: str | None = None  # set when the file must not be read (symlink out, not a file)
    # The file's content when it came from standard input (`check - --stdin-filename PATH`, an
    # editor's unsaved buffer): read it from here, not from the disk
    body: bytes | None = None


@dataclass(frozen=True, slots=True)
class Discovery:
    items: tuple[FileItem, ...]
    known_urls: frozenset[str]  # every file under the folders, as URLs: assets count as existing
    complete: bool  # True when at least one folder was given: missing link targets are broken


def printable_name(name: str) -> str:
    """A file name as text any output can carry. POSIX names are bytes: one that is not UTF-8
    reaches Python with surrogate escapes, which no encoder accepts, so its stray bytes are
    shown as \\xNN (`bad\\xff.html`). Control characters are left to each reporter's escaping."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def display_path(path: Path) -> str:
    try:
        shown = path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        shown = str(path)
    return printable_name(shown)


def file_url(rel: PurePosixPath, base_url: str | None) -> str:
    base = base_url or PSEUDO_ORIGIN + "/"
    parts = rel.as_posix()
    if rel.name.lower() in ("index.html", "index.htm"):
        parts = parts[: -len(rel.name)]
    from urllib.parse import quote

    # surrogateescape: a name that is not UTF-8 is percent-encoded byte for byte, as a web
    # server serving the folder would spell it.
    return base + quote(parts, safe="/:@!$&'()*+,;=-._~", errors="surrogateescape")


# Google Search Console's site verification file: served, never a page for readers.
_VERIFICATION_NAME = re.compile(r"google[0-9a-f]{8,32}\.html", re.IGNORECASE)


def _verification_file(path: Path) -> bool:
    """`googleXXXX.html` holding only `google-site-verification: googleXXXX.html`: no page to
    lint (adding a <title> or an <h1> to it would break the verification)."""
    if not (_VERIFICATION_NAME.fullmatch(path.name) or path.name.lower() == "index.html"
            and _VERIFICATION_NAME.fullmatch(path.parent.name + ".html")):
        return False  # googleXXXX.html, or googleXXXX/index.html (served at /googleXXXX/)
    try:
        with path.open("rb") as fh:
            head = fh.read(200)
    except OSError:
        return False
    return head.lstrip().lower().startswith(b"google-site-verification:")


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel, p.rstrip("/") + "/*")
               for p in patterns)


def discover(paths: list[str], base_url: str | None, exclude: tuple[str, ...] = ()) -> Discovery:
    items: list[FileItem] = []
    known: set[str] = set()
    complete = False
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise SourceError(f"{raw}: no such file or directory")
        if path.is_dir():
            complete = True
            root = path.resolve()
            site_root = find_site_root(path)
            if site_root is not None:
                # A subfolder of a built site: URLs and link targets are the whole site's.
                known.update(_site_urls(site_root, base_url, exclude))
            base = site_root or path.absolute()
            for folder, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    full = Path(folder) / name
                    rel = PurePosixPath(full.absolute().relative_to(base).as_posix())
                    if _excluded(rel.as_posix(), exclude):
                        continue
                    url = file_url(rel, base_url)
                    known.add(url)
                    if not name.lower().endswith(HTML_SUFFIXES) or _verification_file(full):
                        continue
                    key = str(full.absolute())
                    if key in seen:
                        continue
                    seen.add(key)
                    items.append(_item(full, root, url, base_url is not None))
        else:
            rel = PurePosixPath(path.name)
            url = file_url(rel, base_url)
            key = str(path.absolute())
            if key not in seen:
                seen.add(key)
                items.append(_item(path, path.parent.resolve(), url, base_url is not None))
    return Discovery(tuple(items), frozenset(known), complete)


# Files a built site keeps at its root, beside index.html.
_ROOT_MARKERS = ("robots.txt", "sitemap.xml", "404.html", "CNAME", ".nojekyll")


def _looks_like_site_root(folder: Path) -> bool:
    return (folder / "index.html").is_file() and any(
        (folder / m).exists() for m in _ROOT_MARKERS)


def find_site_root(path: Path, levels: int = 6) -> Path | None:
    """The built site a subfolder belongs to: the nearest folder above `path` (not `path`
    itself) with an index.html and a robots.txt, sitemap.xml, 404.html, CNAME or .nojekyll.
    None when there is none within a few levels, or when `path` is itself such a root."""
    if _looks_like_site_root(path):
        return None
    for folder in list(path.absolute().parents)[:levels]:
        if _looks_like_site_root(folder):
            return folder
    return None


def _site_urls(root: Path, base_url: str | None, exclude: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for folder, _dirs, files in os.walk(root, followlinks=False):
        for name in files:
            rel = PurePosixPath((Path(folder) / name).relative_to(root).as_posix())
            if not _excluded(rel.as_posix(), exclude):
                out.add(file_url(rel, base_url))
    return out


def _item(full: Path, root: Path, url: str, public: bool) -> FileItem:
    display = display_path(full)
    problem = None
    if full.is_symlink():
        try:
            target = full.resolve()
        except (RuntimeError, OSError):  # RuntimeError: Python 3.11's word for a loop
            return FileItem(str(full), display, url, public,
                            "Symbolic link loop (it points back to itself); not followed")
        if not target.is_relative_to(root):
            shown = printable_name(str(target))
            problem = f"Symbolic link points outside the folder (to {shown}); not followed"
        elif not target.exists():
            shown = printable_name(str(target))
            problem = f"Symbolic link points to {shown}, which does not exist"
    return FileItem(str(full), display, url, public, problem)


NOT_REGULAR = "Not a regular file (a FIFO, device or socket); not read"


def open_regular(path: str | Path) -> tuple[BinaryIO, int]:
    """(the open file, its size), for a regular file only, whatever its name: a FIFO named
    `.md` would block the run for ever at open() or read(). Opened without blocking, then
    judged by fstat of what was opened, so a file swapped for a FIFO meanwhile is refused too.
    Raises OSError."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(NOT_REGULAR)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), st.st_size
    except BaseException:
        os.close(fd)
        raise


def read(item: FileItem, max_bytes: int) -> RawDocument:
    """The file's bytes as a RawDocument. Raises OSError (with a clear message) when it cannot be
    read, or ValueError when it is over the size cap."""
    if item.problem:
        raise OSError(item.problem)
    if item.body is not None:
        if len(item.body) > max_bytes:
            raise ValueError(f"Standard input is over the {max_bytes / 1048576:.1f} MB limit; "
                             "not linted")
        return RawDocument(url=item.url, path=item.display, body=item.body,
                           public_url=item.public)
    fh, size = open_regular(item.file)
    with fh:
        if size > max_bytes:
            raise ValueError(
                f"File is {size / 1048576:.1f} MB (limit {max_bytes / 1048576:.1f} MB); "
                "not linted"
            )
        body = fh.read(max_bytes + 1)
    if len(body) > max_bytes:  # it grew while we looked
        raise ValueError(f"File is over the {max_bytes / 1048576:.1f} MB limit; not linted")
    return RawDocument(url=item.url, path=item.display, body=body, public_url=item.public)


# The site's own URL, when the user gave no base-url: where a built site says it is published.
# Without it, absolute links to the site's own pages ("https://blog.example/2018/08/30/post/",
# as Pelican and Hugo write them) look external: every such page an orphan (D006), every such
# post without internal links (L003), and a sitemap under /blog/ names no page (D008).
_DEV_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]"})
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"^{_LABEL}(?:\.{_LABEL})+$")


def public_base(url: str | None) -> str | None:
    """scheme://host/path/ of a published URL; None for a relative or development URL."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host or host in _DEV_HOSTS or parts.port:
        return None
    path = parts.path or "/"
    if not path.endswith("/"):
        path = path.rsplit("/", 1)[0] + "/"  # ".../index.html" -> ".../"
    return f"{parts.scheme}://{host}{path}"


@dataclass(frozen=True, slots=True)
class Home:
    """A built site's home page as `read_home` found it: the base URL the site says (None when
    it says none) and, when index.html was read, its bytes, so the analysis lints those bytes
    (`with_home`) instead of reading the file a second time."""

    base_url: str | None
    file: str | None = None  # index.html's absolute path, when it was read
    body: bytes | None = None  # its bytes; None when it was not read whole within the size cap


HOME_SCAN_BYTES = 512 * 1024  # the canonical and og:url are in the head: never read further


def read_home(paths: list[str], max_bytes: int = HOME_SCAN_BYTES) -> Home:
    """The base URL of the one folder in `paths`, from its CNAME (GitHub Pages: https), else
    the canonical link or og:url in the head of its index.html; None when there is not exactly
    one folder, when the folder is not a site's root (an index.html with robots.txt,
    sitemap.xml, 404.html, CNAME or .nojekyll beside it: a subfolder's index.html is a page,
    its canonical that page's URL), or when none says.

    index.html is read once, at most `max_bytes` (the run's max-file-size): those bytes go to
    the analysis too. Only its head is scanned here (a tokenizer, no tree: about 20 ms of a
    full parse saved on a typical home page); the one full parse is the analysis's, which
    needs the base URL first (the page's URL and which links are internal depend on it)."""
    folders = [Path(p) for p in paths if Path(p).is_dir()]
    if len(folders) != 1 or len(folders) != len(paths):
        return Home(None)
    folder = folders[0]
    if not _looks_like_site_root(folder):
        return Home(None)  # a post's folder (its canonical is the post's URL), or Markdown sources
    cname = folder / "CNAME"
    if cname.is_file():
        host = cname.read_text(encoding="utf-8", errors="replace").strip().split("\n")[0].strip()
        if _HOST.match(host.lower()):
            return Home(f"https://{host.lower()}/")
    index = folder / "index.html"
    try:
        if not index.resolve().is_relative_to(folder.resolve()):
            return Home(None)  # a symbolic link out of the folder is not followed (nor linted)
        fh, size = open_regular(index)
        with fh:
            data = fh.read(max_bytes + 1)
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop (Python 3.11)
        return Home(None)  # the analysis reports why it cannot be read
    whole = data if len(data) <= max_bytes and len(data) == size else None
    found = _head_urls(data[:HOME_SCAN_BYTES])
    base = next((b for b in map(public_base, found) if b is not None), None)
    return Home(base, str(index.absolute()), whole)


def infer_base_url(paths: list[str]) -> str | None:
    """`read_home(paths).base_url`: the base URL a built site's root says, or None."""
    return read_home(paths).base_url


def with_home(found: Discovery, home: Home) -> Discovery:
    """The discovered files with the home page's bytes, read by `read_home`, on its item."""
    if home.body is None or home.file is None:
        return found
    items = tuple(replace(i, body=home.body)
                  if i.problem is None and str(Path(i.file).absolute()) == home.file else i
                  for i in found.items)
    return replace(found, items=items)


class _HeadEnd(Exception):
    pass


def _head_urls(data: bytes) -> tuple[str | None, str | None]:
    """(the first canonical link's href, the first og:url meta's content) in the page's head,
    read as parse.py reads them (rel tokens and meta keys lower-cased; a meta's key is its
    name, else property, else http-equiv); the scan stops at <body>, where the head ends
    (search engines read a canonical only in the head)."""
    from html.parser import HTMLParser

    from seolint.decoding import NotHtmlError, decode

    try:
        text, _ = decode(data)
    except NotHtmlError:
        return None, None  # empty or binary: the analysis reports it (X007)
    canonical: list[str] = []
    og: list[str] = []

    class Head(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)  # a repeated attribute: the last wins, as in bs4
            if tag == "link" and not canonical and values.get("href"):
                if "canonical" in (values.get("rel") or "").lower().split():
                    canonical.append(values["href"] or "")
            elif tag == "meta" and not og:
                key = values.get("name") or values.get("property") or values.get("http-equiv")
                if key and key.strip().lower() == "og:url":
                    og.append(values.get("content") or "")
            elif tag == "body":
                # Not at </head>: a <link> or <meta> between </head> and <body> still belongs to
                # the head (HTML's "after head" mode), and parse.py reads it too.
                raise _HeadEnd

    scanner = Head()
    try:
        scanner.feed(text)
        scanner.close()
    except _HeadEnd:
        pass
    except Exception:  # the tokenizer gave up on hostile markup: no base URL from it
        pass
    return (canonical[0] if canonical else None), (og[0] if og else None)


def stdin_item(name: str, body: bytes, base_url: str | None) -> FileItem:
    """Standard input as the file `name` (`--stdin-filename`, as ruff's): shown and placed as
    that file, its bytes taken from `body`. "-" when no name was given (read as HTML)."""
    path = Path(name)
    display = "-" if name == "-" else display_path(path.absolute())
    return FileItem(str(path.absolute()), display, file_url(PurePosixPath(path.name), base_url),
                    base_url is not None, None, body)
