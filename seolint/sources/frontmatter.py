"""Front matter: the YAML (`---`) or TOML (`+++`) block at the top of a Markdown post.

`split()` never raises: front matter that does not parse becomes a `FrontMatter` with an `error`
and the line it is on, and the body is still there to lint (Jekyll and Zola fail or warn on such
a file; a linter must say where, and go on). YAML is read with `yaml.safe_load` (no tags that run
code); TOML with the standard library's `tomllib`.

Values are made JSON-safe (dates become ISO strings) so reports and other processes can carry
them; a YAML alias bomb stops at a budget of nodes instead of expanding exponentially.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

YAML_FENCE = "---"
TOML_FENCE = "+++"
MAX_NODES = 20_000  # values in one front matter block; far above any real post
_TOML_LINE = re.compile(r"at line (\d+)")
_KEY_LINE = {
    "yaml": re.compile(r"^(['\"]?)([A-Za-z_][\w.-]*)\1\s*:"),
    "toml": re.compile(r"^(['\"]?)([A-Za-z_][\w.-]*)\1\s*="),
}
_TOML_TABLE = re.compile(r"^\s*\[")


@dataclass(frozen=True)
class FrontMatter:
    """The parsed block. Lines are 1-based lines of the file."""

    data: dict[str, Any] = field(default_factory=dict)
    format: str | None = None  # "yaml", "toml", or None when the file has none
    start: int = 0  # the opening fence's line (0: none)
    end: int = 0  # the closing fence's line (0: none)
    body_start: int = 1  # the first line of the Markdown body
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> line
    error: str | None = None
    error_line: int | None = None


def _jsonable(value: Any, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise ValueError("front matter has too many values (an alias bomb?)")
    if isinstance(value, dict):
        return {str(k): _jsonable(v, budget) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v, budget) for v in value]
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _key_lines(lines: list[str], first: int, fmt: str) -> dict[str, int]:
    """Top-level keys and their lines (`first` is the file line of lines[0])."""
    pattern = _KEY_LINE[fmt]
    out: dict[str, int] = {}
    for i, line in enumerate(lines):
        if fmt == "toml" and _TOML_TABLE.match(line):
            table = line.strip().strip("[]").split(".")[0].strip().strip("'\"")
            out.setdefault(table, first + i)
            continue
        if line[:1] in (" ", "\t"):
            continue
        m = pattern.match(line)
        if m:
            out.setdefault(m.group(2), first + i)
    return out


def split(text: str) -> FrontMatter:
    """Find and parse the front matter at the top of `text` (BOM and CRLF already removed)."""
    lines = text.split("\n")
    fence = lines[0].rstrip() if lines else ""
    if fence not in (YAML_FENCE, TOML_FENCE):
        return FrontMatter()
    fmt = "yaml" if fence == YAML_FENCE else "toml"
    closers = ("---", "...") if fmt == "yaml" else ("+++",)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closers), None)
    if end is None:
        # `---` on line 1 with no closing fence is a thematic break to Markdown, unless what
        # follows reads as keys: then it is front matter someone forgot to close.
        first = next((ln for ln in lines[1:] if ln.strip()), "")
        if _KEY_LINE[fmt].match(first):
            return FrontMatter(format=fmt, start=1, body_start=2,
                               error=f"The front matter opened on line 1 with {fence} is never "
                                     "closed", error_line=1)
        return FrontMatter()
    block = lines[1:end]
    key_lines = _key_lines(block, 2, fmt)
    base = FrontMatter(format=fmt, start=1, end=end + 1, body_start=end + 2, key_lines=key_lines)
    raw = "\n".join(block)
    import yaml  # 25 ms: imported once a file has front matter, never for an HTML run

    try:
        if fmt == "yaml":
            data = yaml.safe_load(raw) if raw.strip() else {}
        else:
            data = tomllib.loads(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = 2 + mark.line if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return _failed(base, f"Front matter is not valid YAML: {problem}", min(line, end))
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        # "(at line 3, column 8)" counts lines of the block; "(at end of document)" is its end
        line = 1 + int(m.group(1)) if m else end
        message = str(exc).split(" (at ")[0]
        return _failed(base, f"Front matter is not valid TOML: {message}", min(line, end))
    except ValueError as exc:
        # It parses, but a value cannot be built: a date or time out of range (25:61:61, an
        # offset of +99:00), an integer of more than 4,300 digits. No position comes with it.
        line = _culprit_line(block, fmt)
        reason = str(exc).splitlines()[0][:200]
        return _failed(base, f"Front matter cannot be read: a value is out of range ({reason})",
                       line)
    except RecursionError:  # both parsers recurse into nested lists and tables
        return _failed(base, "Front matter cannot be read: values nested too deeply", 2)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        kind = type(data).__name__
        return _failed(base, f"Front matter is a {kind}, not a set of keys and values", 2)
    try:
        clean = _jsonable(data, [MAX_NODES])
    except (ValueError, RecursionError) as exc:
        return _failed(base, f"Front matter cannot be read: {exc}", 1)
    return FrontMatter(clean, fmt, 1, end + 1, end + 2, key_lines)


def _culprit_line(block: list[str], fmt: str) -> int:
    """The file line of the first line of `block` that fails alone (a `date:` line), else the
    block's first line. Tried on the first few hundred lines only: a post's front matter is
    a few dozen."""
    import yaml  # lazily, as in split (only a file whose front matter failed gets here)

    for i, line in enumerate(block[:500]):
        if not line.strip() or line[:1] in (" ", "\t", "-"):
            continue
        try:
            if fmt == "yaml":
                yaml.safe_load(line)
            else:
                tomllib.loads(line)
        except (yaml.YAMLError, tomllib.TOMLDecodeError, RecursionError):
            continue  # not alone the culprit: part of a longer value, or another problem
        except ValueError:
            return 2 + i
    return 2


def _failed(base: FrontMatter, message: str, line: int) -> FrontMatter:
    return FrontMatter({}, base.format, base.start, base.end, base.body_start, base.key_lines,
                       message, line)
