"""Small blog repos per generator (fixtures/markdown/*), and the real blogs of ../shared.

Each fixture marks what it plants with `<!-- expect: CODE -->` on the finding's line (in front
matter as a YAML or TOML comment) or `<!-- expect-page: CODE -->`, as fixtures/sample-blog does;
every finding of the families below must be marked, so this also catches false findings.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from seolint.cli import app
from seolint.testing import compare, markers

from .conftest import FIXTURES

MD = FIXTURES / "markdown"
FAMILIES = "T,M,H,I,L,D,F,Z,X"  # readability, keyphrase and evidence keep their own fixtures
URLS = {
    "hugo": {
        "content/_index.md": "/", "content/about.md": "/about/",
        "content/posts/_index.md": "/posts/",
        "content/posts/2024-05-01-first-steps.md": "/2024/05/first-steps/",
        "content/posts/bundle-post/index.md": "/2024/06/bundle/",
    },
    "jekyll": {
        "_posts/2024-05-01-hello-world.md": "/running/2024/05/01/hello-world/",
        "_posts/2024-06-01-second-post.md": "/2024/06/01/second-post/",
        "about.md": "/about/",
    },
    "zola": {
        "content/_index.md": "/", "content/blog/_index.md": "/blog/",
        "content/blog/2024-05-01_first-post.md": "/blog/first-post/",
        "content/blog/bad-toml.md": "/blog/bad-toml/",
        "content/blog/legacy-bundle/index.md": "/2019/03/02/legacy-post/",
    },
    "astro": {
        "src/pages/about.md": "/about/",
        "src/content/blog/plain-markdown.md": "/blog/plain-markdown/",
        "src/content/blog/components-in-mdx.mdx": "/blog/components-in-mdx/",
    },
    "eleventy": {
        "src/index.md": "/", "src/plan.md": "/the-plan/",
        "src/posts/first-steps.md": "/posts/first-steps/",
    },
    "sveltekit": {
        "content/blog/2024-05-01-runes.md": "/blog/runes",
        "src/routes/about/+page.md": "/about/",
    },
    "plain": {
        "posts/2024-05-01-a post with spaces.md": "/posts/a%20post%20with%20spaces/",
        "posts/2024-06-01-its-apostrophe's.md": "/posts/its-apostrophe's/",
    },
}
BASE = "https://blog.example.org/"


def lint(folder: Path, *args: str) -> tuple[int, dict]:
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, ["check", *args, "--select", FAMILIES, "--base-url",
                                          BASE, "-f", "json", "--no-progress"],
                                    catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, json.loads(result.stdout)


def _paths(name: str) -> list[str]:
    # sveltekit names its content folders in its seolint.toml; the others are linted whole.
    return [] if name == "sveltekit" else ["."]


@pytest.mark.parametrize("name", sorted(URLS))
def test_fixture_findings_are_on_their_marked_lines(name: str) -> None:
    folder = MD / name
    code, data = lint(folder, *_paths(name))
    got: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for f in data["findings"]:
        got[f["path"]].append((f["code"], f["line"]))
    problems = {}
    for path in sorted(URLS[name]):
        text = (folder / path).read_text(encoding="utf-8")
        diff = compare(markers(text), got.pop(path, []))
        if diff:
            problems[path] = diff
    assert problems == {}
    assert not got, f"findings on unexpected paths: {dict(got)}"
    assert "Z001" not in {f["code"] for f in data["findings"]}


@pytest.mark.parametrize("name", sorted(URLS))
def test_fixture_urls_follow_the_generator(name: str) -> None:
    _, data = lint(MD / name, *_paths(name))
    urls = {p["path"]: p["url"].removeprefix(BASE.rstrip("/")) for p in data["pages"]}
    assert urls == URLS[name]


def test_drafts_of_the_fixtures_only_on_request() -> None:
    _, data = lint(MD / "hugo", ".", "--include-drafts")
    assert "content/posts/unfinished.md" in {p["path"] for p in data["pages"]}


# --- the real blogs of ../shared/corpus/markdown ------------------------------------------------

def _corpus(shared: Path, name: str, *args: str) -> tuple[int, dict]:
    folder = shared / "corpus" / "markdown"
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, ["check", name, *args, "-f", "json", "--no-progress",
                                          "--base-url", "https://corpus.example.org/"],
                                    catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, json.loads(result.stdout)


def _front(path: Path) -> tuple[dict, dict[str, int]]:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    block = text.split("\n---\n", 1)[0].removeprefix("---\n")
    keys = {m.group(1): i + 2 for i, line in enumerate(block.split("\n"))
            if (m := re.match(r"^(\w+):", line))}
    return yaml.safe_load(block) or {}, keys


def test_jekyll_corpus_description_gaps_and_title_lines(shared: Path) -> None:
    """Most bekahhw-jekyll posts lack a description: each one is an M001 on line 1, and the title
    findings sit on the line of the `title:` key."""
    posts = sorted((shared / "corpus/markdown/bekahhw-jekyll/_posts").glob("*.md"))
    code, data = _corpus(shared, "bekahhw-jekyll", "--select", "M001,T003,T005,F001,Z001,X002")
    assert data["summary"]["pages"] == len(posts) and code == 1
    fronts = {f"bekahhw-jekyll/_posts/{p.name}": _front(p) for p in posts}
    lacking = {path for path, (fm, _) in fronts.items() if not fm.get("description")}
    m001 = {f["path"] for f in data["findings"] if f["code"] == "M001"}
    assert m001 == lacking and len(lacking) > len(posts) / 2
    assert all(f["line"] == 1 for f in data["findings"] if f["code"] == "M001")
    titles = [f for f in data["findings"] if f["code"] in ("T003", "T005")]
    assert titles and all(f["line"] == fronts[f["path"]][1]["title"] for f in titles)
    assert not [f for f in data["findings"] if f["code"] in ("F001", "Z001", "X002")]


def test_zola_corpus_reads_toml_and_places_findings_on_real_lines(shared: Path) -> None:
    """Every tenth post of the Rust blog (the whole blog takes a while): TOML front matter,
    dates inside `path`, findings on lines that exist."""
    folder = shared / "corpus/markdown/rust-blog-zola"
    every = sorted(p for p in folder.rglob("*.md") if "content" in p.parts)
    sample = [p.relative_to(folder.parent).as_posix() for p in every[::10]]
    sample.append("rust-blog-zola/content/impl-trait-capture-rules.md")
    code, data = _corpus(shared, *sample, "--select", FAMILIES)
    files = {s: folder.parent / s for s in sample}
    assert data["summary"]["pages"] == len(files)
    codes = {f["code"] for f in data["findings"]}
    assert "F001" not in codes and "Z001" not in codes and "X002" not in codes
    for f in data["findings"]:
        if f["line"] is not None:
            lines = files[f["path"]].read_text(encoding="utf-8").count("\n") + 1
            assert 1 <= f["line"] <= lines, f
    m001 = sum(1 for f in data["findings"] if f["code"] == "M001")
    assert m001 > len(files) / 2  # most of its posts have no description
    # A Zola path with its date: /2024/09/05/impl-trait-capture-rules/.
    urls = {p["path"]: p["url"] for p in data["pages"]}
    assert urls["rust-blog-zola/content/impl-trait-capture-rules.md"].endswith(
        "/2024/09/05/impl-trait-capture-rules/")


def test_sveltekit_corpus_reads_dates_from_file_names(shared: Path) -> None:
    folder = shared / "corpus/markdown/svelte-blog-sveltekit/blog"
    sample = [p.relative_to(folder.parent.parent).as_posix()
              for p in sorted(folder.glob("20*.md"))[::3]]
    _, data = _corpus(shared, *sample, "--select", FAMILIES)
    pages = data["pages"]
    assert len(pages) == len(sample) and all(p["kind"] == "post" for p in pages)
    assert all(p["url"].rstrip("/").rsplit("/", 1)[-1] == Path(p["path"]).stem[11:]
               for p in pages)  # 2016-11-26-slug.md: the date is not part of the URL
    assert len({p["url"] for p in pages}) == len(pages)
    assert "Z001" not in {f["code"] for f in data["findings"]}
