"""``python -m drafting.cli``: the command line, as the ``drafting`` program runs it."""

from . import entry

entry()
