"""Competing proposals of every kind are alternatives alike: a paragraph changed and removed, a
paragraph moved twice -- none inline, each "Alt. n – proponents", in the order they were submitted,
and none of them in the text Word's Accept all or Reject all gives."""

from __future__ import annotations

from drafting.model import Change
from drafting.render.compilation import compilation
from drafting.render.docx import render_docx
from drafting.render.draft import Paragraph
from tests.ooxml import accept_all_text, reject_all_text, validate_docx
from tests.unit.test_layout_kinds import amendment, body, frame_of, workspace

COMPETING = (
    amendment("zero-PRY-001", "PRY", Change("remove"), "coop", "2024-09-03"),
    amendment("zero-MEX-001", "MEX", Change("replace", old="el ACNUR", new="el ACNUR y la OIM"), "coop",
              "2024-09-02"),
    amendment("zero-CHL-001", "CHL", Change("move", before="quality"), "follow", "2024-09-05"),
    amendment("zero-JAM-001", "JAM", Change("move", after="coop"), "follow", "2024-09-04"),
)


def alternatives(blocks: list[Paragraph], anchor: str) -> list[str]:
    i = next(i for i, b in enumerate(blocks) if b.anchor == anchor)
    out = []
    for b in blocks[i + 1:]:
        if b.style != "alternative":
            break
        out.append("".join(r.text for r in b.runs))
    return out


def test_removals_and_moves_compete_as_alternatives_in_submission_order() -> None:
    ws = workspace(COMPETING)
    draft = compilation(frame_of(ws), {"zero": ws})
    blocks = [b for b in draft.blocks if isinstance(b, Paragraph)]
    coop = alternatives(blocks, "coop")
    assert [a.split(":")[0] for a in coop] == ["Alt. 1\u00a0– México", "Alt. 2\u00a0– Paraguay"]
    assert "suprimir el párrafo" in coop[1]
    follow = alternatives(blocks, "follow")
    assert [a.split(":")[0] for a in follow] == ["Alt. 1\u00a0– Jamaica", "Alt. 2\u00a0– Chile"]
    assert all("trasladar el párrafo" in a for a in follow)
    # none of them is inline: the paragraphs keep their text, untracked
    for anchor in ("coop", "follow"):
        p = next(b for b in blocks if b.anchor == anchor)
        assert p.mark_change == "" and not any(r.change for r in p.runs)
    docx = render_docx(draft)
    assert validate_docx(docx) == []
    assert body(accept_all_text(docx)) == body(reject_all_text(docx))  # nothing competes with nothing
    assert not [p for p in body(accept_all_text(docx)) if "Alt." in p or "–" in p]
