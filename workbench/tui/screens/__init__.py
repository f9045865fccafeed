"""Provides the workbench's screens, one per module."""
