"""Markdown sources: blog posts with front matter, linted as the page the theme would build.

A `.md`, `.markdown` or `.mdx` file becomes a page in four steps, so every rule reads the same
Page model as for HTML:

1. **Front matter** (`seolint.sources.frontmatter`): YAML `---` or TOML `+++`. Front matter that
   does not parse is an F001 finding on its line, and the body is still linted.
2. **Body**: rendered with markdown-it-py (CommonMark with tables and strikethrough; raw HTML
   passes through, as in every generator; `![](x.png)` is an image without alt text, as
   markdownlint's MD045 reads it). Template tags the generator would expand are taken
   out first, line for line (Liquid `{% %}`, Hugo and Zola shortcodes, kramdown `{: }` lists,
   MDX imports, exports and JSX lines), except links: Hugo's `ref`/`relref`, Jekyll's
   `post_url` and `link`, Zola's `@/` paths and relative `.md` links are resolved to the target
   post's URL (`seolint.sources.generators`), so broken links, duplicates and orphans work on
   sources. A link to a path the theme may generate (tag pages, `/about`) that the sources cannot
   show is taken as existing (`RawDocument.assumed_urls`), not called broken; a link into a
   folder of posts, or to a dated post URL, is checked.
3. **Head**: front matter supplies what the theme would put in `<head>`: `title` (through the
   `title-template`, e.g. "{title} | My Blog"), `description` (else `summary`, `excerpt`),
   `lang`, `robots`/`noindex`, `canonical`. The front-matter title is also the page's `<h1>`
   when `title-as-h1` is on (the default: most themes print it as the post's heading). Nothing
   else: the theme's canonical, social tags, JSON-LD and `<html lang>` are unknown, so the rules
   that read them are not applicable (`Page.facts` holds FACT_BODY, FACT_TITLE and
   FACT_DESCRIPTION, never FACT_HEAD), never a false finding.
4. **Lines**: the rendered HTML keeps a map from each of its lines to the Markdown file's line
   (`RawDocument.line_map`; markdown-it tokens carry their source lines), and `parse()` maps
   every position back, so findings point at the `.md` line (head findings at the front-matter
   key, a missing key at line 1).

Drafts (`draft: true`, Jekyll's `published: false` and `_drafts/`) are skipped unless
`include-drafts` (`--include-drafts`) asks for them. `Page.front_matter` holds the front matter as
written (JSON-safe), plus, where absent, the keys other rules read: `date` (else `pubDate`,
`published`..., else the file name's or path's date), `lastmod` (`updated`, `last_modified_at`,
`modified`), `author` (the first of `authors`), `lang` (`language`, `locale`, the generator's site
language), `keyphrase` (`focus_keyphrase`, `focus_keyword`) and `draft`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from html import escape
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from seolint.document import (
    FACT_BODY,
    FACT_DESCRIPTION,
    FACT_TITLE,
    Page,
    Position,
    RawDocument,
)
from seolint.sources.frontmatter import FrontMatter, split
from seolint.sources.generators import (
    GENERATORS,
    Project,
    detect,
    is_draft,
    parse_date,
    place,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
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

_MD = "<!-- seolint: rendered from Markdown -->"


# --- options ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class MarkdownOptions:
    """The `[markdown]` table of the config (`[tool.seolint.markdown]` in pyproject.toml)."""

    generator: str | None = None  # hugo, jekyll, zola, astro, eleventy, sveltekit, generic
    content: tuple[str, ...] = ()  # folders `seolint check` lints when given no path
    title_as_h1: bool = True  # the theme prints the front-matter title as the page's <h1>
    title_template: str = "{title}"  # the <title> the theme builds, e.g. "{title} | My Blog"
    include_drafts: bool = False
    permalinks: tuple[tuple[str, str], ...] = ()  # section -> pattern ("*": every section)


_OPTION_KEYS = {"generator", "content", "title-as-h1", "title-template", "include-drafts",
                "permalinks"}


def options_from(table: Any, source: str) -> MarkdownOptions:
    """MarkdownOptions from the config's [markdown] table; ConfigError names any mistake."""
    from seolint.config import ConfigError

    where = f"{source}: [markdown]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table")
    unknown = sorted(set(table) - _OPTION_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {', '.join(repr(k) for k in unknown)} "
                          f"(known: {', '.join(sorted(_OPTION_KEYS))})")
    out = MarkdownOptions()
    if "generator" in table:
        gen = table["generator"]
        if gen not in GENERATORS:
            raise ConfigError(f"{where}: 'generator' must be one of {', '.join(GENERATORS)}, "
                              f"not {gen!r}")
        out = replace(out, generator=gen)
    if "content" in table:
        value = table["content"]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ConfigError(f"{where}: 'content' must be a list of folders")
        base = Path(source).parent if source not in ("config", "") else Path.cwd()
        out = replace(out, content=tuple(str(base / v) for v in value))
    for key, attr in (("title-as-h1", "title_as_h1"), ("include-drafts", "include_drafts")):
        if key in table:
            if not isinstance(table[key], bool):
                raise ConfigError(f"{where}: '{key}' must be true or false")
            out = replace(out, **{attr: table[key]})
    if "title-template" in table:
        value = table["title-template"]
        if not isinstance(value, str) or "{title}" not in value:
            raise ConfigError(f"{where}: 'title-template' must be a string holding {{title}}")
        out = replace(out, title_template=value)
    if "permalinks" in table:
        value = table["permalinks"]
        if isinstance(value, str):
            value = {"*": value}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise ConfigError(f"{where}: 'permalinks' must be a pattern or a table of "
                              "section = pattern")
        out = replace(out, permalinks=tuple((str(k), v) for k, v in value.items()))
    return out


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


@dataclass(frozen=True)
class Found:
    """Markdown discovery: items for the engine, URLs that exist, and the site for workers."""

    items: tuple[Any, ...]  # seolint.sources.files.FileItem
    known_urls: frozenset[str]
    complete: bool
    site: MarkdownSite | None
    skipped_drafts: int = 0


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def _read_text(path: Path, limit: int) -> str | None:
    try:
        with open(path, "rb") as fh:
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
            if full.is_symlink() and not full.resolve().is_relative_to(root):
                continue
            yield full, is_markdown(name)


def _excluded(rel: str, patterns: Iterable[str]) -> bool:
    import fnmatch

    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel, p.rstrip("/") + "/*")
               for p in patterns)


def discover(paths: list[str], base_url: str | None, options: MarkdownOptions,
             exclude: tuple[str, ...] = (), max_bytes: int = 5 * 1024 * 1024,
             include_drafts: bool | None = None) -> Found:
    """Every Markdown source under `paths`, placed at its URL."""
    from seolint.sitetools import url_key
    from seolint.sources.files import FileItem, display_path

    drafts_too = options.include_drafts if include_drafts is None else include_drafts
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
        root = _content_root(full.resolve(), project, extra_roots, top)
        try:
            rel = PurePosixPath(full.resolve().relative_to(root).as_posix())
        except ValueError:
            rel = PurePosixPath(full.name)
        if not explicit:
            if project.generator == "generic" and full.stem.lower() in REPO_DOCS:
                return
            if project.generator == "jekyll" and _excluded(rel.as_posix(), project.excludes):
                return
            if project.content_dirs and project.generator in ("hugo", "zola", "astro") and not any(
                    full.resolve().is_relative_to(Path(c)) for c in project.content_dirs):
                return  # outside content/: a README, a theme's docs
        text = _read_text(full, max_bytes) or ""
        fm = split(text)
        if project.generator == "jekyll" and fm.format is None and not explicit and text:
            return  # Jekyll copies a file without front matter as it is: not a page
        placement = place(rel, fm.data, project, options.permalinks)
        if not placement.published:
            return
        url = base + quote(placement.url_path.lstrip("/"), safe="/:@!$&'()*+,;=-._~%")
        draft = is_draft(rel, fm.data)
        src = SourceFile(key, display_path(full), url, placement.kind, placement.date, draft, pi)
        for alias in placement.aliases:
            known.add(base + quote(alias.lstrip("/"), safe="/:@!$&'()*+,;=-._~%"))
        if draft and not drafts_too:
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
                                               safe="/"))
        elif is_markdown(path.name) and path.exists():
            pi = project_for(path)
            add(path, path.parent.resolve(), pi, True)
    if not order:  # no Markdown here (a built site): the HTML source knows its files
        return Found((), frozenset(), complete, None, len(drafts))
    # A page bundle (a folder with index.md) serves its images and files beside the page.
    bundles = {str(Path(src.file).resolve().parent): src.url
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
    site = MarkdownSite(options, base, base_url is not None, tuple(projects), files, drafts,
                        by_stem, page_keys, frozenset(post_dirs), dated)
    items = tuple(FileItem(files[k].file, files[k].display, files[k].url, base_url is not None)
                  for k in order)
    return Found(items, frozenset(known), complete, site, len(drafts))


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


def add_sources(html: Any, paths: list[str], settings: Any,
                include_drafts: bool = False) -> tuple[Any, MarkdownSite | None]:
    """The HTML discovery with the Markdown sources of the same paths added: (Discovery, the
    MarkdownSite for the engine's workers). In a folder with Markdown posts and a generator's
    config, HTML files are templates (front matter, Liquid) or build output, not pages: they are
    left out rather than linted as broken pages."""
    from seolint.sources.files import Discovery

    options = settings.markdown or MarkdownOptions()
    found = discover(paths, settings.base_url, options, settings.exclude,
                     settings.max_file_bytes, include_drafts or None)
    # A .md file named on the command line is the HTML discovery's too (it takes any file).
    items = [i for i in html.items if not is_markdown(i.file)]
    if not found.items:
        return Discovery(tuple(items), html.known_urls, html.complete), None
    if found.site is not None and any(p.generator != "generic" for p in found.site.projects):
        # Only in folders that hold Markdown sources: `seolint check content public` still
        # lints the built site in public/.
        sources = [Path(p).resolve() for p in paths if Path(p).is_dir()]
        sources = [d for d in sources if any(Path(i.file).resolve().is_relative_to(d)
                                             for i in found.items)]
        items = [i for i in items if not _template(i.file, sources)]
    items += list(found.items)
    return Discovery(tuple(items), html.known_urls | found.known_urls,
                     html.complete or found.complete), found.site


def _template(file: str, sources: list[Path]) -> bool:
    full = Path(file).resolve()
    inside = [d for d in sources if full.is_relative_to(d)]
    if not inside:
        return False
    rel = full.relative_to(max(inside, key=lambda d: len(d.parts)))
    if any(part in _NOT_PAGES for part in rel.parts[:-1]):
        return True
    try:
        with open(file, "rb") as fh:
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
    resolved = full.resolve()
    for folder in resolved.parents:
        page_url = bundles.get(str(folder))
        if page_url is not None:
            return page_url.rstrip("/") + "/" + quote(resolved.relative_to(folder).as_posix(),
                                                      safe="/")
        if str(folder) == str(top):
            break
    root = _content_root(resolved, project, roots, top)
    try:
        rel = full.resolve().relative_to(root).as_posix()
    except ValueError:
        rel = full.name
    for static in project.static_dirs:
        try:
            rel = full.resolve().relative_to(Path(static)).as_posix()
            break
        except ValueError:
            continue
    return base + quote(rel, safe="/")


# --- preprocessing: what the generator would expand, taken out line for line -----------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HUGO_REF = re.compile(r"\{\{[<%]\s*(?:rel)?ref\s+(?:path=)?\"?([^\"\s>%]+)\"?[^>%]*[>%]\}\}")
_POST_URL = re.compile(r"\{%-?\s*post_url\s+([^\s%]+)\s*-?%\}")
_JEKYLL_LINK = re.compile(r"\{%-?\s*link\s+([^\s%]+)\s*-?%\}")
_SITE_URL = re.compile(r"\{\{-?\s*site\.(baseurl|url)\s*(?:\|[^}]*)?-?\}\}")
_HIGHLIGHT_OPEN = re.compile(r"^\s*(?:\{%-?\s*highlight\s+(\w*)[^%]*-?%\}|\{\{<\s*highlight\s+"
                             r"(\w*)[^>]*>\}\})\s*$")
_HIGHLIGHT_CLOSE = re.compile(r"^\s*(?:\{%-?\s*endhighlight\s*-?%\}|\{\{<\s*/highlight\s*>\}\})"
                              r"\s*$")
_COMMENT_OPEN = re.compile(r"\{%-?\s*comment\s*-?%\}")
_COMMENT_CLOSE = re.compile(r"\{%-?\s*endcomment\s*-?%\}")
_TAG = re.compile(r"\{%.*?%\}|\{\{[<%].*?[>%]\}\}|\{\{.*?\}\}")
_IAL_LINE = re.compile(r"^\s*\{:[^}]*\}\s*$")
_HEADING_ATTRS = re.compile(r"^(\s{0,3}#{1,6}\s.*?)\s*\{[#.:][^}]*\}\s*$")
_MDX_COMMENT = re.compile(r"\{/\*\s*(.*?)\s*\*/\}")
_JSX_OPEN = re.compile(r"^\s*<([A-Z][\w.]*|>)")
_JSX_CLOSE_LINE = re.compile(r"^\s*</([A-Z][\w.]*)?>")
_ESM = re.compile(r"^(import|export)\s")
TEMPLATING = frozenset({"jekyll", "hugo", "zola", "eleventy"})


def preprocess(lines: list[str], generator: str, mdx: bool, base_path: str = "") -> list[str]:
    """The body with template tags and MDX syntax blanked, keeping the line count.

    `base_path` is the path of the site's URL ("/blog" for https://x.io/blog/): Jekyll's
    `{{ site.baseurl }}` becomes it, `{{ site.url }}` becomes nothing (links stay on the site)."""
    out: list[str] = []
    fence: str | None = None
    in_comment = False
    jsx_depth: str | None = None
    esm_braces = 0
    templating = generator in TEMPLATING
    for line in lines:
        if fence == "{%":  # inside {% highlight %} / {{< highlight >}}: code until its end tag
            if _HIGHLIGHT_CLOSE.match(line):
                out.append("```")
                fence = None
            else:
                out.append(line)
            continue
        if fence is not None:
            out.append(line)
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) <= set(fence[0]):
                fence = None
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)
            out.append(line)
            continue
        if templating:
            hm = _HIGHLIGHT_OPEN.match(line)
            if hm:
                out.append("```" + (hm.group(1) or hm.group(2) or ""))
                fence = "{%"
                continue
            if in_comment:
                if _COMMENT_CLOSE.search(line):
                    in_comment = False
                out.append("")
                continue
            if _COMMENT_OPEN.search(line) and not _COMMENT_CLOSE.search(line):
                in_comment = True
                out.append("")
                continue
        if mdx:
            line = _MDX_COMMENT.sub(_mdx_comment, line)
            if esm_braces > 0:
                esm_braces += line.count("{") - line.count("}")
                out.append("")
                continue
            if _ESM.match(line):
                esm_braces = max(0, line.count("{") - line.count("}"))
                out.append("")
                continue
            if jsx_depth is not None:
                if _ends_jsx(line, jsx_depth):
                    jsx_depth = None
                out.append("")
                continue
            jm = _JSX_OPEN.match(line)
            if jm or _JSX_CLOSE_LINE.match(line):
                name = jm.group(1) if jm else ""
                if jm and not _ends_jsx(line, name):
                    jsx_depth = name
                out.append("")
                continue
            if line.lstrip().startswith("{") and line.rstrip().endswith("}"):
                out.append("")
                continue
        if templating:
            line = _HUGO_REF.sub(lambda m: "seolint-ref:" + m.group(1), line)
            line = _POST_URL.sub(lambda m: "seolint-post-url:" + m.group(1), line)
            line = _JEKYLL_LINK.sub(lambda m: "seolint-link:" + m.group(1), line)
            line = _SITE_URL.sub(lambda m: base_path if m.group(1) == "baseurl" else "", line)
            if _IAL_LINE.match(line):
                line = ""
            elif "{" in line:
                stripped = line.strip()
                if _TAG.fullmatch(stripped):
                    line = ""
                else:
                    line = _TAG.sub("", line)
        hm2 = _HEADING_ATTRS.match(line)
        if hm2:
            line = hm2.group(1)
        out.append(line)
    return out


def _mdx_comment(m: re.Match[str]) -> str:
    text = m.group(1)
    return f"<!-- {text} -->" if text.startswith("seolint-") else ""


def _ends_jsx(line: str, name: str) -> bool:
    stripped = line.rstrip()
    if stripped.endswith("/>"):
        return True
    if name and name != ">" and f"</{name}>" in line:
        return True
    return name == ">" and "</>" in line


# --- rendering with line anchors --------------------------------------------------------------

@cache
def _line_renderer() -> type:
    """The renderer class, built on first use: markdown-it is imported only by a run that
    renders Markdown (35 ms an HTML-only `seolint check` does not pay)."""
    from markdown_it.renderer import RendererHTML

    class _LineRenderer(RendererHTML):
        """markdown-it's HTML renderer that starts every block on a new output line and records,
        for each, the output line and its source lines (token.map)."""

        def render(self, tokens: Any, options: Any, env: Any) -> str:
            out: list[str] = []
            line = 0
            at_line_start = True
            anchors: list[tuple[int, int, int]] = env.setdefault("anchors", [])
            for i, token in enumerate(tokens):
                if token.map is not None and token.nesting >= 0 and not token.hidden and (
                        token.type != "inline") and not at_line_start:
                    out.append("\n")
                    line += 1
                    at_line_start = True
                if token.type == "inline":
                    piece = self.renderInline(token.children or [], options, env)
                elif token.type in self.rules:
                    piece = self.rules[token.type](tokens, i, options, env)
                else:
                    piece = self.renderToken(tokens, i, options, env)
                if token.map is not None and token.nesting >= 0 and not (
                        token.hidden and token.type != "inline"):
                    lead = len(piece) - len(piece.lstrip("\n"))
                    anchors.append((line + lead, token.map[0],
                                    max(token.map[0], token.map[1] - 1)))
                if piece:
                    out.append(piece)
                    line += piece.count("\n")
                    at_line_start = piece.endswith("\n")
            return "".join(out)

        def image(self, tokens: Any, idx: int, options: Any, env: Any) -> str:
            # `![](x.png)` has no alt text: Markdown cannot mark an image decorative, so an empty
            # alt is an omission (markdownlint's MD045), not the alt="" of a decorative image.
            token = tokens[idx]
            alt = self.renderInlineAsText(token.children or [], options, env)
            if alt.strip():
                token.attrSet("alt", alt)
            else:
                token.attrs.pop("alt", None)
            return self.renderToken(tokens, idx, options, env)

    return _LineRenderer


@cache
def _markdown() -> MarkdownIt:
    """One parser per process, shared: parsing keeps its state in the call, and building one
    costs 2 ms, which the language server would pay on every keystroke."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}, renderer_cls=_line_renderer())
    md.enable(["table", "strikethrough"])
    return md


def body_lines(anchors: list[tuple[int, int, int]], count: int) -> list[int]:
    """The 0-based body line of each of the first `count` lines of the rendered body.

    Anchors are (output line, first source line, last source line) in output order: a line
    belongs to the last block that starts at or before it, offset within the block (a
    paragraph's soft breaks keep its lines one for one) and clamped to the block's end."""
    out: list[int] = []
    index = -1
    for line in range(count):
        while index + 1 < len(anchors) and anchors[index + 1][0] <= line:
            index += 1
        if index < 0:
            out.append(0)
            continue
        start, first, last = anchors[index]
        out.append(min(first + (line - start), last))
    return out


# --- links ------------------------------------------------------------------------------------

_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_LISTING = re.compile(r"/(tags?|categor(y|ies)|archives?|authors?|page|series|topics?)/",
                      re.IGNORECASE)


class _Links:
    """Resolves a post's links the way its generator would."""

    def __init__(self, site: MarkdownSite | None, src_file: Path, project: Project,
                 page_url: str) -> None:
        self.site = site
        self.src = src_file
        self.project = project
        self.page_url = page_url
        self.base = site.base if site else PSEUDO_ORIGIN + "/"
        self.assumed: list[str] = []

    def _target_url(self, target: Path, written: str) -> str:
        key = str(target.absolute())
        if self.site is not None:
            found = self.site.files.get(key) or self.site.files.get(str(target.resolve()))
            if found is not None:
                return found.url
            draft = self.site.drafts.get(key) or self.site.drafts.get(str(target.resolve()))
            if draft is not None:
                return draft.url  # a draft is not published: the link is broken on the site
        if target.is_file():
            # It exists but is not linted here (outside the folders given): its URL is a guess,
            # so take it as existing.
            url = self.base + "__seolint_unlinted__/" + quote(written.lstrip("/"), safe="/")
            self.assumed.append(url)
            return url
        # No such file: a URL no page has, named after the missing file's path in the content
        # (D007 then says "Link to /posts/missing.md points to no page of the site").
        shown = written.lstrip("./").lstrip("/")
        for folder in self._content_dirs():
            try:
                shown = Path(os.path.normpath(target.absolute())).relative_to(
                    folder.absolute()).as_posix()
                break
            except ValueError:
                continue
        return self.base + quote(shown, safe="/")

    def _content_dirs(self) -> list[Path]:
        dirs = [Path(c) for c in self.project.content_dirs]
        if self.project.root:
            dirs.append(Path(self.project.root))
        return dirs or [self.src.parent]

    def _find(self, written: str, relative_first: bool = True) -> Path:
        path = unquote(written)
        candidates: list[Path] = []
        if relative_first and not path.startswith("/"):
            candidates.append(self.src.parent / path)
        for folder in self._content_dirs():
            candidates.append(folder / path.lstrip("/"))
        for c in list(candidates):
            if not is_markdown(c.name):
                candidates += [c.with_name(c.name + ".md"), c / "index.md", c / "_index.md"]
        for c in candidates:
            if c.is_file():
                return c
        if self.site is not None:
            # Hugo's ref: "then relative to the rest of the content" (a name or partial path).
            want = "/" + path.strip("/").removesuffix(".md")
            for key in [*self.site.files, *self.site.drafts]:
                stem = key[: -len(Path(key).suffix)] if Path(key).suffix else key
                if stem.endswith(want) or stem.endswith(want + "/index") or stem.endswith(
                        want + "/_index"):
                    return Path(key)
        return candidates[0] if candidates else self.src.parent / path

    def rewrite(self, href: str) -> str:
        """The URL a Markdown link points to on the built site."""
        raw, hashmark, fragment = href.partition("#")
        suffix = hashmark + fragment
        if raw.startswith("seolint-ref:"):
            written = unquote(raw[len("seolint-ref:"):])
            return self._target_url(self._find(written), written) + suffix
        if raw.startswith("seolint-post-url:"):
            name = unquote(raw[len("seolint-post-url:"):])
            stem = name.rsplit("/", 1)[-1]
            key = self.site.by_stem.get(stem) if self.site else None
            if key is not None:
                return self._target_url(Path(key), name) + suffix
            return self.base + "_posts/" + quote(name, safe="/") + suffix
        if raw.startswith("seolint-link:"):
            written = unquote(raw[len("seolint-link:"):])
            return self._target_url(self._find(written, False), written) + suffix
        if raw.startswith("@/"):
            written = unquote(raw[2:])
            target = self._find(written, False)
            return self._target_url(target, written) + suffix
        parts = urlsplit(raw)
        if not parts.scheme and not parts.netloc and is_markdown(parts.path):
            written = unquote(parts.path)
            if written.startswith("/"):
                target = self._find(written, False)
            else:
                target = self.src.parent / written
            return self._target_url(target, written) + suffix
        return href

    def check_plain(self, href: str) -> None:
        """A link the sources cannot vouch for is assumed to exist unless it points into a
        folder of posts (or at a dated post URL), where a missing page is a broken link."""
        from seolint.parse import resolve
        from seolint.sitetools import candidate_keys

        if self.site is None:
            return
        url = resolve(self.page_url, href)
        if url is None:
            return
        parts = urlsplit(url)
        if parts.netloc != urlsplit(self.base).netloc:
            return
        if any(k in self.site.page_keys for k in candidate_keys(url)):
            return
        path = parts.path
        last = path.rsplit("/", 1)[-1]
        if "." in last and not last.lower().endswith((".html", ".htm")):
            # A feed, an image, a PDF: files a build makes or copies that sources may not show.
            self.assumed.append(url)
            return
        folder = path.rstrip("/").rsplit("/", 1)[0] + "/"
        checked = (folder in self.site.post_dirs and not _LISTING.search(path)) or (
            self.site.dated_urls and re.search(r"^/(\d{4})/(\d{2})/(\d{2})/[^/]", path))
        if not checked:
            self.assumed.append(url)


def _rewrite_links(tokens: list[Token], links: _Links) -> None:
    for token in tokens:
        if token.type == "inline" and token.children:
            _rewrite_links(token.children, links)
        elif token.type == "link_open":
            href = token.attrGet("href")
            if isinstance(href, str):
                new = links.rewrite(href)
                if new != href:
                    token.attrSet("href", new)
                else:
                    links.check_plain(href)
        elif token.type in ("html_inline", "html_block"):
            for m in _HREF.finditer(token.content):
                links.check_plain(m.group(1) if m.group(1) is not None else m.group(2))


# --- front matter -> the head and Page.front_matter -------------------------------------------

def _first(fm: dict[str, Any], keys: Iterable[str]) -> tuple[str | None, Any]:
    for key in keys:
        if key in fm and fm[key] is not None:
            return key, fm[key]
    return None, None


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def normalised_front_matter(fm: dict[str, Any], src: SourceFile | None, date: str | None,
                            project: Project) -> dict[str, Any]:
    """The front matter as written, plus the standard keys other rules read (see the module
    docstring) where the post spells them differently or leaves them to the file name."""
    out = dict(fm)
    if "date" not in out and date:
        out["date"] = date
    if "lastmod" not in out:
        key, value = _first(fm, LASTMOD_KEYS)
        if key:
            out["lastmod"] = value
    if "author" not in out:
        authors = fm.get("authors")
        if isinstance(authors, list) and authors:
            first = authors[0]
            out["author"] = first.get("name") if isinstance(first, dict) else str(first)
        elif isinstance(authors, str):
            out["author"] = authors
    elif isinstance(out["author"], dict):
        out["author"] = out["author"].get("name") or _text(out["author"])
    if "lang" not in out:
        key, value = _first(fm, LANG_KEYS[1:])
        if isinstance(value, str):
            out["lang"] = value
        elif project.language:
            out["lang"] = project.language
    if "keyphrase" not in out:
        raw_extra = fm.get("extra")  # Zola keeps custom keys in [extra]
        extra: dict[str, Any] = raw_extra if isinstance(raw_extra, dict) else {}
        key, value = _first(fm, KEYPHRASE_KEYS[1:])
        if value is None:
            key, value = _first(extra, KEYPHRASE_KEYS)
        if isinstance(value, str):
            out["keyphrase"] = value
    out["draft"] = bool(src.draft) if src is not None else bool(fm.get("draft"))
    return out


@dataclass
class _Head:
    lines: list[tuple[str, int]] = field(default_factory=list)  # (html, source line)

    def add(self, html: str, line: int) -> None:
        self.lines.append((html, line))


def _robots(fm: dict[str, Any]) -> str | None:
    robots = fm.get("robots")
    if isinstance(robots, str) and robots.strip():
        return robots.strip()
    if fm.get("noindex") is True:
        return "noindex"
    return None


def _seolint_ignores(fm: dict[str, Any]) -> list[str] | None:
    """`seolint: {ignore: [...]}` (or `seolint_ignore`) from the front matter."""
    block = fm.get("seolint")
    value: Any = None
    if isinstance(block, dict):
        value = block.get("ignore")
    elif "seolint_ignore" in fm:
        value = fm.get("seolint_ignore")
    if value is None:
        return None
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",")]
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return None


# --- the whole page ---------------------------------------------------------------------------

def render(text: str, *, path: str | None, url: str, public: bool, file: Path | None = None,
           site: MarkdownSite | None = None, options: MarkdownOptions | None = None,
           project: Project | None = None, src: SourceFile | None = None) -> RawDocument:
    """A Markdown source (already decoded) as the RawDocument of its page."""
    opts = options or (site.options if site else MarkdownOptions())
    if project is None:
        project = site.projects[src.project] if site is not None and src is not None else (
            Project(opts.generator or "generic"))
    text = normalise(text)
    lines = text.split("\n")
    fm = split(text)
    problems: list[tuple[str, str, str | None, int | None]] = []
    if fm.error:
        problems.append(("F001", fm.error,
                         "Fix the front matter so the generator can read it (quote values "
                         "that hold a colon)", fm.error_line))
    data = fm.data
    body_start = fm.body_start  # 1-based line of the first body line
    body = lines[body_start - 1:] if body_start - 1 < len(lines) else []
    is_mdx = (path or url).lower().endswith(".mdx")
    base_path = urlsplit(site.base).path.rstrip("/") if site is not None else ""
    body = preprocess(body, project.generator, is_mdx, base_path)
    md = _markdown()
    env: dict[str, Any] = {}
    tokens = md.parse("\n".join(body), env)
    links = _Links(site, file or Path(path or "post.md").absolute(), project, url)
    _rewrite_links(tokens, links)
    body_html = md.renderer.render(tokens, md.options, env)
    anchors = env.get("anchors", [])

    head = _Head()
    top = fm.start or 1
    key_lines = fm.key_lines
    lang = None
    _, lang_value = _first(data, LANG_KEYS)
    if isinstance(lang_value, str) and lang_value.strip():
        lang = lang_value.strip()
    elif project.language:
        lang = project.language
    lang_attr = f' lang="{escape(lang)}"' if lang else ""
    head.add(f"<!DOCTYPE html><html{lang_attr}><head>{_MD}", top)
    title_value = data.get("title")
    title = _text(title_value).strip() if title_value is not None else None
    title_line = key_lines.get("title", top)
    if title is not None and not fm.error:
        shown = opts.title_template.replace("{title}", title)
        head.add(f"<title>{escape(shown, quote=False)}</title>", title_line)
    dkey, dvalue = _first(data, DESCRIPTION_KEYS)
    if dkey is not None and not fm.error:
        head.add(f'<meta name="description" content="{escape(_text(dvalue))}">',
                 key_lines.get(dkey, top))
    robots = _robots(data)
    if robots:
        head.add(f'<meta name="robots" content="{escape(robots)}">',
                 key_lines.get("robots", key_lines.get("noindex", top)))
    ckey, canonical = _first(data, ("canonical", "canonical_url", "canonicalURL", "canonicalUrl"))
    if isinstance(canonical, str) and canonical.strip():
        head.add(f'<link rel="canonical" href="{escape(canonical.strip())}">',
                 key_lines.get(ckey or "", top))
    ignores = _seolint_ignores(data)
    if ignores:
        # Front-matter ignores become the same directive an HTML comment gives, on its line.
        line = key_lines.get("seolint", key_lines.get("seolint_ignore", top))
        head.add(f"<!-- seolint-disable-file {', '.join(ignores)} -->", line)
    # The file's last line (a final newline ends the last line, it does not start another).
    last_line = max(1, len(lines) - (1 if len(lines) > 1 and lines[-1] == "" else 0))
    body_line = min(body_start, last_line)
    head.add("</head><body><main>", body_line)
    if opts.title_as_h1 and title and not fm.error:
        head.add(f"<h1>{escape(title, quote=False)}</h1>", title_line)

    html_lines = [h for h, _ in head.lines]
    line_map = [ln for _, ln in head.lines]
    rendered = body_html.split("\n")
    if rendered and rendered[-1] == "":
        rendered.pop()
    for html_line, source in zip(rendered, body_lines(anchors, len(rendered)), strict=True):
        html_lines.append(html_line)
        line_map.append(min(body_start + source, last_line))
    html_lines.append("</main></body></html>")
    line_map.append(last_line)

    facts = frozenset({FACT_BODY} if fm.error else {FACT_BODY, FACT_TITLE, FACT_DESCRIPTION})
    date = src.date if src is not None else None
    if date is None and file is not None:
        from seolint.sources.generators import front_date, name_date

        d = front_date(data) or name_date(file.stem)[0]
        date = d.isoformat() if d else None
    kind = src.kind if src is not None else ("post" if date else "page")
    front = normalised_front_matter(data, src, date, project)
    return RawDocument(
        url=url, path=path, body="\n".join(html_lines).encode("utf-8"), front_matter=front,
        public_url=public, facts=facts, kind=kind,  # type: ignore[arg-type]
        line_map=tuple(line_map), problems=tuple(problems),
        assumed_urls=tuple(dict.fromkeys(links.assumed)),
    )


def read(item: Any, site: MarkdownSite | None, max_bytes: int) -> RawDocument:
    """Read and render one Markdown FileItem. OSError/ValueError as seolint.sources.files.read:
    the engine turns them into X002 findings."""
    from seolint.parse import NotHtmlError, decode
    from seolint.sources.files import read as read_bytes

    raw = read_bytes(item, max_bytes)
    try:
        text, _ = decode(raw.body)
    except NotHtmlError as exc:
        message = str(exc).replace("not HTML", "not a text file")
        if "empty" in message:
            text = ""
        else:
            raise OSError(f"Cannot read the file as text: {message}") from None
    file = Path(item.file)
    src = site.files.get(str(file.absolute())) if site is not None else None
    return render(text, path=item.display, url=item.url, public=item.public, file=file,
                  site=site, src=src)


def remap_lines(page: Page, line_map: tuple[int, ...]) -> Page:
    """The page with every position moved from the rendered HTML to the source file's lines.
    Columns are dropped: a column in the rendered HTML says nothing about the Markdown line."""
    size = len(line_map)

    def pos(p: Position) -> Position:
        if p.line is None:
            return p
        index = min(max(p.line, 1), size) - 1
        return Position(line_map[index], None)

    def each(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(replace(x, pos=pos(x.pos)) for x in items)

    return replace(
        page,
        html_pos=pos(page.html_pos), head_pos=pos(page.head_pos), body_pos=pos(page.body_pos),
        titles=each(page.titles), metas=each(page.metas), link_tags=each(page.link_tags),
        headings=each(page.headings), links=each(page.links), images=each(page.images),
        json_ld=each(page.json_ld), blocks=each(page.blocks),
        refresh=replace(page.refresh, pos=pos(page.refresh.pos)) if page.refresh else None,
        _cache={},
    )


def front_matter_of(text: str) -> FrontMatter:
    """The front matter of a source text (for tools such as `seolint init`)."""
    return split(normalise(text))


__all__ = [
    "MARKDOWN_SUFFIXES",
    "MarkdownOptions",
    "MarkdownSite",
    "discover",
    "is_markdown",
    "options_from",
    "parse_date",
    "read",
    "remap_lines",
    "render",
]
