"""Where a suppression comment goes, in the document's own syntax (seolint.suppress reads them).

Pure functions of the document's text: the language server turns each Insertion into a
WorkspaceEdit for the "Disable RULE on this line / in this file" code actions.

- HTML: `<!-- seolint-disable-next-line RULE -->` on a new line above the finding (the line
  above a tag is never inside that tag's <title> or attribute, where a comment would be text),
  and `<!-- seolint-disable-file RULE -->` after the doctype.
- Markdown: `<!-- seolint-disable-line RULE -->` at the end of the finding's line (a line
  inserted above could split a paragraph in two and change the findings), and for the whole
  file a front-matter `seolint: {ignore: [RULE]}` right after the opening fence (a top-level
  key in YAML and TOML alike), else an HTML comment at the top of the body.
- MDX: the same, with `{/* seolint-... */}` comments (an HTML comment is a syntax error there).

A line in the front matter or in a fenced code block takes no line comment (YAML would read it
as part of the value, a code block shows it as code): only the file-wide action is offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seolint.sources.frontmatter import split

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Insertion:
    """Replace the text between (line, column) and (end_line, end_column) with `text`; lines
    and columns 0-based, columns in characters of that line."""

    line: int
    column: int
    text: str
    end_line: int | None = None
    end_column: int | None = None


def _comment(suffix: str, body: str) -> str:
    return f"{{/* {body} */}}" if suffix == ".mdx" else f"<!-- {body} -->"


def _fenced_lines(lines: list[str], first: int) -> set[int]:
    """0-based indexes of lines inside fenced code blocks (fences included), from `first`."""
    inside: set[int] = set()
    fence: str | None = None
    for i in range(first, len(lines)):
        m = _FENCE.match(lines[i])
        if fence is None and m:
            fence = m.group(1)[0] * 3
            inside.add(i)
        elif fence is not None:
            inside.add(i)
            if lines[i].strip().startswith(fence) and set(lines[i].strip()) <= {fence[0]}:
                fence = None
    return inside


def disable_line(text: str, line: int, code: str, suffix: str) -> Insertion | None:
    """The comment that suppresses `code` on 1-based `line`, or None where no line comment can
    go (front matter, code blocks, past the end)."""
    lines = text.split("\n")
    index = line - 1
    if not 0 <= index < len(lines):
        return None
    if suffix in (".html", ".htm"):
        current = lines[index]
        indent = current[: len(current) - len(current.lstrip())]
        comment = _comment(suffix, f"seolint-disable-next-line {code}")
        return Insertion(index, 0, f"{indent}{comment}\n")
    fm = split(text)
    if fm.start and fm.start <= line < fm.body_start:
        return None
    if index in _fenced_lines(lines, max(fm.body_start - 1, 0)):
        return None
    end = len(lines[index].rstrip("\r"))
    return Insertion(index, end, " " + _comment(suffix, f"seolint-disable-line {code}"))


_FLOW_IGNORE = re.compile(r"^(seolint:\s*\{\s*ignore:\s*\[)([^\]]*)(\]\s*\}\s*)$")
_FLOW_IGNORE_KEY = re.compile(r"^(seolint_ignore:\s*\[)([^\]]*)(\]\s*)$")


def disable_file(text: str, code: str, suffix: str) -> Insertion:
    """The comment or front-matter key that suppresses `code` in the whole file."""
    lines = text.split("\n")
    if suffix in (".html", ".htm"):
        comment = _comment(suffix, f"seolint-disable-file {code}") + "\n"
        if lines and lines[0].lstrip().lower().startswith("<!doctype"):
            return Insertion(1, 0, comment)
        return Insertion(0, 0, comment)
    fm = split(text)
    if fm.start and not fm.error:
        where = fm.key_lines.get("seolint", fm.key_lines.get("seolint_ignore"))
        if where is None:
            entry = (f'seolint = {{ ignore = ["{code}"] }}' if fm.format == "toml"
                     else f"seolint: {{ignore: [{code}]}}")
            return Insertion(fm.start, 0, entry + "\n")  # just after the opening fence
        # An ignore list written on one line in flow style: add the code to it.
        written = lines[where - 1]
        for pattern in (_FLOW_IGNORE, _FLOW_IGNORE_KEY):
            m = pattern.match(written.rstrip("\r"))
            if m and fm.format != "toml":
                listed = [c.strip() for c in m.group(2).split(",") if c.strip()]
                new = f"{m.group(1)}{', '.join([*listed, code])}{m.group(3)}"
                return Insertion(where - 1, 0, new, where - 1, len(written.rstrip("\r")))
    # No front matter (or one we will not rewrite): a comment at the top of the body.
    first = (fm.body_start - 1) if fm.start else 0
    return Insertion(min(first, len(lines)), 0,
                     _comment(suffix, f"seolint-disable-file {code}") + "\n")
