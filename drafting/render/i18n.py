"""The words a draft prints around the negotiated text, in es, en, pt and fr (others fall back to en).

API::

    label(key, lang, **kw) -> str          # LABELS[key][lang] (else [en]) formatted with kw
    language_name(code, lang) -> str       # "Spanish", "español", "espanhol", "espagnol"
    original_line(original_code, lang)     # "Original: Spanish" / "Original : espagnol"
    page_words(lang) -> (str, str)         # ("Page", "of") for Draft.page_words
    kind_label(kind, lang, version="")     # "Compilation text", "Changes since Rev.1", ...
    status_label(status, lang) -> str      # "[Agreed ad ref]"; "" for pending
    format_generated(when, lang) -> str    # "28 November 2026, 06:45" / "28 de noviembre de 2026, 06:45"
    subclause_number(level, n, lang)       # "(a)" in English, "a)" in Spanish/French/Portuguese; (i) / i)

Keys of ``LABELS`` ({placeholders} are filled from ``**kw``):

=============================  =====================================================================
``page``                       "Page {x} of {y}"
``page.word`` / ``page.of``    the two words of the footer's page counter: "Page", "of"
``original``                   "Original: {language}" (French puts a space before the colon)
``lang.<code>``                language names (es, en, pt, fr, ar, ru, zh) in the draft's language
``kind.clean``                 "Clean text"
``kind.compilation``           "Compilation text"
``kind.changes``               "Changes since {version}"
``kind.synoptic``              "Synoptic table"
``header.status``              "{status} — {language}": the right-hand side of the page header
``title.version_status``       "{version} — {status}": the line under the title
``generated``                  "Generated {when}"
``status.<clause status>``     pending (""), agreed-in-informals, agreed-ad-ref, agreed, held
``awaiting_translation``       "[Awaiting translation]"
``alt``                        "Alt." (label of an alternative proposal: "Alt. 1")
``synoptic.number`` ...        column headers: number, base ("Text of {version}"), text, proposal,
                               proponents, status, comments
``amendment.<status>``         submitted, accepted, modified, merged, accommodated, rejected, withdrawn
``secretariat``                "Secretariat" (author of changes no amendment explains)
``notes``                      "Notes" (heading of the notes in HTML and Markdown)
=============================  =====================================================================
"""

from __future__ import annotations

import datetime as dt

FALLBACK = "en"
LANGS = ("es", "en", "pt", "fr")

LABELS: dict[str, dict[str, str]] = {
    "page": {
        "en": "Page {x} of {y}",
        "es": "Página {x} de {y}",
        "pt": "Página {x} de {y}",
        "fr": "Page {x} sur {y}",
    },
    "page.word": {"en": "Page", "es": "Página", "pt": "Página", "fr": "Page"},
    "page.of": {"en": "of", "es": "de", "pt": "de", "fr": "sur"},
    "original": {
        "en": "Original: {language}",
        "es": "Original: {language}",
        "pt": "Original: {language}",
        "fr": "Original : {language}",  # French typography: a space before the colon
    },
    # language names, in the draft's language
    "lang.es": {"en": "Spanish", "es": "español", "pt": "espanhol", "fr": "espagnol"},
    "lang.en": {"en": "English", "es": "inglés", "pt": "inglês", "fr": "anglais"},
    "lang.pt": {"en": "Portuguese", "es": "portugués", "pt": "português", "fr": "portugais"},
    "lang.fr": {"en": "French", "es": "francés", "pt": "francês", "fr": "français"},
    "lang.ar": {"en": "Arabic", "es": "árabe", "pt": "árabe", "fr": "arabe"},
    "lang.ru": {"en": "Russian", "es": "ruso", "pt": "russo", "fr": "russe"},
    "lang.zh": {"en": "Chinese", "es": "chino", "pt": "chinês", "fr": "chinois"},
    # draft kinds (the status label of the header)
    "kind.clean": {"en": "Clean text", "es": "Texto limpio", "pt": "Texto limpo", "fr": "Texte propre"},
    "kind.compilation": {
        "en": "Compilation text",
        "es": "Texto de compilación",
        "pt": "Texto de compilação",
        "fr": "Texte de compilation",
    },
    "kind.changes": {
        "en": "Changes since {version}",
        "es": "Cambios desde {version}",
        "pt": "Alterações desde {version}",
        "fr": "Modifications depuis {version}",
    },
    "kind.synoptic": {
        "en": "Synoptic table",
        "es": "Cuadro sinóptico",
        "pt": "Quadro sinóptico",
        "fr": "Tableau synoptique",
    },
    "header.status": {"en": "{status} — {language}"},
    "title.version_status": {"en": "{version} — {status}"},
    "generated": {
        "en": "Generated {when}",
        "es": "Generado el {when}",
        "pt": "Gerado em {when}",
        "fr": "Généré le {when}",
    },
    # clause statuses, shown after the clause text; pending shows nothing
    "status.pending": {"en": ""},
    "status.agreed-in-informals": {
        "en": "[Agreed in informals]",
        "es": "[Acordado en consultas informales]",
        "pt": "[Acordado em consultas informais]",
        "fr": "[Convenu lors des consultations informelles]",
    },
    "status.agreed-ad-ref": {
        "en": "[Agreed ad ref]",
        "es": "[Acordado ad ref.]",
        "pt": "[Acordado ad ref.]",
        "fr": "[Convenu ad ref.]",
    },
    "status.agreed": {"en": "[Agreed]", "es": "[Acordado]", "pt": "[Acordado]", "fr": "[Convenu]"},
    "status.held": {"en": "[Held]", "es": "[En suspenso]", "pt": "[Em suspenso]", "fr": "[En suspens]"},
    "awaiting_translation": {
        "en": "[Awaiting translation]",
        "es": "[Pendiente de traducción]",
        "pt": "[Aguardando tradução]",
        "fr": "[En attente de traduction]",
    },
    "alt": {"en": "Alt."},
    # synoptic table column headers
    "synoptic.number": {"en": "No.", "es": "N.º", "pt": "N.º", "fr": "N°"},
    "synoptic.base": {
        "en": "Text of {version}",
        "es": "Texto de {version}",
        "pt": "Texto de {version}",
        "fr": "Texte de {version}",
    },
    "synoptic.text": {"en": "Text", "es": "Texto", "pt": "Texto", "fr": "Texte"},
    "synoptic.proposal": {"en": "Proposals", "es": "Propuestas", "pt": "Propostas", "fr": "Propositions"},
    "synoptic.proponents": {"en": "Proponents", "es": "Proponentes", "pt": "Proponentes", "fr": "Auteurs"},
    "synoptic.status": {"en": "Status", "es": "Estado", "pt": "Situação", "fr": "Statut"},
    "synoptic.comments": {"en": "Comments", "es": "Observaciones", "pt": "Observações", "fr": "Observations"},
    # amendment statuses (synoptic table)
    "amendment.submitted": {"en": "Submitted", "es": "Presentada", "pt": "Apresentada", "fr": "Soumise"},
    "amendment.accepted": {"en": "Accepted", "es": "Aceptada", "pt": "Aceita", "fr": "Acceptée"},
    "amendment.modified": {
        "en": "Accepted as modified",
        "es": "Aceptada con modificaciones",
        "pt": "Aceita com modificações",
        "fr": "Acceptée avec modifications",
    },
    "amendment.merged": {"en": "Merged", "es": "Fusionada", "pt": "Fundida", "fr": "Fusionnée"},
    "amendment.accommodated": {
        "en": "Accommodated elsewhere",
        "es": "Recogida en otro párrafo",
        "pt": "Acolhida em outro parágrafo",
        "fr": "Reprise ailleurs",
    },
    "amendment.rejected": {
        "en": "Not retained",
        "es": "No retenida",
        "pt": "Não acolhida",
        "fr": "Non retenue",
    },
    "amendment.withdrawn": {"en": "Withdrawn", "es": "Retirada", "pt": "Retirada", "fr": "Retirée"},
    "secretariat": {"en": "Secretariat", "es": "Secretaría", "pt": "Secretaria", "fr": "Secrétariat"},
    "notes": {"en": "Notes", "es": "Notas", "pt": "Notas", "fr": "Notes"},
}

_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "pt": (
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}
_DATE_PATTERN = {
    "en": "{day} {month} {year}, {time}",
    "es": "{day} de {month} de {year}, {time}",
    "pt": "{day} de {month} de {year}, {time}",
    "fr": "{day} {month} {year}, {time}",
}
# Sub-clause numbers per language convention: (a) → (i) in English; a) → i) elsewhere.
_SUBCLAUSE = {"en": "({n})", "es": "{n})", "pt": "{n})", "fr": "{n})"}


def label(key: str, lang: str, **kw: object) -> str:
    """The label ``key`` in ``lang`` (English when missing), its {placeholders} filled from ``kw``.

    Raises KeyError for an unknown key or a placeholder missing from ``kw``.
    """
    texts = LABELS[key]
    text = texts.get(lang, texts[FALLBACK])
    return text.format(**kw) if kw or "{" in text else text


def language_name(code: str, lang: str) -> str:
    """The name of language ``code`` written in ``lang``; the code itself when unknown."""
    key = f"lang.{code}"
    return label(key, lang) if key in LABELS else code


def original_line(original_code: str, lang: str) -> str:
    return label("original", lang, language=language_name(original_code, lang))


def page_words(lang: str) -> tuple[str, str]:
    return label("page.word", lang), label("page.of", lang)


def kind_label(kind: str, lang: str, version: str = "") -> str:
    return label(f"kind.{kind}", lang, version=version) if kind == "changes" else label(f"kind.{kind}", lang)


def status_label(status: str, lang: str) -> str:
    key = f"status.{status}"
    return label(key, lang) if key in LABELS else ""


def format_generated(when: dt.datetime, lang: str) -> str:
    """Date and time of generation as the draft's footer shows it (24-hour clock, no time zone)."""
    code = lang if lang in _MONTHS else FALLBACK
    return _DATE_PATTERN[code].format(
        day=when.day, month=_MONTHS[code][when.month - 1], year=when.year, time=f"{when:%H:%M}"
    )


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out += numeral
            n -= value
    return out


def subclause_number(level: int, n: int, lang: str) -> str:
    """The display number of the ``n``-th (1-based) sub-clause at depth ``level`` (1: letters, 2: roman)."""
    body = _letters(n) if level % 2 == 1 else _roman(n)
    return _SUBCLAUSE.get(lang, _SUBCLAUSE[FALLBACK]).format(n=body)
