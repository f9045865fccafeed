"""Provides `DEFAULT_SECONDS`: how long extracting one article may take by default.

Declared here, outside the extractor, so that the command line can show it as the default of
`--time-limit` without importing the extractor (`workbench ingest --no-extract` never
extracts); the extractor's watchdog (`workbench.extract.deadline`) keeps it.
"""

from __future__ import annotations

DEFAULT_SECONDS = 60.0  # a 10 MB article takes ~10-20 s on one loaded core
