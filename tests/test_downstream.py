"""Downstream tools read the tables as the README shows: DuckDB and polars read every
table with its contract types, the join keys join, and the files document themselves."""
from __future__ import annotations

import json

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.dataset.schema import CONTRACT_VERSION, SCHEMAS, TABLES

POLARS_TYPES = {pa.string(): pl.String, pa.int32(): pl.Int32, pa.int64(): pl.Int64, pa.bool_(): pl.Boolean,
                pa.date32(): pl.Date, pa.list_(pa.string()): pl.List(pl.String)}
DUCKDB_TYPES = {pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.bool_(): "BOOLEAN",
                pa.date32(): "DATE", pa.list_(pa.string()): "VARCHAR[]"}


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
    orphans = {
        "entities.doc_id": "SELECT count(*) FROM entities e ANTI JOIN documents d USING (doc_id)",
        "grants.doc_id": "SELECT count(*) FROM grants g ANTI JOIN documents d USING (doc_id)",
        "entities.actor_id": "SELECT count(*) FROM entities e ANTI JOIN actors a USING (actor_id) WHERE e.actor_id IS NOT NULL",
        "initiatives.funder_actor_id": "SELECT count(*) FROM initiatives i ANTI JOIN actors a ON a.actor_id = i.funder_actor_id "
                                       "WHERE i.funder_actor_id IS NOT NULL",
        "initiatives.recipient_actor_id": "SELECT count(*) FROM initiatives i ANTI JOIN actors a ON a.actor_id = i.recipient_actor_id "
                                          "WHERE i.recipient_actor_id IS NOT NULL",
        "initiatives.doc_ids": "SELECT count(*) FROM (SELECT unnest(doc_ids) AS doc_id FROM initiatives) ANTI JOIN documents USING (doc_id)",
    }
    assert {key: con.execute(sql).fetchall()[0][0] for key, sql in orphans.items()} == dict.fromkeys(orphans, 0)
    # The README's example: initiatives by the county the money goes to (recipient's county).
    by_county = dict(con.execute("""
        SELECT a.county_code, sum(i.amount_sek) FROM initiatives i JOIN actors a ON a.actor_id = i.recipient_actor_id
        GROUP BY a.county_code""").fetchall())
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
