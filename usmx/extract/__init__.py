"""The offline extraction assistant: candidate records from a new source text.

`extract(text, published=..., language=..., dataset=...)` returns `Candidates` (see
`usmx.extract.candidates`): actor mentions, proposed aliases and actors, dates in EDTF,
quotations with speakers, places with points, and event candidates (or corroboration of
existing events), each with exact offsets, a TextQuoteSelector, a confidence and a stable id.
Pure Python: rules, dictionaries (pyahocorasick, OpenCC) and a committed gazetteer.
"""

from usmx.extract.candidates import Candidates, read_candidates, write_candidates
from usmx.extract.pipeline import extract

__all__ = ["Candidates", "extract", "read_candidates", "write_candidates"]
