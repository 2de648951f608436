"""Content fingerprints for duplicate detection, computed once per page in the worker.

- Exact: SHA-1 of the page's bytes (byte-identical copies: paginated duplicates, twin tag pages).
- Near: a MinHash signature (datasketch, 128 permutations) over the main content's word
  4-shingles; pages whose signatures agree on ≥ 90 % of positions have a Jaccard similarity of
  about 0.9 or more. 128 permutations put the estimate within about ±0.04 of the truth, and the
  signature travels as 512 bytes, so site rules never need the page's text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

NUM_PERM = 128
SHINGLE = 4
SCHEME = "affine32"  # datasketch >= 2: 32-bit values, stated so stored signatures stay comparable
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def body_hash(body: bytes) -> str:
    return hashlib.sha1(body, usedforsecurity=False).hexdigest()


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def signature(texts: Iterable[str]) -> bytes | None:
    """The MinHash signature of the texts' shingles, or None when there is nothing to compare."""
    grams = shingles(" ".join(texts))
    if not grams:
        return None
    from datasketch import MinHash  # imported lazily: only runs with D004 selected pay for it

    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    m.update_batch(list(grams))
    return m.hashvalues.astype("uint32").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of agreeing positions."""
    import numpy as np

    x = np.frombuffer(a, dtype="uint32")
    y = np.frombuffer(b, dtype="uint32")
    return float(np.count_nonzero(x == y)) / len(x)
