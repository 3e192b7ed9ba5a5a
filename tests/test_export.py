"""`python -m pipeline export`: the CSV files and the workbook hold the Parquet tables."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import run_cli

from pipeline.dataset.schema import CONTRACT_VERSION, SCHEMAS, TABLES
from pipeline.export import DICTIONARY_SHEET, EXCEL_MAX_CHARS, WORKBOOK, write_workbook


@pytest.fixture(scope="module")
def exported(reports_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    code, printed, said = run_cli("export", "--processed", reports_build, "--out", out)
    assert code == 0, said
    assert printed.count("wrote ") == len(SCHEMAS) + 1
    return out


# Excel keeps 15 significant digits of a number (the workbook's file has 16: openpyxl writes '%.16g').
EXCEL_DIGITS = 15


def expected_cells(table: pa.Table, float_digits: int | None = None) -> dict[str, list[str | None]]:
    """Each column of a Parquet table as the text a spreadsheet cell should show (a
    float to ``float_digits`` significant digits when given, else in full)."""
    def cell(value, type_):
        if value is None:
            return None
        if pa.types.is_floating(type_) and float_digits:
            return f"{value:.{float_digits}g}"
        if pa.types.is_list(type_):
            return "; ".join(value) or None  # an empty list is an empty cell
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)
    return {f.name: [cell(v, f.type) for v in table.column(f.name).to_pylist()] for f in table.schema}


def as_cells(frame: pd.DataFrame, float_digits: int | None = None) -> dict[str, list[str | None]]:
    def cell(value):
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return None
        if isinstance(value, float) and float_digits:
            return f"{value:.{float_digits}g}"
        if isinstance(value, (dt.datetime, pd.Timestamp)):
            return value.date().isoformat()
        return str(value)
    return {column: [cell(v) for v in frame[column]] for column in frame.columns}


def test_csv_files_read_back_equal_the_parquet_tables(reports_build, exported):
    for name in SCHEMAS:
        raw = (exported / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
        frame = pd.read_csv(exported / f"{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        table = pq.read_table(reports_build / f"{name}.parquet")
        expected = {k: ["" if v is None else v for v in col] for k, col in expected_cells(table).items()}
        assert list(frame.columns) == SCHEMAS[name].names
        assert as_cells(frame) == expected, name
    grants = pd.read_csv(exported / "grants.csv", encoding="utf-8-sig")
    assert grants.amount_sek.dtype.kind == "i" and grants.year.dtype.kind == "i"  # 2023, not 2023.0
    assert "Länsstyrelsen i Kalmar län" in set(grants.funder)


def test_workbook_sheets_equal_the_parquet_tables(reports_build, exported):
    sheets = pd.read_excel(exported / WORKBOOK, sheet_name=None, dtype=object)
    assert list(sheets) == [*SCHEMAS, DICTIONARY_SHEET]
    for name in SCHEMAS:
        table = pq.read_table(reports_build / f"{name}.parquet")
        assert as_cells(sheets[name], EXCEL_DIGITS) == expected_cells(table, EXCEL_DIGITS), name
    initiatives = sheets["initiatives"]
    shared = initiatives[initiatives.n_documents == 2]
    assert len(shared) == 1 and shared.doc_ids.iloc[0].count("; ") == 1


def test_workbook_has_the_data_dictionary(exported):
    sheet = pd.read_excel(exported / WORKBOOK, sheet_name=DICTIONARY_SHEET, header=None, dtype=str)
    assert sheet.iloc[0, 0] == f"pressmine data contract {CONTRACT_VERSION}"
    header = sheet.index[sheet[0] == "table"][0]
    columns = sheet.iloc[header + 1:].dropna(subset=[1])
    documented = {(t, c): meaning for t, c, meaning in zip(columns[0], columns[1], columns[4])}
    for name, (cols, _doc) in TABLES.items():
        for column in cols:
            assert documented[(name, column.name)] == column.doc


def test_workbook_keeps_excel_limits_and_never_writes_formulas(tmp_path):
    long_text = "Integrationsstöd " * 3000  # 51,000 characters: over a cell's limit
    frame = pd.DataFrame({"doc_id": ["a1", "b2"], "text": [long_text, "=SUMMA(A1:A3) stod i pressmeddelandet\x07"]})
    write_workbook({"documents": frame}, {"fingerprint": "f00"}, tmp_path / "book.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "book.xlsx")["documents"]
    assert len(sheet["B2"].value) == EXCEL_MAX_CHARS and sheet["B2"].value.endswith("…")
    assert sheet["B3"].data_type == "s" and sheet["B3"].value == "=SUMMA(A1:A3) stod i pressmeddelandet"
    notes = [row[0].value or "" for row in load_workbook(tmp_path / "book.xlsx")[DICTIONARY_SHEET].iter_rows(max_row=6)]
    assert any("documents.text" in note and "cut" in note for note in notes)


def test_export_of_a_folder_without_a_build_says_so(tmp_path):
    code, _printed, said = run_cli("export", "--processed", tmp_path, "--out", tmp_path / "x")
    assert code == 2
    assert "no finished build" in said and "make run" in said
    assert not (tmp_path / "x").exists()
