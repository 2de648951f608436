"""A built site's own URL is read from the site when no base-url is given (CNAME, else the home
page's canonical or og:url), so the absolute links themes write to the site's own pages are
internal: the karpoke-pelican-es pattern, where archive pages link every post as
https://karpoke.ignaciocano.com/2018/08/30/post/ and D006 called those posts orphans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seolint.cli import app
from seolint.sources.files import infer_base_url

HOME = ('<!doctype html><html lang="en"><head><title>A blog about running backwards</title>'
        '{head}</head><body><h1>Blog</h1><a href="https://blog.example.org/posts/a/">Post A'
        '</a></body></html>')
POST = ('<!doctype html><html lang="en"><head><title>Post A: running backwards uphill</title>'
        '</head><body><h1>Post A</h1><p>Text.</p></body></html>')


def site(tmp_path: Path, head: str = "", cname: str | None = None) -> Path:
    (tmp_path / "posts" / "a").mkdir(parents=True)
    (tmp_path / "index.html").write_text(HOME.format(head=head), encoding="utf-8")
    (tmp_path / "posts" / "a" / "index.html").write_text(POST, encoding="utf-8")
    (tmp_path / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    if cname is not None:
        (tmp_path / "CNAME").write_text(cname + "\n", encoding="utf-8")
    return tmp_path


def test_cname_first_then_canonical_then_og_url(tmp_path: Path) -> None:
    assert infer_base_url([str(site(tmp_path / "a", cname="blog.example.org"))]) == (
        "https://blog.example.org/")
    canonical = '<link rel="canonical" href="http://user.github.io/blog/">'
    assert infer_base_url([str(site(tmp_path / "b", canonical))]) == "http://user.github.io/blog/"
    og = '<meta property="og:url" content="https://julia.example/index.html">'
    assert infer_base_url([str(site(tmp_path / "c", og))]) == "https://julia.example/"


def test_no_guess_from_development_urls_subfolders_or_several_paths(tmp_path: Path) -> None:
    dev = '<link rel="canonical" href="http://localhost:4000/">'
    assert infer_base_url([str(site(tmp_path / "a", dev))]) is None
    root = site(tmp_path / "b", '<link rel="canonical" href="https://blog.example.org/">')
    assert infer_base_url([str(root / "posts" / "a")]) is None  # a post's canonical is its own
    assert infer_base_url([str(root), str(root / "posts")]) is None
    (root / "robots.txt").unlink()
    assert infer_base_url([str(root)]) is None  # no sign that this is a site's root


def test_absolute_self_links_count_as_internal(tmp_path: Path) -> None:
    root = site(tmp_path, '<link rel="canonical" href="https://blog.example.org/">')
    result = CliRunner().invoke(app, ["check", str(root), "--select", "D006", "-f", "json"],
                                catch_exceptions=False)
    orphans = [f["path"] for f in json.loads(result.stdout)["findings"]]
    assert not any(p.endswith("posts/a/index.html") for p in orphans), orphans


def test_the_home_page_is_read_once_and_its_bytes_are_linted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The base URL comes from the home page's head before the files are mapped to URLs; the
    analysis then lints the bytes read for it instead of opening the file again."""
    import io
    import os

    root = site(tmp_path, '<link rel="canonical" href="https://blog.example.org/">')
    home = str(root / "index.html")
    opened: list[str] = []
    os_open, io_open = os.open, io.open

    def counting_os(path: object, *args: object, **kwargs: object) -> object:
        if isinstance(path, str | Path) and os.fspath(path) == home:
            opened.append("os.open")
        return os_open(path, *args, **kwargs)  # type: ignore[arg-type]

    def counting_io(path: object, *args: object, **kwargs: object) -> object:
        if isinstance(path, str | Path) and os.fspath(path) == home:
            opened.append("io.open")
        return io_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "open", counting_os)
    monkeypatch.setattr(io, "open", counting_io)
    result = CliRunner().invoke(app, ["check", str(root), "--select", "D006", "-f", "json",
                                      "--jobs", "1"], catch_exceptions=False)
    monkeypatch.undo()
    assert result.exit_code == 0, result.output
    assert len(opened) == 1, opened
    pages = json.loads(result.stdout)["pages"]
    assert any(p["url"] == "https://blog.example.org/" and p["path"].endswith(
        f"{root.name}/index.html") for p in pages), pages


def test_only_the_head_says_the_base_url(tmp_path: Path) -> None:
    late = ('<link rel="canonical" href="https://head.example/">'
            '<meta property="og:url" content="https://og.example/">')
    assert infer_base_url([str(site(tmp_path / "a", late))]) == "https://head.example/"
    # HTML's "after head" mode: a tag between </head> and <body> still belongs to the head
    between = HOME.replace("</head><body>", '</head><link rel="Author Canonical" '
                           'href="https://between.example/blog/x.html"><body>')
    root = site(tmp_path / "b")
    (root / "index.html").write_text(between.format(head=""), encoding="utf-8")
    assert infer_base_url([str(root)]) == "https://between.example/blog/"
    # a canonical in the body is not the page's (search engines read it only in the head)
    body = HOME.replace("<h1>Blog</h1>", '<link rel="canonical" href="https://body.example/">')
    (root / "index.html").write_text(body.format(head=""), encoding="utf-8")
    assert infer_base_url([str(root)]) is None


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02 binary"], ids=["empty", "binary"])
def test_a_home_page_that_is_not_html_is_a_finding_not_a_crash(
        tmp_path: Path, content: bytes) -> None:
    """It once stopped the run (exit 2, "internal error: NotHtmlError") before any page was
    linted: now it gives no base URL, and the analysis says what is wrong with it."""
    root = site(tmp_path)
    (root / "index.html").write_bytes(content)
    assert infer_base_url([str(root)]) is None
    result = CliRunner().invoke(app, ["check", str(root), "-f", "json", "--jobs", "1"],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    home = [f["code"] for f in json.loads(result.stdout)["findings"]
            if (f["path"] or "").endswith(f"{root.name}/index.html")]
    assert home == ["X007"], home
