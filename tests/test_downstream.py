"""Downstream tools read the tables as the README shows: DuckDB and polars read every
table with its contract types, the join keys join, and the files document themselves."""
from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.dataset.schema import CONTRACT_VERSION, SCHEMAS, TABLES

POLARS_TYPES = {pa.string(): pl.String, pa.int32(): pl.Int32, pa.int64(): pl.Int64, pa.float64(): pl.Float64,
                pa.bool_(): pl.Boolean, pa.date32(): pl.Date, pa.list_(pa.string()): pl.List(pl.String)}
DUCKDB_TYPES = {pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.float64(): "DOUBLE",
                pa.bool_(): "BOOLEAN", pa.date32(): "DATE", pa.list_(pa.string()): "VARCHAR[]"}


def test_polars_and_duckdb_read_every_table_with_the_contract_types(reports_build):
    for name, schema in SCHEMAS.items():
        path = reports_build / f"{name}.parquet"
        frame = pl.read_parquet(path)
        assert frame.schema == {f.name: POLARS_TYPES[f.type] for f in schema}, name
        described = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
        assert [(row[0], row[1]) for row in described] == [(f.name, DUCKDB_TYPES[f.type]) for f in schema], name
        assert duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall()[0][0] == frame.height == pq.read_metadata(path).num_rows


def test_join_keys_join_in_duckdb(reports_build):
    con = duckdb.connect()
    for name in SCHEMAS:
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{reports_build / name}.parquet')")
    actor_lists = {column: f"SELECT count(*) FROM (SELECT unnest({column}) AS actor_id FROM initiatives) ANTI JOIN actors USING (actor_id)"
                   for column in ("funder_actor_ids", "recipient_actor_ids")}
    orphans = {
        "entities.doc_id": "SELECT count(*) FROM entities e ANTI JOIN documents d USING (doc_id)",
        "grants.doc_id": "SELECT count(*) FROM grants g ANTI JOIN documents d USING (doc_id)",
        "documents.duplicate_of": "SELECT count(*) FROM documents c ANTI JOIN documents d ON d.doc_id = c.duplicate_of "
                                  "WHERE c.duplicate_of IS NOT NULL",
        "grants.initiative_id": "SELECT count(*) FROM grants g ANTI JOIN initiatives i USING (initiative_id) "
                                "WHERE g.initiative_id IS NOT NULL",
        "entities.actor_id": "SELECT count(*) FROM entities e ANTI JOIN actors a USING (actor_id) WHERE e.actor_id IS NOT NULL",
        "initiatives.owner_actor_id": "SELECT count(*) FROM initiatives i ANTI JOIN actors a ON a.actor_id = i.owner_actor_id "
                                      "WHERE i.owner_actor_id IS NOT NULL",
        **{f"initiatives.{column}": sql for column, sql in actor_lists.items()},
        "initiatives.doc_ids": "SELECT count(*) FROM (SELECT unnest(doc_ids) AS doc_id FROM initiatives) ANTI JOIN documents USING (doc_id)",
    }
    assert {key: con.execute(sql).fetchall()[0][0] for key, sql in orphans.items()} == dict.fromkeys(orphans, 0)
    linked = {key: con.execute(sql).fetchall()[0][0] for key, sql in {
        "copies": "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL",
        "grants with an initiative": "SELECT count(*) FROM grants WHERE initiative_id IS NOT NULL"}.items()}
    assert linked == {"copies": 1, "grants with an initiative": 6}  # not the copy's, not the cycle path's
    # The README's example: money of the initiatives by the county they are in.
    by_county = dict(con.execute("""
        SELECT county_code, sum(amount_sek) FROM initiatives WHERE amount_sek IS NOT NULL GROUP BY county_code""").fetchall())
    assert by_county == {"08": 2_400_000 + 800_000 + 1_200_000, "12": 450_000, "24": 6_500_000}


def test_grants_join_actors_in_polars(reports_build):
    grants = pl.read_parquet(reports_build / "grants.parquet")
    orgs = pl.read_parquet(reports_build / "actors.parquet").filter(pl.col("label") == "ORG")
    joined = grants.join(orgs.select("name", "org_type", "county_code"), left_on="funder", right_on="name", how="left")
    assert joined.height == grants.height
    assert joined.filter(pl.col("funder").is_not_null() & pl.col("org_type").is_null()).height == 0
    board = joined.filter(pl.col("funder") == "Länsstyrelsen i Kalmar län")
    assert set(board["org_type"]) == {"county_board"} and set(board["county_code"]) == {"08"}


def test_every_file_carries_the_contract_version_and_column_meanings(reports_build):
    for name, (columns, doc) in TABLES.items():
        path = reports_build / f"{name}.parquet"
        schema = pq.read_schema(path)
        assert schema.metadata[b"contract_version"].decode() == CONTRACT_VERSION
        assert schema.metadata[b"table"].decode() == name and schema.metadata[b"doc"].decode() == doc
        assert {f.name: f.metadata[b"doc"].decode() for f in schema} == {c.name: c.doc for c in columns}
        # Readers that do not know Arrow's own schema see the same in the file's key-value metadata.
        kv = dict(duckdb.sql(f"SELECT decode(key), decode(value) FROM parquet_kv_metadata('{path}')").fetchall())
        assert kv["contract_version"] == CONTRACT_VERSION
        assert json.loads(kv["columns"]) == {c.name: c.doc for c in columns}


def readme_examples(language: str) -> list[str]:
    """The ``language`` code blocks of the README's section on reading the tables with code."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### For code"):readme.index("## Data contract")]
    return re.findall(rf"```{language}\n(.*?)```", section, flags=re.S)


def test_readme_examples_run_on_a_build(reports_build, tmp_path, monkeypatch):
    """The README's pandas, polars and DuckDB examples, as written, on a build in data/processed/."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "processed").symlink_to(reports_build, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    python, sql = readme_examples("python"), readme_examples("sql")
    assert len(python) == 2 and len(sql) == 1
    for example in python:
        exec(compile(example, "README.md", "exec"), {})
    statements = [s for s in sql[0].split(";") if s.strip().strip("-")]
    results = [duckdb.sql(statement).fetchall() for statement in statements]
    by_county = {county: (n, sek) for county, n, sek in results[0]}
    assert by_county["08"] == (3, 2_400_000 + 800_000 + 1_200_000) and by_county["24"] == (1, 6_500_000)
    assert len(results[1]) == len(pl.read_parquet(reports_build / "entities.parquet"))
