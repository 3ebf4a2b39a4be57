"""Word files from delegations -> amendments: ``import_docx`` (see ``importer``), ``open_docx`` (see
``safety``) and ``read_word_file`` (see ``docx``)."""

from .importer import Created, Duplicate, ImportResult, import_docx

__all__ = ["Created", "Duplicate", "ImportResult", "import_docx"]
