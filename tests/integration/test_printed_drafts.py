"""Drafts as the room reads them: printed.  A small negotiation in Spanish, English and French, its
compilation, changes, synoptic and clean drafts written as Word files, printed to PDF by LibreOffice
(one ``soffice`` call for all of them) and read back with ``pdftotext``: every open proposal's
proponents are printed in the paragraph of its change, in the draft's language; dates, references and
French typography are on the page.  What needs no printer -- the Word XML, accepted and rejected as a
whole -- is checked whether or not LibreOffice is here."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from drafting import api
from drafting.ops.apply import apply_amendment
from drafting.store.session import Session
from tests.conftest import git
from tests.ooxml import accept_all_text, reject_all_text, validate_docx

NEGOTIATION = """\
schema: 1
title: {es: Declaración de prueba, en: Test Declaration, fr: Déclaration d'essai}
symbol: "T/DEC/L.1"
original_language: es
languages: [es, en, fr]
documents: [declaration]
delegations:
  ARG: {name: {es: Argentina, en: Argentina, fr: Argentine}, kind: state}
  BRA: {name: {es: Brasil, en: Brazil, fr: Brésil}, kind: state}
  CHL: {name: {es: Chile, en: Chile, fr: Chili}, kind: state}
  JAM: {name: {es: Jamaica, en: Jamaica, fr: Jamaïque}, kind: state}
  MEX: {name: {es: México, en: Mexico, fr: Mexique}, kind: state}
  PRY: {name: {es: Paraguay, en: Paraguay, fr: Paraguay}, kind: state}
  URY: {name: {es: Uruguay, en: Uruguay, fr: Uruguay}, kind: state}
  MERCOSUR: {name: {es: MERCOSUR, en: MERCOSUR, fr: MERCOSUR}, kind: group, members: [ARG, BRA, PRY, URY]}
  UNHCR: {name: {es: ACNUR, en: UNHCR, fr: HCR}, kind: secretariat}
versions: []
"""
DOCUMENT = """\
id: declaration
title: {es: Declaración de prueba, en: Test Declaration, fr: Déclaration d'essai}
sections: [preamble, operative]
"""
PREAMBLE = """\
id: preamble
reference: PP
title: {es: Preámbulo, en: Preamble, fr: Préambule}
numbering: none
clauses:
  - id: pp-recalling
    status: agreed
    text:
      es: Recordando la Declaración de Cartagena sobre Refugiados de 1984,
      en: Recalling the Cartagena Declaration on Refugees of 1984,
      fr: Rappelant la Déclaration de Carthagène sur les réfugiés de 1984,
"""
OPERATIVE = """\
id: operative
reference: OP
title: {es: Parte dispositiva, en: Operative part, fr: Dispositif}
numbering: arabic
clauses:
  - id: op-asylum
    text:
      es: Fortalecer los sistemas nacionales de asilo en la región.
      en: Strengthen national asylum systems in the region.
      fr: Renforcer les systèmes nationaux d'asile dans la région.
  - id: op-borders
    text:
      es: Garantizar el acceso al territorio en las fronteras.
      en: Guarantee access to territory at borders.
      fr: Garantir l'accès au territoire aux frontières.
  - id: op-cooperation
    status: held
    text:
      es: Cooperar con los países de acogida, en particular los más afectados; y con el ACNUR.
      en: Cooperate with host countries, in particular the most affected; and with UNHCR.
      fr: Coopérer avec les pays d'accueil, en particulier les plus touchés ; et avec le HCR.
  - id: op-follow-up
    text:
      es: Dar seguimiento a este plan cada tres años.
      en: Follow up this plan every three years.
      fr: Assurer le suivi de ce plan tous les trois ans.
"""
LANGS = ("es", "en", "fr")
NAMES = {  # proponents as each language prints them
    "MERCOSUR": {"es": "Brasil, Argentina, Uruguay (MERCOSUR)", "en": "Brazil, Argentina, Uruguay (MERCOSUR)",
                 "fr": "Brésil, Argentine, Uruguay (MERCOSUR)"},
    "PRY": {"es": "Paraguay", "en": "Paraguay", "fr": "Paraguay"},
    "ARG": {"es": "Argentina", "en": "Argentina", "fr": "Argentine"},
    "CHL": {"es": "Chile", "en": "Chile", "fr": "Chili"},
    "MEX": {"es": "México", "en": "Mexico", "fr": "Mexique"},
    "URY": {"es": "Uruguay", "en": "Uruguay", "fr": "Uruguay"},
    "JAM": {"es": "Jamaica", "en": "Jamaica", "fr": "Jamaïque"},
}


def _ws(root: Path) -> Path:
    ws = root / "ws"
    api.init(str(ws))
    (ws / "negotiation.yaml").write_text(NEGOTIATION, encoding="utf-8")
    folder = ws / "drafts" / "declaration"
    folder.mkdir(parents=True)
    for name, text in (("document", DOCUMENT), ("preamble", PREAMBLE), ("operative", OPERATIVE)):
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "Zero draft")
    api.issue(str(ws), "zero", label={"es": "Borrador cero", "en": "Zero draft", "fr": "Avant-projet"},
              date="2024-08-30", compile_drafts=False)
    return ws


def _propose(ws: Path, clause: str, by: str, change: dict, **kw: object) -> str:
    return api.propose(str(ws), clause=clause, by=by, change=change, date="2024-09-10", **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """{file name: path} of every draft printed here, docx (and pdf when LibreOffice is here)."""
    root = tmp_path_factory.mktemp("printed")
    ws = _ws(root)
    # two proposals competing for the same words, and one of each other kind
    _propose(ws, "op-asylum", "BRA", {"replace": {"old": "sistemas nacionales", "new": "sistemas nacionales y regionales"}},
             on_behalf_of="MERCOSUR", cosponsors=["ARG", "URY"], rationale="Coherencia regional")
    _propose(ws, "op-asylum", "PRY", {"replace": {"old": "sistemas nacionales", "new": "sistemas"}})
    _propose(ws, "op-borders", "ARG", {"insert": {"text": "y marítimas", "after": "fronteras"}})
    _propose(ws, "op-borders", "CHL", {"add": {"after": "op-borders", "clause": {
        "id": "op-children", "text": {"es": "Proteger a los niños no acompañados.",
                                      "en": "Protect unaccompanied children.",
                                      "fr": "Protéger les enfants non accompagnés."}}}})
    _propose(ws, "op-follow-up", "MEX", {"remove": {}})
    _propose(ws, "op-cooperation", "URY", {"comment": {}}, rationale="Ver el Pacto Mundial")
    _propose(ws, "op-cooperation", "JAM", {"replace": {"old": "host countries", "new": "host and transit countries"}},
             lang="en")
    out = root / "out"
    api.compile_drafts(str(ws), kind="compilation", lang="all", fmt="docx", out=str(out))
    api.compile_drafts(str(ws), kind="synoptic", lang="all", fmt="docx", out=str(out))
    api.compile_drafts(str(ws), kind="compilation", lang="es", fmt="docx", out=str(root / "tracked"),
                       attribution="tracked")
    # a round: accepted, translated, issued; the changes since the zero draft, the issued clean text
    api.decide(str(ws), "zero-ARG-001", "accept", date="2024-09-25")
    api.translate(str(ws), "op-borders", "en", "Guarantee access to territory at borders and at sea.")
    api.translate(str(ws), "op-borders", "fr", "Garantir l'accès au territoire aux frontières et en mer.")
    api.issue(str(ws), "rev1", label="Rev.1", date="2024-10-04", compile_drafts=False)
    api.compile_drafts(str(ws), kind="changes", since="zero", lang="all", fmt="docx", out=str(out))
    api.compile_drafts(str(ws), kind="clean", at="rev1", lang="all", fmt="docx", out=str(out))
    files = {p.name: p for p in sorted(out.glob("*.docx"))}
    files["tracked-compilation-es.docx"] = root / "tracked" / "declaration-compilation-es.docx"
    files["workspace"] = ws
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice and shutil.which("pdftotext"):
        subprocess.run([soffice, f"-env:UserInstallation=file://{root / 'lo-profile'}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out), *(str(p) for p in out.glob("*.docx"))],
                       check=True, capture_output=True, timeout=600)
        files.update({p.name: p for p in out.glob("*.pdf")})
    return files


def printed(drafts: dict[str, Path], name: str, layout: bool = True) -> str:
    """The text LibreOffice printed of a draft: line by line as on the page (``layout``), or cell by cell
    for a table."""
    pdf = drafts.get(name.replace(".docx", ".pdf"))
    if pdf is None:
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed: drafts cannot be printed here")
    args = ["pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def paragraph(text: str, ref: str, after: str | None) -> str:
    """The printed paragraph whose reference is ``ref``: up to the next reference."""
    start = text.index(f"{ref} ")
    end = text.index(f"{after} ", start + 1) if after else len(text)
    return text[start:end]


@pytest.mark.parametrize("lang", LANGS)
def test_every_open_proposal_is_printed_with_its_proponents(drafts: dict[str, Path], lang: str) -> None:
    text = flat(printed(drafts, f"declaration-compilation-{lang}.docx"))
    n = {k: v[lang] for k, v in NAMES.items()}
    op1 = paragraph(text, "OP1", "OP2")
    # competing proposals: the base text stays; each is an alternative, in submission order, alike
    assert f"Alt. 1 – {n['MERCOSUR']}" in op1 and f"Alt. 2 – {n['PRY']}" in op1
    assert op1.index("Alt. 1") < op1.index("Alt. 2")
    op2 = paragraph(text, "OP2", "OP2 bis")
    if lang == "es":  # a replacement shows the words that change
        assert "las fronteras [y marítimas – Argentina]." in op2
        assert "Fortalecer los sistemas nacionales y regionales de asilo en la región." in op1
    else:
        assert f"{n['ARG']}" in op2 and "y marítimas" in op2  # in Spanish only: described, quoted
    assert f"– {n['CHL']}]" in paragraph(text, "OP2 bis", "OP3")
    op3 = paragraph(text, "OP3", "OP4")
    assert f"– {n['URY']}]" in op3 and n["JAM"] in op3
    if lang == "en":
        assert "[and transit – Jamaica]" in op3
    assert f"– {n['MEX']}:" in paragraph(text, "OP4", None)


def test_the_printed_language_is_the_drafts(drafts: dict[str, Path]) -> None:
    es = flat(printed(drafts, "declaration-compilation-es.docx"))
    assert "Brazil" not in es and "Mexico" not in es and "Working draft" not in es
    assert "Propuesta en inglés de Jamaica" in es and "«host countries»" in es  # quoted as made
    fr = printed(drafts, "declaration-compilation-fr.docx")
    # French: no line starts with ; : ! ? or a closing guillemet, none ends with an opening one
    for line in fr.splitlines():
        assert not line.strip().startswith((";", ":", "!", "?", "»")), line
        assert not line.rstrip().endswith("«"), line
    assert "plus touchés\u202f;" in fr or "plus touchés ;" in flat(fr)
    assert "Document de travail — compilé le 15 janvier 2025, 10 h 30" in flat(fr)


def test_changes_credit_translated_words_to_their_proponents(drafts: dict[str, Path]) -> None:
    assert "[y marítimas – Argentina]" in flat(printed(drafts, "declaration-changes-es.docx"))
    en = flat(printed(drafts, "declaration-changes-en.docx"))
    assert "[and at sea – Argentina]" in en and "– UNHCR" not in en
    assert "[et en mer – Argentine]" in flat(printed(drafts, "declaration-changes-fr.docx"))


def test_an_issued_versions_drafts_carry_its_date(drafts: dict[str, Path]) -> None:
    for lang, date in (("es", "4 de octubre de 2024"), ("en", "4 October 2024"), ("fr", "4 octobre 2024")):
        text = flat(printed(drafts, f"declaration-clean-{lang}.docx"))
        assert date in text and "2025" not in text
        assert "OP1" not in text and "PP1" not in text  # the clean text keeps its own numbers
    assert "Working draft — compiled 15 January 2025, 10:30" in flat(printed(drafts, "declaration-compilation-en.docx"))


def test_synoptic_rows_for_proposals_only_and_a_proponents_column(drafts: dict[str, Path]) -> None:
    text = flat(printed(drafts, "declaration-synoptic-es.docx", layout=False))
    assert "Proponentes" in text and "Recordando la Declaración" not in text  # PP1 has no proposal
    for code in ("MERCOSUR", "PRY", "ARG", "CHL", "MEX", "URY", "JAM"):  # a table prints cell by cell
        assert all(word in text.split() for word in NAMES[code]["es"].split()), code
    assert "OP1" in text and "OP3" in text


def test_accept_all_and_reject_all_leave_clean_text(drafts: dict[str, Path]) -> None:
    """On the Word XML, no printer needed: rejecting every change gives the text, accepting every change
    the text with every proposal that competes with none applied -- no tag, note or alternative."""
    s = Session(drafts["workspace"])
    now = s.load_at("zero")  # the compilation was compiled from the zero draft, before the round
    docx = drafts["declaration-compilation-es.docx"]
    assert validate_docx(docx) == []
    rejected = reject_all_text(docx)[2:]
    accepted = accept_all_text(docx)[2:]
    clean = [p for p in rejected if p]
    assert "OP1\tFortalecer los sistemas nacionales de asilo en la región." in clean
    assert not [p for p in rejected + accepted if "–" in p or "Alt." in p or "Propuesta" in p or "[" in p]
    applied = now
    for aid in ("zero-ARG-001", "zero-CHL-001", "zero-MEX-001"):
        a = s.load().amendment(aid)
        assert a is not None
        applied = apply_amendment(applied, a).workspace
    texts = [c.clause.text["es"] for c in applied.placements()]
    assert [p.split("\t", 1)[1] for p in accepted if "\t" in p] == texts
    assert "Fortalecer los sistemas nacionales de asilo en la región." in texts  # competing: base kept
    # the tracked-only draft: no proponent printed, the same tracked changes
    tracked = drafts["tracked-compilation-es.docx"]
    assert validate_docx(tracked) == []
    assert accept_all_text(tracked) == accept_all_text(docx)
    assert reject_all_text(tracked) == reject_all_text(docx)
    tags = 'w:rStyle w:val="DraftProponent"'
    assert tags not in _xml(tracked) and _xml(docx).count(tags) >= 7  # one or two for each proposal


def _xml(docx: Path) -> str:
    import zipfile
    with zipfile.ZipFile(docx) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def test_every_draft_is_valid(drafts: dict[str, Path]) -> None:
    for name, path in drafts.items():
        if name.endswith(".docx"):
            assert validate_docx(path) == [], name
