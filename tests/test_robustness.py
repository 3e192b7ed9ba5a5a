"""Bad input of every kind is set aside with its reason; the rest of the run is unaffected."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.build import build_dataset
from pipeline.config import BuildConfig

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
SWEDISH = ("Lysekils kommun får 4,2 miljoner kronor från Europeiska socialfonden för arbetet med "
           "flyktingmottagandet. Pengarna ska användas till språkcaféer, samhällsorientering och praktikplatser "
           "för nyanlända. – Det här betyder mycket för oss, säger Lovisa Brinck, strateg i Lysekils kommun.")
ENGLISH = ("The municipality has received funding from the European Social Fund for a project that helps newly "
           "arrived refugees find work. The project will run for three years and is led by the integration unit, "
           "which is very pleased with the decision that was made this week by the fund and its board.")


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory, unreadable):
    raw = tmp_path_factory.mktemp("bad") / "raw"
    raw.mkdir()
    shutil.copy(FIXTURES / "alingsas_grant.txt", raw / "good.txt")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "blank.txt").write_text("  \n\n\t \n", encoding="utf-8")
    (raw / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (raw / "pdf.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> stream\x00\x01\x02")
    (raw / "truncated.html").write_text(
        "<html><head><title>Språkcafé i Lysekil</title></head><body><article><h1>Språkcafé i Lysekil</h1>"
        f"<p>{SWEDISH}</p><p>Arbetet fortsätter under hösten och", encoding="utf-8")
    with open(raw / "huge.txt", "wb") as handle:  # 50 MB, sparse: cheap to make
        handle.truncate(50 * 1024 * 1024)
    (raw / "english.txt").write_text(f"Funding for integration\n\n{ENGLISH}\n", encoding="utf-8")
    (raw / "cp1252.txt").write_bytes(f"Stöd till språkcaféer\n\n{SWEDISH}".encode("cp1252"))
    (raw / "latin1.txt").write_bytes(f"Pengar till integration i Lysekil\n\n{SWEDISH.replace(chr(8211), chr(45))}".encode("latin-1"))
    (raw / "utf16.txt").write_bytes(f"Nyanlända får stöd\n\n{SWEDISH}".encode("utf-16"))
    odd_name = os.fsencode(str(raw)) + b"/pressmeddelande_\xe5\xe4\xf6.txt"  # Latin-1 bytes: not valid UTF-8
    with open(odd_name, "wb") as handle:
        handle.write(f"Integrationsråd i Lysekil\n\n{SWEDISH}".encode("utf-8"))
    (raw / "valmanifest.html").write_text(  # a release whose name says manifest is still a release
        f"<html><head><title>Valmanifest för integration</title></head><body><h1>Valmanifest för integration</h1>"
        f"<p>{SWEDISH}</p></body></html>", encoding="utf-8")
    locked = raw / "locked.txt"
    locked.write_text(f"Låst fil\n\n{SWEDISH}", encoding="utf-8")
    out = raw.parent / "out"
    unreadable(locked)
    summary = build_dataset(BuildConfig(raw_dir=raw, out_dir=out, model="rules", show_progress=False))
    return summary, out



def test_each_bad_file_is_set_aside_with_its_reason(bad_corpus):
    _, out = bad_corpus
    rejected = pd.read_parquet(out / "rejected.parquet")
    reasons = dict(zip(rejected.source_file, rejected.reason))
    expected = {"empty.txt": "empty", "blank.txt": "empty", "binary.txt": "binary", "pdf.html": "binary",
                "huge.txt": "too_large", "english.txt": "not_swedish", "locked.txt": "unreadable"}
    assert reasons == expected
    assert "Permission denied" in rejected.set_index("source_file").detail["locked.txt"]
    assert rejected.detail.str.len().min() > 20  # every reason comes with a sentence for a person
    assert "MB" in rejected.set_index("source_file").detail["huge.txt"]


def test_what_can_be_decoded_is_kept(bad_corpus):
    summary, out = bad_corpus
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_file")
    kept = {"good.txt", "truncated.html", "cp1252.txt", "latin1.txt", "utf16.txt", "pressmeddelande_\\xe5\\xe4\\xf6.txt",
            "valmanifest.html"}
    assert kept <= set(docs.index)
    for name in ("cp1252.txt", "latin1.txt", "utf16.txt"):
        assert "Lysekils kommun får 4,2 miljoner kronor" in docs.text[name], name
    assert docs.encoding["utf16.txt"].startswith("utf-16")
    assert "Språkcafé i Lysekil" == docs.title["truncated.html"] and "Arbetet fortsätter" in docs.text["truncated.html"]
    ents = pd.read_parquet(out / "entities.parquet")
    money = ents[(ents.label == "MONEY") & ents.doc_id.isin(docs.doc_id)]
    assert set(money.amount_sek) >= {4_200_000, 500_000}
    assert summary.documents == len(docs)


def test_a_component_that_fails_on_one_document_sets_only_that_one_aside(tmp_path, monkeypatch):
    import pipeline.nlp.money as money_component

    real = money_component.find_money

    def fragile(text):
        if "Alingsås" in text:
            raise RuntimeError("simulated bug")
        return real(text)

    monkeypatch.setattr(money_component, "find_money", fragile)
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(FIXTURES / "alingsas_grant.txt", raw / "breaks.txt")
    shutil.copy(FIXTURES / "kronoberg_board.txt", raw / "fine.txt")
    summary = build_dataset(BuildConfig(raw_dir=raw, out_dir=tmp_path / "out", model="rules", use_cache=False))
    assert summary.documents == 1
    rejected = pd.read_parquet(tmp_path / "out" / "rejected.parquet")
    assert list(rejected.source_file) == ["breaks.txt"] and list(rejected.reason) == ["error"]
    assert "simulated bug" in rejected.detail[0] and "pressmine_money" in rejected.detail[0]


def test_a_text_past_the_character_limit_is_set_aside_once_with_its_reason(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "good.txt").write_text(f"Språkcafé i Lysekil\n\n{SWEDISH}\n", encoding="utf-8")
    (raw / "dump.txt").write_text("Alla nyheter\n\n" + "\n\n".join(f"Del {i}. {SWEDISH}" for i in range(40)), encoding="utf-8")
    config = BuildConfig(raw_dir=raw, out_dir=out, model="rules", show_progress=False, max_text_chars=5_000)
    summary = build_dataset(config)
    rejected = pd.read_parquet(out / "rejected.parquet").set_index("source_file")
    assert rejected.reason.to_dict() == {"dump.txt": "too_large"}
    assert "characters" in rejected.detail["dump.txt"] and "5,000" in rejected.detail["dump.txt"]
    assert summary.documents == 1
    again = build_dataset(config)  # the verdict is cached like any result: nothing is redone
    assert (again.processed, again.from_cache, len(again.rejected)) == (0, 2, 1)
