"""A post's links, resolved the way its generator would: Hugo's ref/relref, Jekyll's post_url and
link, Zola's @/ paths and relative .md links become the target post's URL; a link the sources
cannot vouch for is assumed to exist unless it points into a folder of posts."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

from seolint.sources.generators import Project
from seolint.sources.markdown.site import (
    PSEUDO_ORIGIN,
    MarkdownSite,
    is_markdown,
    safe_resolve,
)

if TYPE_CHECKING:
    from markdown_it.token import Token

# --- links ------------------------------------------------------------------------------------

_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_LISTING = re.compile(r"/(tags?|categor(y|ies)|archives?|authors?|page|series|topics?)/",
                      re.IGNORECASE)


class Links:
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
            found = self.site.files.get(key) or self.site.files.get(str(safe_resolve(target)))
            if found is not None:
                return found.url
            draft = self.site.drafts.get(key) or self.site.drafts.get(str(safe_resolve(target)))
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
        return self.base + quote(shown, safe="/", errors="surrogateescape")

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
        site_path = "/" + path[len(urlsplit(self.base).path):].lstrip("/")
        checked = (folder in self.site.post_dirs and not _LISTING.search(path)) or (
            self.site.dated_urls and re.search(r"^/(\d{4})/(\d{2})/(\d{2})/[^/]", path)) or (
            any(re.match(p, site_path) for p in self.site.url_patterns))
        if not checked:
            self.assumed.append(url)


def rewrite_links(tokens: list[Token], links: Links) -> None:
    for token in tokens:
        if token.type == "inline" and token.children:
            rewrite_links(token.children, links)
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
