"""End to end: a small corpus on disk -> the four Parquet tables, typed and right."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.build import build_dataset
from pipeline.config import BuildConfig
from pipeline.dataset.schema import SCHEMAS

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("e2e")
    raw, out = root / "raw", root / "processed"
    shutil.copytree(FIXTURES, raw)
    summary = build_dataset(BuildConfig(raw_dir=raw, out_dir=out, model="rules", show_progress=False))
    tables = {name: pd.read_parquet(out / f"{name}.parquet") for name in SCHEMAS}
    return summary, tables, out


def doc_rows(tables, name):
    docs = tables["documents"]
    doc = docs[docs.source_file == name].iloc[0]
    ents = tables["entities"][tables["entities"].doc_id == doc.doc_id]
    return doc, ents


def test_every_table_has_the_contract_schema(built):
    _, _, out = built
    for name, schema in SCHEMAS.items():
        written = pq.read_schema(out / f"{name}.parquet")
        assert written.remove_metadata().equals(schema.remove_metadata()), name
        assert written.field(0).metadata[b"doc"]  # every column carries its documentation


def test_documents_and_rejections(built):
    summary, tables, _ = built
    docs, rejected = tables["documents"], tables["rejected"]
    assert set(docs.source_file) == {"alingsas_grant.txt", "kronoberg_board.txt", "html/hylte_esf.html", "lysekil_cp1252.txt"}
    assert dict(zip(rejected.source_file, rejected.reason)) == {"empty.txt": "empty", "image.txt": "binary"}
    assert summary.documents == 4 and len(summary.rejected) == 2
    assert docs.doc_id.is_unique
    doc, _ = doc_rows(tables, "alingsas_grant.txt")
    assert doc.title == "Halv miljon till integrationsråd i Alingsås"
    assert doc.published == dt.date(2018, 3, 14)
    assert "Meny" not in doc.text and "Dela sidan" not in doc.text
    assert doc.text.startswith(doc.title)
    html, _ = doc_rows(tables, "html/hylte_esf.html")
    assert html.title == "ESF-projekt för nyanlända startar"
    assert html.published == dt.date(2016, 2, 26)
    assert html.publisher == "Hylte kommun"
    assert "kakor" not in html.text and "Kontakta oss" not in html.text
    cp, _ = doc_rows(tables, "lysekil_cp1252.txt")
    assert cp.encoding in ("cp1252", "windows-1252", "latin-1", "iso8859-1")
    assert "Stöd till flyktingmottagandet" in cp.text and "får 4,2 miljoner" in cp.text


def test_offsets_point_into_the_text(built):
    _, tables, _ = built
    texts = dict(zip(tables["documents"].doc_id, tables["documents"].text))
    for row in tables["entities"].itertuples():
        assert texts[row.doc_id][row.start_char:row.end_char] == row.text


def test_money_and_dates_are_normalised(built):
    _, tables, _ = built
    _, ents = doc_rows(tables, "kronoberg_board.txt")
    money = ents[ents.label == "MONEY"]
    assert set(money.amount_sek) == {12_500_000, 3_412_000}
    assert money[money.amount_sek == 3_412_000].qualifier.iloc[0] == "drygt"
    assert all(float(v).is_integer() for v in money.amount_sek)
    years = ents[(ents.label == "DATE") & (ents.date_granularity != "day")]
    period = years[years.text.str.contains("2019")].iloc[0]
    assert (period.date, period.date_end) == (dt.date(2019, 1, 1), dt.date(2021, 12, 31))
    _, ents = doc_rows(tables, "alingsas_grant.txt")
    dates = ents[ents.label == "DATE"]
    april = dates[dates.text.str.contains("april")].iloc[0]
    assert april.date == dt.date(2018, 4, 6) and april.date_granularity == "day" and april.date_relative
    assert 500_000 in set(ents[ents.label == "MONEY"].amount_sek)
    assert not (ents[ents.label == "MONEY"].amount_sek == 500).any()  # "500 nyanlända" is a count


def test_people_roles_and_short_mentions(built):
    _, tables, _ = built
    _, ents = doc_rows(tables, "alingsas_grant.txt")
    people = ents[ents.label == "PERSON"]
    assert set(people.normalized) == {"Julia Mårtensson", "Daniel Filipsson"}
    julia = people[people.text == "Julia Mårtensson"].iloc[0]
    assert julia.role == "verksamhetschef"
    assert "Filipsson" in set(people[people.normalized == "Daniel Filipsson"].text)  # "säger Filipsson"


def test_organisations_are_canonical(built):
    _, tables, _ = built
    _, ents = doc_rows(tables, "kronoberg_board.txt")
    orgs = ents[ents.label == "ORG"]
    assert {"Länsstyrelsen i Kronobergs län", "Växjö kommun", "Ljungby kommun"} <= set(orgs.normalized)
    bare = orgs[orgs.text == "Länsstyrelsen"]
    assert len(bare) and set(bare.normalized) == {"Länsstyrelsen i Kronobergs län"}  # the text names Kronoberg
    board = orgs[orgs.normalized == "Länsstyrelsen i Kronobergs län"].iloc[0]
    assert board.org_type == "county_board" and board.county_code == "07"
    vaxjo = orgs[orgs.normalized == "Växjö kommun"].iloc[0]
    assert vaxjo.municipality_code == "0780" and vaxjo.county_code == "07"


def test_grants(built):
    _, tables, _ = built
    grants = tables["grants"]
    docs = tables["documents"].set_index("source_file")
    alingsas = grants[grants.doc_id == docs.loc["alingsas_grant.txt", "doc_id"]]
    row = alingsas[alingsas.amount_sek == 500_000].iloc[0]
    assert (row.funder, row.recipient) == ("Länsstyrelsen", "Alingsås kommun")
    assert "halv miljon" in row.evidence
    lysekil = grants[grants.doc_id == docs.loc["lysekil_cp1252.txt", "doc_id"]].iloc[0]
    assert (lysekil.funder, lysekil.recipient, lysekil.amount_sek) == ("Europeiska socialfonden", "Lysekils kommun", 4_200_000)
    assert lysekil.year == 2022


def test_rebuild_uses_the_cache_and_gives_the_same_tables(built, tmp_path):
    summary, tables, out = built
    raw = out.parent / "raw"
    again = build_dataset(BuildConfig(raw_dir=raw, out_dir=out, model="rules", show_progress=False))
    assert again.processed == 0 and again.from_cache == summary.documents + len(summary.rejected)
    for name in ("documents", "entities", "grants"):
        new = pd.read_parquet(out / f"{name}.parquet")
        key = ["doc_id", "start_char"] if name == "entities" else list(new.columns[:3])
        pd.testing.assert_frame_equal(new.sort_values(key).reset_index(drop=True),
                                      tables[name].sort_values(key).reset_index(drop=True))


GRANT_TABLE_PAGE = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>Beviljade medel för tidiga insatser | Länsstyrelsen Södermanland</title></head>
<body><nav><a href="/">Start</a> <a href="/nyheter">Nyheter</a></nav><main><article>
<h1>Beviljade medel för tidiga insatser</h1><p class="date">Publicerad 12 december 2017</p>
<p>Länsstyrelsen i Södermanlands län har beviljat bidrag till följande organisationer för
tidiga insatser för asylsökande under hösten 2017.</p>
<table><thead><tr><th>Diarienr</th><th>Organisation</th><th>Sökt insats</th><th>Beviljat belopp</th></tr></thead>
<tbody><tr><td>4846-2017</td><td>ABF Flen</td><td>Nyckel till Sverige</td><td>190 000</td></tr>
<tr><td>5041-2017</td><td>Eskilstuna Friidrott</td><td>Kunskap i det svenska språket</td><td>153 000</td></tr>
<tr><td>5142-2017</td><td>Röda korset</td><td>Språkcaféer</td><td>60 000</td></tr></tbody></table>
<p>Länsstyrelsen fortsätter att stödja det civila samhällets arbete med asylsökande och nyanlända i hela länet.</p>
</article></main></body></html>"""


def test_a_table_of_grants_on_a_web_page_becomes_grant_rows(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "beviljade.html").write_text(GRANT_TABLE_PAGE, encoding="utf-8")
    build_dataset(BuildConfig(raw_dir=raw, out_dir=tmp_path / "out", model="rules", show_progress=False))
    grants = pd.read_parquet(tmp_path / "out" / "grants.parquet")
    assert sorted(zip(grants.funder, grants.recipient, grants.amount_sek)) == [
        ("Länsstyrelsen i Södermanlands län", "ABF Flen", 190_000),
        ("Länsstyrelsen i Södermanlands län", "Eskilstuna Friidrott", 153_000),
        ("Länsstyrelsen i Södermanlands län", "Röda korset", 60_000),
    ]
    assert grants.evidence.str.startswith("| ").all()  # the table row is the evidence
