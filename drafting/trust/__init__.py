"""Parties and trust on a shared remote: keys (``keys/allowed_signers``), signing, roles, the rules a
commit must keep, the server-side gate and ``sync``.

It reads the model and uses ``store`` for git; nothing in ``render``, ``ingest``, ``store`` or ``ops``
imports it.
"""
