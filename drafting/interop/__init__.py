"""Exchange with the world around a negotiation: earlier instruments (``precedents``: agreed language
searched and recognised in proposals), the follow-up checklist as CSV (``followup``), and Akoma Ntoso
3.0 XML written (``akn``) and read back (``akn_import``), with what both agree on in ``aknml``.

A wing: it reads the model, the store and the render layer; only ``api`` imports it."""
