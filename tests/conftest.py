from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The fuzz suite's profiles (tests/test_fuzz.py, docs/fuzzing.md): `ci`, the default, is what
# every test run pays (about 30 s); `long` is run by hand, `pytest -m fuzz
# --hypothesis-profile=long`. No deadline: a busy CI machine is not a slow input.
settings.register_profile("ci", max_examples=25, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=800, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """../shared beside the clone; tests that need it skip cleanly where it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is not beside this clone")
    return SHARED


def invoke(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """`seolint ARGS` in-process, run in `cwd`: (exit code, stdout, stderr)."""
    import os

    from typer.testing import CliRunner

    from seolint.cli import app

    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, args, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr
