"""The words a draft prints around the negotiated text, in es, en, pt and fr (others fall back to en).

API::

    label(key, lang, **kw) -> str          # LABELS[key][lang] (else [en]) formatted with kw
    language_name(code, lang) -> str       # "Spanish", "español", "espanhol", "espagnol"
    original_line(original_code, lang)     # "Original: Spanish" / "Original : espagnol"
    page_words(lang) -> (str, str)         # ("Page", "of") for Draft.page_words
    kind_label(kind, lang, version="")     # "Compilation text", "Changes since Rev.1", ...
    status_label(status, lang) -> str      # "[Agreed ad ref]"; "" for pending
    format_generated(when, lang) -> str    # "28 November 2026, 06:45" / "28 de noviembre de 2026, 06:45"
    format_date(iso, lang) -> str          # "4 October 2024" / "1er octobre 2024" / "1º de outubro de 2024"
    dateline(lang, issued=None, now=None)  # an issued version's date, or "Working draft — compiled ..."
    subclause_number(level, n, lang)       # "(a)" in English, "a)" in Spanish/French/Portuguese; (i) / i)

The words themselves, and the keys of ``LABELS``, are in ``drafting.labels``.
"""

from __future__ import annotations

import datetime as dt

from ..labels import DATE_PATTERN, LABELS, MONTHS

__all__ = ["FALLBACK", "LABELS", "LANGS", "dateline", "format_date", "format_generated", "kind_label", "label",
           "language_name", "original_line", "page_words", "status_label", "subclause_number"]

FALLBACK = "en"
LANGS = ("es", "en", "pt", "fr")

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


# the first of the month as each language writes it: "1er octobre", "1º de outubro"
_FIRST = {"fr": "1er", "pt": "1º"}
# the time of day: "16:06", and "16 h 06" in French
_TIME = {"fr": "{h} h {m:02d}"}


def _day(day: int, code: str) -> str:
    return _FIRST.get(code, "1") if day == 1 else str(day)


def format_generated(when: dt.datetime, lang: str) -> str:
    """Date and time of generation as the draft's footer shows it (24-hour clock, no time zone)."""
    code = lang if lang in MONTHS else FALLBACK
    time = _TIME.get(code, "{h:02d}:{m:02d}").format(h=when.hour, m=when.minute).replace(" ", "\u00a0")
    return DATE_PATTERN[code].format(
        day=_day(when.day, code), month=MONTHS[code][when.month - 1], year=when.year, time=time
    )


def format_date(iso: str, lang: str) -> str:
    """A date (YYYY-MM-DD) as the language writes it: "4 de octubre de 2024"; as given if unreadable."""
    code = lang if lang in MONTHS else FALLBACK
    try:
        when = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    text = DATE_PATTERN[code].format(day=_day(when.day, code), month=MONTHS[code][when.month - 1],
                                     year=when.year, time="")
    return text.rstrip(", ")


def dateline(lang: str, issued: str | None = None, now: dt.datetime | None = None) -> str:
    """What a draft says of its date: the issued version's date, or that it is a working draft and
    when it was compiled."""
    if issued:
        return format_date(issued, lang)
    return label("working", lang, when=format_generated(now or dt.datetime.now(), lang))


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
