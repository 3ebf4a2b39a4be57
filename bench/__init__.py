"""The benchmark of drafting on a long negotiation (``make bench``, ``python -m bench``).

* ``bench.generate``: a deterministic, seeded negotiation workspace of any size with a real history (one
  commit per proposal and per decision, several revisions), written through ``git fast-import``;
* ``bench.references``: what the same work costs elsewhere (a minimal lxml + zipfile writer, pandoc,
  python-redlines) and the Word file with injected tracked changes that ``import-docx`` reads;
* ``bench.__main__``: runs every command as a whole process, warm, cold and without cache, in alternation
  with its reference; reports medians with their spread, peaks, ratios, growth exponents and the
  performance targets; writes ``bench/results.json``.
"""
