"""Provides the base layer: text primitives and reference data that every other layer shares.

- `names`: `name_key`, the exact key stored for names; `keys`: the fuzzy clustering keys.
- `sentences`: the one sentence splitter (the extractor's rules; the review cursor's too).
- `calendar`, `numbers`: month and weekday names, number words.
- `countries`: the country table (other names, demonyms, ISO codes, ACLED regions).
- `codebook`: event and sub-event types (ACLED's taxonomy by default).
- `actors`: ACLED's actor types and their inter codes.

Modules here import nothing else of ours (an import-linter `layers` contract checks it), so
the store, ingest, resolution, extraction, export, the TUI and the CLI can all use them.
Data is read from `workbench/data/`, once per process.
"""
