"""The near-duplicate fingerprints: equal to datasketch's MinHash, and a fair Jaccard estimate."""

from __future__ import annotations

import random

import numpy as np
import pytest
from datasketch import MinHash

from seolint.similarity import (
    NUM_PERM,
    SCHEME,
    minhash,
    permutations,
    shingle_hashes,
    signature,
    similarity,
)

WORDS = ("run stride shoe trail road race mile tempo easy long rest week plan start body legs "
         "heart lungs morning evening rain hill track coach habit goal slow fast calm").split()


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


@pytest.mark.parametrize("seed", range(5))
def test_signature_is_datasketch_minhash_of_the_same_hashes(seed: int) -> None:
    hashes = shingle_hashes(_text(random.Random(seed), 300))
    ours = np.frombuffer(minhash(hashes) or b"", dtype=np.uint32)
    theirs = MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashfunc=int)
    theirs.update_batch(hashes.tolist())
    assert ours.tolist() == theirs.hashvalues.tolist()


def test_permutations_are_datasketchs() -> None:
    a, b = permutations()
    reference = MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations
    assert a.tolist() == reference[0].tolist()
    assert b.tolist() == reference[1].tolist()


def _jaccard(x: str, y: str) -> float:
    a, b = set(shingle_hashes(x).tolist()), set(shingle_hashes(y).tolist())
    return len(a & b) / len(a | b)


def test_estimate_tracks_true_jaccard() -> None:
    rng = random.Random(1)
    base = _text(rng, 400).split()
    for changed in (0, 10, 40, 120, 400):
        other = list(base)
        for i in rng.sample(range(len(other)), changed):
            other[i] = "zz" + other[i]
        x, y = " ".join(base), " ".join(other)
        estimate = similarity(signature([x]) or b"", signature([y]) or b"")
        assert abs(estimate - _jaccard(x, y)) <= 0.15, changed


def test_case_and_punctuation_do_not_matter_but_order_does() -> None:
    text = "Backward running puts less stress on the knees, and it burns more calories."
    same = signature([text.upper().replace(",", " ;")])
    assert signature([text]) == same
    shuffled = " ".join(reversed(text.split()))
    assert similarity(signature([text]) or b"", signature([shuffled]) or b"") < 0.5


def test_short_and_empty_texts() -> None:
    assert signature([""]) is None
    assert signature(["¡!"]) is None
    short = signature(["two words"])
    assert short is not None and len(short) == 4 * NUM_PERM
    assert signature(["two words"]) == short
    assert signature(["two other"]) != short
