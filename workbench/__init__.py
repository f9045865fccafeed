"""Workbench: a terminal analyst workbench for conflict-event data."""

__version__ = "0.1.0"
