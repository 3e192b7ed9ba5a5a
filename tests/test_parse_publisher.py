"""Who publishes a release, read from its text: one rule per test, on pages written for
the test (invented people and phone numbers; bodies from the reference data)."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.parse import parse_file
from pipeline.parse.publisher import infer_publisher
from pipeline.parse.text import parse_plain_text

HEADLINE = "Nya pengar till språkcaféer i länet"
LEAD = ("Tolv föreningar får dela på 800 000 kronor för språkcaféer och läxhjälp under året. "
        "Pengarna går till verksamhet för nyanlända i hela länet.")


def publisher(*top: str, end: tuple[str, ...] = (), lead: str = LEAD) -> str | None:
    raw = "\n\n".join([*top, HEADLINE, lead, *end]) + "\n"
    art = parse_plain_text(raw)
    return infer_publisher(raw, art.title, art.text)


@pytest.mark.parametrize("top, expected", [
    (("Pressmeddelande från Vetlanda kommun",), "Vetlanda kommun"),
    (("Till Vetlandas startsida",), "Vetlanda kommun"),  # a site named after a place is its municipality's
    (("Migrationsverket logotyp",), "Migrationsverket"),
    (("Följ Region Halland",), "Region Halland"),
    (("Kakor (cookies) Trafikverket använder kakor för att webbplatsen ska fungera.",), "Trafikverket"),
    (("Vetlanda kommun", "Meny"), "Vetlanda kommun"),  # the body's name alone at the top of the page
])
def test_the_site_or_a_statement_names_the_publisher(top: tuple[str, ...], expected: str) -> None:
    assert publisher(*top) == expected


def test_an_about_section_at_the_end_names_the_sender() -> None:
    assert publisher(end=("Om Arvsfonden", "Arvsfonden stöder idéburna projekt i hela landet.")) == "Allmänna arvsfonden"


def test_the_contact_block_names_the_publisher() -> None:
    contact = ("Kontakt", "Anna Ek, projektledare, Vetlanda kommun\n0123-45 67 89\nanna.ek@vetlanda.se")
    assert publisher(end=contact) == "Vetlanda kommun"


def test_an_e_mail_domain_is_a_municipality_by_its_name() -> None:
    assert publisher(end=("Frågor besvaras av Olle Berg, olle.berg@vetlanda.se, 0123-45 67 80",)) == "Vetlanda kommun"


def test_a_county_board_address_needs_the_board_named_in_the_text() -> None:
    named = "Länsstyrelsen i Kalmar län fördelar pengarna till tolv föreningar under året."
    contact = ("Kontakt", "Eva Strand, handläggare\neva.strand@lansstyrelsen.se")
    assert publisher(end=contact, lead=named) == "Länsstyrelsen i Kalmar län"
    assert publisher(end=contact) is None
    two = named + " Länsstyrelsen i Kronobergs län gör detsamma."
    assert publisher(end=contact, lead=two) is None


@pytest.mark.parametrize("top, end", [
    # a newspaper: its reporter's address is an unknown body's, as many as the municipality's
    ((), ("Olle Berg, reporter, olle.berg@storbytidningen.se", "Kontakta Eva Ek, eva.ek@vetlanda.se")),
    # an address in a sentence is a person's, who may work anywhere
    ((), ("Vill du veta mer kan du kontakta projektledaren Eva Ek på eva.ek@vetlanda.se eller läsa på projektets webbplats.",)),
    # a source is cited, not the sender named
    ((), ("Källa: Migrationsverket",)),
    # a sender the reference data does not know: contacts elsewhere do not make up for it
    (("Pressmeddelande från Föreningen Storbyns vänner",), ("Kontakt", "eva.ek@vetlanda.se")),
    # statement and site name disagree
    (("Migrationsverket logotyp", "Pressmeddelande från Vetlanda kommun"), ()),
    # a site's logo of an unknown body
    (("Storbytidningen logotyp",), ("Kontakt", "eva.ek@vetlanda.se")),
    # a place name on its own above a newspaper's headline is a dateline, not a site
    (("VETLANDA",), ()),
])
def test_null_when_unsure(top: tuple[str, ...], end: tuple[str, ...]) -> None:
    assert publisher(*top, end=end) is None


def test_a_local_file_without_manifest_gets_the_publisher_and_a_manifest_overrides_it(tmp_path: Path) -> None:
    path = tmp_path / "release.txt"
    path.write_text("\n\n".join(["Pressmeddelande från Vetlanda kommun", HEADLINE, LEAD]) + "\n", encoding="utf-8")
    assert parse_file(path, tmp_path).publisher == "Vetlanda kommun"
    assert parse_file(path, tmp_path, {"publisher": "Region Jönköpings län"}).publisher == "Region Jönköpings län"
