"""crawl: a URL that answers an error is X001 (and D007 where it is linked), nothing more.

The error bodies are the real ones: Python's http.server `send_error` page ("Error response",
the body the issue saw), and a theme's styled 404 page with a title, an h1 and links. Before,
the body was linted as a page (M001 missing description, T005 short title, an inferred
keyphrase) and its links followed.
"""

from __future__ import annotations

from pathlib import Path

from .test_crawl import crawl, path_of
from .test_crawl_server import Handler, SiteServer, page

HOME = """<!doctype html><html lang="en"><head><title>Trail Notes: running slowly, far</title>
<meta name="description" content="Notes on trail running, training plans and the odd race.">
</head><body><main><h1>Trail Notes</h1>
<p>Posts: <a href="/posts/knees/">bad knees</a>, <a href="/posts/old/">an old one</a> and
<a href="/posts/gone/">a removed one</a>.</p></main></body></html>"""
THEME_404 = """<!doctype html><html lang="en"><head><title>Page not found</title></head>
<body><main><h1>Oops</h1><p>Nothing here. Try the <a href="/archive/">archive</a>.</p>
</main></body></html>"""


def _not_found(h: Handler) -> None:
    h.send_error(404, "File not found")  # http.server's own "Error response" page


def test_error_pages_are_x001_only(tmp_path: Path) -> None:
    with SiteServer() as site:
        site.route("/", page(HOME))
        site.route("/posts/knees/", page(HOME.replace("Trail Notes:", "Knees:")))
        site.route("/posts/old/", _not_found)
        site.route("/posts/gone/", page(THEME_404, 410))
        _, data, _ = crawl(site.url("/"), "--select", "ALL", cwd=tmp_path)
        requested = site.paths()
    on = {p: sorted({f["code"] for f in data["findings"] if path_of(f["url"]) == p})
          for p in ("/posts/old/", "/posts/gone/")}
    assert on == {"/posts/old/": ["X001"], "/posts/gone/": ["X001"]}
    assert "/archive/" not in requested  # an error page's links are not followed
    linking = {f["code"] for f in data["findings"] if path_of(f["url"]) == "/"}
    assert "D007" in linking  # the broken links are reported where they are
