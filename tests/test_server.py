"""`seolint server` end to end: a real subprocess, spoken to in JSON-RPC over its stdio.

Every test starts the server as an editor does and talks to it through tests/lsp_client.py
(Content-Length framing, the client's side only); nothing here calls the server's functions.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")

from tests.lsp_client import Client  # noqa: E402

LONG_TITLE = ("Hello, and a title that runs on for far too many characters to fit in one line "
              "of a search result page")
LONG_TITLE_POST = f"""---
title: {LONG_TITLE}
description: A short post about nothing in particular
---

This is a post. It has some words in it, and a second sentence too.

## A heading
"""

HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<title>Hi there, and a title that runs on for far too many characters to fit in a search result</title>
</head>
<body><main>
<h1>Hi there</h1>
<p>A short page.</p>
<img src="a.png">
</main></body>
</html>
"""


def codes(diagnostics: list[dict[str, Any]]) -> set[str]:
    return {d["code"] for d in diagnostics}


def apply_edit(text: str, edit: dict[str, Any]) -> str:
    """Apply one TextEdit (the positions are characters: the test texts are ASCII)."""
    lines = text.split("\n")
    start, end = edit["range"]["start"], edit["range"]["end"]

    def offset(pos: dict[str, int]) -> int:
        return sum(len(line) + 1 for line in lines[:pos["line"]]) + pos["character"]

    return text[:offset(start)] + edit["newText"] + text[offset(end):]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    (root / "posts").mkdir(parents=True)
    (root / "posts" / "hello.md").write_text(LONG_TITLE_POST, encoding="utf-8")
    return root


@pytest.fixture
def client(workspace: Path) -> Any:
    c = Client(cwd=workspace.parent)
    yield c
    c.kill()


def open_and_wait(c: Client, path: Path, text: str | None = None, language: str = "markdown",
                  uri: str | None = None) -> tuple[str, list[dict[str, Any]]]:
    uri = uri or path.as_uri()
    mark = c.mark()
    c.open(uri, text if text is not None else path.read_text(encoding="utf-8"), language)
    return uri, c.diagnostics(uri, after=mark)


def test_initialize_open_change_shutdown_exit(client: Client, workspace: Path) -> None:
    result = client.initialize(workspace)
    caps = result["capabilities"]
    assert caps["hoverProvider"] and caps["codeActionProvider"]
    assert result["serverInfo"]["name"] == "seolint"
    uri, diags = open_and_wait(client, workspace / "posts" / "hello.md")
    t005 = next(d for d in diags if d["code"] == "T003")
    assert t005["source"] == "seolint"
    assert t005["severity"] == 2  # warning
    assert t005["range"]["start"]["line"] == 1  # the front matter's title: line
    assert t005["codeDescription"]["href"].endswith("docs/rules.md#T003")
    assert t005["data"]["name"] == "title-too-long"
    assert t005["data"]["fix"]
    # An edit that mends the title: the next diagnostics no longer hold T003.
    fixed = LONG_TITLE_POST.replace(f"title: {LONG_TITLE}", "title: A title that says what it is")
    mark = client.mark()
    client.change(uri, 2, fixed)
    assert "T003" not in codes(client.diagnostics(uri, after=mark, version=2))
    assert client.close() == 0


def test_incremental_change_is_applied(client: Client, workspace: Path) -> None:
    client.initialize(workspace)
    uri, diags = open_and_wait(client, workspace / "posts" / "hello.md")
    assert "T003" in codes(diags)
    mark = client.mark()
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 1, "character": 7},
                                      "end": {"line": 1, "character": 7 + len(LONG_TITLE)}},
                            "text": "A title that says what it is"}]})
    assert "T003" not in codes(client.diagnostics(uri, after=mark, version=2))


def test_html_document(client: Client, workspace: Path) -> None:
    page = workspace / "page.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    client.initialize(workspace)
    _, diags = open_and_wait(client, page, language="html")
    by_code = {d["code"]: d for d in diags}
    assert by_code["I001"]["range"]["start"]["line"] == 8  # <img> without alt, 0-based
    assert by_code["T003"]["range"]["start"]["line"] == 3


def test_hover_shows_explain(client: Client, workspace: Path) -> None:
    client.initialize(workspace)
    uri, _ = open_and_wait(client, workspace / "posts" / "hello.md")
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": 1, "character": 3}})
    assert hover["contents"]["kind"] == "markdown"
    explain = subprocess.run([sys.executable, "-m", "seolint", "explain", "T003"],
                             capture_output=True, text=True, check=True).stdout
    assert explain.strip() in hover["contents"]["value"]
    nothing = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                    "position": {"line": 7, "character": 0}})
    assert nothing is None or "T003" not in nothing["contents"]["value"]


def _actions(c: Client, uri: str, line: int, diags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    here = [d for d in diags if d["range"]["start"]["line"] == line]
    return c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
        "context": {"diagnostics": here}})


def _apply_and_relint(c: Client, uri: str, text: str, action: dict[str, Any],
                      version: int) -> tuple[str, list[dict[str, Any]]]:
    (edit,) = action["edit"]["changes"][uri]
    new = apply_edit(text, edit)
    mark = c.mark()
    c.change(uri, version, new)
    return new, c.diagnostics(uri, after=mark, version=version)


def test_code_actions_disable_on_line_markdown(client: Client, workspace: Path) -> None:
    text = LONG_TITLE_POST + "\nSee [here](https://example.com/guide) for more on this topic.\n"
    client.initialize(workspace)
    uri, diags = open_and_wait(client, workspace / "posts" / "hello.md", text)
    l001 = next(d for d in diags if d["code"] == "L001")
    line = l001["range"]["start"]["line"]
    titles = [a["title"] for a in _actions(client, uri, line, diags)]
    assert "Disable L001 on this line" in titles and "Disable L001 in this file" in titles
    # The fix text is offered as a quick fix that shows the rule's docs.
    assert l001["data"]["fix"] in titles
    action = next(a for a in _actions(client, uri, line, diags)
                  if a["title"] == "Disable L001 on this line")
    new, after = _apply_and_relint(client, uri, text, action, 2)
    assert "<!-- seolint-disable-line L001 -->" in new.split("\n")[line]
    assert "L001" not in codes(after)
    assert "Z002" not in codes(after)  # the comment is used, not reported as unused
    assert codes(after) == codes(diags) - {"L001"}


def test_code_action_front_matter_line_offers_file_only(client: Client,
                                                         workspace: Path) -> None:
    client.initialize(workspace)
    uri, diags = open_and_wait(client, workspace / "posts" / "hello.md")
    actions = _actions(client, uri, 1, diags)
    titles = [a["title"] for a in actions]
    assert "Disable T003 on this line" not in titles  # YAML would read a comment as the title
    action = next(a for a in actions if a["title"] == "Disable T003 in this file")
    new, after = _apply_and_relint(client, uri, LONG_TITLE_POST, action, 2)
    assert new.split("\n")[1] == "seolint: {ignore: [T003]}"
    assert "T003" not in codes(after)
    # A second rule goes into the same list.
    m003 = next(a for a in _actions(client, uri, 3, after)
                if a["title"] == "Disable M003 in this file")
    newer, after2 = _apply_and_relint(client, uri, new, m003, 3)
    assert newer.split("\n")[1] == "seolint: {ignore: [T003, M003]}"
    assert not codes(after2) & {"T003", "M003"}


def test_code_actions_mdx_and_html_comments(client: Client, workspace: Path) -> None:
    mdx = workspace / "posts" / "card.mdx"
    text = ("import Card from './Card'\n\n# A post about cards\n\n"
            "See [click here](https://example.com/cards) for the rest of it.\n")
    mdx.write_text(text, encoding="utf-8")
    page = workspace / "page.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    client.initialize(workspace)
    uri, diags = open_and_wait(client, mdx, text, language="mdx")
    l001 = next(d for d in diags if d["code"] == "L001")
    action = next(a for a in _actions(client, uri, l001["range"]["start"]["line"], diags)
                  if a["title"] == "Disable L001 on this line")
    new, after = _apply_and_relint(client, uri, text, action, 2)
    assert "{/* seolint-disable-line L001 */}" in new
    assert "L001" not in codes(after)

    huri, hdiags = open_and_wait(client, page, language="html")
    html = HTML_PAGE
    for title, version in (("Disable I001 on this line", 2), ("Disable T003 in this file", 3)):
        code = title.split()[1]
        line = next(d for d in hdiags if d["code"] == code)["range"]["start"]["line"]
        action = next(a for a in _actions(client, huri, line, hdiags) if a["title"] == title)
        html, hdiags = _apply_and_relint(client, huri, html, action, version)
        assert code not in codes(hdiags)
    assert "<!-- seolint-disable-next-line I001 -->" in html
    assert html.split("\n")[1] == "<!-- seolint-disable-file T003 -->"


def test_fix_action_command_shows_explain(client: Client, workspace: Path) -> None:
    client.initialize(workspace)
    uri, diags = open_and_wait(client, workspace / "posts" / "hello.md")
    fix = next(a for a in _actions(client, uri, 1, diags) if "command" in a)
    mark = client.mark()
    client.request("workspace/executeCommand", {"command": fix["command"]["command"],
                                                "arguments": fix["command"]["arguments"]})
    shown = client.wait_for(lambda m: m.get("method") == "window/showMessage", after=mark)
    assert shown["params"]["message"].startswith("# T003 title-too-long")


def _site_diags(c: Client, uri: str, code: str, timeout: float = 60.0) -> list[dict[str, Any]]:
    msg = c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                     and m["params"]["uri"] == uri
                     and code in codes(m["params"]["diagnostics"]), timeout)
    return msg["params"]["diagnostics"]


def test_site_rules_against_the_workspace_index(client: Client, workspace: Path) -> None:
    other = workspace / "posts" / "other.md"
    other.write_text(LONG_TITLE_POST.replace(LONG_TITLE, "A title both posts share here"),
                     encoding="utf-8")
    mine = workspace / "posts" / "mine.md"
    text = (LONG_TITLE_POST.replace(LONG_TITLE, "A title both posts share here")
            + "\nRead [the missing post](/posts/not-there/) too.\n")
    mine.write_text(text, encoding="utf-8")
    (workspace / "seolint.toml").write_text('[markdown]\ngenerator = "jekyll"\n')
    client.initialize(workspace)
    uri = mine.as_uri()
    client.open(uri, text)
    diags = _site_diags(client, uri, "D001")
    d001 = next(d for d in diags if d["code"] == "D001")
    assert d001["range"]["start"]["line"] == 1
    # The index was built with progress: begin, report(s), end.
    kinds = [m["params"]["value"]["kind"] for m in client.notifications
             if m.get("method") == "$/progress"]
    assert kinds[0] == "begin" and kinds[-1] == "end"
    # An edit that makes the title unique clears D001 at once (the index holds the others).
    mark = client.mark()
    client.change(uri, 2, text.replace("A title both posts share here",
                                       "A title only this post has, and it is long enough"))
    assert "D001" not in codes(client.diagnostics(uri, after=mark, version=2))
    # The other post changes on disk (another tool wrote it): its title now clashes again.
    other.write_text(LONG_TITLE_POST.replace(
        LONG_TITLE, "A title only this post has, and it is long enough"), encoding="utf-8")
    mark = client.mark()
    client.notify("workspace/didChangeWatchedFiles",
                  {"changes": [{"uri": other.as_uri(), "type": 2}]})
    again = client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri, after=mark)
    assert "D001" in codes(again["params"]["diagnostics"])


def test_broken_internal_link_in_a_built_site(client: Client, workspace: Path) -> None:
    site = workspace / "public"
    (site / "posts").mkdir(parents=True)
    (site / "robots.txt").write_text("User-agent: *\n")
    (site / "index.html").write_text(HTML_PAGE.replace(
        "<p>A short page.</p>", '<p><a href="/posts/gone/">An old post</a></p>'))
    client.initialize(site)
    uri = (site / "index.html").as_uri()
    client.open(uri, (site / "index.html").read_text(), "html")
    diags = _site_diags(client, uri, "D007")
    assert next(d for d in diags if d["code"] == "D007")["range"]["start"]["line"] == 7


def test_config_found_as_the_cli_finds_it(client: Client, workspace: Path) -> None:
    (workspace / "seolint.toml").write_text('ignore = ["T003"]\n')
    client.initialize(workspace / "posts")  # the config is in a folder above the root
    _, diags = open_and_wait(client, workspace / "posts" / "hello.md")
    assert "T003" not in codes(diags) and "M003" in codes(diags)


def test_config_error_is_a_message_not_a_crash(client: Client, workspace: Path) -> None:
    (workspace / "seolint.toml").write_text('selekt = ["T"]\n')
    client.initialize(workspace)
    shown = client.wait_for(lambda m: m.get("method") == "window/showMessage")
    assert "unknown key 'selekt'" in shown["params"]["message"]
    assert shown["params"]["type"] == 1  # error
    _, diags = open_and_wait(client, workspace / "posts" / "hello.md")
    assert "T003" in codes(diags)  # the defaults, until the config is fixed
    # Fixed and saved: the server reads it again.
    (workspace / "seolint.toml").write_text('ignore = ["T003"]\n')
    mark = client.mark()
    client.notify("textDocument/didSave",
                  {"textDocument": {"uri": (workspace / "seolint.toml").as_uri()}})
    uri = (workspace / "posts" / "hello.md").as_uri()
    assert "T003" not in codes(client.diagnostics(uri, after=mark))
    assert client.close() == 0


def test_bad_input_never_kills_the_server(client: Client, workspace: Path) -> None:
    client.initialize(workspace)
    # A message whose body is not valid UTF-8 (a broken client): the server says so and lives.
    mark = client.mark()
    bad = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": (workspace / "x.md").as_uri(), "languageId": "markdown",
                         "version": 1, "text": "@@"}}}).encode().replace(b"@@", b"\xff\xfe")
    client.send_raw(bad)
    client.wait_for(lambda m: m.get("method") == "window/showMessage", after=mark)
    # A lone surrogate in the text (valid JSON, not encodable as UTF-8).
    _, diags = open_and_wait(client, workspace / "posts" / "s.md",
                             "---\ntitle: Bad \ud800 text\n---\n\nSome words here.\n")
    assert "M001" in codes(diags)
    # A huge document: an X002 diagnostic, not a hang or a crash.
    huge = "---\ntitle: Huge\n---\n\n" + ("word " * 1_200_000)
    _, diags = open_and_wait(client, workspace / "posts" / "huge.md", huge)
    assert codes(diags) == {"X002"} and "limit" in diags[0]["message"]
    # An unknown URI scheme and an untitled buffer: linted by their name or language.
    _, diags = open_and_wait(client, workspace, LONG_TITLE_POST, uri="gitfs://repo/post.md")
    assert "T003" in codes(diags)
    _, diags = open_and_wait(client, workspace, HTML_PAGE, "html", uri="untitled:Untitled-1")
    assert "I001" in codes(diags)
    # A document outside the workspace: page rules, no site rules.
    outside = workspace.parent / "elsewhere" / "note.md"
    outside.parent.mkdir()
    outside.write_text(LONG_TITLE_POST, encoding="utf-8")
    _, diags = open_and_wait(client, outside)
    assert "T003" in codes(diags)
    # A file type seolint does not read: no diagnostics, and the server still answers.
    client.open((workspace / "notes.txt").as_uri(), "plain text", "plaintext")
    assert client.request("textDocument/hover", {
        "textDocument": {"uri": (workspace / "notes.txt").as_uri()},
        "position": {"line": 0, "character": 0}}) is None
    assert client.close() == 0


def test_server_without_pygls_says_how_to_install(tmp_path: Path) -> None:
    code = ("import sys; sys.modules['pygls'] = None; sys.argv = ['seolint', 'server']; "
            "from seolint.cli import main; main()")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, timeout=60)
    assert run.returncode == 2
    assert "pip install 'seolint[server]'" in run.stderr
    assert "Traceback" not in run.stderr


def test_fast_changes_are_debounced_and_close_clears(client: Client, workspace: Path) -> None:
    client.initialize(workspace, {"debounceMs": 300})
    uri, _ = open_and_wait(client, workspace / "posts" / "hello.md")
    mark = client.mark()
    for version in range(2, 8):  # six changes within the window: typing
        client.change(uri, version, LONG_TITLE_POST + "word " * version)
    client.diagnostics(uri, after=mark, version=7)  # the last one is always linted
    published = [m["params"].get("version") for m in client.notifications[mark:]
                 if m.get("method") == "textDocument/publishDiagnostics"]
    assert len(published) < 6 and published[-1] == 7
    mark = client.mark()
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri, after=mark) == []
