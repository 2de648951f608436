"""The real blogs in ../shared/corpus/sites: linted without a crash, their known quirks found.

The counts below are floors taken from the corpus MANIFEST (which counted by grepping) and from
reading the pages: they guard against a rule going quiet, not pin exact numbers.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from seolint.config import Settings
from seolint.engine import Report, lint
from seolint.sources.files import discover

from .conftest import SHARED

SITES = SHARED / "corpus" / "sites"
HOSTS = {
    "bekahhw-jekyll": "https://bekahhw.com",
    "jakevdp-pelican": "https://jakevdp.github.io",
    "karpoke-pelican-es": "https://karpoke.ignaciocano.com",
    "yuan901202-hexo": "https://yuan901202.github.io",
}
_cache: dict[str, Report] = {}


def site(name: str) -> Report:
    folder = SITES / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    if name not in _cache:
        settings = Settings(base_url=HOSTS[name] + "/")
        found = discover([str(folder)], settings.base_url)
        _cache[name] = lint(list(found.items), [], settings, found.complete, found.known_urls)
    return _cache[name]


def count(report: Report, code: str, name: str | None = None) -> int:
    return sum(1 for f in report.findings if f.code == code and (name is None or f.name == name))


def pages_with(report: Report, code: str) -> set[str]:
    return {f.location for f in report.findings if f.code == code}


@pytest.mark.parametrize("name", sorted(HOSTS))
def test_lints_without_a_crash(name: str) -> None:
    report = site(name)
    assert count(report, "Z001") == 0, [f.message for f in report.findings if f.code == "Z001"]
    assert len(report.pages) == len(list((SITES / name).rglob("*.htm*")))


def test_bekahhw_jekyll_quirks() -> None:
    r = site("bekahhw-jekyll")
    titles = Counter(f.message.split('"')[1] for f in r.findings if f.code == "D001")
    assert titles["Home"] >= 20 and titles["Tag Page"] >= 40
    assert len(pages_with(r, "H003")) >= 190  # theme h1 plus content h1
    assert count(r, "M006", "invalid-canonical") >= 200  # canonicals at localhost:4000
    assert all("localhost" in f.message for f in r.findings if f.name == "invalid-canonical")
    assert count(r, "D007") >= 40  # broken internal links
    fragments = [f for f in r.findings if f.code == "T001" and "fragment" in f.message]
    assert len(fragments) == 8  # layout-less posts with no <html>, <head> or <title>


def test_jakevdp_pelican_quirks() -> None:
    r = site("jakevdp-pelican")
    assert count(r, "M001") == len(r.pages)  # an empty meta description on every page
    comments = [f for f in r.findings if f.code == "H003" and "Comments" in f.message + (f.fix or "")]
    assert len(comments) >= 60  # a second <h1>Comments</h1> on every post
    assert count(r, "I001") >= 300  # images without alt; alt="" is not counted
    titles = Counter(f.message.split('"')[1] for f in r.findings if f.code == "D001")
    assert titles["Archives | Pythonic Perambulations"] >= 40


def test_karpoke_pelican_es_quirks() -> None:
    r = site("karpoke-pelican-es")
    assert count(r, "H002") >= 760  # h2 -> h4 from the theme on every post
    assert count(r, "D002") >= 500  # site-wide descriptions reused on hundreds of pages
    assert count(r, "M002") >= 1500  # descriptions over 155 characters
    kinds = Counter(p.kind for p in r.pages)
    assert 700 <= kinds["post"] <= 800  # og:type=article on every page does not make posts


def test_yuan901202_hexo_quirks() -> None:
    r = site("yuan901202-hexo")
    untitled = {Path(p).name for p in pages_with(r, "T001")}
    assert untitled == {"README.html"}  # vendor READMEs under lib/ have no title
