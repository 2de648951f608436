"""What the generator would expand (Liquid, Hugo and Zola shortcodes, kramdown lists, MDX), taken
out of a Markdown body line for line, so line numbers stay the source's."""

from __future__ import annotations

import re

# --- preprocessing: what the generator would expand, taken out line for line -----------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HUGO_REF = re.compile(r"\{\{[<%]\s*(?:rel)?ref\s+(?:path=)?\"?([^\"\s>%]+)\"?[^>%]*[>%]\}\}")
_POST_URL = re.compile(r"\{%-?\s*post_url\s+([^\s%]+)\s*-?%\}")
_JEKYLL_LINK = re.compile(r"\{%-?\s*link\s+([^\s%]+)\s*-?%\}")
_SITE_URL = re.compile(r"\{\{-?\s*site\.(baseurl|url)\s*(?:\|[^}]*)?-?\}\}")
_HIGHLIGHT_OPEN = re.compile(r"^\s*(?:\{%-?\s*highlight\s+(\w*)[^%]*-?%\}|\{\{<\s*highlight\s+"
                             r"(\w*)[^>]*>\}\})\s*$")
_HIGHLIGHT_CLOSE = re.compile(r"^\s*(?:\{%-?\s*endhighlight\s*-?%\}|\{\{<\s*/highlight\s*>\}\})"
                              r"\s*$")
_COMMENT_OPEN = re.compile(r"\{%-?\s*comment\s*-?%\}")
_COMMENT_CLOSE = re.compile(r"\{%-?\s*endcomment\s*-?%\}")
_TAG = re.compile(r"\{%.*?%\}|\{\{[<%].*?[>%]\}\}|\{\{.*?\}\}")
_IAL_LINE = re.compile(r"^\s*\{:[^}]*\}\s*$")
_HEADING_ATTRS = re.compile(r"^(\s{0,3}#{1,6}\s.*?)\s*\{[#.:][^}]*\}\s*$")
_MDX_COMMENT = re.compile(r"\{/\*\s*(.*?)\s*\*/\}")
_JSX_OPEN = re.compile(r"^\s*<([A-Z][\w.]*|>)")
_JSX_CLOSE_LINE = re.compile(r"^\s*</([A-Z][\w.]*)?>")
_ESM = re.compile(r"^(import|export)\s")
TEMPLATING = frozenset({"jekyll", "hugo", "zola", "eleventy"})


def preprocess(lines: list[str], generator: str, mdx: bool, base_path: str = "") -> list[str]:
    """The body with template tags and MDX syntax blanked, keeping the line count.

    `base_path` is the path of the site's URL ("/blog" for https://x.io/blog/): Jekyll's
    `{{ site.baseurl }}` becomes it, `{{ site.url }}` becomes nothing (links stay on the site)."""
    out: list[str] = []
    fence: str | None = None
    in_comment = False
    jsx_depth: str | None = None
    esm_braces = 0
    templating = generator in TEMPLATING
    for line in lines:
        if fence == "{%":  # inside {% highlight %} / {{< highlight >}}: code until its end tag
            if _HIGHLIGHT_CLOSE.match(line):
                out.append("```")
                fence = None
            else:
                out.append(line)
            continue
        if fence is not None:
            out.append(line)
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) <= set(fence[0]):
                fence = None
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)
            out.append(line)
            continue
        if templating:
            hm = _HIGHLIGHT_OPEN.match(line)
            if hm:
                out.append("```" + (hm.group(1) or hm.group(2) or ""))
                fence = "{%"
                continue
            if in_comment:
                if _COMMENT_CLOSE.search(line):
                    in_comment = False
                out.append("")
                continue
            if _COMMENT_OPEN.search(line) and not _COMMENT_CLOSE.search(line):
                in_comment = True
                out.append("")
                continue
        if mdx:
            line = _MDX_COMMENT.sub(_mdx_comment, line)
            if esm_braces > 0:
                esm_braces += line.count("{") - line.count("}")
                out.append("")
                continue
            if _ESM.match(line):
                esm_braces = max(0, line.count("{") - line.count("}"))
                out.append("")
                continue
            if jsx_depth is not None:
                if _ends_jsx(line, jsx_depth):
                    jsx_depth = None
                out.append("")
                continue
            jm = _JSX_OPEN.match(line)
            if jm or _JSX_CLOSE_LINE.match(line):
                name = jm.group(1) if jm else ""
                if jm and not _ends_jsx(line, name):
                    jsx_depth = name
                out.append("")
                continue
            if line.lstrip().startswith("{") and line.rstrip().endswith("}"):
                out.append("")
                continue
        if templating:
            line = _HUGO_REF.sub(lambda m: "seolint-ref:" + m.group(1), line)
            line = _POST_URL.sub(lambda m: "seolint-post-url:" + m.group(1), line)
            line = _JEKYLL_LINK.sub(lambda m: "seolint-link:" + m.group(1), line)
            line = _SITE_URL.sub(lambda m: base_path if m.group(1) == "baseurl" else "", line)
            if _IAL_LINE.match(line):
                line = ""
            elif "{" in line:
                stripped = line.strip()
                if _TAG.fullmatch(stripped):
                    line = ""
                else:
                    line = _TAG.sub("", line)
        hm2 = _HEADING_ATTRS.match(line)
        if hm2 and "#" not in line[hm2.end(1):]:
            # {.class} goes; {#id} stays for seolint.sources.headingids, which takes it off
            line = hm2.group(1)
        out.append(line)
    return out


def _mdx_comment(m: re.Match[str]) -> str:
    text = m.group(1)
    return f"<!-- {text} -->" if text.startswith("seolint-") else ""


def _ends_jsx(line: str, name: str) -> bool:
    stripped = line.rstrip()
    if stripped.endswith("/>"):
        return True
    if name and name != ">" and f"</{name}>" in line:
        return True
    return name == ">" and "</>" in line
