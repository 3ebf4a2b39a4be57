"""What the Akoma Ntoso writer (``akn``) and reader (``akn_import``) agree on: the namespace, the
elements a negotiation text maps to, language codes and the class tokens that carry what AKN has no
element for.

One file per document and language.  The document is a ``<bill>`` (a text under negotiation) named
after the document's id; its FRBR expression is the version of the text in that language, the master
expression the original language's.  Sections and clauses:

=========================  ==================================================================
preamble sections          the leading unnumbered sections without headings or sub-clauses:
                           ``<preamble><recitals eId="sec_<id>">`` of ``<recital eId="<clause>">``
other sections             ``<body><section eId="sec_<id>" class="<numbering>">``
a clause                   ``<paragraph eId="<clause id>">``; its sub-clauses ``<point>``; a text
                           with sub-clauses in ``<intro>``, without in ``<content>``
a heading clause           ``<crossHeading eId="<clause id>">``
a number                   ``<num>`` as drafts print it in that language (``12 bis``, ``(a)``)
=========================  ==================================================================

``<meta><proprietary>`` holds, in the namespace ``OWN_NS``, the negotiation's languages in order and each
clause's agreed language, actors, deadline and indicator, so that a round trip loses none of them.

Class tokens on a clause (headings included): its status (``agreed-ad-ref``, ... ; none for pending) and
``pending-translation`` when its text in the file's language awaits translation; a text missing in that
language is given in the original language, its ``<p>`` marked with ``xml:lang``.  Delegations are
``<TLCOrganization eId="<CODE>">`` references; each open proposal is an ``<amendment>`` attachment whose
``<docProponent refersTo="#<CODE>">`` name its proponents."""

from __future__ import annotations

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# what AKN has no place for -- the negotiation's languages in order, a clause's agreed language and
# follow-up fields -- in <proprietary>, in a namespace of our own
OWN_NS = "urn:drafting:akn:1"
XML_NS = "http://www.w3.org/XML/1998/namespace"
DOCUMENT_TYPE = "bill"
COUNTRY = "un"  # FRBRcountry: an intergovernmental text

SECTION_PREFIX = "sec_"  # clause ids never hold "_", so a section's eId never meets a clause's
PENDING = "pending-translation"

# ISO 639-1 (the workspace's codes) -> ISO 639-2/T (what AKN's FRBRlanguage holds)
LANG3 = {"es": "spa", "en": "eng", "pt": "por", "fr": "fra", "ar": "ara", "ru": "rus", "zh": "zho",
         "de": "deu", "it": "ita", "nl": "nld", "ht": "hat"}
LANG2 = {v: k for k, v in LANG3.items()}


def q(tag: str) -> str:
    """An element name in the AKN namespace, as lxml writes it."""
    return f"{{{NS}}}{tag}"


def d(tag: str) -> str:
    """An element name in our own namespace (inside ``<proprietary>``)."""
    return f"{{{OWN_NS}}}{tag}"


def lang3(code: str) -> str:
    return LANG3.get(code, code)


def lang2(code: str) -> str:
    return LANG2.get(code, code)


def slug(text: str) -> str:
    """A symbol as a URI component: ``C40/DPA/L.1`` -> ``c40-dpa-l-1``."""
    out = "".join(ch.lower() if ch.isascii() and ch.isalnum() else "-" for ch in text)
    return "-".join(p for p in out.split("-") if p) or "text"
