"""Claim linking, one step per module; the spaCy component (:mod:`pipeline.components.linker`) runs them.

- :mod:`~pipeline.linking.link`: per sentence the frame finders in a fixed order, then source, date,
  modality; the threshold
- frame finders: :mod:`~pipeline.linking.value`, :mod:`~pipeline.linking.comparison`,
  :mod:`~pipeline.linking.ranking`, :mod:`~pipeline.linking.event`
- roles: :mod:`~pipeline.linking.assign` (a figure's subject and object), :mod:`~pipeline.linking.attribution`
  (the source); :mod:`~pipeline.linking.modality` (modality and hedges); :mod:`~pipeline.linking.dates`
  (date attachment)
- :mod:`~pipeline.linking.discourse`: what carries over from sentence to sentence, in one place
- :mod:`~pipeline.linking.masked`, :mod:`~pipeline.linking.parse`, :mod:`~pipeline.linking.parsematch`:
  the masked sentence, parse helpers, the dependency patterns
- :mod:`~pipeline.linking.data`, :mod:`~pipeline.linking.lexicon`: the language data (its loaders also here)
  and what is built from it
"""

from pipeline.linking.data import DATA_FILES, load_dependency, load_linking

__all__ = ["DATA_FILES", "load_dependency", "load_linking"]  # the data files, as tests/test_datafiles.py loads them
