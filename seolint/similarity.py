"""Content fingerprints for duplicate detection, computed once per page in the worker.

- Exact: SHA-1 of the page's bytes (byte-identical copies: paginated duplicates, twin tag pages).
- Near: a MinHash signature (128 permutations) over the main content's word 4-shingles; pages
  whose signatures agree on ≥ 90 % of positions have a Jaccard similarity of about 0.9 or more.
  128 permutations put the estimate within about ±0.04 of the truth, and the signature travels
  as 512 bytes, so site rules never need the page's text.

The signature is exactly datasketch's `MinHash(num_perm=128, scheme="affine32")` fed with
32-bit shingle hashes (tests/test_similarity.py holds the two equal), and D004 compares
signatures with datasketch's LSH. It is computed here with numpy alone because this runs in
every analysis worker: importing datasketch there pulls in SciPy (55 MB of resident memory per
worker, for three lines of arithmetic), and datasketch's `update_batch` calls a Python hash
function per shingle and draws its permutations anew for every MinHash (half of its cost).

Shingle hashes: each distinct word gets a 64-bit BLAKE2b hash once per process (a blog repeats
its words), and a shingle's hash is a polynomial of its four word hashes (Rabin-Karp style),
computed for the whole page in one numpy expression. datasketch's MurmurHash3 finaliser then
mixes those values before the affine permutations, as it does for any input.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

NUM_PERM = 128
SHINGLE = 4
SCHEME = "affine32"  # datasketch >= 2: 32-bit values, stated so stored signatures stay comparable
SEED = 1  # datasketch's default seed: the same permutations as MinHash(scheme="affine32")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Odd 64-bit multipliers of the shingle polynomial (digits of pi and e; any odd constants do).
_POLY = (0x243F6A8885A308D3, 0x13198A2E03707345, 0xA4093822299F31D1, 0xB7E151628AED2A6B)
_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)  # MurmurHash3's fmix32, as datasketch applies it
_word_ids: dict[str, int] = {}
WORD_CACHE_LIMIT = 1_000_000  # distinct words; a huge crawl must not grow without bound


def body_hash(body: bytes) -> str:
    return hashlib.sha1(body, usedforsecurity=False).hexdigest()


def _word_id(word: str) -> int:
    value = _word_ids.get(word)
    if value is None:
        value = int.from_bytes(hashlib.blake2b(word.encode("utf-8", "surrogatepass"),
                                               digest_size=8).digest(), "little")
        if len(_word_ids) < WORD_CACHE_LIMIT:
            _word_ids[word] = value
    return value


def shingle_hashes(text: str, size: int = SHINGLE) -> Any:
    """The distinct 32-bit hashes of the text's word `size`-shingles (case-folded words), as a
    numpy uint32 array; one shingle of every word when the text is shorter; empty for none."""
    import numpy as np

    words = _WORD.findall(text.casefold())
    if not words:
        return np.zeros(0, dtype=np.uint32)
    get = _word_ids.get
    ids = np.array([get(w) or _word_id(w) for w in words], dtype=np.uint64)
    n = len(words)
    if n < size:  # too short for one shingle: the whole text is the shingle
        ids = np.concatenate([ids, np.zeros(size - n, dtype=np.uint64)])
        n = size
    span = n - size + 1
    h = np.zeros(span, dtype=np.uint64)
    for i in range(size):  # uint64 arithmetic wraps: the polynomial is taken modulo 2^64
        h += ids[i:i + span] * np.uint64(_POLY[i % len(_POLY)])
    return np.unique((h >> np.uint64(32)).astype(np.uint32))


@cache
def permutations() -> tuple[Any, Any]:
    """datasketch's affine32 permutation parameters for SEED and NUM_PERM, drawn once."""
    import numpy as np

    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def minhash(hashes: Any) -> bytes | None:
    """The MinHash signature of some 32-bit hashes (datasketch's affine32 scheme)."""
    import numpy as np

    if len(hashes) == 0:
        return None
    s1, m1, s2, m2, s3 = (np.uint32(c) for c in _FMIX32)
    hv = hashes.astype(np.uint32)
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    hv = hv ^ (hv >> s3)
    a, b = _columns()
    phv = np.multiply(a, hv)  # uint32 wraps: affine maps modulo 2^32
    phv += b  # in place: a second 128 x shingles temporary costs more than the arithmetic
    return bytes(phv.min(axis=1).astype(np.uint32).tobytes())


@cache
def _columns() -> tuple[Any, Any]:
    a, b = permutations()
    return a.reshape(-1, 1), b.reshape(-1, 1)


def signature(texts: Iterable[str]) -> bytes | None:
    """The MinHash signature of the texts' shingles, or None when there is nothing to compare."""
    return minhash(shingle_hashes(" ".join(texts)))


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of agreeing positions."""
    import numpy as np

    x = np.frombuffer(a, dtype="uint32")
    y = np.frombuffer(b, dtype="uint32")
    return float(np.count_nonzero(x == y)) / len(x)
