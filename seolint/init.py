"""`seolint init`: a starter seolint.toml that fits the blog repo it finds.

It detects the generator by its config file (Hugo, Jekyll, Zola, Astro, Eleventy, SvelteKit;
seolint.sources.generators), and writes:

- `base-url` from the generator's config (`baseURL`, `url`, `base_url`, Astro's `site`), so
  findings carry URLs and absolute links to the blog count as internal;
- `[markdown]` with the generator, the content folders `seolint check` lints when given no path,
  and the front-matter conventions it sees in the posts: YAML or TOML, which keys they use (the
  count is in a comment), and `title-as-h1`, off when most posts start their body with their own
  `# heading` (their theme does not print the title as the h1, or they would all have two);
- commented examples of the settings a blog usually wants next (title template, ignores).

It never overwrites a config (exit 2) unless `--force`, and `--stdout` prints instead.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

from seolint.sources.generators import Project, detect
from seolint.sources.markdown import MARKDOWN_SUFFIXES, SKIP_DIRS, front_matter_of

CONFIG_NAME = "seolint.toml"
_H1 = re.compile(r"^#\s+\S")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
SAMPLE = 400  # posts read to learn the front-matter conventions
_GENERIC_CONTENT = ("content", "_posts", "posts", "blog", "src/content", "src/posts",
                    "src/routes/blog", "articles")


def _md_files(folder: Path, limit: int = SAMPLE) -> list[Path]:
    """Up to `limit` Markdown files under `folder`, skipping tooling and build folders."""
    out: list[Path] = []
    if not folder.is_dir():
        return out
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(files):
            if name.lower().endswith(MARKDOWN_SUFFIXES):
                out.append(Path(current) / name)
                if len(out) >= limit:
                    return out
    return out


def content_folders(root: Path, project: Project) -> list[Path]:
    if project.generator in ("hugo", "zola", "astro", "eleventy"):
        found = [Path(c) for c in project.content_dirs if Path(c).is_dir()]
        if found:
            return found
    if project.generator == "jekyll":
        return [root]
    for name in _GENERIC_CONTENT:
        candidate = root / name
        if _md_files(candidate, 1):
            return [candidate]
    return [root]


def _has_own_h1(text: str, body_start: int, generator: str) -> bool:
    from seolint.sources.markdown import preprocess

    fence = False
    body = text.split("\n")[body_start - 1:]
    for line in preprocess(body, generator, False):  # {% highlight %} is code, not a heading
        if _FENCE.match(line):
            fence = not fence
        elif not fence and _H1.match(line):
            return True
    return False


def survey(folders: list[Path], generator: str = "generic"
           ) -> tuple[Counter[str], Counter[str], int, int]:
    """(front-matter formats, keys, posts read, posts with their own # h1), over the files
    `seolint check` would lint (so a README or a draft does not count)."""
    from seolint.sources.markdown import MarkdownOptions, discover

    formats: Counter[str] = Counter()
    keys: Counter[str] = Counter()
    posts = own_h1 = 0
    found = discover([str(f) for f in folders], None, MarkdownOptions())
    for item in found.items[:SAMPLE]:
        try:
            text = Path(item.file).read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue
        fm = front_matter_of(text)
        posts += 1
        formats[fm.format or "none"] += 1
        keys.update(fm.data.keys())
        if _has_own_h1(text.replace("\r\n", "\n"), fm.body_start, generator):
            own_h1 += 1
    return formats, keys, posts, own_h1


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def starter(root: Path) -> tuple[str, Project, list[Path]]:
    """(the config text, the project found, its content folders)."""
    root = root.resolve()
    project = detect(root)
    folders = content_folders(root, project)
    formats, keys, posts, own_h1 = survey(folders, project.generator)
    title_as_h1 = not (posts and own_h1 * 2 > posts)
    rels = []
    for folder in folders:
        try:
            rels.append(folder.resolve().relative_to(root).as_posix() or ".")
        except ValueError:
            rels.append(str(folder))
    lines = [f"# seolint configuration for a {project.name} blog, written by `seolint init`.",
             "# `seolint check` lints the content folders below; `seolint rules` lists the "
             "rules,",
             "# `seolint explain CODE` documents one. CI set-up: docs/ci.md.", ""]
    if project.base_url:
        lines.append(f"base-url = {_toml_str(project.base_url)}")
    else:
        lines.append('# base-url = "https://blog.example.com/"   # the site\'s address: findings '
                     "get URLs")
    lines += ['fail-on = "error"', "", "[markdown]"]
    if project.generator != "generic":
        lines.append(f"generator = {_toml_str(project.generator)}")
    lines.append("content = [" + ", ".join(_toml_str(r) for r in rels) + "]   # what "
                 "`seolint check` lints when given no path")
    why = (f"{own_h1} of {posts} posts start with their own # heading" if posts else
           "no posts read")
    lines.append(f"title-as-h1 = {'true' if title_as_h1 else 'false'}   # the theme prints the "
                 f"front-matter title as the <h1> ({why})")
    suffix = f" | {project.site_title}" if project.site_title else " | My Blog"
    lines.append(f"# title-template = {_toml_str('{title}' + suffix)}   # the <title> the "
                 "theme builds from the front-matter title")
    lines.append("include-drafts = false")
    perms = dict(project.permalinks)
    if perms:
        shown = ", ".join(f"{k or 'posts'}: {v}" for k, v in perms.items())
        lines.append(f"# Permalinks are read from {Path(project.config_file or '').name} "
                     f"({shown}); override with")
        lines.append('# permalinks = { "*" = "/:year/:month/:slug/" }')
    else:
        lines.append('# permalinks = { "*" = "/:year/:month/:slug/" }   # URL pattern of posts, '
                     "when the generator's default is not it")
    lines.append("")
    if posts:
        fmt = ", ".join(f"{k.upper() if k != 'none' else 'no front matter'} {n}"
                        for k, n in formats.most_common())
        common = ", ".join(f"{k} {n}" for k, n in keys.most_common(12))
        lines.append(f"# Front matter of {posts} posts: {fmt}; keys: {common}.")
        missing = [k for k in ("title", "description", "date") if keys[k] < posts]
        if "description" in missing:
            lines.append(f"# {posts - keys['description']} of them have no description: "
                         "missing-meta-description (M001) reports them.")
    lines.append("# seolint reads title, description (else summary, excerpt), date, lastmod "
                 "(updated), author(s),")
    lines.append("# tags, draft, keyphrase and lang, and `seolint: {ignore: [rule, ...]}` to "
                 "silence a rule on one post.")
    lines += ["", "[per-path-ignores]", '# "tags/*" = ["thin-content"]', ""]
    return "\n".join(lines), project, folders


def write(root: Path, force: bool = False) -> tuple[Path, Project, list[Path]]:
    """Write seolint.toml in `root`. FileExistsError when one is there and not `force`."""
    text, project, folders = starter(root)
    target = root / CONFIG_NAME
    if target.exists() and not force:
        raise FileExistsError(str(target))
    target.write_text(text, encoding="utf-8")
    return target, project, folders
