"""Every foreign file under tests/data/foreign/: what it holds and what ``import-docx`` must make of it.

The files are made by ``make_libreoffice.py`` (LibreOffice's own edits, over UNO), ``make_resaves.py``
(pandoc and python-docx re-saves) and ``make_word.py`` (XML parts as Word writes them), all starting
from clean drafts drafting compiled (``base.py``).  This module is plain data (standard library only),
read by those scripts and by tests/integration/test_import_foreign.py.

For each file:

* ``expect``: the amendments, as their files say them (``target``, the change, and ``rationale`` where
  one is expected; a rationale starting with ``re:`` is a regular expression), in document order;
* ``edits``: the file's accept-all reading, as edits of the base version's clauses; the test checks
  that the amendments created, applied to the base text, give exactly that (the import invariant);
* ``warnings``: one regular expression per warning the import must print; any other warning fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# ---------------------------------------------------------------------------------------- the words typed

START = "Además, "
AFTER_LABEL = " Instan a los Estados a hacerlo sin demora."
NEW_PARAGRAPH = ("Garantizan el acceso a la información sobre los procedimientos de asilo en un idioma que "
                 "las personas comprendan;")
TYPED_3BIS = "3 bis "
NEW_3BIS = "Garantizan que ninguna persona sea devuelta a un país donde su vida corra peligro;"
PLAN_START = "revisar y "
NEW_PYDOCX = "Promueven la cooperación entre las comisiones nacionales para los refugiados de la región;"
FOOTNOTE = "Brasil propone mencionar también la Convención de 1961."
ENDNOTE = "Véase el Pacto Mundial sobre los Refugiados, párrafo 32."
TEXTBOX = "Proponemos añadir las visas humanitarias."
COMMENT_TWO = "Estos dos párrafos deberían fusionarse en uno solo."
SYM_INSERT = " con una participación ≥ 75 % de los Estados"  # ≥ is a w:sym (Symbol, F0B3)
UNSHOWN = "TEXTO QUE NINGÚN LECTOR DE WORD MUESTRA"
TABLE_ROWS = [("OP 2", "Conviene precisar el alcance de los procedimientos diferenciados.", "—"),
              ("OP 3", "Apoyamos el texto.", "—"),
              ("OP 4", "La fecha de 2034 es ambiciosa.", "Mantener"),
              ("OP 5", "Falta una referencia a las visas humanitarias.", "Añadir"),
              ("OP 6", "Apoyamos el texto.", "—"),
              ("OP 7", "Pendiente de consultas con la capital.", "—"),
              ("OP 8", "Preferimos «predecibles».", "Sustituir"),
              ("OP 9", "En suspenso hasta la aprobación del Plan.", "—"),
              ("OP 10", "Informes bienales en lugar de trienales.", "Sustituir")]


@dataclass(frozen=True)
class Case:
    file: str  # under tests/data/foreign/
    maker: str  # libreoffice | pandoc | python-docx | word
    holds: str  # the edit the file holds, in words
    expect: tuple[dict[str, Any], ...] = ()
    edits: tuple[tuple[Any, ...], ...] = ()
    warnings: tuple[str, ...] = ()
    document: str = "declaration"
    workspace: str = "example"  # example | repeated (base.py)
    base: str | None = None  # --base, where the file cannot say


# edits of the accept-all reading (see ``accepted``)
def start(cid: str, text: str) -> tuple[Any, ...]:
    return ("start", cid, text)


def end(cid: str, text: str) -> tuple[Any, ...]:
    return ("end", cid, text)


def sub(cid: str, old: str, new: str) -> tuple[Any, ...]:
    return ("sub", cid, old, new)


def add(after: str, new_id: str, text: str) -> tuple[Any, ...]:
    """A new clause after ``after``; ``text`` ``=cid`` is the text of clause ``cid``."""
    return ("add", after, new_id, text)


def remove(cid: str) -> tuple[Any, ...]:
    return ("remove", cid)


def move(cid: str, after: str) -> tuple[Any, ...]:
    return ("move", cid, after)


def accepted(base: list[tuple[str, str]], edits: tuple[tuple[Any, ...], ...]) -> list[tuple[str, str]]:
    """The clauses (id, text) of a document after ``edits``: what the file shows, accepting all."""
    texts = dict(base)
    order = [cid for cid, _ in base]
    for e in edits:
        kind, cid = e[0], e[1]
        if kind == "start":
            texts[cid] = e[2] + texts[cid]
        elif kind == "end":
            texts[cid] = texts[cid] + e[2]
        elif kind == "sub":
            assert texts[cid].count(e[2]) == 1, f"{e[2]!r} is not once in {cid}"
            texts[cid] = texts[cid].replace(e[2], e[3])
        elif kind == "add":
            new_id, text = e[2], e[3]
            texts[new_id] = texts[text[1:]] if text.startswith("=") else text
            order.insert(order.index(cid) + 1, new_id)
        elif kind == "remove":
            order.remove(cid)
        elif kind == "move":
            order.remove(cid)
            order.insert(order.index(e[2]) + 1, cid)
    return [(cid, " ".join(texts[cid].split())) for cid in order]


def _ins(target: str, text: str, **where: str) -> dict[str, Any]:
    return {"target": target, "change": {"insert": {"text": text, **where}}}


def _add(after: str, new_id: str, text: str) -> dict[str, Any]:
    clause = {"id": new_id, "text": {"es": text}}
    return {"target": None, "change": {"add": {"after": after, "clause": clause}}}


SOLUTIONS = ("Se comprometen a impulsar soluciones integrales, complementarias y sostenibles, como la "
             "integración local, la repatriación voluntaria en condiciones de seguridad y dignidad, el "
             "reasentamiento y las vías complementarias, con la participación de los actores de desarrollo y "
             "del sector privado;")
SILENT_ADD = r"paragraph \d+ was added without Track Changes: proposed as new clause {}"
SILENT_REMOVE = r"clause {} is not in the file \(deleted without Track Changes\): proposed for removal"
NUMBER_CHANGED = (r"paragraph \d+ \(clause op-solutions\): its number .6. was changed to .6 bis.; numbers "
                  r"are given by the secretariat: not imported")

EDITS_EXPECT = (
    {"target": "op-mixed-movements", "change": {"delete": {"old": "la protección temporal y"}}},
    {"target": "op-disaster-displacement", "change": {"remove": {}}},
    {"target": "op-international-cooperation",
     "change": {"replace": {"old": "previsibles", "new": "predecibles"}}},
)
EDITS = (sub("op-mixed-movements", "la protección temporal y ", ""), remove("op-disaster-displacement"),
         sub("op-international-cooperation", "previsibles", "predecibles"))


def _lo(tracked: bool) -> list[Case]:
    """The same edits made by LibreOffice with Track Changes on (``lo-tracked-*``) and off (``lo-silent-*``);
    without tracking, a new paragraph and a deleted clause are also reported as warnings."""
    how, mode = ("tracked", "with Track Changes") if tracked else ("silent", "without Track Changes")

    def silently(*warnings: str) -> tuple[str, ...]:
        return () if tracked else warnings

    return [
        Case(f"lo-{how}-start.docx", "libreoffice",
             f"{START!r} typed at the start of op 4, after its number ({mode}): the typed text takes the "
             f"number's character style",
             (_ins("op-statelessness", START.strip(), at="start"),), (start("op-statelessness", START),)),
        Case(f"lo-{how}-after-label.docx", "libreoffice",
             f"text typed after op 1's status label [Acordado ad ref.] ({mode}): it takes the label's style",
             (_ins("op-reaffirm-cartagena", AFTER_LABEL.strip(), at="end"),),
             (end("op-reaffirm-cartagena", AFTER_LABEL),)),
        Case(f"lo-{how}-new-paragraph.docx", "libreoffice",
             f"Enter after op 3's label [Acordado ad ref.], then a new paragraph typed ({mode}): its text "
             f"takes the label's style",
             (_add("op-access-territory", "op-access-territory-bis", NEW_PARAGRAPH),),
             (add("op-access-territory", "op-access-territory-bis", NEW_PARAGRAPH),),
             silently(SILENT_ADD.format("op-access-territory-bis"))),
        Case(f"lo-{how}-move.docx", "libreoffice",
             f"op 10 cut and pasted before op 2 ({mode}; tracked, LibreOffice writes w:moveFrom/w:moveTo "
             f"without range names and the moved paragraph carries a bookmark c_op_follow_up_Copy_1)",
             ({"target": "op-follow-up", "change": {"move": {"after": "op-reaffirm-cartagena"}}},),
             (move("op-follow-up", "op-reaffirm-cartagena"),)),
        Case(f"lo-{how}-number.docx", "libreoffice",
             f"op 6's number \"6\" changed to \"6 bis\" ({mode}): not clause text", (), (),
             (NUMBER_CHANGED,)),
        Case(f"lo-{how}-paste.docx", "libreoffice",
             f"op 6 copied and pasted as a new paragraph after itself, the copy's number typed \"6 bis\" "
             f"({mode})",
             (_add("op-solutions", "op-solutions-bis", SOLUTIONS),),
             (add("op-solutions", "op-solutions-bis", SOLUTIONS),),
             silently(SILENT_ADD.format("op-solutions-bis"))),
        Case(f"lo-{how}-edits.docx", "libreoffice",
             f"\"la protección temporal y \" deleted in op 5, op 7 deleted (paragraph and mark), "
             f"\"previsibles\" selected and \"predecibles\" typed over it in op 8 ({mode})",
             EDITS_EXPECT, EDITS, silently(SILENT_REMOVE.format("op-disaster-displacement"))),
    ]


CASES: list[Case] = [
    # ---------------------------------------------------------------- LibreOffice 7.4, driven over UNO
    Case("lo-resave-declaration.docx", "libreoffice", "the Declaration opened and saved, untouched"),
    Case("lo-resave-plan.docx", "libreoffice", "the Plan of Action opened and saved, untouched",
         document="plan-of-action"),
    *_lo(tracked=True),
    *_lo(tracked=False),
    Case("lo-tracked-plan.docx", "libreoffice",
         f"{PLAN_START!r} typed at the start of sub-clause 1 b), after its number \"b)\" and tab (tracked)",
         (_ins("poa-1-quality-asylum-differentiated", PLAN_START.strip(), at="start"),),
         (start("poa-1-quality-asylum-differentiated", PLAN_START),), document="plan-of-action"),
    # ---------------------------------------------------------------- pandoc 2.17 re-saves
    Case("pandoc-resave-declaration.docx", "pandoc",
         "`pandoc in.docx -o out.docx`: number tabs become spaces; bookmarks, styles, the clause map lost"),
    Case("pandoc-resave-plan.docx", "pandoc", "the same for the Plan of Action (39 numbers)",
         document="plan-of-action"),
    Case("pandoc-silent-edits.docx", "pandoc",
         "\"previsibles\" -> \"predecibles\" in op 8 and \"la protección temporal y \" deleted in op 5 "
         "(untracked), then re-saved by pandoc",
         (EDITS_EXPECT[0], EDITS_EXPECT[2]), (EDITS[0], EDITS[2])),
    Case("pandoc-tracked.docx", "pandoc",
         f"a tracked insertion of {START!r} at the start of op 4 and a tracked deletion of \"oportunos\" in "
         f"op 2, re-saved by `pandoc --track-changes=all`",
         ({"target": "op-quality-asylum", "change": {"delete": {"old": "oportunos"}}},
          _ins("op-statelessness", START.strip(), at="start")),
         (sub("op-quality-asylum", " oportunos", ""), start("op-statelessness", START))),
    # ---------------------------------------------------------------- python-docx 1.2 re-saves
    Case("pydocx-resave-declaration.docx", "python-docx", "`Document(f).save(g)`, untouched"),
    Case("pydocx-edited.docx", "python-docx",
         "python-docx: \"previsibles\" -> \"predecibles\" in a run of op 8; a paragraph inserted before op 5 "
         "with insert_paragraph_before (no number, no bookmark)",
         (_add("op-statelessness", "op-statelessness-bis", NEW_PYDOCX), EDITS_EXPECT[2]),
         (add("op-statelessness", "op-statelessness-bis", NEW_PYDOCX), EDITS[2]),
         (SILENT_ADD.format("op-statelessness-bis"),)),
    # ---------------------------------------------------------------- XML parts as Word writes them
    Case("word-inherited-styles.docx", "word",
         f"tracked {START!r} in a DraftNumber run at the start of op 4, tracked text in a DraftLabel run "
         f"after op 1's label, a tracked new paragraph typed after op 3's label, in the DraftLabel style "
         f"(Word gives typed text the style of the character before it)",
         (_ins("op-reaffirm-cartagena", AFTER_LABEL.strip(), at="end"),
          _add("op-access-territory", "op-access-territory-bis", NEW_PARAGRAPH),
          _ins("op-statelessness", START.strip(), at="start")),
         (end("op-reaffirm-cartagena", AFTER_LABEL), start("op-statelessness", START),
          add("op-access-territory", "op-access-territory-bis", NEW_PARAGRAPH))),
    Case("word-footnote.docx", "word", "a tracked footnote after \"2034,\" in op 4",
         ({"target": "op-statelessness", "change": {"comment": {}}, "rationale": FOOTNOTE},)),
    Case("word-endnote.docx", "word", "an endnote (untracked) after \"previsibles\" in op 8",
         ({"target": "op-international-cooperation", "change": {"comment": {}}, "rationale": ENDNOTE},)),
    Case("word-textbox.docx", "word",
         "a text box anchored in op 5 (wps:txbx in mc:Choice, the same box as VML in mc:Fallback)",
         ({"target": "op-mixed-movements", "change": {"comment": {}}, "rationale": TEXTBOX},)),
    Case("word-move-untracked.docx", "word",
         "op 10's paragraph, bookmark and all, moved after op 1 without Track Changes",
         ({"target": "op-follow-up", "change": {"move": {"after": "op-reaffirm-cartagena"}}},),
         (move("op-follow-up", "op-reaffirm-cartagena"),)),
    Case("word-sym-insert.docx", "word",
         f"a tracked insertion {SYM_INSERT!r} after \"trienales\" in op 10, its ≥ a w:sym (Symbol F0B3)",
         (_ins("op-follow-up", SYM_INSERT.strip(), after="trienales"),),
         (sub("op-follow-up", "trienales", "trienales" + SYM_INSERT),)),
    Case("word-sym-hyphen.docx", "word",
         "the hyphen of \"2024-2034\" in op 9 a w:sym (Symbol F02D), untracked"),
    Case("word-alternate-content.docx", "word",
         "op 4's text in mc:AlternateContent (Choice Requires=\"w14\" and a Fallback with the same runs); "
         "op 6's in a Choice that requires an unknown namespace (other words) with the text in the Fallback"),
    Case("word-comments-table.docx", "word",
         "a heading and a table of comments (3 columns, 10 rows) after the last clause",
         warnings=(r"paragraph \d+ is not part of the text: 'Comentarios de la delegación de Brasil'",
                   r"a table \(paragraphs \d+-\d+\) is not part of the text: 'Párrafo")),
    Case("word-tracked-3bis.docx", "word",
         f"a tracked new paragraph after op 3 whose typed text starts with {TYPED_3BIS!r} (no tab, no style)",
         (_add("op-access-territory", "op-access-territory-bis", NEW_3BIS),),
         (add("op-access-territory", "op-access-territory-bis", NEW_3BIS),)),
    Case("word-comment-two-clauses.docx", "word",
         "one comment whose range starts in op 4 and ends in op 5",
         ({"target": "op-statelessness", "change": {"comment": {}},
           "rationale": "re:^" + COMMENT_TWO.replace(".", r"\.") + r"\n\n.*op-mixed-movements"},)),
    Case("word-template-untouched.docx", "word", workspace="repeated",
         holds="the `repeated` draft pasted into a delegation's own template: no bookmarks, no clause map, "
               "no draft styles, numbers typed as text; untouched"),
    Case("word-template-paste.docx", "word", workspace="repeated",
         holds="the same paste, with op 1 a) \"el registro;\" deleted and \"gratuita\" typed in op 2 b) "
               "(untracked; \"el registro;\" and \"la documentación;\" occur three times each)",
         expect=({"target": "op-asylum-registration", "change": {"remove": {}}},
                 _ins("op-borders-documentation", "gratuita", after="documentación")),
         edits=(remove("op-asylum-registration"),
                sub("op-borders-documentation", "documentación", "documentación gratuita")),
         warnings=(SILENT_REMOVE.format("op-asylum-registration"),)),
]

BY_FILE = {c.file: c for c in CASES}
