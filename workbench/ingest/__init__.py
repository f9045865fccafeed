"""Provides ingest: files and records in, cleaned articles stored once each."""

from .readers import Problem, Record
from .run import IngestReport, ingest_paths, read_manifest

__all__ = ["IngestReport", "Problem", "Record", "ingest_paths", "read_manifest"]
