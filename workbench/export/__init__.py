"""Provides dataset export: the event record, writers for each format, and import-events."""

from ..store.record import RECORD_FIELDS
from .records import STATUS_FILTERS, iter_records
from .run import FORMATS, export_to_file

__all__ = ["FORMATS", "RECORD_FIELDS", "STATUS_FILTERS", "export_to_file", "iter_records"]
