"""HTML tables for the reports: the summary page's tables, a table a reader can filter
in the page itself, and the initiatives laid out for reading (in both).

Cells arrive formatted (``sek``, ``msek``) and are escaped here; a null is a dash and a
list is joined as in the exports. The filtered table is plain HTML with a few lines of
script and no library: it works in the static ``reports/<name>.html`` opened offline,
and in Jupyter.
"""
from __future__ import annotations

import hashlib
import html
import json

import numpy as np
import pandas as pd

from pipeline.export import (
    LIST_SEPARATOR,  # lists read as in the CSV files and the workbook
)
from pipeline.reports.figures import sek, swedish_number
from pipeline.reports.tables import county_names, municipality_names

SEARCH_SCRIPT = """
(function () {
  var box = document.getElementById(%(id)s);
  var inputs = box.querySelectorAll("input[data-column]");
  var rows = box.querySelectorAll("tbody tr");
  var count = box.querySelector(".pm-shown");
  function filter() {
    var shown = 0;
    rows.forEach(function (row) {
      var keep = Array.prototype.every.call(inputs, function (input) {
        var wanted = input.value.trim().toLowerCase();
        return !wanted || row.cells[+input.dataset.column].textContent.toLowerCase().indexOf(wanted) >= 0;
      });
      row.style.display = keep ? "" : "none";
      shown += keep ? 1 : 0;
    });
    count.textContent = shown + " of " + rows.length + " shown";
  }
  inputs.forEach(function (input) { input.addEventListener("input", filter); });
})();
"""
SEARCH_STYLE = ".pm-search label { margin-right: 1rem; } .pm-search input { width: 12rem; } .pm-shown { color: #666; }"


def cell_text(value) -> str:
    """A cell as text: a dash for a null, list items joined with ``"; "``."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return LIST_SEPARATOR.join(map(str, value)) or "–"
    if value is None or value is pd.NA or pd.isna(value):
        return "–"
    return str(value)


def html_table(frame: pd.DataFrame, numeric: tuple[str, ...] = (), empty: str = "None in this build.") -> str:
    """An HTML table of already formatted cells, escaped; a sentence when there are no rows."""
    if frame.empty:
        return f"<p class='note'>{html.escape(empty)}</p>"

    def cell(tag: str, column: str, text: str) -> str:
        return f"<{tag}{' class=num' if column in numeric else ''}>{html.escape(text)}</{tag}>"
    head = "".join(cell("th", c, c) for c in frame.columns)
    rows = "".join("<tr>" + "".join(cell("td", c, cell_text(v)) for c, v in zip(frame.columns, row)) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def searchable_table(frame: pd.DataFrame, search: tuple[str, ...], numeric: tuple[str, ...] = ()) -> str:
    """The table with a filter box above it for each column in ``search``: a row stays
    when each box's text is part of that column's cell (any case), and a line says how
    many rows are shown."""
    missing = [c for c in search if c not in frame.columns]
    if missing:
        raise KeyError(f"no column {', '.join(missing)} to search in")
    table = html_table(frame, numeric)
    box_id = "pm-search-" + hashlib.sha1(table.encode()).hexdigest()[:10]
    boxes = "".join(f"<label>{html.escape(c)} <input type='search' data-column='{list(frame.columns).index(c)}'></label>"
                    for c in search)
    shown = f"{len(frame)} of {len(frame)} shown"
    return (f"<style>{SEARCH_STYLE}</style><div class='pm-search' id='{box_id}'><p>{boxes}"
            f"<span class='pm-shown'>{shown}</span></p>{table}</div>"
            f"<script>{SEARCH_SCRIPT % {'id': json.dumps(box_id)}}</script>")


def years(first, last) -> str:
    """``2022``, ``2022–2025``, or a dash when unknown."""
    if first is None or pd.isna(first):
        return "–"
    return str(first) if last is None or pd.isna(last) or last == first else f"{first}–{last}"


def initiatives_for_reading(initiatives: pd.DataFrame) -> pd.DataFrame:
    """The initiatives as a reader scans them, the largest first: name (a dash for a
    grant no text names), owner, funders and recipients, amount, years, municipality and
    county by name, themes, target groups, releases and first publication."""
    ordered = initiatives.sort_values(["amount_sek", "n_documents", "year_first"], ascending=False, na_position="last")
    counties, municipalities = county_names(), municipality_names()
    return pd.DataFrame({
        "initiative": ordered.name, "owner": ordered.owner,
        "funders": ordered.funders.map(cell_text), "recipients": ordered.recipients.map(cell_text),
        "amount": ordered.amount_sek.map(sek), "years": [years(f, l) for f, l in zip(ordered.year_first, ordered.year_last)],
        "municipality": ordered.municipality_code.map(lambda code: municipalities.get(code, code)),
        "county": ordered.county_code.map(lambda code: counties.get(code, code)),
        "themes": ordered.themes.map(cell_text), "target groups": ordered.target_groups.map(cell_text),
        "releases": ordered.n_documents.map(swedish_number), "first published": ordered.first_published,
    }).reset_index(drop=True)
