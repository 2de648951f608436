from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """../shared beside the clone; tests that need it skip cleanly where it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is not beside this clone")
    return SHARED
