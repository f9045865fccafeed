"""Provides the learned layer: type suggestions and event ranking from a sentence embedding.

Day one, a report is matched against the codebook's definitions (`definitions`); once the
analyst has decided, a small classifier trained on those decisions takes over (`model`), kept
per database (`workbench.store.models`). The rules stay in charge: a type a rule gave is
never changed here, the layer only suggests and ranks. Nothing in this package is imported
until a command needs it, so `workbench` starts as fast without it.
"""
