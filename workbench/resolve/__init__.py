"""Provides name resolution: normalisation keys, fuzzy duplicate clusters, merge and split."""
