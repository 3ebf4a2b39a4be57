"""The performance targets, each PASS or MISS (MISSING when what it needs was not measured), from the
results of a run.  Time targets are read at XL (or, in a run without XL, the largest size run, and said
so); the comparisons with pandoc and python-redlines at XXL (or the largest size that ran them)."""

from __future__ import annotations

from typing import Any

# (label, the target's wording, limit in seconds) at XL, warm, with the full history
TIME_LIMITS = [
    ("compile-changes", "compile --kind changes --since zero ≤ 1 s", 1.0),
    ("diff", "diff zero HEAD ≤ 1 s", 1.0),
    ("log", "log CLAUSE ≤ 1 s", 1.0),
    ("status", "status ≤ 1 s", 1.0),
    ("validate", "validate ≤ 1 s", 1.0),
    ("audit", "audit ≤ 3 s", 3.0),
    ("decide", "decide ≤ 0.4 s", 0.4),
    ("compile-compilation", "compile --kind compilation ≤ 2 s", 2.0),
]
# targets of the first release that no newer one replaces
KEPT_LIMITS = [
    ("help", "drafting --help ≤ 0.15 s", 0.15),
    ("compile-clean", "compile --kind clean ≤ 1 s", 1.0),
    ("diff-worktree", "diff (last version → working tree) ≤ 1 s", 1.0),
    ("import-docx", "import-docx (1,000 tracked changes) ≤ 3 s", 3.0),
]
MEMORY_MB = 400
COLD_FACTOR = 2.0
HISTORY_FACTOR = 1.3
FLOOR_FACTOR = 2.0
REDLINES_FACTOR = 30.0
PANDOC_FACTOR = 5.0
EXPONENT = 1.1


def _size_with(results: dict[str, Any], prefer: str, need: str) -> str | None:
    """``prefer`` if it ran, else the largest size that measured ``need`` (a command or reference)."""
    sizes = results["sizes"]
    if prefer in sizes:
        return prefer
    have = [s for s, sr in sizes.items() if need in sr.get("commands", {}) or need in sr.get("references", {})]
    return max(have, key=lambda s: sizes[s]["info"]["clauses"], default=None)


def _warm(sr: dict[str, Any] | None, label: str) -> dict[str, Any] | None:
    return None if sr is None else sr.get("commands", {}).get(label, {}).get("warm")


def _row(target: str, size: str | None, command: str | None, measured: float | None, unit: str, limit: str,
         ok: bool | None, *, reference: str | None = None, reference_s: float | None = None,
         ratio: float | None = None, note: str = "", profile: tuple[str, str, str] | None = None,
         spread: str = "", cpu: float | None = None) -> dict[str, Any]:
    return {"target": target, "size": size, "command": command, "measured": measured, "unit": unit,
            "spread": spread, "cpu_s": cpu, "limit": limit, "reference": reference, "reference_s": reference_s,
            "ratio": ratio, "status": "MISSING" if ok is None else ("PASS" if ok else "MISS"), "note": note,
            "profile": profile}


def _spread(r: dict[str, Any] | None) -> str:
    if not r or r.get("min_s") is None:
        return ""
    return f"{r['min_s']:.3f}–{r['max_s']:.3f}"


def _why(r: dict[str, Any] | None, size: str | None) -> str:
    if size is None:
        return "no size measured it"
    if r is None:
        return f"not measured at {size}"
    return (r.get("reason") or "").strip().splitlines()[-1:][0] if r.get("reason") else ""


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    sizes = results["sizes"]
    size = _size_with(results, "XL", "status")
    sr = sizes.get(size) if size else None

    def limit(label: str, title: str, bound: float) -> None:
        r = _warm(sr, label)
        value = r.get("median_s") if r else None
        rows.append(_row(title, size, label, value, "s", f"≤ {bound} s", None if value is None else value <= bound,
                         note="" if value is not None else _why(r, size), profile=(size or "", label, "warm"),
                         spread=_spread(r), cpu=(r or {}).get("cpu_s")))

    for label, title, bound in TIME_LIMITS:
        limit(label, title, bound)

    # growth with history: the same text and open amendments, 2,000 decisions against 50, side by side
    r = _warm(sr, "compile-changes")
    few = sr.get("references", {}).get("changes-few-decisions") if sr else None
    a, b = (r or {}).get("median_s"), (few or {}).get("median_s")
    ratio = round(a / b, 2) if a and b else None
    decisions = (sr or {}).get("info", {}).get("decisions")
    few_n = (sr or {}).get("twin_decisions")
    rows.append(_row(f"changes at {decisions or 'N'} decisions ≤ {HISTORY_FACTOR}× changes at {few_n or 'few'}",
                     size, "compile-changes", a, "s", f"≤ {HISTORY_FACTOR}×",
                     None if ratio is None else ratio <= HISTORY_FACTOR, reference="changes-few-decisions",
                     reference_s=b, ratio=ratio, note="" if ratio else _why(few, size),
                     profile=(size or "", "compile-changes", "warm"), spread=_spread(r)))

    # cold (a fresh clone) against warm, every command
    worst: tuple[float, str, float, float] | None = None
    for label, states in (sr or {}).get("commands", {}).items():
        w, c = states.get("warm") or {}, states.get("cold") or {}
        if w.get("median_s") and c.get("median_s"):
            q = round(c["median_s"] / w["median_s"], 2)
            if worst is None or q > worst[0]:
                worst = (q, label, c["median_s"], w["median_s"])
    rows.append(_row(f"cold (fresh clone, empty cache) ≤ {COLD_FACTOR}× warm, every command", size,
                     worst[1] if worst else None, worst[2] if worst else None, "s", f"≤ {COLD_FACTOR}×",
                     None if worst is None else worst[0] <= COLD_FACTOR, ratio=worst[0] if worst else None,
                     reference="warm", reference_s=worst[3] if worst else None,
                     note="" if worst else "no cold runs (fresh clones) measured",
                     profile=(size or "", worst[1], "cold") if worst else None))

    def versus(title: str, prefer: str, label: str, ref: str, bound: float, faster: bool) -> None:
        at = _size_with(results, prefer, ref)
        s = sizes.get(at) if at else None
        mine = _warm(s, label)
        theirs = s.get("references", {}).get(ref) if s else None
        a, b = (mine or {}).get("median_s"), (theirs or {}).get("median_s")
        value = None if not a or not b else round(b / a if faster else a / b, 2)
        note = _why(mine, at) if not a else (_why(theirs, at) if not b else "")
        if theirs and theirs.get("reused"):
            # not side by side, perhaps under another load: the ratio of the CPU times (the work each did)
            cpu_a, cpu_b = (mine or {}).get("cpu_s"), theirs.get("cpu_s")
            note = (f"{ref} reused, measured on {theirs['measured_on']}"
                    + (f" (load {theirs['load_after']})" if theirs.get("load_after") is not None else "")
                    + (f"; the lesser of the CPU and the wall ratios (wall: {value}×)" if cpu_a and cpu_b else ""))
            if cpu_a and cpu_b:
                # the less favourable of the two ratios to drafting: a reference's threads can make its
                # CPU time exceed its wall time
                by_cpu = round(cpu_b / cpu_a if faster else cpu_a / cpu_b, 2)
                value = by_cpu if value is None else (min(value, by_cpu) if faster else max(value, by_cpu))
        if a and theirs and theirs.get("status") == "unfinished" and theirs.get("bound_s") and faster:
            # the reference was stopped unfinished: it takes longer than bound_s, so the ratio is at least
            value = round(theirs["bound_s"] / a, 2)
            note = f"{ref} stopped unfinished after {theirs['bound_s']:g} s: the ratio is at least {value}×"
            b = theirs["bound_s"]
        ok = None if value is None else (value >= bound if faster else value <= bound)
        rows.append(_row(title, at, label, a, "s", f"{'≥' if faster else '≤'} {bound:g}×", ok, reference=ref,
                         reference_s=b, ratio=value, note=note, profile=(at or "", label, "warm"),
                         spread=_spread(mine)))

    versus(f"clean draft ≤ {FLOOR_FACTOR:g}× the command floor", size or "XL", "compile-clean", "floor",
           FLOOR_FACTOR, faster=False)
    versus(f"changes ≥ {REDLINES_FACTOR:g}× faster than python-redlines (same two versions)", "XXL",
           "compile-changes", "python-redlines", REDLINES_FACTOR, faster=True)
    versus(f"clean draft ≥ {PANDOC_FACTOR:g}× faster than pandoc (same text)", "XXL", "compile-clean", "pandoc",
           PANDOC_FACTOR, faster=True)

    peaks = [(r["peak_mb"], f"{label} {state}", s, label, state) for s, x in sizes.items()
             for label, states in x.get("commands", {}).items() for state, r in states.items() if r.get("peak_mb")]
    for point in results.get("scaling", {}).get("points", []):
        for label, r in point.get("commands", {}).items():
            if r.get("peak_mb"):
                peaks.append((r["peak_mb"], f"{label} warm", f"{point['clauses']} clauses", label, "warm"))
    top = max(peaks) if peaks else None
    rows.append(_row(f"peak memory ≤ {MEMORY_MB} MB, every command, every size", top[2] if top else None,
                     top[1] if top else None, top[0] if top else None, "MB", f"≤ {MEMORY_MB} MB",
                     None if top is None else top[0] <= MEMORY_MB, note="" if top else "no command measured",
                     profile=(top[2], top[3], top[4]) if top and top[2] in sizes else None))

    for label, title, bound in KEPT_LIMITS:
        limit(label, title, bound)
    exps = [(v["exponent"], label) for label, v in results.get("scaling", {}).get("exponents", {}).items()
            if v.get("exponent") is not None]
    e = max(exps) if exps else None
    rows.append(_row(f"growth exponent over the clause series ≤ {EXPONENT}", "series", e[1] if e else None,
                     e[0] if e else None, "", f"≤ {EXPONENT}", None if e is None else e[0] <= EXPONENT,
                     note="" if e else "no scaling series (--no-series or --quick)",
                     profile=(size or "", e[1], "warm") if e else None,
                     cpu=results["scaling"]["exponents"][e[1]].get("exponent_cpu") if e else None))
    for row in [r for name in ("import_foreign", "site") for r in results.get(name, {}).get("rows", [])]:
        if row.get("limit_s") is not None:
            v = row.get("median_s")
            rows.append(_row(f"{row.get('what') or row.get('label')} ≤ {row['limit_s']:g} s", row.get("size"),
                             row.get("label"), v, "s", f"≤ {row['limit_s']:g} s",
                             None if v is None else v <= row["limit_s"] and row.get("status", "ok") == "ok",
                             note=row.get("reason", "") or ""))
    return rows
