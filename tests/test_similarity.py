"""The near-duplicate fingerprints: equal to datasketch's MinHash, and a fair Jaccard estimate."""

from __future__ import annotations

import random

import numpy as np
import pytest
from datasketch import MinHash

from seolint import similarity as similarity_module
from seolint.similarity import (
    NUM_PERM,
    SCHEME,
    lsh_params,
    minhash,
    permutations,
    shingle_hashes,
    signature,
    similar_pairs,
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


@pytest.mark.parametrize("threshold", [round(0.5 + i / 100, 2) for i in range(51)])
def test_lsh_params_are_datasketchs(threshold: float) -> None:
    from datasketch.lsh import _optimal_param

    assert lsh_params(threshold) == _optimal_param(threshold, NUM_PERM, 0.5, 0.5)


def _datasketch_pairs(signatures: list[bytes], threshold: float) -> set[tuple[int, int, float]]:
    """What D004 did with datasketch's MinHashLSH: query every page, keep the similar ones."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    sketches = [MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(s, dtype="uint32"),
                        permutations=permutations(), scheme=SCHEME) for s in signatures]
    for i, sketch in enumerate(sketches):
        lsh.insert(str(i), sketch)
    out = set()
    for i, sketch in enumerate(sketches):
        for key in lsh.query(sketch):
            j = int(key)
            sim = similarity(signatures[i], signatures[j])
            if j != i and sim >= threshold:
                out.add((min(i, j), max(i, j), sim))
    return out


def _signatures(rng: random.Random) -> list[bytes]:
    """Clusters of signatures, each a random base with a few positions changed: some pairs
    share a whole band, some are similar without sharing one (LSH misses those, on purpose)."""
    out = []
    for _ in range(rng.randint(1, 12)):
        base = [rng.getrandbits(32) for _ in range(NUM_PERM)]
        for _ in range(rng.randint(1, 15)):
            sig = list(base)
            for pos in rng.sample(range(NUM_PERM), rng.choice([0, 1, 3, 5, 8, 13, 20, 40])):
                sig[pos] = rng.getrandbits(32)
            out.append(np.array(sig, dtype=np.uint32).tobytes())
    rng.shuffle(out)
    return out


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("threshold", [0.5, 0.8, 0.9, 0.95, 0.98])
def test_similar_pairs_are_datasketch_lshs(seed: int, threshold: float,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # Small blocks, so that a bucket is compared in several of them.
    monkeypatch.setattr(similarity_module, "PAIR_CHUNK", 7)
    signatures = _signatures(random.Random(seed))
    ours = list(similar_pairs(signatures, threshold))
    assert len(ours) == len(set(ours))  # each pair once, though it may share several bands
    assert set(ours) == _datasketch_pairs(signatures, threshold)


def test_similar_pairs_at_threshold_one() -> None:
    """From 0.981 on, the best split is one band, which datasketch refuses ("b < 2"); here it
    simply means identical signatures."""
    assert lsh_params(1.0) == (1, NUM_PERM)
    rng = random.Random(3)
    base = [rng.getrandbits(32) for _ in range(NUM_PERM)]
    near = [*base[:-1], base[-1] ^ 1]  # 127 of 128 positions agree: not enough at 1.0
    signatures = [np.array(s, dtype=np.uint32).tobytes() for s in (base, near, base, near)]
    assert set(similar_pairs(signatures, 1.0)) == {(0, 2, 1.0), (1, 3, 1.0)}
