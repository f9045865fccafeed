"""Provides the workbench's widgets: each one shows what its screen hands it."""
