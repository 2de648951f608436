"""Colour, and the notes seolint writes on stderr, decided once as ruff decides them.

`--color auto` (the default) colours a terminal unless `NO_COLOR` is set to anything but the
empty string (https://no-color.org), and colours anything, a pipe included, when `FORCE_COLOR`
is set (and NO_COLOR is not); a report written to a file (`-o`) is never coloured unless
`--color always` asks. `always` and `never` win over both variables.
"""

from __future__ import annotations

import os
import sys
from typing import IO, Literal

from rich.console import Console
from rich.text import Text

ColorMode = Literal["auto", "always", "never"]


def use_color(mode: ColorMode, stream: IO[str], to_file: bool = False) -> bool:
    """Whether output to `stream` is coloured."""
    if mode == "always":
        return True
    if mode == "never" or to_file:
        return False
    if os.environ.get("NO_COLOR", ""):
        return False
    if os.environ.get("FORCE_COLOR", ""):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


def color_system(color: bool) -> str | None:
    """rich's colour system once colour is decided: rich itself drops colour on TERM=dumb even
    when forced, so a decided "yes" (--color always in a CI log) gets the 16 standard colours."""
    if not color:
        return None
    return "standard" if os.environ.get("TERM", "").lower() in ("dumb", "unknown") else "auto"


def stderr_console(mode: ColorMode = "auto") -> Console:
    """A console on stderr that prints page text as it is (no markup, no highlighting)."""
    color = use_color(mode, sys.stderr)
    return Console(stderr=True, highlight=False, markup=False, soft_wrap=True,
                   force_terminal=color, no_color=not color, color_system=color_system(color))


def note(message: str, mode: ColorMode = "auto", level: str = "") -> None:
    """`seolint: [level: ]message` on stderr; level "warning" is yellow, "error" red."""
    style = {"warning": "bold yellow", "error": "bold red", "failed": "bold red"}.get(level,
                                                                                      "bold")
    head = f"seolint: {level}: " if level else "seolint: "
    stderr_console(mode).print(Text(head, style=style) + Text(message))
