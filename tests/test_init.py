"""`seolint init`: a starter config that fits the blog repo it finds."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from seolint.config import load_settings

from .conftest import FIXTURES
from .conftest import invoke as run_cli

EXPECTED = {
    # fixture: (generator, base-url, content folders)
    "hugo": ("hugo", "https://hugo.example.org/", ["content"]),
    "jekyll": ("jekyll", "https://jekyll.example.org/", ["."]),
    "zola": ("zola", "https://zola.example.org", ["content"]),
    "astro": ("astro", "https://astro.example.org", ["src/content", "src/pages"]),
    "eleventy": ("eleventy", None, ["src"]),
}


def invoke(args: list[str], cwd: Path) -> tuple[int, str]:
    """(exit code, stdout, or stderr's messages when stdout is empty): conftest.invoke."""
    code, out, err = run_cli(args, cwd)
    return code, out or err


@pytest.fixture
def repo(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    target = tmp_path / request.param
    shutil.copytree(FIXTURES / "markdown" / request.param, target)
    return target


@pytest.mark.parametrize("repo", sorted(EXPECTED), indirect=True)
def test_init_detects_the_generator_and_writes_a_working_config(repo: Path) -> None:
    generator, base, content = EXPECTED[repo.name]
    code, out = invoke(["init"], repo)
    assert code == 0 and f"Wrote {Path('seolint.toml')}" in out
    data = tomllib.loads((repo / "seolint.toml").read_text(encoding="utf-8"))
    assert data["markdown"]["generator"] == generator
    assert data["markdown"]["content"] == content
    assert data.get("base-url") == base
    settings = load_settings(repo / "seolint.toml")  # it validates
    assert settings.markdown is not None and settings.markdown.title_as_h1 is True
    # `seolint check` with no path lints the content folders it names.
    code, out = invoke(["check", "-f", "json", "--no-progress", "--select", "T,M,H"], repo)
    assert code in (0, 1) and json.loads(out)["summary"]["pages"] > 0


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / "seolint.toml").write_text("# mine\n")
    code, out = invoke(["init"], tmp_path)
    assert code == 2 and "--force" in out
    assert (tmp_path / "seolint.toml").read_text() == "# mine\n"
    code, _ = invoke(["init", "--force"], tmp_path)
    assert code == 0 and "written by `seolint init`" in (tmp_path / "seolint.toml").read_text()


def test_init_stdout_and_title_as_h1_from_the_posts(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    for i in range(3):
        (tmp_path / "posts" / f"p{i}.md").write_text(
            f"---\ntitle: Post {i}\n---\n\n# Post {i}\n\nText.\n")
    code, out = invoke(["init", "--stdout"], tmp_path)
    assert code == 0 and not (tmp_path / "seolint.toml").exists()
    data = tomllib.loads(out)
    assert data["markdown"]["content"] == ["posts"]
    assert data["markdown"]["title-as-h1"] is False  # they print their own h1
    assert "3 of 3 posts start with their own # heading" in out


def test_init_on_the_jekyll_corpus(shared: Path) -> None:
    code, out = invoke(["init", "--stdout"], shared / "corpus/markdown/bekahhw-jekyll")
    data = tomllib.loads(out)
    assert code == 0 and data["markdown"]["generator"] == "jekyll"
    assert data["base-url"] == "https://bekahhw.com/"
    assert "have no description" in out


def test_init_on_the_zola_corpus(shared: Path) -> None:
    code, out = invoke(["init", "--stdout"], shared / "corpus/markdown/rust-blog-zola")
    data = tomllib.loads(out)
    assert code == 0 and (data["markdown"]["generator"], data["base-url"]) == (
        "zola", "https://blog.rust-lang.org")
