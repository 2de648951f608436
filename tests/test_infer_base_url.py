"""A built site's own URL is read from the site when no base-url is given (CNAME, else the home
page's canonical or og:url), so the absolute links themes write to the site's own pages are
internal: the karpoke-pelican-es pattern, where archive pages link every post as
https://karpoke.ignaciocano.com/2018/08/30/post/ and D006 called those posts orphans."""

from __future__ import annotations

import json
from pathlib import Path

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
