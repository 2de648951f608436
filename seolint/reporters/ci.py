"""Helpers the CI reporters share: repository-relative paths and severity levels.

CI systems locate a finding by its path from the repository root (GitHub code scanning resolves
SARIF URIs against the checkout, GitLab and GitHub annotations likewise), while seolint's paths
are relative to where it ran. The root is `$GITHUB_WORKSPACE` or `$CI_PROJECT_DIR` when a CI sets
them, else the nearest folder above the working directory holding `.git`, else the working
directory itself.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
GITLAB_SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def repo_root(cwd: Path | None = None) -> Path:
    for var in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        value = os.environ.get(var)
        if value and Path(value).is_dir():
            return Path(value).resolve()
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def repo_path(path: str, root: Path | None = None) -> str:
    """`path` (relative to the working directory, or absolute) relative to the repository root,
    with forward slashes; absolute when it lies outside the repository."""
    root = root or repo_root()
    full = Path(path)
    if not full.is_absolute():
        full = Path.cwd() / full
    full = Path(os.path.normpath(full))
    try:
        return full.relative_to(root).as_posix()
    except ValueError:
        try:
            return full.resolve().relative_to(root).as_posix()
        except ValueError:
            return full.as_posix()


def get(item: Any, key: str, default: Any = None) -> Any:
    """A field of a dataclass or a dict: summaries read scores and fixes defensively."""
    if isinstance(item, dict):
        return item.get(key, default)
    return getattr(item, key, default)
