"""seolint: a content SEO and readability linter for blogs."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
