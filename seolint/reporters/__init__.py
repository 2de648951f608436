"""Reporters render a finished Report; they never compute findings or scores."""

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
    else:
        raise KeyError(name)
    return render


FORMATS = ("text", "json")
