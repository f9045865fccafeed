"""Provides the gazetteer (GeoNames-derived places, looked up by transliteration key) and
what uses it: place matching for the extractor, coordinates for the names screen, maps."""
