"""The site's base URL from a Markdown generator's config, and L003 when no base URL is known.

Real pattern (tests/precision, rust-blog-zola): Zola's config.toml says
`base_url = "https://blog.rust-lang.org"` and the posts link other posts by absolute URL;
without reading it, L003 reported posts that do link their own blog.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from seolint.cli import app
from seolint.registry import load_rules
from seolint.testing import run_page_rule

POST = """+++
title = "Announcing Rust 1.87.0"
date = 2025-05-15
+++

Rust 1.87.0 is out, ten years after [Rust 1.0](https://blog.example.org/2015/05/15/Rust-1.0/).
Read the [release notes](https://github.com/rust-lang/rust/releases) for the rest of it.
"""
OUTSIDE_ONLY = """+++
title = "Announcing Rustup 1.25.2"
date = 2023-02-01
+++

Rustup 1.25.2 is out: see [rustup.rs](https://rustup.rs/) for how to install it today.
"""


def _check(cwd: Path, *args: str) -> dict:  # type: ignore[type-arg]
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, ["check", *args, "-f", "json", "--no-progress",
                                          "--select", "L003", "--fail-on", "never"],
                                    catch_exceptions=False)
    finally:
        os.chdir(old)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _zola(tmp_path: Path, base: str | None) -> Path:
    (tmp_path / "config.toml").write_text(
        (f'base_url = "{base}"\n' if base else "") + 'title = "Blog"\n', encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    (content / "Rust-1.87.0.md").write_text(POST, encoding="utf-8")
    (content / "Rustup-1.25.2.md").write_text(OUTSIDE_ONLY, encoding="utf-8")
    return tmp_path


def _l003(data: dict) -> set[str]:  # type: ignore[type-arg]
    return {Path(f["path"]).name for f in data["findings"] if f["code"] == "L003"}


def test_zola_base_url_makes_absolute_links_to_the_blog_internal(tmp_path: Path) -> None:
    site = _zola(tmp_path, "https://blog.example.org")
    # The link to the blog's own 2015 post is internal: only the post linking outside fires.
    assert _l003(_check(site, ".")) == {"Rustup-1.25.2.md"}
    # An explicit --base-url still wins over the config.
    assert _l003(_check(site, ".", "--base-url", "https://other.example.net/")) == {
        "Rust-1.87.0.md", "Rustup-1.25.2.md"}


def test_without_any_base_url_absolute_links_leave_l003_silent(tmp_path: Path) -> None:
    site = _zola(tmp_path, None)
    # No base URL anywhere: either post's absolute link may be to the site itself.
    assert _l003(_check(site, ".")) == set()


def test_l003_page_rule_without_a_public_url() -> None:
    rule = load_rules()["L003"]
    head = '<html lang="en"><head><meta property="og:type" content="article"></head><body><main>'
    absolute = head + '<p>See <a href="https://svelte.dev/docs/kit">the docs</a>.</p></main>'
    nothing = head + "<p>No links here at all, just words.</p></main>"
    assert run_page_rule(rule, absolute) == []  # seolint.invalid: no base URL
    assert len(run_page_rule(rule, nothing)) == 1
    assert len(run_page_rule(rule, absolute, url="https://blog.example.org/post/")) == 1
