"""seolint: a content SEO and readability linter for blogs."""

from __future__ import annotations

from seolint import _lazy

__version__ = "0.1.0"

__all__ = ["__version__"]

# Before anything imports bs4: soupsieve (bs4's CSS selectors) costs 70 ms at import and only
# --content-selector uses it (seolint._lazy says why this is safe).
_lazy.defer("soupsieve")
