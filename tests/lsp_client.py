"""A small LSP client for tests and bench/bench_server.py: the editor's side of the protocol.

It starts `seolint server` as a subprocess and speaks JSON-RPC over its stdio with
Content-Length framing, as an editor does. A reader thread files every message: responses by
id, notifications in arrival order. Requests the server makes (progress tokens, file-watcher
registration) are answered with null, as a client that accepts them does.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CAPABILITIES: dict[str, Any] = {
    "window": {"workDoneProgress": True},
    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True},
                  "workspaceFolders": True},
    "textDocument": {
        "publishDiagnostics": {"relatedInformation": True, "codeDescriptionSupport": True,
                               "dataSupport": True},
        "codeAction": {"codeActionLiteralSupport": {
            "codeActionKind": {"valueSet": ["quickfix"]}}},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "synchronization": {"didSave": True},
    },
}


def server_command() -> list[str]:
    exe = Path(sys.executable).with_name("seolint")
    if exe.exists():
        return [str(exe), "server"]
    found = shutil.which("seolint")
    return [found, "server"] if found else [sys.executable, "-m", "seolint", "server"]


class Client:
    def __init__(self, cwd: str | Path | None = None, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            server_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, cwd=cwd, env={**os.environ, **(env or {})})
        self.responses: dict[int, dict[str, Any]] = {}
        self.notifications: list[dict[str, Any]] = []
        self.server_requests: list[dict[str, Any]] = []
        self._cond = threading.Condition()
        self._next_id = 0
        self._out = queue.Queue[bytes]()
        self.stderr_lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # --- wire ------------------------------------------------------------------------------

    def send_raw(self, body: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _send(self, message: dict[str, Any]) -> None:
        self.send_raw(json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8"))

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if length is None:
                continue
            message = json.loads(out.read(length))
            if "method" in message and "id" in message:  # a request from the server
                self._send({"id": message["id"], "result": None})
                with self._cond:
                    self.server_requests.append(message)
                    self._cond.notify_all()
                continue
            with self._cond:
                if "id" in message and "method" not in message:
                    self.responses[message["id"]] = message
                else:
                    message["_received"] = time.perf_counter()
                    self.notifications.append(message)
                self._cond.notify_all()

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr_lines.append(line.decode("utf-8", "replace"))

    # --- protocol --------------------------------------------------------------------------

    def request(self, method: str, params: Any, timeout: float = 30.0) -> Any:
        with self._cond:
            self._next_id += 1
            msg_id = self._next_id
        self._send({"id": msg_id, "method": method, "params": params})
        with self._cond:
            if not self._cond.wait_for(lambda: msg_id in self.responses, timeout):
                raise TimeoutError(f"no answer to {method} in {timeout} s; stderr: "
                                   f"{''.join(self.stderr_lines)[-2000:]}")
            answer = self.responses.pop(msg_id)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def wait_for(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 30.0,
                 after: int = 0) -> dict[str, Any]:
        """The first notification from index `after` on that satisfies `predicate`."""
        def find() -> dict[str, Any] | None:
            return next((m for m in self.notifications[after:] if predicate(m)), None)

        with self._cond:
            if not self._cond.wait_for(lambda: find() is not None, timeout):
                raise TimeoutError(f"no such notification in {timeout} s; got "
                                   f"{[m.get('method') for m in self.notifications[after:]]}; "
                                   f"stderr: {''.join(self.stderr_lines)[-2000:]}")
            found = find()
            assert found is not None
            return found

    def diagnostics(self, uri: str, timeout: float = 30.0, after: int = 0,
                    version: int | None = None) -> list[dict[str, Any]]:
        """The next publishDiagnostics for `uri` (at `version` when given)."""
        msg = self.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and (version is None or m["params"].get("version") == version),
            timeout, after)
        return msg["params"]["diagnostics"]

    def mark(self) -> int:
        with self._cond:
            return len(self.notifications)

    def initialize(self, root: Path | None, options: dict[str, Any] | None = None) -> Any:
        params: dict[str, Any] = {
            "processId": os.getpid(), "capabilities": CAPABILITIES,
            "rootUri": root.as_uri() if root else None,
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}] if root else None,
            "initializationOptions": options or {},
        }
        result = self.request("initialize", params)
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, language: str = "markdown", version: int = 1) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language, "version": version, "text": text}})

    def change(self, uri: str, version: int, text: str) -> None:
        """A whole-document change (the server accepts incremental ones too)."""
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]})

    def close(self, timeout: float = 15.0) -> int:
        """shutdown, exit, and the server's exit code."""
        try:
            self.request("shutdown", None, timeout)
            self.notify("exit", None)
            return self.proc.wait(timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
