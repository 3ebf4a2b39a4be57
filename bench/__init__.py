"""The benchmark of drafting at negotiation scale (``make bench``, ``python -m bench``).

* ``bench.generate``: a deterministic, seeded synthetic negotiation workspace of any size;
* ``bench.references``: what the same work costs elsewhere (a minimal lxml + zipfile writer, pandoc,
  python-redlines) and the Word file with injected tracked changes that ``import-docx`` reads;
* ``bench.__main__``: runs every command as a whole process, reports medians, peaks, ratios, growth
  exponents and the performance targets; writes ``bench/results.json``.
"""
