"""Defer a library's import to its first use.

bs4 imports soupsieve whenever bs4.element is imported, and soupsieve compiles its CSS grammar at
import: about 70 ms, the largest single cost of a one-page `seolint check` (issue 16's cold start).
seolint needs soupsieve only for `--content-selector`. A stand-in module registered before bs4 is
imported keeps bs4 unchanged (its `import soupsieve` finds the stand-in) and runs the real import
the first time anything reads one of the library's own attributes.

Why not the standard library's `importlib.util.LazyLoader`: its module loads on *any* attribute
read, and the `import soupsieve` statement itself reads `__spec__` (to see whether the module is
still initialising), so bs4's import would load it at once. The stand-in holds the module's
spec as a plain attribute and loads only on a missing one, under a lock, so two threads
touching it first together load it once.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from typing import Any

_LOCK = threading.RLock()


class _Deferred(types.ModuleType):
    """A module's stand-in: its metadata now, the rest of it on first use."""

    def __getattr__(self, attr: str) -> Any:  # only called for attributes the stand-in lacks
        return getattr(_load_into(self), attr)


def _load_into(stub: types.ModuleType) -> types.ModuleType:
    name = stub.__name__
    with _LOCK:
        if sys.modules.get(name) is stub:
            del sys.modules[name]
            try:
                real = importlib.import_module(name)
            except BaseException:
                sys.modules[name] = stub
                raise
            # Whoever imported the stand-in keeps a reference to it: give it the real contents
            # and a plain module's class, so it stops being a stand-in for them too.
            stub.__dict__.update(real.__dict__)
            stub.__class__ = types.ModuleType
        return sys.modules[name]


def defer(name: str) -> None:
    """Register a stand-in for `name`, unless it is imported already or not installed."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return  # not installed: the importer's own ImportError handling applies
    stub = _Deferred(name)
    for key, value in (("__spec__", spec), ("__loader__", spec.loader),
                       ("__file__", spec.origin), ("__package__", spec.parent)):
        setattr(stub, key, value)
    # No __path__: importing a submodule (`import soupsieve.css_parser`) reads it, which loads
    # the package itself first, as a normal import would.
    sys.modules[name] = stub


def load(name: str) -> types.ModuleType:
    """The module, really imported (the stand-in, if any, is replaced first)."""
    module = sys.modules.get(name)
    if isinstance(module, _Deferred):
        return _load_into(module)
    return importlib.import_module(name)


def is_loaded(name: str) -> bool:
    """Whether `name` has really been imported, not merely deferred (for tests and benchmarks)."""
    module = sys.modules.get(name)
    return module is not None and not isinstance(module, _Deferred)
