"""Links on Markdown sources as the built site will have them: heading ids by the generator's
slug rules (D010) and internal links under permalinks (D007); checked on the corpus's sources
against what their generators built."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import pytest

from seolint.parse import parse
from seolint.sources.frontmatter import split
from seolint.sources.generators import detect, place
from seolint.sources.markdown import render


def lint(folder: Path, select: str) -> list[tuple[str, int, str]]:
    proc = subprocess.run([sys.executable, "-m", "seolint", "check", str(folder), "--select",
                           select, "--format", "json", "--no-progress", "--exit-zero"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    return sorted((Path(f["path"]).name, f["line"], f["message"]) for f in data["findings"])


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_hugo_permalinks_make_links_into_moved_sections_checked(tmp_path: Path) -> None:
    write(tmp_path, {
        "hugo.toml": 'baseURL = "https://blog.example/"\n[permalinks]\nposts = "/:year/:month/:slug/"\n',
        "content/posts/hello.md": (
            "---\ntitle: Hello\ndate: 2024-05-01\n---\n\n"
            "See [the missing one](/posts/does-not-exist/).\n\n"  # line 6
            "And [a future post](/2099/01/nothing/).\n\n"  # line 8
            "But [this one](/2024/05/second/) exists, [tags](/tags/go/) and [about](/about/)\n"
            "come from the theme, and [the list](/posts/) is the section's.\n"),
        "content/posts/second.md": "---\ntitle: Second\ndate: 2024-05-02\n---\n\nText.\n",
    })
    got = lint(tmp_path / "content", "D007")
    assert [(name, line) for name, line, _ in got] == [("hello.md", 6), ("hello.md", 8)]


def test_markdown_fragments_on_sources(tmp_path: Path) -> None:
    write(tmp_path, {
        "_config.yml": "title: Blog\nmarkdown: kramdown\n",
        "_posts/2024-05-01-guide.md": (
            "---\ntitle: Guide\n---\n\n"
            "## Install -- the easy way\n\n"  # kramdown: install--the-easy-way
            "## Setup {#configure}\n\n"
            "Go to [install](#install--the-easy-way), [setup](#configure),\n"  # line 9
            "[comments](#comments) (the theme's), [top](#top),\n"
            "[the same, wrong case](#Install--The-Easy-Way) and\n"  # line 11: D010
            "[a typo](#configur) and [the other post](/other#intro).\n"  # line 12: D010
            "[A wrong heading of it](/other#outro-x).\n"),  # line 13: D010
        "_posts/2024-05-02-other.md": "---\ntitle: Other\npermalink: /other\n---\n\n## Intro\n\n## Outro\n",
    })
    got = lint(tmp_path, "D010")
    assert [(name, line) for name, line, _ in got] == [
        ("2024-05-01-guide.md", 11), ("2024-05-01-guide.md", 12), ("2024-05-01-guide.md", 13)]
    assert "Setup" not in got[0][2]


def test_explicit_id_is_not_heading_text(tmp_path: Path) -> None:
    write(tmp_path, {"hugo.toml": 'baseURL = "https://blog.example/"\n',
                     "content/posts/a.md": "---\ntitle: A\n---\n\n## Setup {#install}\n\n[x](#install)\n"})
    doc = render((tmp_path / "content/posts/a.md").read_text(), path="a.md",
                 url="https://blog.example/posts/a/", public=True,
                 file=tmp_path / "content/posts/a.md",
                 project=detect(tmp_path / "content"))
    page = parse(doc)
    assert "install" in page.ids
    assert [h.text for h in page.headings if h.level == 2] == ["Setup"]


def test_unknown_heading_ids_are_not_judged(tmp_path: Path) -> None:
    write(tmp_path, {"config.toml": 'base_url = "https://blog.example"\n',
                     "content/a.md": "+++\ntitle = \"A\"\n+++\n\n## 你好\n\n[x](#Ni-hao) [y](#Ni-Hao-x)\n"})
    assert lint(tmp_path / "content", "D010") == []


# --- the corpus: sources against what their generators built ----------------------------------

def _built(site: Path, url_path: str) -> Path | None:
    rel = unquote(url_path).lstrip("/")
    for candidate in (site / rel, site / (rel + ".html"), site / rel / "index.html"):
        if candidate.is_file():
            return candidate
    return None


def test_jekyll_heading_ids_match_the_built_site(shared: Path) -> None:
    """Every heading of bekahhw-jekyll's posts gets the id Jekyll (kramdown, GFM input) wrote
    into the built site beside it in the corpus."""
    root = shared / "corpus/markdown/bekahhw-jekyll"
    site = shared / "corpus/sites/bekahhw-jekyll"
    project = detect(root)
    assert project.heading_ids == "kramdown-gfm"
    compared = 0
    for md in sorted((root / "_posts").glob("*.md")):
        text = md.read_text(encoding="utf-8", errors="replace")
        placement = place(PurePosixPath(md.relative_to(root).as_posix()), split(text).data,
                          project)
        built = _built(site, placement.url_path)
        if built is None:
            continue
        doc = render(text, path=md.name, url="https://bekahhw.com" + placement.url_path,
                     public=True, file=md, project=project)
        page = parse(doc)
        theirs = {html.unescape(i) for i in re.findall(
            r'<h[1-6][^>]*?\sid="([^"]*)"', built.read_text(encoding="utf-8", errors="replace"))}
        mine = [i for i in re.findall(r'<h[1-6][^>]*?\sid="([^"]*)"', doc.body.decode())]
        for ident in mine:
            assert html.unescape(ident) in theirs, (md.name, ident)
            assert html.unescape(ident) in page.ids
            compared += 1
    assert compared >= 580


@pytest.mark.parametrize("repo", ["bekahhw-jekyll", "svelte-blog-sveltekit"])
def test_no_broken_fragment_on_corpus_sources(shared: Path, repo: str) -> None:
    assert lint(shared / "corpus/markdown" / repo, "D010") == []


def test_zola_corpus_fragments(shared: Path) -> None:
    """rust-blog-zola's same-page links all resolve with Zola's slugs, but three: they link
    "#Theme-Flatten-..." where Zola writes "theme-flatten-..." (the browser matches case)."""
    got = lint(shared / "corpus/markdown/rust-blog-zola", "D010")
    assert [(name, message.split(":")[0]) for name, _, message in got] == [
        ("lang-roadmap-2024.md", "Link to #Theme-Flatten-the-learning-curve"),
        ("lang-roadmap-2024.md", "Link to #Theme-Help-users-help-each-other"),
        ("lang-roadmap-2024.md", "Link to #Theme-Help-the-Rust-project-scale"),
    ]


def test_permalink_patterns_only_when_pinned_down() -> None:
    from seolint.sources.generators import Project, permalink_patterns, remapped_sections

    hugo = Project("hugo", permalinks=(("posts", "/:year/:month/:slug/"), ("pages", "/:slug/")))
    patterns = permalink_patterns(hugo)
    assert len(patterns) == 1  # "/:slug/" pins nothing down: a theme page may live there
    assert re.match(patterns[0], "/2099/01/nothing/") and re.match(patterns[0], "/2099/01/x")
    assert not re.match(patterns[0], "/about/")
    assert remapped_sections(hugo) == ("/posts/", "/pages/")
    jekyll = Project("jekyll", permalinks=(("", "date"),))
    (date,) = permalink_patterns(jekyll)
    assert re.match(date, "/news/2020/01/02/hello.html") and not re.match(date, "/about.html")
    assert permalink_patterns(Project("jekyll", permalinks=(("", "/:title"),))) == ()
    assert remapped_sections(jekyll) == ()
