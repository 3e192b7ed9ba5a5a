"""Presentation helpers shared by the notebooks, so each notebook holds only its question
and its figures.

- Swedish number formats: ``2 400 000 kr``, ``2,4 MSEK`` (non-breaking spaces between
  thousands, decimal comma), and axes in SEK or MSEK written that way.
- A caption under every figure naming the tables and filters it shows, so a figure
  copied out of its report still says where it comes from.
- A message in place of a figure when a build has nothing to draw, instead of an
  empty axis or an error.
- Two charts used in several notebooks: ranked horizontal bars and a funder ->
  recipient flow chart.
"""
from __future__ import annotations

from typing import Iterable

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

NBSP = "\u00a0"
MILLION = 1_000_000
CAPTION_STYLE = {"fontsize": 8, "color": "0.35", "ha": "left", "va": "top", "wrap": True}


def swedish_number(value: float, decimals: int = 0) -> str:
    """``1234567.5`` -> ``'1 234 567,5'``: spaces between thousands, decimal comma;
    trailing zero decimals are dropped (``2,50`` -> ``2,5``, ``3,0`` -> ``3``)."""
    text = f"{value:,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    if decimals and "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def _whole_number_tick(value: float, _pos=None) -> str:
    """Tick label of a count: whole numbers only (no '1,5 documents')."""
    return swedish_number(value) if float(value).is_integer() else ""


def sek(amount: float | None) -> str:
    """An amount in kronor as Swedes write it: ``2 400 000 kr``; a dash when unknown."""
    if amount is None or pd.isna(amount):
        return "–"
    return f"{swedish_number(amount)}{NBSP}kr"


def msek(amount: float | None, decimals: int = 2) -> str:
    """An amount in millions of kronor: ``2,4 MSEK``; a dash when unknown."""
    if amount is None or pd.isna(amount):
        return "–"
    return f"{swedish_number(amount / MILLION, decimals)}{NBSP}MSEK"


def sek_axis(ax: Axes, axis: str = "y", values: Iterable[float] | None = None) -> str:
    """Write an axis in MSEK when the largest value is a million kronor or more, else in
    SEK, with Swedish separators; label it and return the unit used."""
    largest = max((abs(v) for v in values if pd.notna(v)), default=0) if values is not None else MILLION
    scale, unit = (MILLION, "MSEK") if largest >= MILLION else (1, "SEK")
    formatter = FuncFormatter(lambda v, _pos: swedish_number(v / scale, 2))
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(formatter)
    (ax.set_ylabel if axis == "y" else ax.set_xlabel)(unit)
    return unit


def count_axis(ax: Axes, axis: str = "y", label: str = "") -> None:
    """Whole numbers with Swedish separators on a count axis."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(_whole_number_tick))
    if label:
        (ax.set_ylabel if axis == "y" else ax.set_xlabel)(label)


def probability_axis(ax: Axes, axis: str = "x", label: str = "") -> None:
    """An axis from 0 to 1 with a decimal comma (0,5)."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(FuncFormatter(lambda v, _pos: swedish_number(v, 1)))
    (ax.set_xlim if axis == "x" else ax.set_ylim)(0, 1)
    if label:
        (ax.set_xlabel if axis == "x" else ax.set_ylabel)(label)


def caption(fig: Figure, text: str) -> None:
    """A line under the figure saying which tables and filters it shows (the figure is
    laid out first, so that the line starts at its left edge)."""
    fig.tight_layout()
    fig.text(0.01, 0, text, transform=fig.transFigure, **CAPTION_STYLE)


def say(message: str) -> None:
    """Show a short message in the notebook (as Markdown when run in Jupyter)."""
    try:
        from IPython.display import Markdown, display
    except ImportError:  # outside a notebook
        print(message)
        return
    display(Markdown(message))


def has_rows(frame: pd.DataFrame, what: str, source: str) -> bool:
    """True when ``frame`` has rows to draw; else say that this build has none, so a
    notebook runs on any build, however small, and tells the reader why a figure is missing."""
    if len(frame):
        return True
    say(f"> **Nothing to show for {what}:** {source} has no rows for it in this build.")
    return False


def style() -> None:
    """The look shared by every figure in the reports."""
    plt.rcParams.update({
        "figure.figsize": (9, 4.5), "figure.dpi": 100, "savefig.bbox": "tight",
        "axes.spines.top": False, "axes.spines.right": False, "axes.titleweight": "bold",
        "axes.titlelocation": "left", "axes.grid": False, "font.size": 10,
    })


def shorten(label: object, width: int = 45) -> str:
    """A label cut to ``width`` characters with an ellipsis, for axes."""
    text = "–" if label is None or (not isinstance(label, str) and pd.isna(label)) else str(label)
    return text if len(text) <= width else text[: width - 1] + "…"


def ranked_bars(values: pd.Series, title: str, money: bool = True, width: int = 45, ax: Axes | None = None,
                counts_of: str = "") -> Axes:
    """Horizontal bars, the largest at the top, the value written at each bar's end
    (on a new figure as tall as the bars need, unless ``ax`` is given); an axis in
    SEK/MSEK, or of counts of ``counts_of``."""
    values = values.sort_values()
    if ax is None:
        _fig, ax = plt.subplots(figsize=(9, 1 + 0.3 * len(values)))
    ax.set_title(title)
    if values.empty:
        ax.set_axis_off()
        ax.text(0, 0.5, "none in this build", transform=ax.transAxes, color="0.4")
        return ax
    positions = range(len(values))  # by position: two bars may have the same label
    ax.barh(positions, values.to_numpy(), color="#2b6a99")
    ax.set_yticks(positions, [shorten(label, width) for label in values.index])
    if money:
        sek_axis(ax, "x", values)
        labels = [msek(v) if v >= MILLION else sek(v) for v in values]
    else:
        count_axis(ax, "x", counts_of)
        labels = [swedish_number(v) for v in values]
    for y, (value, text) in enumerate(zip(values, labels)):
        ax.annotate(text, (value, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.margins(x=0.15)
    return ax


def flow_chart(ax: Axes, flows: pd.DataFrame, title: str) -> None:
    """Funders on the left, recipients on the right, a band between them as wide as the
    money (columns ``source``, ``target``, ``amount``), largest at the top."""
    sources = flows.groupby("source").amount.sum().sort_values(ascending=False)
    targets = flows.groupby("target").amount.sum().sort_values(ascending=False)
    source_y = {name: -i for i, name in enumerate(sources.index)}
    target_y = {name: -i * (len(sources) - 1) / max(len(targets) - 1, 1) for i, name in enumerate(targets.index)}
    widest = flows.amount.max()
    for row in flows.itertuples():
        ax.plot([0, 1], [source_y[row.source], target_y[row.target]], color="#2b6a99",
                alpha=0.45, linewidth=1 + 14 * row.amount / widest, solid_capstyle="butt")
    for name, y in source_y.items():
        ax.text(-0.02, y, f"{shorten(name, 35)}  {msek(sources[name])}", ha="right", va="center", fontsize=8)
    for name, y in target_y.items():
        ax.text(1.02, y, f"{msek(targets[name])}  {shorten(name, 35)}", ha="left", va="center", fontsize=8)
    ax.set_xlim(-0.05, 1.05)
    ax.set_axis_off()
    ax.set_title(title)


def choropleth(ax: Axes, areas, column: str, title: str, money: bool) -> None:
    """Areas (a GeoDataFrame) shaded by ``column``; areas without a value in light grey.
    Money is shaded in MSEK, counts as whole numbers; the colour bar is written the Swedish way."""
    ax.set_axis_off()
    ax.set_title(title)
    areas.plot(ax=ax, color="#eeeeee", edgecolor="white", linewidth=0.3)
    shaded = areas[areas[column].notna() & (areas[column] > 0)]
    if shaded.empty:
        return
    values = shaded[column] / MILLION if money else shaded[column]
    ticks = FuncFormatter(lambda v, _pos: swedish_number(v, 2)) if money else FuncFormatter(_whole_number_tick)
    shaded.assign(_value=values).plot(
        ax=ax, column="_value", cmap="viridis_r" if money else "magma_r", edgecolor="white", linewidth=0.3,
        legend=True, legend_kwds={"label": "MSEK" if money else "number", "shrink": 0.6, "format": ticks})
