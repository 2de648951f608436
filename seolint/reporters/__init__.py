"""Reporters render a finished Report; they never compute findings or scores. May import engine
(the Report) and everything below it, never cli."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from seolint.engine import Report

Renderer = Callable[[Report, IO[str], bool], None]


def get(name: str) -> Renderer:
    if name == "text":
        from seolint.reporters.text import render
    elif name == "json":
        from seolint.reporters.json import render
    elif name == "sarif":
        from seolint.reporters.sarif import render
    elif name == "github":
        from seolint.reporters.github import render
    elif name == "junit":
        from seolint.reporters.junit import render
    elif name == "gitlab":
        from seolint.reporters.gitlab import render
    elif name == "markdown":
        from seolint.reporters.markdown import render
    elif name == "html":
        from seolint.reporters.html import render
    else:
        raise KeyError(name)
    return render


FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab", "markdown", "html")
