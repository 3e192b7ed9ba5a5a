"""Near-duplicate releases: the same text published by several sites.

A joint release of the county boards, or a municipality's release republished by the
local paper, is one text with other page furniture around it. Each document gets a
MinHash signature of its word 4-grams (in the worker that processes it, so it is
cached with the document's other results); at the end of a build, locality-sensitive
hashing over the signatures finds candidate pairs in time linear in the corpus, and a
pair is a copy when its estimated overlap (shared 4-grams over the smaller text's)
reaches :data:`MIN_OVERLAP`. The earliest published document of a group of copies is
the original; the others point to it.

The threshold: a republished release shares nearly all of the shorter text's 4-grams
(0.996 for the one copy in the dev corpus; 0.89 for a copy with other page furniture
and 0.98 for one cut short, in tests/test_duplicates.py), while different releases
share far less: 0.34 for two releases of one publisher with the same long contact
block and boilerplate (the test), 0.12 for the closest pair of different releases in
the dev corpus.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 4
N_HASHES = 32
BANDS = 16  # of 2 hashes each: a pair sharing 30% of its 4-grams is a candidate 78% of the time, 50%: 99%
MIN_OVERLAP = 0.6
MIN_SHINGLES = 20  # a text shorter than this (a stub) is never called a copy
_rng = np.random.RandomState(20161)
# Multiply-shift hashing: ((a * x + b) mod 2**64) >> 32 for odd a, a family of hash functions
_A = (_rng.randint(0, 1 << 62, size=N_HASHES, dtype=np.int64).astype(np.uint64) << np.uint64(1)) | np.uint64(1)
_B = _rng.randint(0, 1 << 62, size=N_HASHES, dtype=np.int64).astype(np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # combines the hashes of the words of a 4-gram
# Words: runs of bytes of the UTF-8 text that are not space or ASCII punctuation (matching
# bytes, not characters, halves the time a signature takes; Swedish letters are kept)
_WORD = re.compile(rb"[^\s!-/:-@\[-`{-~]+")


def signature(text: str) -> dict:
    """The MinHash signature of a text's word 4-grams, and how many distinct 4-grams it
    has (JSON-shaped: it is cached with the document's rows)."""
    words = _WORD.findall(text.lower().encode())
    if not words:
        return {"n": 0, "minhash": []}
    word_hashes = np.array(list(map(zlib.crc32, words)), dtype=np.uint64)
    k = min(SHINGLE_WORDS, len(word_hashes))
    shingles = word_hashes[:len(word_hashes) - k + 1].copy()
    with np.errstate(over="ignore"):  # the arithmetic is modulo 2**64 on purpose
        for offset in range(1, k):
            shingles = shingles * _MIX + word_hashes[offset:len(word_hashes) - k + 1 + offset]
        shingles = np.unique(shingles)
        minhash = ((shingles[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)).min(axis=0)
    return {"n": int(len(shingles)), "minhash": minhash.tolist()}


@dataclass(frozen=True)
class Signed:
    doc_id: str
    published: object  # a date or None
    n: int
    minhash: list[int]


def estimated_overlap(a: Signed, b: Signed, jaccard: float) -> float:
    """Shared 4-grams over the smaller text's, from the Jaccard estimate and the sizes."""
    shared = jaccard / (1.0 + jaccard) * (a.n + b.n)
    return shared / max(min(a.n, b.n), 1)


def find_duplicates(documents: Iterable[Signed]) -> dict[str, str]:
    """{doc_id of a copy: doc_id of its original} over all documents.

    Candidates share a band of their signature; in each band bucket every member is
    compared with the bucket's first member only, so a large bucket costs its size,
    not its square. Copies are joined transitively; the earliest published (then the
    smallest doc_id) of a group is its original."""
    docs = [d for d in documents if d.n >= MIN_SHINGLES and len(d.minhash) == N_HASHES]
    if len(docs) < 2:
        return {}
    matrix = np.array([d.minhash for d in docs], dtype=np.uint64)
    parent = list(range(len(docs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rows = N_HASHES // BANDS
    for band in range(BANDS):
        keys = matrix[:, band * rows:(band + 1) * rows]
        first: dict[bytes, int] = {}
        for i, key in enumerate(map(bytes, keys)):
            j = first.setdefault(key, i)
            if j == i or root(i) == root(j):
                continue
            jaccard = float(np.mean(matrix[i] == matrix[j]))
            if estimated_overlap(docs[i], docs[j], jaccard) >= MIN_OVERLAP:
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(docs)):
        groups.setdefault(root(i), []).append(i)
    copies = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        ordered = sorted(members, key=lambda i: (docs[i].published is None, docs[i].published or 0, docs[i].doc_id))
        original = docs[ordered[0]].doc_id
        copies.update({docs[i].doc_id: original for i in ordered[1:]})
    return copies
