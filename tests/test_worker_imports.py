"""Analysis workers import the seolint that runs them, whatever the current folder holds.

The regression: seolint installed from a wheel into a venv, run from a folder that holds a
`seolint/` package (the project's own checkout, whose seolint/ has no `rules` inside: rules/
ships as seolint.rules only in the wheel). The fork server is `python -c ...`, so its sys.path
started with the current folder; it imported the checkout's copy, and `seolint check` on a large
site exited 2 with "No module named 'seolint.rules'" (the crawl fell back to one process after a
traceback). Here for real: a wheel, a venv, the checkout as the current folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_crawl_server import SiteServer, ring_site

PAGES = 60  # over the analysis' POOL_THRESHOLD (40): the worker pool runs


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with seolint installed from a wheel of this tree; its dependencies come from the
    test interpreter's site-packages (a path in a .pth file, so that folder's own .pth files,
    among them the editable install's finder, are not run)."""
    tmp = tmp_path_factory.mktemp("wheel-venv")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp / "dist"), str(ROOT)], check=True, capture_output=True)
    (wheel,) = (tmp / "dist").glob("seolint-*.whl")
    venv = tmp / "venv"
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True,
                          text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot make a venv here: {made.stderr.strip()[-200:]}")
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    str(wheel)], check=True, capture_output=True)
    return venv / "bin" / "seolint"


def _run(seolint: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSAFEPATH")}
    # The checkout holds seolint/ (without rules): the folder the bug needs
    assert (ROOT / "seolint" / "__init__.py").is_file() and not (ROOT / "seolint" / "rules").exists()
    return subprocess.run([str(seolint), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def _site(root: Path) -> None:
    for i in range(PAGES):
        (root / f"post-{i}.html").write_text(
            f"<!doctype html><html lang=en><head><title>Post {i} of a generated blog</title>"
            f"</head><body><main><h1>Post {i}</h1><p>Words of post {i}.</p></main></body>"
            "</html>", encoding="utf-8")


def test_check_from_a_checkout_uses_the_installed_seolint(installed: Path,
                                                          tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _site(site)
    out = _run(installed, "check", str(site), "--jobs", "2", "--format", "json")
    assert out.returncode in (0, 1), out.stderr
    assert "No module named" not in out.stderr and "Traceback" not in out.stderr, out.stderr
    assert len(json.loads(out.stdout)["pages"]) == PAGES


def test_crawl_from_a_checkout_uses_the_installed_seolint(installed: Path,
                                                          tmp_path: Path) -> None:
    with SiteServer(tmp_path) as server:
        ring_site(tmp_path, PAGES, server)
        out = _run(installed, "crawl", server.url("/"), "--jobs", "2", "--format", "json",
                   "--no-progress")
    assert out.returncode in (0, 1), out.stderr
    assert "No module named" not in out.stderr and "Traceback" not in out.stderr, out.stderr
    assert len(json.loads(out.stdout)["pages"]) == PAGES + 1
