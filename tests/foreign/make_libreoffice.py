"""Regenerate the LibreOffice files of tests/data/foreign/ (``lo-*.docx``): edits made by LibreOffice itself.

    /usr/bin/python3 tests/foreign/make_libreoffice.py      (the system Python: it has ``uno``)

The script compiles the clean drafts of the bundled example with the worktree's drafting (base.py),
starts its own ``soffice --headless --accept=...`` on a free port with a throw-away profile, opens each
draft, makes the edits through LibreOffice's own commands (``.uno:InsertText`` types at the view cursor
exactly as a keyboard would, so typed text takes the character style of the character before it;
``.uno:Cut``/``.uno:Paste``/``.uno:Delete`` as a user would), with Track Changes on or off, and saves
with the "MS Word 2007 XML" filter.  Which edit each file holds and what import must make of it is in
cases.py (one ``Case`` per file); the edit functions below are named after the files.

What LibreOffice 7.4 writes (seen in these files): style ids renamed from the style names
(``DraftNumber`` -> ``Draftnumber``, ``DraftLabel`` -> ``Draftstatuslabel``); typed text in the number's
or label's character style; a tracked cut-and-paste as ``w:moveFrom``/``w:moveTo`` (with no
``moveFromRangeStart`` names) whose moved paragraph carries a new bookmark ``<name>_Copy_1``; a copied
paragraph a bookmark copy as well; the clause map part kept.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import base  # noqa: E402
import cases  # noqa: E402

AUTHOR = "Delegación de Brasil"


class Office:
    """A headless soffice of our own, reached over a UNO socket."""

    def __init__(self, profile: Path) -> None:
        import uno  # the system Python's python3-uno

        self.uno = uno
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.proc = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             f"-env:UserInstallation={profile.as_uri()}",
             f"--accept=socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
        for _ in range(120):
            try:
                self.ctx = resolver.resolve(url)
                break
            except Exception:
                time.sleep(0.5)
        else:
            self.proc.kill()
            raise RuntimeError("soffice did not answer on its UNO socket")
        smgr = self.ctx.ServiceManager
        self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
        self.dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", self.ctx)
        self._set_author(smgr)

    def prop(self, name: str, value: Any) -> Any:
        p = self.uno.createUnoStruct("com.sun.star.beans.PropertyValue")
        p.Name, p.Value = name, value
        return p

    def _set_author(self, smgr: Any) -> None:
        """The user name LibreOffice writes as w:author (else "Unknown Author")."""
        provider = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider",
                                                  self.ctx)
        access = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess",
            (self.prop("nodepath", "/org.openoffice.UserProfile/Data"),))
        access.setPropertyValue("givenname", AUTHOR)
        access.commitChanges()

    def open(self, path: Path) -> "Doc":
        doc = self.desktop.loadComponentFromURL(path.as_uri(), "_blank", 0, (self.prop("Hidden", True),))
        return Doc(self, doc)

    def close(self) -> None:
        try:
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Doc:
    """One open document and the user's gestures on it."""

    def __init__(self, office: Office, doc: Any) -> None:
        self.office, self.doc = office, doc

    def track(self, on: bool) -> None:
        self.doc.RecordChanges = on

    def clause(self, bookmark: str) -> Any:
        """The paragraph holding the clause bookmark ``bookmark``."""
        anchor = self.doc.Bookmarks.getByName(bookmark).Anchor
        enum = self.doc.Text.createEnumeration()
        while enum.hasMoreElements():
            p = enum.nextElement()
            if p.supportsService("com.sun.star.text.Paragraph") and \
                    self.doc.Text.compareRegionStarts(p.Start, anchor.Start) == 0:
                return p
        raise KeyError(bookmark)

    def cursor_at(self, para: Any, offset: int) -> Any:
        c = self.doc.Text.createTextCursorByRange(para.Start)
        c.goRight(offset, False)
        return c

    def goto(self, rng: Any, select: bool = False) -> Any:
        vc = self.doc.CurrentController.ViewCursor
        vc.gotoRange(rng, select)
        return vc

    def command(self, name: str, **args: Any) -> None:
        frame = self.doc.CurrentController.Frame
        self.office.dispatcher.executeDispatch(frame, f".uno:{name}", "", 0,
                                               tuple(self.office.prop(k, v) for k, v in args.items()))

    def type(self, text: str) -> None:
        self.command("InsertText", Text=text)

    def after_number(self, para: Any) -> Any:
        """Just after the number and its tab."""
        return self.cursor_at(para, para.String.index("\t") + 1)

    def select_words(self, para: Any, words: str) -> None:
        i = para.String.index(words)
        self.goto(self.cursor_at(para, i))
        self.doc.CurrentController.ViewCursor.goRight(len(words), True)

    def select_paragraph(self, para: Any) -> None:
        """The whole paragraph and its mark (to the start of the next one)."""
        self.goto(para.Start)
        self.doc.CurrentController.ViewCursor.goRight(len(para.String) + 1, True)

    def save(self, out: Path) -> None:
        self.doc.storeToURL(out.as_uri(), (self.office.prop("FilterName", "MS Word 2007 XML"),))
        self.doc.close(True)


# ---------------------------------------------------------------------------------------- the edits

def resave(d: Doc) -> None:
    """Opened and saved, nothing else."""


def typed_start(d: Doc) -> None:
    d.goto(d.after_number(d.clause("c_op_statelessness")))
    d.type(cases.START)


def typed_after_label(d: Doc) -> None:
    d.goto(d.clause("c_op_reaffirm_cartagena").End)
    d.type(cases.AFTER_LABEL)


def new_paragraph(d: Doc) -> None:
    d.goto(d.clause("c_op_access_territory").End)
    d.command("InsertPara")
    d.type(cases.NEW_PARAGRAPH)


def cut_and_paste(d: Doc) -> None:
    d.select_paragraph(d.clause("c_op_follow_up"))
    d.command("Cut")
    d.goto(d.clause("c_op_quality_asylum").Start)
    d.command("Paste")


def number_bis(d: Doc) -> None:
    d.goto(d.cursor_at(d.clause("c_op_solutions"), 1))
    d.type(" bis")


def copy_paste(d: Doc) -> None:
    d.select_paragraph(d.clause("c_op_solutions"))
    d.command("Copy")
    d.goto(d.clause("c_op_disaster_displacement").Start)
    d.command("Paste")
    # the copy is now just before op 7: its number "6" becomes "6 bis"
    copy = d.clause("c_op_disaster_displacement")
    enum = d.doc.Text.createEnumeration()
    previous = None
    while enum.hasMoreElements():
        p = enum.nextElement()
        if d.doc.Text.compareRegionStarts(p.Start, copy.Start) == 0:
            break
        previous = p
    d.goto(d.cursor_at(previous, 1))
    d.type(" bis")


def deletions(d: Doc) -> None:
    d.select_words(d.clause("c_op_mixed_movements"), "la protección temporal y ")
    d.command("Delete")
    d.select_paragraph(d.clause("c_op_disaster_displacement"))
    d.command("Delete")
    d.select_words(d.clause("c_op_international_cooperation"), "previsibles")
    d.type("predecibles")


def plan_start(d: Doc) -> None:
    d.goto(d.after_number(d.clause("c_poa_1_quality_asylum_differentiated")))
    d.type(cases.PLAN_START)


EDITS: dict[str, tuple[str, Callable[[Doc], None]]] = {
    "start": ("declaration", typed_start),
    "after-label": ("declaration", typed_after_label),
    "new-paragraph": ("declaration", new_paragraph),
    "move": ("declaration", cut_and_paste),
    "number": ("declaration", number_bis),
    "paste": ("declaration", copy_paste),
    "edits": ("declaration", deletions),
}


def jobs() -> list[tuple[str, str, bool, Callable[[Doc], None]]]:
    """(file, document, tracked, edit) for every LibreOffice case."""
    out = [("lo-resave-declaration.docx", "declaration", False, resave),
           ("lo-resave-plan.docx", "plan-of-action", False, resave),
           ("lo-tracked-plan.docx", "plan-of-action", True, plan_start)]
    for how, tracked in (("tracked", True), ("silent", False)):
        for name, (document, edit) in EDITS.items():
            out.append((f"lo-{how}-{name}.docx", document, tracked, edit))
    return out


def main() -> int:
    base.DATA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        drafts = base.clean_drafts(base.example_workspace(t / "example"), t / "drafts")
        office = Office(t / "profile")
        try:
            for file, document, tracked, edit in jobs():
                assert file in cases.BY_FILE, f"{file} has no case in cases.py"
                source = t / f"in-{file}"
                shutil.copyfile(drafts[document], source)  # LibreOffice locks the file it opened
                d = office.open(source)
                d.track(tracked)
                edit(d)
                d.save(base.DATA / file)
                print(base.DATA / file)
        finally:
            office.close()
    missing = [c.file for c in cases.CASES if c.maker == "libreoffice" and not (base.DATA / c.file).exists()]
    if missing:
        print(f"cases without a file: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    os.environ.setdefault("SAL_USE_VCLPLUGIN", "svp")
    raise SystemExit(main())
