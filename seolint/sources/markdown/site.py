"""Markdown discovery: every source file under the paths given, placed at the URL its generator
builds, and the MarkdownSite that workers share to render any of them."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit

# Re-exported for the package's callers; one list of suffixes, in seolint.document.
from seolint.document import MARKDOWN_SUFFIXES  # noqa: F401
from seolint.document import is_markdown_path as is_markdown
from seolint.options import MarkdownOptions
from seolint.sources.frontmatter import split
from seolint.sources.generators import (
    Project,
    detect,
    is_draft,
    permalink_patterns,
    place,
    remapped_sections,
)

PSEUDO_ORIGIN = "https://seolint.invalid"  # seolint.parse.PSEUDO_ORIGIN (no import cycle)
# Folders that hold templates, build output, dependencies or tooling, never posts.
SKIP_DIRS = frozenset({
    "node_modules", "vendor", "_site", "_layouts", "_includes", "_data", "_sass", "layouts",
    "archetypes", "themes", "resources", "dist", "build", "target", "__pycache__", "venv",
    ".venv", "site-packages",
})
# Repository documents that are not pages of the blog, in a folder without a generator config.
REPO_DOCS = frozenset({
    "readme", "license", "licence", "changelog", "contributing", "code_of_conduct", "security",
    "authors", "history", "copying", "notice", "pull_request_template", "issue_template",
})
TITLE_KEYS = ("title",)
DESCRIPTION_KEYS = ("description", "summary", "excerpt")
LASTMOD_KEYS = ("lastmod", "updated", "last_modified_at", "modified", "updatedDate")
KEYPHRASE_KEYS = ("keyphrase", "focus_keyphrase", "focusKeyphrase", "focus_keyword")
LANG_KEYS = ("lang", "language", "locale")



# --- the site: every source file and its URL --------------------------------------------------

@dataclass(frozen=True)
class SourceFile:
    file: str  # absolute path
    display: str  # the path shown in reports
    url: str  # the page's URL (base-url or the pseudo-origin + its permalink)
    kind: str
    date: str | None
    draft: bool
    project: int  # index into MarkdownSite.projects


@dataclass(frozen=True)
class MarkdownSite:
    """What a worker needs to render any source: every file's URL, built once, picklable."""

    options: MarkdownOptions
    base: str  # base-url, or the pseudo-origin
    public: bool
    projects: tuple[Project, ...]
    files: dict[str, SourceFile] = field(default_factory=dict)  # absolute path -> file
    drafts: dict[str, SourceFile] = field(default_factory=dict)  # skipped drafts
    by_stem: dict[str, str] = field(default_factory=dict)  # Jekyll post_url: stem -> file
    page_keys: frozenset[str] = frozenset()  # url_key of every page, alias and asset
    post_dirs: frozenset[str] = frozenset()  # URL folders that hold posts ("/blog/")
    dated_urls: bool = False  # some post URL holds /yyyy/mm/dd/
    # Regexes of the URL paths the permalink patterns produce (generators.permalink_patterns):
    # a link that matches one and is no page is broken, whatever its folder
    url_patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Found:
    """Markdown discovery: items for the engine, URLs that exist, and the site for workers."""

    items: tuple[Any, ...]  # seolint.sources.files.FileItem
    known_urls: frozenset[str]
    complete: bool
    site: MarkdownSite | None
    skipped_drafts: int = 0


# Characters a URL path keeps as they are; and the file-name bytes that are not UTF-8 (they
# reach Python as surrogate escapes) are percent-encoded one by one, as a web server would.
_SAFE = "/:@!$&'()*+,;=-._~%"
_BYTES = "surrogateescape"


def _read_text(path: Path, limit: int) -> str | None:
    from seolint.sources.files import open_regular

    try:  # a regular file only: a FIFO named .md blocked discovery for ever
        fh, _ = open_regular(path)
        with fh:
            raw = fh.read(limit + 1)
    except OSError:
        return None
    if len(raw) > limit:
        return None
    return normalise(raw.decode("utf-8", errors="replace"))


def normalise(text: str) -> str:
    """BOM off, CRLF and lone CR to LF (line numbers stay those an editor shows)."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _content_root(file: Path, project: Project, roots: Iterable[Path], fallback: Path) -> Path:
    best: Path | None = None
    for root in [*(Path(c) for c in project.content_dirs), *roots]:
        try:
            file.relative_to(root)
        except ValueError:
            continue
        if best is None or len(root.parts) > len(best.parts):
            best = root
    return best or fallback


def _walk(folder: Path, project: Project) -> Iterable[tuple[Path, bool]]:
    """(file, is_markdown) under `folder`, sorted, never following directory symlinks."""
    root = folder.resolve()
    for current, dirs, files in os.walk(folder, followlinks=False):
        here = Path(current)
        keep = []
        for d in sorted(dirs):
            if d.startswith(".") or d in SKIP_DIRS:
                continue
            if project.generator == "jekyll" and d.startswith("_") and d not in (
                    "_posts", "_drafts"):
                continue
            keep.append(d)
        dirs[:] = keep
        for name in sorted(files):
            full = here / name
            if full.is_symlink() and not safe_resolve(full).is_relative_to(root):
                continue
            yield full, is_markdown(name)


def safe_resolve(path: Path) -> Path:
    """path.resolve(), or the path itself for a symlink loop (which Python 3.11 reports with
    RuntimeError): the loop is then read, and reading it is the X002 that names it."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return path.absolute()


def _excluded(rel: str, patterns: Iterable[str]) -> bool:
    import fnmatch

    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel, p.rstrip("/") + "/*")
               for p in patterns)


def discover(paths: list[str], base_url: str | None, options: MarkdownOptions,
             exclude: tuple[str, ...] = (), max_bytes: int = 5 * 1024 * 1024,
             include_drafts: bool | None = None, texts: dict[str, str] | None = None) -> Found:
    """Every Markdown source under `paths`, placed at its URL. `texts` (absolute path -> text)
    stands in for files given on standard input. A draft named on the command line is linted:
    only drafts found by walking a folder are skipped."""
    texts = texts or {}
    from seolint.sitetools import url_key
    from seolint.sources.files import FileItem, display_path

    drafts_too = options.include_drafts if include_drafts is None else include_drafts
    if base_url is None:
        base_url = _config_base_url(paths, options)
    base = base_url or PSEUDO_ORIGIN + "/"
    projects: list[Project] = []
    project_index: dict[str, int] = {}
    files: dict[str, SourceFile] = {}
    drafts: dict[str, SourceFile] = {}
    known: set[str] = set()
    complete = False
    order: list[str] = []
    assets: list[tuple[Path, int, Path]] = []
    extra_roots = [Path(c).resolve() for c in options.content]

    def project_for(start: Path) -> int:
        proj = detect(start, options.generator)
        key = proj.root or f"generic:{start.resolve()}"
        if key not in project_index:
            project_index[key] = len(projects)
            projects.append(proj)
        return project_index[key]

    def add(full: Path, top: Path, pi: int, explicit: bool) -> None:
        key = str(full.absolute())
        if key in files or key in drafts:
            return
        project = projects[pi]
        root = _content_root(safe_resolve(full), project, extra_roots, top)
        try:
            rel = PurePosixPath(safe_resolve(full).relative_to(root).as_posix())
        except ValueError:
            rel = PurePosixPath(full.name)
        if not explicit:
            if project.generator == "generic" and full.stem.lower() in REPO_DOCS:
                return
            if project.generator == "jekyll" and _excluded(rel.as_posix(), project.excludes):
                return
            if project.content_dirs and project.generator in ("hugo", "zola", "astro") and not any(
                    safe_resolve(full).is_relative_to(Path(c)) for c in project.content_dirs):
                return  # outside content/: a README, a theme's docs
        text = texts[key] if key in texts else _read_text(full, max_bytes) or ""
        fm = split(text)
        if project.generator == "jekyll" and fm.format is None and not explicit and text:
            return  # Jekyll copies a file without front matter as it is: not a page
        placement = place(rel, fm.data, project, options.permalinks)
        if not placement.published:
            return
        url = base + quote(placement.url_path.lstrip("/"), safe=_SAFE, errors=_BYTES)
        draft = is_draft(rel, fm.data)
        src = SourceFile(key, display_path(full), url, placement.kind, placement.date, draft, pi)
        for alias in placement.aliases:
            known.add(base + quote(alias.lstrip("/"), safe=_SAFE, errors=_BYTES))
        if draft and not drafts_too and not explicit:
            drafts[key] = src
            return
        files[key] = src
        order.append(key)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            complete = True
            pi = project_for(path)
            project = projects[pi]
            for full, md in _walk(path, project):
                rel = full.relative_to(path).as_posix()
                if _excluded(rel, exclude):
                    continue
                if md:
                    add(full, path.resolve(), pi, False)
                else:
                    assets.append((full, pi, path.resolve()))
            for static in project.static_dirs:
                static_path = Path(static)
                if static_path.is_dir() and not _inside(static_path, path):
                    for full, _ in _walk(static_path, project):
                        known.add(base + quote(full.relative_to(static_path).as_posix(),
                                               safe="/", errors=_BYTES))
        elif is_markdown(path.name) and (path.exists() or str(path.absolute()) in texts):
            pi = project_for(path)
            add(path, path.parent.resolve(), pi, True)
    if not order:  # no Markdown here (a built site): the HTML source knows its files
        return Found((), frozenset(), complete, None, len(drafts))
    # A page bundle (a folder with index.md) serves its images and files beside the page.
    bundles = {str(safe_resolve(Path(src.file)).parent): src.url
               for src in [*files.values(), *drafts.values()]
               if Path(src.file).stem in ("index", "_index")}
    for full, pi, top in assets:
        known.add(_asset_url(full, projects[pi], base, extra_roots, top, bundles))
    by_stem: dict[str, str] = {}
    post_dirs: set[str] = set()
    dated = False
    for key in order:
        src = files[key]
        by_stem.setdefault(Path(src.file).stem, key)
        if src.kind == "post":
            path_part = urlsplit(src.url).path
            folder = path_part.rstrip("/").rsplit("/", 1)[0] + "/"
            if folder != "/":
                post_dirs.add(folder)
            if re.search(r"/\d{4}/\d{2}/\d{2}/", path_part):
                dated = True
    for key, src in drafts.items():
        by_stem.setdefault(Path(src.file).stem, key)
    page_keys = frozenset({url_key(u) for u in known} | {url_key(files[k].url) for k in order})
    base_path = urlsplit(base).path.rstrip("/")
    patterns: list[str] = []
    for project in projects:
        # Under a section its permalinks move away, only the section's list page is left.
        post_dirs.update(base_path + d for d in remapped_sections(project, options.permalinks))
        patterns += permalink_patterns(project, options.permalinks)
    site = MarkdownSite(options, base, base_url is not None, tuple(projects), files, drafts,
                        by_stem, page_keys, frozenset(post_dirs), dated,
                        tuple(dict.fromkeys(patterns)))
    items = tuple(FileItem(files[k].file, files[k].display, files[k].url, base_url is not None)
                  for k in order)
    return Found(items, frozenset(known), complete, site, len(drafts))


def _config_base_url(paths: list[str], options: MarkdownOptions) -> str | None:
    """The published base URL the generator's config names (Zola `base_url`, Hugo `baseURL`,
    Jekyll `url` + `baseurl`, Astro `site`), when every path belongs to one project that names
    one: the user gave no --base-url, and without it links to the blog's own host by absolute
    URL (`https://blog.rust-lang.org/2024/...`) would count as external (L003, D006)."""
    from seolint.sources.files import public_base

    bases: set[str | None] = set()
    for raw in paths:
        path = Path(raw)
        if not (path.is_dir() or is_markdown(path.name)):
            continue
        project = detect(path, options.generator)
        bases.add(public_base(project.base_url) if project.generator != "generic" else None)
    return next(iter(bases)) if len(bases) == 1 else None


def default_paths(settings: Any) -> list[str]:
    """What `seolint check` lints when given no path: the config's [markdown] content folders."""
    from seolint.config import ConfigError

    options = settings.markdown
    if options is None or not options.content:
        raise ConfigError("no path given: name the files or folders to lint, or set "
                          "`content` in the config's [markdown] table (`seolint init` does)")
    return list(options.content)


# Built output of a generator, and its templates: HTML there is not a page of the sources.
_NOT_PAGES = frozenset({"_site", "public", "_layouts", "_includes", "layouts", "themes",
                        "archetypes", "node_modules", "vendor", "partials", "dist", "build"})


def add_sources(html: Any, paths: list[str], settings: Any, include_drafts: bool = False,
                texts: dict[str, str] | None = None) -> tuple[Any, MarkdownSite | None]:
    """The HTML discovery with the Markdown sources of the same paths added: (Discovery, the
    MarkdownSite for the engine's workers). In a folder with Markdown posts and a generator's
    config, HTML files are templates (front matter, Liquid) or build output, not pages: they are
    left out rather than linted as broken pages."""
    from seolint.sources.files import Discovery

    options = settings.markdown or MarkdownOptions()
    found = discover(paths, settings.base_url, options, settings.exclude,
                     settings.max_file_bytes, include_drafts or None, texts)
    # A .md file named on the command line is the HTML discovery's too (it takes any file).
    items = [i for i in html.items if not is_markdown(i.file)]
    if not found.items:
        return Discovery(tuple(items), html.known_urls, html.complete), None
    if found.site is not None and any(p.generator != "generic" for p in found.site.projects):
        # Only in folders that hold Markdown sources: `seolint check content public` still
        # lints the built site in public/.
        sources = [Path(p).resolve() for p in paths if Path(p).is_dir()]
        sources = [d for d in sources if any(safe_resolve(Path(i.file)).is_relative_to(d)
                                             for i in found.items)]
        items = [i for i in items if not _template(i.file, sources)]
    items += list(found.items)
    return Discovery(tuple(items), html.known_urls | found.known_urls,
                     html.complete or found.complete), found.site


def _template(file: str, sources: list[Path]) -> bool:
    from seolint.sources.files import open_regular

    full = safe_resolve(Path(file))
    inside = [d for d in sources if full.is_relative_to(d)]
    if not inside:
        return False
    rel = full.relative_to(max(inside, key=lambda d: len(d.parts)))
    if any(part in _NOT_PAGES for part in rel.parts[:-1]):
        return True
    try:
        fh, _ = open_regular(file)  # never a FIFO: it would block here
        with fh:
            head = fh.read(8)
    except OSError:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").startswith((b"---\n", b"---\r\n", b"+++"))


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


def _asset_url(full: Path, project: Project, base: str, roots: list[Path], top: Path,
               bundles: dict[str, str]) -> str:
    """A non-Markdown file under the content: served beside its page (a bundle's image) or at
    its path from the content root."""
    resolved = safe_resolve(full)
    for folder in resolved.parents:
        page_url = bundles.get(str(folder))
        if page_url is not None:
            return page_url.rstrip("/") + "/" + quote(resolved.relative_to(folder).as_posix(),
                                                      safe="/", errors=_BYTES)
        if str(folder) == str(top):
            break
    root = _content_root(resolved, project, roots, top)
    try:
        rel = resolved.relative_to(root).as_posix()
    except ValueError:
        rel = full.name
    for static in project.static_dirs:
        try:
            rel = resolved.relative_to(Path(static)).as_posix()
            break
        except ValueError:
            continue
    return base + quote(rel, safe="/", errors=_BYTES)
