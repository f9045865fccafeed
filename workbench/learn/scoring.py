"""Provides how suggestions are scored: gold events as texts, weighted F1, cross-validation.

Shared by `workbench model status` / `model eval` and bench/learn. A gold event's text is
the sentence(s) of its article holding the first piece of its quote (quotes elide with
"..."); a gold event that allows several sub-event types is right for any of them, and no
suggestion is a miss.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from ..base.sentences import sentence_spans


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def context(article: str, quote: str) -> str | None:
    """The sentence(s) of the article that hold the quote's first piece, or None."""
    piece = _norm(re.split(r"\s*(?:\.\.\.|…)\s*", quote)[0])
    flat: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(article):  # whitespace-collapsed, lower-cased, with a map back
        if ch.isspace():
            if flat and flat[-1] == " ":
                continue
            ch = " "
        flat.append(ch.lower())
        index.append(i)
    at = "".join(flat).find(piece)
    if not piece or at < 0:
        return None
    start, end = index[at], index[min(at + len(piece), len(index) - 1)]
    spans = [s for s in sentence_spans(article) if s[1] > start and s[0] <= end]
    return " ".join(article[a:b] for a, b in spans) if spans else None


def gold_events(
    gold: Path, article_text: dict[str, str]
) -> tuple[list[tuple[str, list[str], str]], int]:
    """((article, acceptable types, text) per gold event in article order, events left out).

    `article_text` maps an article's file name to its text."""
    rows = [
        json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    out, missing = [], 0
    for row in sorted(rows, key=lambda r: str(r.get("article", ""))):
        subs: Any = row.get("sub_event_type") or []
        subs = [subs] if isinstance(subs, str) else list(subs)
        name = Path(str(row.get("article", ""))).name
        article = article_text.get(name)
        text = context(article, str(row.get("quote") or "")) if article else None
        if text and subs and subs[0]:
            out.append((name, subs, text))
        else:
            missing += 1
    return out, missing


def weighted_f1(gold: list[list[str]], pred: list[str | None]) -> float:
    """Support-weighted F1 over sub-event types (a prediction in the gold list is right)."""
    truth = [p if p in g else g[0] for g, p in zip(gold, pred, strict=True)]
    support = Counter(truth)
    total = 0.0
    for label, n in support.items():
        tp = sum(1 for t, p in zip(truth, pred, strict=True) if t == label and p == label)
        fp = sum(1 for t, p in zip(truth, pred, strict=True) if t != label and p == label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / n
        total += n * (2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return total / len(truth) if truth else 0.0


def auc(scores: list[float], labels: list[int]) -> float | None:
    """Area under the ROC curve (rank form); None without both classes."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return None
    p, n = np.asarray(pos)[:, None], np.asarray(neg)[None, :]
    return float(((p > n).sum() + 0.5 * (p == n).sum()) / (len(pos) * len(neg)))
