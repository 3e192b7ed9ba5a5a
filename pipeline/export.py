"""``python -m pipeline export``: the tables for analysts who go on in a spreadsheet.

Writes, from a built ``data/processed/``:

- ``exports/<table>.csv`` for every contract table: UTF-8 with a byte-order mark (so
  Excel reads å, ä and ö right), comma-separated, quoted where needed;
- ``exports/pressmine.xlsx``: a sheet per table and a ``data dictionary`` sheet with
  every column's type and meaning from :mod:`pipeline.dataset.schema`.

Both carry the same values: list columns joined with ``"; "``, dates as ISO dates,
whole numbers without decimals, nulls as empty cells. Excel's own limits are kept
and said in the dictionary sheet: a cell holds at most 32,767 characters (a longer
text is cut, the CSV has it whole) and a sheet at most 1,048,576 rows. Each file is
written beside its target and moved into place, so a failed export never leaves a
half-written file where the last good one was.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from pipeline.dataset.schema import CONTRACT_VERSION, SCHEMAS, TABLES
from pipeline.reports.output import replace_into_place
from pipeline.reports.tables import (
    NULLABLE_PANDAS_TYPES,
    build_info,
    require_build,
)

LIST_SEPARATOR = "; "
WORKBOOK = "pressmine.xlsx"
DICTIONARY_SHEET = "data dictionary"
EXCEL_MAX_CHARS = 32_767
EXCEL_MAX_ROWS = 1_048_576


def readable(table: pa.Table) -> pd.DataFrame:
    """A table as the exports show it: lists joined with ``"; "``, whole numbers as
    nullable integers (never ``2016.0``), dates as ``datetime.date``."""
    frame = table.to_pandas(types_mapper=NULLABLE_PANDAS_TYPES.get)
    for field in table.schema:
        if pa.types.is_list(field.type):
            frame[field.name] = [None if items is None else LIST_SEPARATOR.join(map(str, items))
                                 for items in frame[field.name]]
    return frame


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    replace_into_place(lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n"), path)


def _excel_value(value, ws, notes: set[str], where: str):
    """A value as an Excel cell takes it: text cleaned of characters the format forbids,
    cut at Excel's cell limit, and never read as a formula."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if not isinstance(value, str):
        if isinstance(value, dt.date):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = "yyyy-mm-dd"
            return cell
        return value.item() if hasattr(value, "item") else value
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(text) > EXCEL_MAX_CHARS:
        notes.add(f"{where}: texts longer than {EXCEL_MAX_CHARS:,} characters are cut in the workbook "
                  "(ending in '…'); the CSV file has them whole.")
        text = text[: EXCEL_MAX_CHARS - 1] + "…"
    if text.startswith("="):
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"  # text, not a formula
        return cell
    return text


def _dictionary_rows(info: dict, notes: list[str]) -> list[list]:
    rows: list[list] = [[f"pressmine data contract {CONTRACT_VERSION}"],
                        [f"build {info.get('fingerprint', '?')}, NLP base {info.get('nlp_pipeline', '?')}, "
                         f"pipeline {info.get('pipeline_version', '?')}"],
                        [f"List columns are joined with '{LIST_SEPARATOR}'. Empty cells are nulls. "
                         "Row order is not significant."]]
    rows += [[note] for note in notes]
    rows += [[], ["table", "column", "type", "nullable", "meaning"]]
    for name, (columns, _doc) in TABLES.items():
        rows += [[name, c.name, str(c.type), "yes" if c.nullable else "no", c.doc] for c in columns]
    rows += [[], ["table", "meaning"]]
    rows += [[name, doc] for name, (_columns, doc) in TABLES.items()]
    return rows


def write_workbook(frames: dict[str, pd.DataFrame], info: dict, path: Path) -> None:
    """A sheet per table, then the data dictionary, streamed (write-only workbook)."""
    def write(tmp: Path) -> None:
        book = Workbook(write_only=True)
        notes: set[str] = set()
        for name, frame in frames.items():
            ws = book.create_sheet(name)
            ws.append(list(frame.columns))
            if len(frame) >= EXCEL_MAX_ROWS:
                notes.add(f"{name}: only the first {EXCEL_MAX_ROWS - 1:,} of {len(frame):,} rows fit in a sheet; "
                          f"{name}.csv has them all.")
            for row in frame.head(EXCEL_MAX_ROWS - 1).itertuples(index=False):
                ws.append([_excel_value(v, ws, notes, f"{name}.{col}") for v, col in zip(row, frame.columns)])
        ws = book.create_sheet(DICTIONARY_SHEET)
        for row in _dictionary_rows(info, sorted(notes)):
            ws.append([_excel_value(v, ws, set(), DICTIONARY_SHEET) for v in row])
        book.save(tmp)

    replace_into_place(write, path)


def export(processed: Path, out: Path, workbook: bool = True) -> list[Path]:
    """Write every table of the build in ``processed`` to ``out``; return the files written."""
    require_build(processed)
    info = build_info(processed)
    out.mkdir(parents=True, exist_ok=True)
    frames = {name: readable(pq.read_table(processed / f"{name}.parquet")) for name in SCHEMAS}
    written = []
    for name, frame in frames.items():
        write_csv(frame, out / f"{name}.csv")
        written.append(out / f"{name}.csv")
    if workbook:
        write_workbook(frames, info, out / WORKBOOK)
        written.append(out / WORKBOOK)
    return written
