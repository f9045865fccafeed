"""Provides a small multinomial logistic regression in numpy, trained by full-batch descent.

scikit-learn would do this (and more) but with scipy it adds ~200 MB to the install, most of
the learned layer's budget; on a few thousand 384-wide vectors this is a few dozen lines and
well under a second.
"""

from __future__ import annotations

import numpy as np


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class Softmax:
    """Weights (dim x classes) and bias; `fit` then `proba`."""

    def __init__(self, classes: list[str], dim: int) -> None:
        self.classes = list(classes)
        self.W = np.zeros((dim, len(classes)), dtype=np.float32)
        self.b = np.zeros(len(classes), dtype=np.float32)

    def fit(
        self,
        X: np.ndarray,
        y: np.ndarray,
        weight: np.ndarray | None = None,
        *,
        l2: float = 1e-3,
        steps: int = 300,
        lr: float = 0.05,
    ) -> Softmax:
        """y holds class indices; weight per row (defaults to 1). Adam on the mean loss."""
        n, k = len(X), len(self.classes)
        Y = np.zeros((n, k), dtype=np.float32)
        Y[np.arange(n), y] = 1.0
        w = np.ones(n, dtype=np.float32) if weight is None else weight.astype(np.float32)
        w = w / w.sum()
        params = [self.W, self.b]
        m = [np.zeros_like(p) for p in params]
        v = [np.zeros_like(p) for p in params]
        for t in range(1, steps + 1):
            err = (_softmax(X @ self.W + self.b) - Y) * w[:, None]
            grads = [X.T @ err + l2 * self.W, err.sum(axis=0)]
            for p, g, mi, vi in zip(params, grads, m, v, strict=True):
                mi *= 0.9
                mi += 0.1 * g
                vi *= 0.999
                vi += 0.001 * g * g
                step = lr * (mi / (1 - 0.9**t)) / (np.sqrt(vi / (1 - 0.999**t)) + 1e-8)
                p -= step.astype(np.float32)
        return self

    def proba(self, X: np.ndarray) -> np.ndarray:
        return _softmax(X @ self.W + self.b)
