"""Who a commit is by: the git identity of a delegation, or of the secretariat, in a workspace.

The e-mail addresses are under ``.invalid``: they name, they reach no one."""

from __future__ import annotations

from ..model import Workspace

SECRETARIAT = ("Secretariat", "secretariat@drafting.invalid")


def author_of(ws: Workspace, code: str) -> tuple[str, str]:
    d = ws.delegations.get(code)
    name = d.display("en") if d else code
    return (name, f"{code.lower()}@delegations.drafting.invalid")


def secretariat_of(ws: Workspace) -> tuple[str, str]:
    for code, d in ws.delegations.items():
        if d.kind == "secretariat" and code != "CHAIR":
            return (f"{d.display('en')} (secretariat)", f"{code.lower()}@delegations.drafting.invalid")
    return SECRETARIAT
