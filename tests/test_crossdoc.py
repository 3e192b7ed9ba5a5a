"""Cross-document tables: actors and initiatives, recomputed at every build."""
from __future__ import annotations

import pandas as pd

from pipeline.build import build_dataset
from pipeline.config import BuildConfig
from pipeline.dataset import crossdoc
from pipeline.dataset.crossdoc import actor_id
from pipeline.dataset.initiatives import group_grants


def grant(doc_id, amount, funder=None, recipient=None, year=None, start=0):
    return {"doc_id": doc_id, "funder": funder, "recipient": recipient, "amount_sek": amount, "year": year,
            "qualifier": None, "evidence": f"{funder} ger {recipient} {amount} kronor.", "start_char": start,
            "end_char": start + 10}


def grouped(grants):
    return sorted((i.funder, i.recipient, i.amount_sek, i.year, sorted(g["doc_id"] for g in i.statements))
                  for i in group_grants(grants))


def test_the_same_grant_announced_by_funder_and_recipient_is_one_initiative():
    board, town = "Länsstyrelsen i Hallands län", "Hylte kommun"
    assert grouped([
        grant("county", 1_200_000, funder=board, recipient=town, year=2016),
        grant("town", 1_200_000, recipient=town, year=2016),   # the town does not name the funder
        grant("paper", 1_200_000, funder=board, recipient=town),  # no year given
    ]) == [(board, town, 1_200_000, 2016, ["county", "paper", "town"])]


def test_grants_that_disagree_are_kept_apart():
    board = "Länsstyrelsen i Hallands län"
    result = grouped([
        grant("a", 500_000, funder=board, recipient="Hylte kommun", year=2016),
        grant("b", 500_000, funder=board, recipient="Falkenbergs kommun", year=2016),  # other recipient
        grant("c", 500_000, funder=board, recipient="Hylte kommun", year=2017),        # other year
        grant("d", 600_000, funder=board, recipient="Hylte kommun", year=2016),        # other amount
    ])
    assert len(result) == 4


def test_a_statement_naming_neither_body_stays_on_its_own():
    result = grouped([grant("a", 75_000, year=2018), grant("b", 75_000, year=2018)])
    assert len(result) == 2


def test_a_partial_statement_does_not_chain_two_different_funders():
    town = "Hylte kommun"
    result = grouped([
        grant("a", 300_000, funder="Allmänna arvsfonden", recipient=town, year=2019),
        grant("b", 300_000, funder="Europeiska socialfonden", recipient=town, year=2019),
        grant("c", 300_000, recipient=town, year=2019),
    ])
    assert [r[0] for r in result] == ["Allmänna arvsfonden", "Europeiska socialfonden"]
    assert sum(len(r[4]) for r in result) == 3


def test_indexed_grouping_matches_a_plain_scan():
    """The indexes only narrow the search: same result as comparing with every initiative."""
    import random

    from pipeline.dataset.initiatives import FIELDS, Initiative

    def scan(grants):
        ordered = sorted(grants, key=lambda g: (-sum(g[f] is not None for f in FIELDS), g["doc_id"], g["start_char"]))
        found = []
        for g in ordered:
            home = next((i for i in found if i.accepts(g)), None)
            if home is None:
                home = Initiative(g["amount_sek"])
                found.append(home)
            home.add(g)
        return found

    rng = random.Random(7)
    bodies = [f"Förening {i}" for i in range(8)] + [None]
    grants = [grant(f"d{i}", rng.choice([50_000, 100_000]), funder=rng.choice(bodies[:3] + [None]),
                    recipient=rng.choice(bodies), year=rng.choice([2019, 2020, None]), start=i) for i in range(400)]
    as_rows = lambda found: [(i.funder, i.recipient, i.amount_sek, i.year, [g["doc_id"] for g in i.statements])  # noqa: E731
                             for i in found]
    assert as_rows(group_grants(grants)) == as_rows(scan(grants))


def add_release(raw, name: str, title: str, date: str, body: str) -> None:
    """A plain-text release as the parser expects it: headline, dateline, body."""
    raw.mkdir(exist_ok=True)
    (raw / name).write_text(f"{title}\n\n{date}\n\n{body}\n", encoding="utf-8")


def build(raw, out, **settings):
    return build_dataset(BuildConfig(raw_dir=raw, out_dir=out, model="rules", show_progress=False, **settings))


def test_a_build_links_documents_and_keeps_doing_so_incrementally(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    add_release(
        raw, "lansstyrelsen.txt", "Stöd till språkcafé i Hylte", "2016-03-01",
        "Länsstyrelsen i Hallands län beviljar Hylte kommun 450 000 kronor för ett språkcafé för nyanlända. "
        "– Vi vill nå fler kvinnor, säger Anna Lindqvist, integrationsstrateg i Hylte kommun.")
    build(raw, out)
    initiatives = pd.read_parquet(out / "initiatives.parquet")
    assert len(initiatives) == 1 and initiatives.n_documents[0] == 1

    add_release(
        raw, "hylte.txt", "Språkcafé öppnar i Hylte", "2016-03-08",
        "Hylte kommun får 450 000 kronor från Länsstyrelsen i Hallands län till ett språkcafé. "
        "Anna Lindqvist, integrationsstrateg, leder arbetet.")
    summary = build(raw, out)
    assert (summary.processed, summary.from_cache) == (1, 1)  # only the new release went through NLP
    initiatives = pd.read_parquet(out / "initiatives.parquet")
    row = initiatives.iloc[0]
    assert len(initiatives) == 1
    assert (list(row.funders), list(row.recipients), row.amount_sek, row.n_documents) == (
        ["Länsstyrelsen i Hallands län"], ["Hylte kommun"], 450_000, 2)
    assert str(row.first_published) == "2016-03-01"
    assert row.purpose == "ett språkcafé för nyanlända"  # from the earliest statement that says

    actors = pd.read_parquet(out / "actors.parquet").set_index("actor_id")
    person = actors.loc[actor_id("PERSON", "Anna Lindqvist")]
    assert person.n_documents == 2 and "integrationsstrateg" in list(person.roles)
    town = actors.loc[row.recipient_actor_ids[0]]
    assert (town["name"], town.municipality_code, town.n_documents) == ("Hylte kommun", "1315", 2)
    entities = pd.read_parquet(out / "entities.parquet")
    assert set(entities.query("label == 'ORG'").actor_id) <= set(actors.index)
    assert entities.query("label in ['MONEY', 'DATE']").actor_id.isna().all()


def test_a_body_named_by_its_bare_name_links_to_its_canonical_actor(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    add_release(
        raw, "fordelning.txt", "Pengar till mottagandet av nyanlända", "2018-06-12",
        "Länsstyrelsen i Skåne län beviljar Malmö stad 9 miljoner kronor i år för insatser för nyanlända "
        "flyktingar: språkcafé, samhällsorientering och föreningsverksamhet.\n\n"
        "Övriga kommuner får så här:\n\nHelsingborg – 13 miljoner kronor i år.\n\n"
        "Landskrona – 8 miljoner kronor i år.")
    build(raw, out)
    grants = pd.read_parquet(out / "grants.parquet").set_index("recipient")
    initiatives = pd.read_parquet(out / "initiatives.parquet").set_index("initiative_id")
    actors = pd.read_parquet(out / "actors.parquet").set_index("actor_id")
    helsingborg = actors.loc[initiatives.loc[grants.loc["Helsingborg"].initiative_id].recipient_actor_ids[0]]
    assert (helsingborg["name"], helsingborg.municipality_code) == ("Helsingborgs stad", "1283")


def test_actors_do_not_depend_on_how_entities_are_streamed(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    for i, town in enumerate(["Hylte", "Mora", "Hylte"]):
        add_release(raw, f"r{i}.txt", f"Stöd {i}", f"2016-03-0{i + 1}",
                    f"{town} kommun får {i + 1}00 000 kronor. – Bra, säger Anna Lindqvist, projektledare i {town} kommun.")
    tables = []
    for rows in (crossdoc.BATCH_ROWS, 2):  # 2 rows a batch: documents straddle batches
        monkeypatch.setattr(crossdoc, "BATCH_ROWS", rows)
        out = tmp_path / f"out{rows}"
        build(raw, out, use_cache=False)
        tables.append(pd.read_parquet(out / "actors.parquet"))
    pd.testing.assert_frame_equal(*tables)
    person = tables[0].set_index("name").loc["Anna Lindqvist"]
    assert (person.n_documents, str(person.first_published), str(person.last_published)) == (3, "2016-03-01", "2016-03-03")
    assert list(person.affiliations) == ["Hylte kommun", "Mora kommun"]



def test_contract_2_tables_count_copies_once_and_leave_out_other_topics(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    body = ("Länsstyrelsen i Hallands län beviljar Hylte kommun 450 000 kronor för ett språkcafé och "
            "samhällsorientering för nyanlända. Projektet ska också ge läxhjälp till nyanlända barn och erbjuda "
            "en mötesplats för föräldrar. – Vi vill nå fler nyanlända kvinnor, säger Anna Lindqvist, "
            "integrationsstrateg i Hylte kommun. Arbetet börjar i september i samverkan med biblioteket.")
    add_release(raw, "lansstyrelsen.txt", "Stöd till språkcafé i Hylte", "2016-03-01", body)
    add_release(raw, "tidningen.txt", "Stöd till språkcafé i Hylte", "2016-03-04",
                "Hallandsbladet – nyheter\n\n" + body + "\n\nLäs mer om Hylte i vår bilaga.")
    add_release(raw, "naturvard.txt", "Pengar till naturvård", "2016-05-02",
                "Länsstyrelsen i Hallands län beviljar Hylte kommun 300 000 kronor till naturvård: "
                "våtmarker och vandringsleder vid sjön. Kommunen bidrar själv med lika mycket.")
    build(raw, out)
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_file")
    assert docs.loc["tidningen.txt"].duplicate_of == docs.loc["lansstyrelsen.txt"].doc_id
    assert pd.isna(docs.loc["lansstyrelsen.txt"].duplicate_of)
    assert docs.loc["lansstyrelsen.txt"].is_integration and not docs.loc["naturvard.txt"].is_integration
    assert {"sprak", "samhallsorientering"} <= set(docs.loc["lansstyrelsen.txt"].themes)
    assert list(docs.loc["naturvard.txt"].themes) == [] and list(docs.loc["naturvard.txt"].target_groups) == []

    grants = pd.read_parquet(out / "grants.parquet").merge(docs.reset_index()[["doc_id", "source_file"]], on="doc_id")
    by_file = grants.set_index("source_file")
    assert pd.isna(by_file.loc["naturvard.txt"].initiative_id)  # not about integration
    assert pd.isna(by_file.loc["tidningen.txt"].initiative_id)  # a copy adds nothing
    initiatives = pd.read_parquet(out / "initiatives.parquet")
    assert len(initiatives) == 1
    row = initiatives.iloc[0]
    assert row.initiative_id == by_file.loc["lansstyrelsen.txt"].initiative_id
    assert (row.amount_sek, row.n_documents, list(row.recipients)) == (450_000, 1, ["Hylte kommun"])
    assert (row.municipality_code, row.county_code, row.year_first) == ("1315", "13", 2016)
    assert {"nyanlanda", "barn_unga", "kvinnor"} <= set(row.target_groups)
