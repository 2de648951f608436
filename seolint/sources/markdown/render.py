"""One Markdown source as the RawDocument of its page: the body rendered with line anchors, the
head the theme would build from the front matter, and a map from each rendered line back to the
source's line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from seolint.document import (
    FACT_BODY,
    FACT_DESCRIPTION,
    FACT_TITLE,
    MARKDOWN_IMAGE_ATTR,
    RawDocument,
)
from seolint.options import MarkdownOptions
from seolint.sources.frontmatter import FrontMatter, split
from seolint.sources.generators import Project
from seolint.sources.headingids import assign as assign_heading_ids
from seolint.sources.markdown.links import Links, rewrite_links
from seolint.sources.markdown.preprocess import preprocess
from seolint.sources.markdown.site import (
    DESCRIPTION_KEYS,
    KEYPHRASE_KEYS,
    LANG_KEYS,
    LASTMOD_KEYS,
    MarkdownSite,
    SourceFile,
    normalise,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_MD = "<!-- seolint: rendered from Markdown -->"

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
            # Markdown syntax has no width or height: I003 does not apply to it, I001 speaks it.
            token.attrSet(MARKDOWN_IMAGE_ATTR, "")
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
    # The ids the generator will give the headings (D010); without its scheme, unknown.
    ids_known = ("content" if assign_heading_ids(tokens, project.heading_ids,
                                                 project.heading_id_prefix) else "none")
    links = Links(site, file or Path(path or "post.md").absolute(), project, url)
    rewrite_links(tokens, links)
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
        assumed_urls=tuple(dict.fromkeys(links.assumed)), ids_known=ids_known,  # type: ignore[arg-type]
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




def front_matter_of(text: str) -> FrontMatter:
    """The front matter of a source text (for tools such as `seolint init`)."""
    return split(normalise(text))
