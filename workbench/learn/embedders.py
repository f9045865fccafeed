"""Provides the embedder interface, the real model's loader and a tiny deterministic fake.

An embedder turns texts into unit vectors (`embed(texts) -> float32 array`). Which one is
used is chosen once per process: the verified all-MiniLM-L6-v2 (`minilm`) by default,
`WORKBENCH_EMBEDDER=fake` for tests (hashed words, no model, same every run) or `none`.
When the model is missing or fails its hash check, `get_embedder()` returns None with the
reason, and the layer falls back to hashed word features trained on the analyst's decisions
(no suggestions before the first decisions).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from typing import Protocol

import numpy as np

_WORD = re.compile(r"[a-z0-9]+")


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def hashed(text: str, dim: int, *, bigrams: bool = True) -> np.ndarray:
    """Bag of (stemmed-by-truncation) words and word pairs hashed into `dim` buckets."""
    toks = [w[:6] for w in words(text)]
    feats = toks + ([f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)] if bigrams else [])
    vec = np.zeros(dim, dtype=np.float32)
    for f in feats:
        h = int.from_bytes(hashlib.blake2b(f.encode(), digest_size=8).digest(), "little")
        vec[h % dim] += 1.0 if (h >> 63) & 1 else -1.0
    norm = np.linalg.norm(vec)
    return vec / norm if norm else vec


class FakeEmbedder:
    """Deterministic stand-in for tests: texts sharing words get similar vectors."""

    name = "fake"
    dim = 64

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = hashed(text, self.dim, bigrams=False)
        return out


_lock = threading.Lock()
_cache: dict[str, tuple[Embedder | None, str]] = {}


def get_embedder(kind: str | None = None) -> tuple[Embedder | None, str]:
    """(embedder or None, why not). Loaded once per process and kind; thread-safe."""
    kind = kind or os.environ.get("WORKBENCH_EMBEDDER", "minilm")
    with _lock:
        if kind not in _cache:
            _cache[kind] = _load(kind)
        return _cache[kind]


def _load(kind: str) -> tuple[Embedder | None, str]:
    if kind == "fake":
        return FakeEmbedder(), ""
    if kind == "none":
        return None, "the embedding is switched off (WORKBENCH_EMBEDDER=none)"
    if kind != "minilm":
        return None, f"unknown WORKBENCH_EMBEDDER {kind!r} (minilm, fake or none)"
    from .minilm import MiniLM, ModelUnavailable

    try:
        return MiniLM(), ""
    except ModelUnavailable as exc:
        return None, str(exc)
    except ImportError as exc:  # safetensors/tokenizers missing: the [learn] extra
        return None, f"the embedding needs the [learn] extra ({exc.name} is not installed)"
