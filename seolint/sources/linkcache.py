"""The outbound-link cache: what a URL answered recently, so a rerun does not ask again.

Policy:
- One SQLite file, `links.sqlite3`, in `--cache-dir`, else `$XDG_CACHE_HOME/seolint/`, else
  `~/.cache/seolint/` (the XDG base directory specification's default).
- A working link is trusted for a day, a broken or unverified one for an hour (`cache-ttl`,
  `cache-ttl-failed`): a fixed link is rechecked soon, a good one is not hammered by every CI run.
- "not checked" (the budget ran out), excluded URLs and URLs with credentials are never stored.
- The cache is an optimisation, never a reason to fail: a corrupt file is moved aside and
  rebuilt, a locked or unwritable one is skipped for this run; each says so in a warning.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from seolint.document import LinkStatus

CACHE_FILE = "links.sqlite3"
SCHEMA = 1
_CACHED_STATES = frozenset({"ok", "broken", "unverified"})
LOCK_TIMEOUT = 2.0  # seconds to wait for another seolint's write before giving up on the cache


def default_cache_dir() -> Path:
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "seolint"


class LinkCache:
    """Read and write link statuses. Every failure is a warning in `warnings`, never raised."""

    def __init__(self, folder: Path | None, ttl_ok: float, ttl_failed: float,
                 now: float | None = None) -> None:
        self.ttl_ok = ttl_ok
        self.ttl_failed = ttl_failed
        self.now = time.time() if now is None else now
        self.warnings: list[str] = []
        self.path = (folder or default_cache_dir()) / CACHE_FILE
        self._db: sqlite3.Connection | None = None
        self._open()

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:
            if _locked(exc):
                self._skip(f"the link cache {self.path} is locked by another process; "
                           "links are checked without it this run")
                return
            self._rebuild(exc)
        except OSError as exc:
            self._skip(f"cannot use the link cache {self.path} ({exc.strerror or exc}); "
                       "links are checked without it this run")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT, isolation_level=None)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA):
                raise sqlite3.DatabaseError(f"unknown cache schema {version}")
            db.execute("CREATE TABLE IF NOT EXISTS links (url TEXT PRIMARY KEY, checked REAL "
                       "NOT NULL, state TEXT NOT NULL, status INTEGER, final_url TEXT, hops TEXT "
                       "NOT NULL, reason TEXT)")
            db.execute(f"PRAGMA user_version = {SCHEMA}")
            db.execute("SELECT count(*) FROM links").fetchone()  # reads a page: finds corruption
        except BaseException:
            db.close()
            raise
        return db

    def _rebuild(self, exc: Exception) -> None:
        aside = self.path.with_name(self.path.name + ".corrupt")
        try:
            os.replace(self.path, aside)
            self._db = self._connect()
        except (OSError, sqlite3.DatabaseError) as again:
            self._skip(f"the link cache {self.path} is unreadable ({exc}) and could not be "
                       f"rebuilt ({again}); links are checked without it this run")
            return
        self.warnings.append(f"the link cache {self.path} was unreadable ({exc}); moved it to "
                             f"{aside.name} and started a new one")

    def _skip(self, message: str) -> None:
        self.warnings.append(message)
        if self._db is not None:
            self._db.close()
        self._db = None

    @property
    def usable(self) -> bool:
        return self._db is not None

    def get_many(self, urls: Iterable[str]) -> dict[str, LinkStatus]:
        """Fresh entries for these URLs (stale ones are left out)."""
        if self._db is None:
            return {}
        out: dict[str, LinkStatus] = {}
        wanted = list(dict.fromkeys(urls))
        try:
            for start in range(0, len(wanted), 500):  # SQLite's variable limit
                chunk = wanted[start:start + 500]
                rows = self._db.execute(
                    "SELECT url, checked, state, status, final_url, hops, reason FROM links "
                    f"WHERE url IN ({','.join('?' * len(chunk))})", chunk).fetchall()
                for url, checked, state, status, final_url, hops, reason in rows:
                    ttl = self.ttl_ok if state == "ok" else self.ttl_failed
                    if state not in _CACHED_STATES or self.now - checked > ttl:
                        continue
                    out[url] = LinkStatus(url, state, status, final_url,
                                          tuple((int(s), str(u)) for s, u in json.loads(hops)),
                                          reason, cached=True)
        except (sqlite3.DatabaseError, ValueError, TypeError) as exc:
            self._fail("read", exc)
            return {}
        return out

    def put_many(self, statuses: Iterable[LinkStatus], checked: float | None = None) -> None:
        if self._db is None:
            return
        when = time.time() if checked is None else checked
        rows = [(s.url, when, s.state, s.status, s.final_url, json.dumps(s.hops), s.reason)
                for s in statuses if s.state in _CACHED_STATES and not s.cached]
        if not rows:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 rows)
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass
            self._fail("write", exc)

    def _fail(self, what: str, exc: Exception) -> None:
        if _locked(exc):
            self._skip(f"the link cache {self.path} is locked by another process; this run's "
                       f"results were not {'read from' if what == 'read' else 'saved to'} it")
        else:
            self._skip(f"could not {what} the link cache {self.path} ({exc}); it is skipped "
                       "for the rest of this run")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _locked(exc: Exception) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text
