"""Workbench: a terminal analyst workbench for conflict-event data."""

import os

# Small matrices (sentence embeddings, the learned layer's classifier) gain nothing from
# BLAS threads, and on a shared 2-core machine two threads made one product 12x slower
# than one. Set before numpy loads; an analyst's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
