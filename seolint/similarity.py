"""Content fingerprints for duplicate detection, computed once per page in the worker.

- Exact: SHA-1 of the page's bytes (byte-identical copies: paginated duplicates, twin tag pages).
- Near: a MinHash signature (128 permutations) over the main content's word 4-shingles; pages
  whose signatures agree on ≥ 90 % of positions have a Jaccard similarity of about 0.9 or more.
  128 permutations put the estimate within about ±0.04 of the truth, and the signature travels
  as 512 bytes, so site rules never need the page's text.

The signature is exactly datasketch's `MinHash(num_perm=128, scheme="affine32")` fed with
32-bit shingle hashes (tests/test_similarity.py holds the two equal), and D004 finds candidate
pairs with datasketch's `MinHashLSH` banding (same bands, same rows, so the same candidates).
Both are computed here with numpy alone: importing datasketch pulls in SciPy (half a second and
55 MB of resident memory, in every analysis worker and again in the main process) for a few
lines of arithmetic, and datasketch's `update_batch` calls a Python hash function per shingle
and draws its permutations anew for every MinHash (half of its cost).

Shingle hashes: each distinct word gets a 64-bit BLAKE2b hash once per process (a blog repeats
its words), and a shingle's hash is a polynomial of its four word hashes (Rabin-Karp style),
computed for the whole page in one numpy expression. datasketch's MurmurHash3 finaliser then
mixes those values before the affine permutations, as it does for any input.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Iterator, Sequence
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
    low: Any = None
    # The permuted hashes are NUM_PERM x shingles: 100 MB for the 200,000 shingles of one long
    # page. Taken in slices, the running minimum is the same and the memory is bounded.
    for start in range(0, len(hv), MINHASH_CHUNK):
        phv = np.multiply(a, hv[start:start + MINHASH_CHUNK])  # uint32 wraps: mod 2^32
        phv += b  # in place: a second 128 x shingles temporary costs more than the arithmetic
        part = phv.min(axis=1)
        low = part if low is None else np.minimum(low, part)
    return bytes(low.astype(np.uint32).tobytes())


MINHASH_CHUNK = 16_384  # shingles a step: 8 MB of permuted hashes


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


# datasketch's MinHashLSH weighs false positives and false negatives alike by default.
_LSH_WEIGHTS = (0.5, 0.5)
PAIR_CHUNK = 65_536  # candidate pairs compared per numpy step: 8 MB of booleans


@cache
def _gauss_legendre(n: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Nodes and weights of n-point Gauss-Legendre quadrature on [-1, 1] (Newton's method on
    the Legendre polynomial, as Numerical Recipes' gauleg; numpy's leggauss gives the same to
    1e-15, but importing numpy costs five times as much as this)."""
    nodes: list[float] = []
    weights: list[float] = []
    for i in range(1, n + 1):
        x = math.cos(math.pi * (i - 0.25) / (n + 0.5))  # a close first guess at the i-th root
        for _ in range(100):
            value, slope = _legendre(n, x)
            x -= value / slope
            if abs(value / slope) <= 1e-16:
                break
        value, slope = _legendre(n, x)
        nodes.append(x)
        weights.append(2 / ((1 - x * x) * slope * slope))
    return tuple(nodes), tuple(weights)


def _legendre(n: int, x: float) -> tuple[float, float]:
    """P_n(x) and its derivative, by the three-term recurrence."""
    p, previous = 1.0, 0.0
    for j in range(1, n + 1):
        p, previous = ((2 * j - 1) * x * p - (j - 1) * previous) / j, p
    return p, n * (x * p - previous) / (x * x - 1)


@cache
def lsh_params(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows per band) as datasketch's `MinHashLSH(threshold, num_perm)` chooses them:
    the split that minimises the weighted probabilities of a false positive (the integral of
    1 - (1 - s^r)^b over [0, threshold]) and of a false negative (of (1 - s^r)^b over
    [threshold, 1]), the first minimum in (b, r) order.

    datasketch integrates with SciPy's `quad`; the integrands are polynomials of degree at most
    num_perm, which Gauss-Legendre quadrature with num_perm / 2 + 1 nodes integrates exactly.
    The two agree to 1e-13, so they pick the same (b, r) except within about that distance of
    a threshold where two splits tie (tests/test_similarity.py compares them on a grid)."""
    nodes, weights = _gauss_legendre(num_perm // 2 + 1)
    below = [threshold / 2 * (x + 1) for x in nodes]  # the nodes mapped onto [0, threshold]
    above = [(1 - threshold) / 2 * (x + 1) + threshold for x in nodes]  # onto [threshold, 1]
    best = math.inf
    choice = (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            # (1 - s^r)^b: the chance that no band of a pair of similarity s agrees
            fp = sum(w * (1 - (1 - s ** r) ** b) for s, w in zip(below, weights, strict=True))
            fn = sum(w * (1 - s ** r) ** b for s, w in zip(above, weights, strict=True))
            error = (fp * threshold / 2 * _LSH_WEIGHTS[0]
                     + fn * (1 - threshold) / 2 * _LSH_WEIGHTS[1])
            if error < best:  # strictly: the first of equal minima, as datasketch
                best, choice = error, (b, r)
    return choice


def similar_pairs(signatures: Sequence[bytes], threshold: float
                  ) -> Iterator[tuple[int, int, float]]:
    """(i, j, estimated similarity), i < j, once for each pair of signatures that agree on every
    row of at least one LSH band (the candidates datasketch's MinHashLSH gives at this
    threshold) and on at least `threshold` of all their positions: LSH finds candidates, the
    signatures decide.

    A bucket's members are compared in numpy blocks, not pair by pair: pages made from one
    template can fill a bucket with thousands of pages, and every pair of them is a candidate.
    numpy is imported only then: most sites have no candidates at all."""
    if len(signatures) < 2:
        return
    width = len(signatures[0]) // 4  # a signature is little-endian uint32 values
    bands, rows = lsh_params(threshold, width)
    span = 4 * rows  # bytes per band
    numbers: list[list[int]] = []  # band -> each signature's bucket number in that band
    shared: list[list[list[int]]] = []  # band -> its buckets of two or more signatures
    for band in range(bands):
        members: dict[bytes, list[int]] = {}
        for i, sig in enumerate(signatures):
            members.setdefault(sig[span * band:span * (band + 1)], []).append(i)
        number = [0] * len(signatures)
        for k, idxs in enumerate(members.values()):
            for i in idxs:
                number[i] = k
        numbers.append(number)
        shared.append([idxs for idxs in members.values() if len(idxs) > 1])
    if not any(shared):
        return
    import numpy as np

    matrix = np.frombuffer(b"".join(signatures), dtype=np.uint32).reshape(len(signatures), -1)
    bucket = np.array(numbers, dtype=np.intp)
    for band, buckets in enumerate(shared):
        for idxs in buckets:
            cols = np.array(idxs, dtype=np.intp)
            step = max(1, PAIR_CHUNK // len(idxs))
            for first in range(0, len(idxs) - 1, step):
                block = cols[first:first + step]
                agree = np.count_nonzero(matrix[block][:, None, :] == matrix[cols][None, :, :],
                                         axis=2)
                sims = agree / width  # float division, as similarity() does it
                keep = (sims >= threshold) & (block[:, None] < cols[None, :])
                for earlier in range(band):  # a pair that met in an earlier band is done
                    keep &= bucket[earlier, block][:, None] != bucket[earlier, cols][None, :]
                for r, c in zip(*np.nonzero(keep), strict=True):
                    yield int(block[r]), int(cols[c]), float(sims[r, c])
