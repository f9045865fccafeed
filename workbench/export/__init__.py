"""Provides dataset export: the event record, and writers for each format."""

from .records import RECORD_FIELDS, STATUS_FILTERS, iter_records

__all__ = ["RECORD_FIELDS", "STATUS_FILTERS", "iter_records"]
