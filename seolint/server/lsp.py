"""`seolint server`: the Language Server Protocol over stdio, on pygls.

What the editor gets:
- diagnostics for .md, .markdown, .mdx, .html and .htm documents on open, on change and on save
  (an untitled buffer is linted by its language id); `code` the rule code, `source` "seolint",
  severity from the rule, `codeDescription` the rule's docs, `data` its name and fix;
- site rules (duplicate titles and descriptions, broken internal links and fragments,
  cannibalisation) against the workspace, indexed once in the background with `$/progress` and
  updated on save and on `workspace/didChangeWatchedFiles`; until the index is ready a document
  gets its page rules alone;
- code actions: "Disable RULE on this line" and "... in this file" (seolint.server.edits), and
  the rule's fix as a quick fix that shows its docs; hover over a diagnostic shows
  `seolint explain`.

Changes are debounced on both edges: a change after a quiet spell is linted at once (typing one
word gets its diagnostics in a few tens of milliseconds), changes that follow within
`debounceMs` (initializationOptions, default 200) are folded into one lint at the end of it, so
fast typing costs one lint per window, not one per keystroke.

Never a dead server: a document that cannot be linted gets an X002 diagnostic or a
`window/showMessage`; a config error is shown and the defaults are used until it is fixed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from seolint import __version__
from seolint.rule import Finding
from seolint.server import analysis_adapter as adapter
from seolint.server.edits import Insertion, disable_file, disable_line

log = logging.getLogger("seolint.server")

# Until the integrator publishes docs/rules.md at a known address, the repository's (README's
# placeholder owner); initializationOptions.rulesDocsUrl overrides it ({code} and {name}).
RULES_DOCS = "https://github.com/OWNER/seolint/blob/main/docs/rules.md#{code}"
DEFAULT_DEBOUNCE_MS = 200
CONFIG_FILES = ("seolint.toml", "pyproject.toml")
WATCH_GLOB = "**/{*.md,*.markdown,*.mdx,*.html,*.htm,seolint.toml,pyproject.toml}"
EXPLAIN_COMMAND = "seolint.explain"
SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "info": lsp.DiagnosticSeverity.Information}


@dataclass
class _Linted:
    """The last lint of an open document: what code actions and hover answer from."""

    version: int | None
    findings: tuple[Finding, ...]
    diagnostics: list[lsp.Diagnostic]
    suffix: str


class SeolintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("seolint", __version__,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.root: adapter.Workspace | None = None
        self.loose: dict[Path, adapter.Workspace] = {}  # folders of documents outside the root
        self.linted: dict[str, _Linted] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.last_lint: dict[str, float] = {}
        self.debounce = DEFAULT_DEBOUNCE_MS / 1000
        self.docs_url = RULES_DOCS
        self.index_task: asyncio.Task[None] | None = None
        self.index_generation = 0

    # --- workspaces ------------------------------------------------------------------------

    def workspace_for(self, path: Path | None) -> adapter.Workspace:
        if self.root is not None and (path is None or self.root.inside(path)):
            return self.root
        folder = path.parent if path is not None else Path.cwd()
        ws = self.loose.get(folder)
        if ws is None:
            ws = self.loose[folder] = adapter.Workspace(folder)
            self.show_config_error(ws.load_config())
        return ws

    def show_config_error(self, message: str | None) -> None:
        if message:
            self.window_show_message(lsp.ShowMessageParams(
                type=lsp.MessageType.Error,
                message=f"seolint: {message} (linting with the default settings until it is "
                        "fixed)"))

    # --- linting ---------------------------------------------------------------------------

    def lint(self, uri: str) -> None:
        """Lint the open document now and publish its diagnostics."""
        self.timers.pop(uri, None)
        self.last_lint[uri] = time.monotonic()
        try:
            doc = self.workspace.get_text_document(uri)
        except Exception:  # closed in the meantime
            return
        path = _path(uri)
        suffix = adapter.kind_of(str(path) if path else _uri_name(uri), doc.language_id)
        if suffix is None:
            return
        try:
            outcome = self.workspace_for(path).lint(doc.source, path, suffix, uri)
        except Exception as exc:  # never a dead server: say it, keep serving
            log.exception("linting %s failed", uri)
            self.window_show_message(lsp.ShowMessageParams(
                type=lsp.MessageType.Error,
                message=f"seolint could not lint {uri}: {type(exc).__name__}: {exc}"))
            return
        lines = doc.lines
        diagnostics = [self.diagnostic(f, lines) for f in outcome.findings]
        self.linted[uri] = _Linted(doc.version, outcome.findings, diagnostics, suffix)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=doc.version))

    def schedule(self, uri: str) -> None:
        """Debounce on both edges (see the module docstring)."""
        if uri in self.timers:
            return  # a lint is already due at the end of this window
        wait = self.last_lint.get(uri, 0.0) + self.debounce - time.monotonic()
        if wait <= 0:
            self.lint(uri)
            return
        self.timers[uri] = asyncio.get_running_loop().call_later(wait, self.lint, uri)

    def lint_open(self, but: str | None = None) -> None:
        for uri in list(self.linted):
            if uri != but:
                self.lint(uri)

    def diagnostic(self, f: Finding, lines: list[str]) -> lsp.Diagnostic:
        line = max((f.line or 1) - 1, 0)
        text = lines[line].rstrip("\r\n") if line < len(lines) else ""
        start = _utf16(text, max((f.column or 1) - 1, 0)) if f.column else _indent(text)
        end = max(_utf16(text, len(text)), start)
        href = self.docs_url.replace("{code}", f.code).replace("{name}", f.name)
        data: dict[str, Any] = {"name": f.name, "fix": f.fix, "category": f.category}
        return lsp.Diagnostic(
            range=lsp.Range(lsp.Position(line, start), lsp.Position(line, end)),
            message=f.message, severity=SEVERITY.get(f.severity, lsp.DiagnosticSeverity.Hint),
            code=f.code, source="seolint", code_description=lsp.CodeDescription(href=href),
            data=data)

    # --- the workspace index ---------------------------------------------------------------

    async def index(self) -> None:
        """Build the root's index in a worker thread, with $/progress when the client can show
        it, then lint the open documents again with site rules."""
        root = self.root
        if root is None:
            return
        self.index_generation += 1
        generation = self.index_generation
        loop = asyncio.get_running_loop()
        token = f"seolint-index-{generation}"
        progress = _supports_progress(self)
        if progress:
            try:
                await self.work_done_progress.create_async(token)
                self.work_done_progress.begin(token, lsp.WorkDoneProgressBegin(
                    title="seolint: indexing the workspace", percentage=0, cancellable=False))
            except Exception:
                progress = False
        shown = [0]

        def report(done: int, total: int) -> None:  # in the worker thread
            percent = done * 100 // max(total, 1)
            if progress and (percent >= shown[0] + 5 or done == total):
                shown[0] = percent
                loop.call_soon_threadsafe(self.work_done_progress.report, token,
                                          lsp.WorkDoneProgressReport(
                                              message=f"{done}/{total} pages",
                                              percentage=percent))

        try:
            fresh = await loop.run_in_executor(None, root.build_index, report)
        except Exception as exc:
            log.exception("indexing failed")
            fresh = None
            self.window_show_message(lsp.ShowMessageParams(
                type=lsp.MessageType.Warning, message=f"seolint: could not index the workspace "
                f"({type(exc).__name__}: {exc}); site rules are off"))
        finally:
            if progress:
                pages = len(fresh.results) if fresh is not None else 0
                self.work_done_progress.end(token, lsp.WorkDoneProgressEnd(
                    message=f"{pages} pages indexed"))
        if fresh is None or generation != self.index_generation or self.root is not root:
            return  # a newer index was asked for meanwhile
        self.root = fresh
        self.lint_open()

    def reindex(self) -> None:
        if self.index_task is not None and not self.index_task.done():
            self.index_task.cancel()
        self.index_task = asyncio.get_running_loop().create_task(self.index())


server = SeolintServer()


@server.feature(lsp.INITIALIZE)
def _initialize(ls: SeolintServer, params: lsp.InitializeParams) -> None:
    options = params.initialization_options or {}
    if isinstance(options, dict):
        debounce = options.get("debounceMs")
        if isinstance(debounce, (int, float)) and debounce >= 0:
            ls.debounce = debounce / 1000
        docs = options.get("rulesDocsUrl")
        if isinstance(docs, str) and docs.strip():
            ls.docs_url = docs.strip()
    root = None
    if params.workspace_folders:
        root = _path(params.workspace_folders[0].uri)
    elif params.root_uri:
        root = _path(params.root_uri)
    elif params.root_path:
        root = Path(params.root_path)
    if root is not None and root.is_dir():
        ls.root = adapter.Workspace(root.resolve())
        # The CLI finds its config and shows its paths from the folder it runs in: so does the
        # server, from the root (per-path ignores and [markdown] content match as in CI).
        os.chdir(ls.root.root)


@server.feature(lsp.INITIALIZED)
async def _initialized(ls: SeolintServer, params: lsp.InitializedParams) -> None:
    adapter.preload()
    if ls.root is None:
        return
    ls.show_config_error(ls.root.load_config())
    caps = ls.client_capabilities.workspace
    watched = caps.did_change_watched_files if caps else None
    if watched is not None and watched.dynamic_registration:
        try:
            watchers = lsp.DidChangeWatchedFilesRegistrationOptions(
                watchers=[lsp.FileSystemWatcher(glob_pattern=WATCH_GLOB)])
            await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[
                lsp.Registration(id="seolint-watch",
                                 method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                 register_options=watchers)]))
        except Exception:
            log.warning("the client refused file watching; the index updates on save only")
    ls.reindex()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: SeolintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.lint(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: SeolintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def _did_save(ls: SeolintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = _path(uri)
    if path is not None and path.name in CONFIG_FILES:
        _config_changed(ls)
        return
    timer = ls.timers.pop(uri, None)
    if timer is not None:
        timer.cancel()
    if path is not None and ls.root is not None and ls.root.ready:
        try:
            ls.root.refresh_file(path)
        except Exception:
            log.exception("re-indexing %s failed", path)
    ls.lint(uri)
    ls.lint_open(but=uri)  # its title or links may now clash with, or mend, another's


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: SeolintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    timer = ls.timers.pop(uri, None)
    if timer is not None:
        timer.cancel()
    ls.linted.pop(uri, None)
    ls.last_lint.pop(uri, None)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def _did_change_files(ls: SeolintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    root = ls.root
    if root is None:
        return
    changed: list[Path] = []
    for event in params.changes:
        path = _path(event.uri)
        if path is None or not root.inside(path):
            continue
        if path.name in CONFIG_FILES:
            _config_changed(ls)
            return
        if adapter.kind_of(str(path), None) is None:
            continue
        if event.type != lsp.FileChangeType.Changed or str(path) not in root.items:
            # A page came or went: URLs and link targets move, so index again.
            ls.reindex()
            return
        changed.append(path)
    if changed and root.ready:
        for path in changed:
            root.refresh_file(path)
        ls.lint_open()


def _config_changed(ls: SeolintServer) -> None:
    if ls.root is not None:
        ls.show_config_error(ls.root.load_config())
        ls.lint_open()
        ls.reindex()


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
    code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def _code_action(ls: SeolintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    linted = ls.linted.get(uri)
    if linted is None:
        return []
    text = ls.workspace.get_text_document(uri).source
    actions: list[lsp.CodeAction] = []
    seen: set[tuple[str, int | None]] = set()
    for finding, diag in _at(linted, params.range):
        key = (finding.code, finding.line)
        if key in seen:
            continue
        seen.add(key)
        if finding.fix:
            actions.append(lsp.CodeAction(
                title=finding.fix, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag],
                command=lsp.Command(title=finding.fix, command=EXPLAIN_COMMAND,
                                    arguments=[finding.code])))
        if finding.line is not None:
            where = disable_line(text, finding.line, finding.code, linted.suffix)
            if where is not None:
                actions.append(_edit_action(
                    f"Disable {finding.code} on this line", uri, text, where, diag))
        actions.append(_edit_action(f"Disable {finding.code} in this file", uri, text,
                                    disable_file(text, finding.code, linted.suffix), diag))
    return actions


@server.command(EXPLAIN_COMMAND)
def _explain(ls: SeolintServer, *args: Any) -> None:  # pygls passes the arguments spread
    code = str(args[0]) if args else ""
    text = adapter.explain_text(code)
    ls.window_show_message(lsp.ShowMessageParams(
        type=lsp.MessageType.Info,
        message=text if text is not None else f"seolint: unknown rule {code!r}"))


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def _hover(ls: SeolintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    linted = ls.linted.get(params.text_document.uri)
    if linted is None:
        return None
    here = lsp.Range(params.position, params.position)
    codes = list(dict.fromkeys(f.code for f, _ in _at(linted, here)))
    texts = [t for t in (adapter.explain_text(c) for c in codes) if t]
    if not texts:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown,
                                               value="\n\n---\n\n".join(texts)))


# --- helpers ----------------------------------------------------------------------------------

def _at(linted: _Linted, where: lsp.Range) -> list[tuple[Finding, lsp.Diagnostic]]:
    """The findings whose diagnostic touches `where` (a whole line counts: ranges are lines)."""
    out = []
    for f, d in zip(linted.findings, linted.diagnostics, strict=True):
        if d.range.start.line <= where.end.line and where.start.line <= d.range.end.line:
            out.append((f, d))
    return out


def _edit_action(title: str, uri: str, text: str, where: Insertion,
                 diag: lsp.Diagnostic) -> lsp.CodeAction:
    lines = text.split("\n")

    def pos(line: int, column: int) -> lsp.Position:
        current = lines[line] if line < len(lines) else ""
        return lsp.Position(line, _utf16(current, column))

    start = pos(where.line, where.column)
    end = pos(where.end_line, where.end_column or 0) if where.end_line is not None else start
    edit = lsp.TextEdit(range=lsp.Range(start=start, end=end), new_text=where.text)
    return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag],
                          edit=lsp.WorkspaceEdit(changes={uri: [edit]}))


def _path(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    try:
        fs = to_fs_path(uri)
    except Exception:
        return None
    return Path(fs).absolute() if fs else None


def _uri_name(uri: str) -> str | None:
    """The last path segment of a URI of another scheme (`untitled:post.md`), for its suffix."""
    tail = uri.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return tail if "." in tail else None


def _utf16(text: str, column: int) -> int:
    """A character column as LSP's default UTF-16 code units."""
    head = text[:column]
    return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF)


def _indent(text: str) -> int:
    return _utf16(text, len(text) - len(text.lstrip()))


def _supports_progress(ls: SeolintServer) -> bool:
    window = ls.client_capabilities.window
    return bool(window and window.work_done_progress)


def run() -> None:
    """Serve on stdio until the client says exit."""
    # The protocol owns the real stdout; anything else that prints (a library, a worker
    # process) goes to stderr instead of corrupting the stream.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="seolint server: %(levelname)s %(message)s")
    server.start_io(sys.stdin.buffer, out)
