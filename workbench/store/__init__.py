"""Provides the SQLite store: schema, the logged write path, undo/redo, entity lookup."""

from .changes import Tx, change
from .db import ConflictError, Store, StoreError, default_analyst, default_db_path, now
from .history import log, redo, undo

__all__ = [
    "ConflictError",
    "Store",
    "StoreError",
    "Tx",
    "change",
    "default_analyst",
    "default_db_path",
    "log",
    "now",
    "redo",
    "undo",
]
