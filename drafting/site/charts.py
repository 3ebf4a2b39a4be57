"""Progress in pictures: the figures of ``ops.progress`` drawn with matplotlib, as SVG (the site, the
HTML report) or PNG (the Word report, ``report --format png``).

matplotlib is imported here only, when a chart is drawn, so that no other command pays for it.  The
output is reproducible: no date in the files, fixed ids (``svg.hashsalt``), text drawn as paths (an
SVG needs no font from anywhere).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from .common import FATE_WORDS, STATUS_WORDS, language_name

# colours that stay apart for readers with a colour-vision deficiency (Okabe-Ito), by meaning
STATUS_COLOURS = {"agreed": "#009E73", "agreed-ad-ref": "#56B4E9", "agreed-in-informals": "#0072B2",
                  "held": "#E69F00", "pending": "#BBBBBB"}
FATE_COLOURS = {"accepted": "#009E73", "modified": "#56B4E9", "merged": "#0072B2", "accommodated": "#CC79A7",
                "rejected": "#D55E00", "withdrawn": "#999999", "open": "#F0E442"}
INK = "#222222"


class _Figures:
    """Figures straight from ``matplotlib.figure`` (not pyplot: no GUI backend, no global state, a
    quicker import); ``subplots`` as pyplot's."""

    def __init__(self) -> None:
        from matplotlib.figure import Figure
        self.Figure = Figure

    def subplots(self, figsize: tuple[float, float]) -> tuple[Any, Any]:
        fig = self.Figure(figsize=figsize)
        return fig, fig.subplots()

    def close(self, fig: Any) -> None:
        fig.clear()


def _pyplot() -> Any:
    import matplotlib

    matplotlib.rcParams.update({
        "svg.hashsalt": "drafting", "svg.fonttype": "path", "font.size": 10, "axes.edgecolor": INK,
        "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK, "axes.spines.top": False,
        "axes.spines.right": False, "figure.dpi": 100,
    })
    return _Figures()


def _plain(text: str) -> str:
    """A label as written: a dollar sign would start matplotlib's mathematical notation."""
    return text.replace("$", r"\$")


def _whole(axis: Any) -> None:
    """Counts: ticks on whole numbers only."""
    from matplotlib.ticker import MaxNLocator
    axis.set_major_locator(MaxNLocator(integer=True))


def _save(fig: Any, fmt: str) -> bytes:
    buf = io.BytesIO()
    meta = {"Date": None} if fmt == "svg" else {"Software": "drafting"}
    fig.savefig(buf, format=fmt, bbox_inches="tight", metadata=meta, dpi=150 if fmt == "png" else None)
    return buf.getvalue()


def status_chart(plt: Any, data: dict[str, Any]) -> Any:
    versions = [v for v in data["versions"] if "by_status" in v]
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    x = range(len(versions))
    bottom = [0] * len(versions)
    for status in reversed(data["statuses"]):  # agreed at the bottom, pending on top
        values = [v["by_status"].get(status, 0) for v in versions]
        ax.bar(x, values, bottom=bottom, color=STATUS_COLOURS.get(status, "#777777"),
               label=STATUS_WORDS.get(status, status), width=0.6)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_xticks(list(x), [_plain(v["label"]) for v in versions])
    ax.set_ylabel("paragraphs")
    _whole(ax.yaxis)
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), frameon=False)
    ax.set_title("Paragraphs by status", loc="left")
    return fig


def brackets_chart(plt: Any, data: dict[str, Any]) -> Any:
    versions = [v for v in data["versions"] if "brackets" in v]
    fig, ax = plt.subplots(figsize=(6.4, 2.8))
    x = list(range(len(versions)))  # positions, not labels: two versions may share a label
    ax.plot(x, [v["brackets"] for v in versions], marker="o", color="#D55E00", label="square brackets")
    ax.plot(x, [v["open_proposals"] for v in versions], marker="s", color="#0072B2", label="open proposals")
    ax.set_xticks(x, [_plain(v["label"]) for v in versions])
    ax.margins(x=0.08)  # the first and last labels clear of the axis
    ax.set_ylim(bottom=0)
    _whole(ax.yaxis)
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), frameon=False)
    ax.set_title("Square brackets and open proposals", loc="left")
    return fig


def delegations_chart(plt: Any, data: dict[str, Any]) -> Any:
    rows = sorted(data["delegations"].items(), key=lambda kv: (sum(kv[1].values()), kv[0]))
    height = max(2.4, 0.22 * len(rows) + 1.0)
    fig, ax = plt.subplots(figsize=(6.4, height))
    codes = [_plain(code) for code, _ in rows]
    left = [0] * len(rows)
    for f in data["fates"]:
        values = [counts.get(f, 0) for _, counts in rows]
        ax.barh(codes, values, left=left, color=FATE_COLOURS.get(f, "#777777"), label=FATE_WORDS.get(f, f),
                height=0.7)
        left = [a + b for a, b in zip(left, values)]
    ax.set_xlabel("proposals made")
    _whole(ax.xaxis)
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), frameon=False)
    ax.set_title("Proposals per delegation, by fate", loc="left")
    return fig


def translation_chart(plt: Any, data: dict[str, Any]) -> Any:
    now = data["versions"][-1]
    langs = list(now.get("awaiting_translation", {}))
    fig, ax = plt.subplots(figsize=(6.4, 2.4))
    values = [now["awaiting_translation"][lang] for lang in langs]
    ax.bar([language_name(lang) for lang in langs], values, color="#CC79A7", width=0.5)
    for i, v in enumerate(values):
        ax.annotate(str(v), (i, v), ha="center", va="bottom", xytext=(0, 2), textcoords="offset points")
    ax.set_ylabel("paragraphs")
    ax.set_ylim(bottom=0, top=max([*values, 1]) * 1.2)
    _whole(ax.yaxis)
    ax.set_title("Paragraphs awaiting translation, now", loc="left")
    return fig


CHARTS: dict[str, tuple[str, Callable[[Any, dict[str, Any]], Any]]] = {
    "status": ("Paragraphs by status in each version", status_chart),
    "brackets": ("Square brackets and open proposals in each version", brackets_chart),
    "delegations": ("Proposals per delegation, by fate", delegations_chart),
    "translation": ("Paragraphs awaiting translation, per language", translation_chart),
}


def draw(data: dict[str, Any], fmt: str = "svg") -> dict[str, bytes]:
    """Every chart of the figures ``data`` (``ops.progress.progress``), name -> bytes."""
    plt = _pyplot()
    out = {}
    for name, (_, make) in CHARTS.items():
        fig = make(plt, data)
        try:
            out[name] = _save(fig, fmt)
        finally:
            plt.close(fig)
    return out
