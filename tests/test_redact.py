"""--redact-contacts: phone numbers and e-mail addresses masked, offsets still true."""
from __future__ import annotations

import pandas as pd
import pytest
from builds import build

from pipeline.redact import EMAIL_PLACEHOLDER, PHONE_PLACEHOLDER, redact_text

# Invented people and numbers (not from the corpus).
RELEASE = """Språkcafé i Tomtebo får 250 000 kronor

2024-03-01

Tomtebo kommun får 250 000 kronor från Länsstyrelsen i Västerbottens län för språkcaféer under 2024-2025.
Caféerna är öppna kl. 09.00-12.00 varje tisdag, dnr 4846-2024.
– Vi är glada för beskedet, säger Vera Nyqvist, integrationssamordnare i Tomtebo kommun.

Kontakt: Vera Nyqvist, integrationssamordnare, telefon 090-123 45 67, mobil +46 70 765 43 21,
e-post vera.nyqvist@tomtebo.example.se. Växel 0771-123 123. Presstjänst: press(at)tomtebo.example.se
"""


@pytest.mark.parametrize("text, expected", [
    ("Ring 070-123 45 67 eller 08-123 456 78.", f"Ring {PHONE_PLACEHOLDER} eller {PHONE_PLACEHOLDER}."),
    ("Tel: 0470-77 80 00", f"Tel: {PHONE_PLACEHOLDER}"),
    ("(0303-123456)", f"({PHONE_PLACEHOLDER})"),
    ("+46 (0)31 123 45 67", PHONE_PLACEHOLDER),
    ("sms 0701234567", f"sms {PHONE_PLACEHOLDER}"),
    ("e-post: åsa.öberg@exempel.se.", f"e-post: {EMAIL_PLACEHOLDER}."),
    ("anna.berg [at] exempel.se", EMAIL_PLACEHOLDER),
])
def test_contact_details_are_masked(text, expected):
    assert redact_text(text) == expected


@pytest.mark.parametrize("text", [
    "2024-03-01", "under 2019-2021", "12 500 000 kronor", "0,5 miljoner", "dnr 4846-2017", "kl. 09.00-12.00",
    "Diarienummer 505-1234-2019", "https://exempel.se/2016-03-04-0123456789.html", "barn 0-6 år", "4 200 000 kr",
])
def test_dates_amounts_and_case_numbers_are_not_contact_details(text):
    assert redact_text(text) == text


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    raw = tmp_path_factory.mktemp("redact") / "raw"
    raw.mkdir()
    (raw / "tomtebo.txt").write_text(RELEASE, encoding="utf-8")
    return raw


def test_a_redacted_build_keeps_people_roles_and_true_offsets(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out, redact_contacts=True)
    text = pd.read_parquet(out / "documents.parquet").text[0]
    for contact in ("090-123 45 67", "765 43 21", "0771", "vera.nyqvist@", "press(at)"):
        assert contact not in text
    assert text.count(PHONE_PLACEHOLDER) == 3 and text.count(EMAIL_PLACEHOLDER) == 2
    assert "2024-03-01" in text and "250 000 kronor" in text and "09.00-12.00" in text and "4846-2024" in text
    entities = pd.read_parquet(out / "entities.parquet")
    for row in entities.itertuples():
        assert text[row.start_char:row.end_char] == row.text
    people = entities[entities.label == "PERSON"]
    assert "Vera Nyqvist" in set(people.normalized) and "integrationssamordnare" in set(people.role.dropna())
    grants = pd.read_parquet(out / "grants.parquet")
    assert 250_000 in set(grants.amount_sek) and not grants.evidence.str.contains("@").any()


def test_redaction_is_part_of_the_cache_key(corpus, tmp_path):
    out = tmp_path / "out"
    assert build(corpus, out).processed == 1
    assert "090-123 45 67" in pd.read_parquet(out / "documents.parquet").text[0]  # kept as published by default
    assert build(corpus, out, redact_contacts=True).processed == 1  # not the unredacted result from the cache
    assert build(corpus, out, redact_contacts=True).from_cache == 1
    assert build(corpus, out).processed == 1


def test_the_command_line_flag(corpus, tmp_path, capsys):
    from pipeline.__main__ import main

    out = tmp_path / "out"
    assert main(["build", "--raw", str(corpus), "--out", str(out), "--model", "rules", "--quiet", "--redact-contacts"]) == 0
    assert PHONE_PLACEHOLDER in pd.read_parquet(out / "documents.parquet").text[0]
