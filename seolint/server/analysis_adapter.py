"""The server's one door into the analysis: editor text in, findings out.

Everything the language server asks of the engine and the sources goes through this module
(building a RawDocument from an editor buffer, page rules on it, site rules over the workspace
index), so the protocol code never imports the engine and a change in the analysis layer is
mended here only.

What is cached, and why (a keystroke must re-lint a 2,000-word post in well under 50 ms):
- the configured rule set and its analyser, per Settings (selecting rules and building their
  options is the same for every keystroke);
- the word lists (`seolint.preload`, loaded once at start);
- the workspace index: one PageResult per file on disk, analysed once in the background, updated
  per saved or changed file. A keystroke re-parses only the edited document (the parse-once
  model: one Page per version), then runs the site rules over the index with that document's
  fresh summary in place of the one on disk.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from seolint import engine
from seolint.analysis import Analyser, Context, PageResult, analyse_files
from seolint.config import ConfigError, Settings, load_settings
from seolint.document import MARKDOWN_SUFFIXES, Site
from seolint.registry import load_rules, select_rules
from seolint.rule import Finding
from seolint.sources import markdown as md_source
from seolint.sources.files import FileItem, discover, display_path, file_url
from seolint.suppress import PathIgnores, unused_finding
from seolint.suppress import apply as apply_directives

HTML_SUFFIXES = (".html", ".htm")
LINTED_SUFFIXES = MARKDOWN_SUFFIXES + HTML_SUFFIXES
# Editors name a buffer's language even when it has no file name (an untitled buffer).
LANGUAGE_SUFFIX = {"markdown": ".md", "mdx": ".mdx", "html": ".html"}


def kind_of(path: str | None, language_id: str | None) -> str | None:
    """The suffix seolint lints this document as (".md", ".mdx", ".html"...), or None when it
    is not a document seolint reads."""
    if path:
        lower = path.lower()
        for suffix in LINTED_SUFFIXES:
            if lower.endswith(suffix):
                return suffix
        return None
    return LANGUAGE_SUFFIX.get((language_id or "").lower())


@dataclass(frozen=True)
class _Rules:
    """The configured rule set, built once per Settings (selecting rules and building their
    options is the same on every keystroke)."""

    configured: tuple[Any, ...]  # seolint.registry.ConfiguredRule
    source: dict[str, Any]  # source-scope rules by code
    ignores: PathIgnores
    every: dict[str, Any]  # every registered rule by code
    selected: frozenset[str]


@dataclass(frozen=True)
class Outcome:
    """One document's findings: what the editor shows."""

    findings: tuple[Finding, ...]
    site_rules: bool  # True when the workspace index took part (site rules ran against it)


@dataclass
class Workspace:
    """The settings and the index of one workspace root (the folder `seolint check` would be run
    from). Mutable on purpose: the server updates it as files change; it is only touched from
    the server's event loop, except `build_index`, whose result is swapped in whole."""

    root: Path
    settings: Settings = field(default_factory=Settings)
    config_error: str | None = None
    results: dict[str, PageResult] = field(default_factory=dict)  # abs path -> result
    items: dict[str, FileItem] = field(default_factory=dict)  # abs path -> its FileItem
    known_urls: frozenset[str] = frozenset()
    complete: bool = False
    md_site: Any = None  # seolint.sources.markdown.MarkdownSite
    ready: bool = False  # the background index is built
    _analysers: dict[int, Analyser] = field(default_factory=dict)
    _rule_set: _Rules | None = None

    # --- settings ------------------------------------------------------------------------

    def load_config(self) -> str | None:
        """Read the nearest config from the root, as `seolint check` run there does; on a
        ConfigError keep the defaults and return the message for the user."""
        try:
            settings = load_settings(None, start=self.root)
            engine.validate(settings)
            self.settings, self.config_error = settings, None
        except ConfigError as exc:
            self.settings, self.config_error = Settings(), str(exc)
        self._analysers.clear()
        self._rule_set = None
        return self.config_error

    def analyser(self, site: Any = None) -> Analyser:
        key = id(site)
        found = self._analysers.get(key)
        if found is None:
            codes = tuple(cr.rule.code for cr in select_rules(self.settings))
            found = Analyser(Context(self.settings, codes, site))
            self._analysers = {key: found}  # one at a time: the site changes rarely
        return found

    def inside(self, path: Path) -> bool:
        return path.is_relative_to(self.root)

    # --- the background index ------------------------------------------------------------

    def build_index(self, progress: Callable[[int, int], None] | None = None) -> Workspace:
        """A new Workspace with every page under the root analysed (the CLI's discovery, so the
        same files are pages). Runs in a worker thread; the caller swaps it in."""
        fresh = Workspace(self.root, self.settings, self.config_error)
        paths = self._paths()
        html = discover(paths, self.settings.base_url, self.settings.exclude)
        found, site = md_source.add_sources(html, paths, self.settings)
        items = list(found.items)
        ctx = Context(self.settings,
                             tuple(cr.rule.code for cr in select_rules(self.settings)),
                             site)
        done = 0
        for item, result in zip(items, analyse_files(items, ctx, self.settings.jobs),
                                strict=True):
            key = os.path.abspath(item.file)
            fresh.items[key] = item
            fresh.results[key] = result
            done += 1
            if progress is not None:
                progress(done, len(items))
        fresh.known_urls, fresh.complete, fresh.md_site = found.known_urls, found.complete, site
        fresh.ready = True
        return fresh

    def _paths(self) -> list[str]:
        options = self.settings.markdown
        if options is not None and options.content:
            folders = [str(self.root / c) for c in options.content if (self.root / c).is_dir()]
            if folders:
                return folders
        return [str(self.root)]

    def refresh_file(self, path: Path) -> None:
        """Re-analyse one file of the index from disk (it was saved or changed outside)."""
        key = str(path)
        item = self.items.get(key)
        if item is None:
            return
        if not path.is_file():
            self.items.pop(key, None)
            self.results.pop(key, None)
            return
        self.results[key] = self.analyser(self.md_site).analyse_file(item)

    # --- one document --------------------------------------------------------------------

    def lint(self, text: str, path: Path | None, suffix: str, uri: str) -> Outcome:
        """Page rules on the editor's text, then site rules against the index (when it is
        built and the document is one of its files or lies under the root)."""
        key = str(path) if path is not None else None
        item, site = self._item(path, suffix, uri)
        result = self._analyse(text, item, site, suffix)
        in_site = self.ready and path is not None and self.inside(path)
        others = [r for k, r in self.results.items() if k != key] if in_site else []
        # Alone (no index yet, or outside the workspace): no site to compare with, but
        # suppressions and per-path ignores still apply.
        findings = self._finish(result, others, self.complete if in_site else False,
                                self.known_urls if in_site else frozenset())
        return Outcome(findings, in_site)

    def _rules(self) -> _Rules:
        if self._rule_set is None:
            configured = tuple(select_rules(self.settings))
            every = load_rules()
            self._rule_set = _Rules(
                configured, {cr.rule.code: cr for cr in configured if cr.rule.scope == "source"},
                PathIgnores(self.settings.per_path_ignores, every), every,
                frozenset(cr.rule.code for cr in configured))
        return self._rule_set

    def _finish(self, result: PageResult, others: list[PageResult],
                complete: bool, known_urls: frozenset[str]) -> tuple[Finding, ...]:
        """What engine.build_report does for one page (site rules, per-path ignores, inline
        suppressions, unused-suppression findings), without scoring every page of the site on
        every keystroke."""
        rules = self._rules()
        pages = [*others, result]
        site = Site(tuple(r.summary for r in pages if r.summary is not None),
                    known_urls | frozenset(u for r in pages for u in r.assumed_urls), complete)
        mine = [f for f in engine.run_site_rules(site, rules.configured, rules.source)
                if f.location == result.location]
        found = [f for f in sorted([*result.findings, *mine], key=Finding.sort_key)
                 if not rules.ignores.ignored(f)]
        if result.directives:
            outcome = apply_directives(found, result.directives, rules.every,
                                       rules.selected - set(result.not_applicable))
            found = list(outcome.kept)
            z002 = rules.source.get("Z002")
            if z002 is not None:
                unused = [unused_finding(d, why, z002.severity, result.url, result.path)
                          for d, why in outcome.unused]
                found = sorted([*found, *(f for f in unused if not rules.ignores.ignored(f))],
                               key=Finding.sort_key)
        return tuple(found)

    def _item(self, path: Path | None, suffix: str, uri: str) -> tuple[FileItem, Any]:
        if path is not None and str(path) in self.items:
            return self.items[str(path)], self.md_site
        if path is None:
            # An untitled buffer: a pseudo-URL from its URI, no file to resolve links from.
            name = uri.rsplit("/", 1)[-1] or "untitled"
            return FileItem(name, name, file_url(PurePosixPath(name + suffix), None), False), None
        if suffix in MARKDOWN_SUFFIXES:
            options = self.settings.markdown or md_source.MarkdownOptions()
            if self.inside(path):
                # Placed as the index will place it (its URL and kind, post or page, from its
                # path under the folders it indexes), not as a lone file in its own folder.
                roots = tuple(self._paths())
                options = replace(options, content=(*options.content, *roots))
            found = md_source.discover([str(path)], self.settings.base_url, options,
                                       include_drafts=True)
            if found.items:
                return found.items[0], found.site
        shown = display_path(path) if self.inside(path) else str(path)
        rel = path.relative_to(self.root) if self.inside(path) else Path(path.name)
        url = file_url(PurePosixPath(rel.as_posix()), self.settings.base_url)
        return FileItem(str(path), shown, url, self.settings.base_url is not None), None

    def _analyse(self, text: str, item: FileItem, site: Any, suffix: str) -> PageResult:
        analyser = self.analyser(site)
        body = text.encode("utf-8", "replace")  # lone surrogates from a client become "?"
        limit = self.settings.max_file_bytes
        if len(body) > limit:
            return analyser.failure(
                item.url if item.public else None, item.display, "X002",
                f"Document is {len(body) / 1048576:.1f} MB (limit {limit / 1048576:.1f} MB); "
                "not linted", "Raise max-file-size in the config, or split the document")
        if suffix in MARKDOWN_SUFFIXES:
            src = site.files.get(item.file) if site is not None else None
            doc = md_source.render(body.decode("utf-8"), path=item.display, url=item.url,
                                   public=item.public,
                                   file=Path(item.file), site=site, src=src)
        else:
            from seolint.document import RawDocument

            doc = RawDocument(url=item.url, path=item.display, body=body,
                              public_url=item.public)
        return analyser.analyse(doc)


def explain_text(code: str) -> str | None:
    """`seolint explain CODE` as Markdown, or None for an unknown rule."""
    from seolint.registry import explain_markdown, find_rule

    found = find_rule(code)
    return explain_markdown(found) if found is not None else None


def preload() -> None:
    """Load the rules and the word lists now, before the first document arrives."""
    from seolint import preload as words  # noqa: F401  (imported for its side effect)

    load_rules()
