"""Organisation/place normalisation over the gazetteers."""
from __future__ import annotations

import pytest

from pipeline.normalize.organisations import (
    OrgMatch,
    PlaceMatch,
    county_board,
    lookup_org,
    lookup_party_marker,
    lookup_place,
    org_surface_forms,
    place_surface_forms,
    strip_genitive,
)


@pytest.mark.parametrize(
    "surface, expected",
    [
        ("Länsstyrelsens", "Länsstyrelsen"),
        ("Arbetsförmedlingens", "Arbetsförmedlingen"),
        ("Karlshamns kommuns", "Karlshamns kommun"),
        ("Migrationsverkets", "Migrationsverket"),
        ("Röda Korsets", "Röda Korset"),
        ("Göteborgs Stads", "Göteborgs Stad"),
        ("Länsstyrelsernas", "Länsstyrelserna"),
        ("SKR:s", "SKR"),
        ("EU:s", "EU"),
        ("ESF-rådets", "ESF-rådet"),
        ("Hyltes", "Hylte"),
        ("Svenska kyrkans", "Svenska kyrkan"),
        ("Alingsås", "Alingsås"),
        ("Borås", "Borås"),
        ("Strängnäs", "Strängnäs"),
        ("Hagfors", "Hagfors"),
        ("Kalix", "Kalix"),
        ("Jonas", "Jonas"),
        ("Lars", "Lars"),
        ("Andreas", "Andreas"),
        ("SAS", "SAS"),
        ("Fryshus", "Fryshus"),
        ("Campus", "Campus"),
        ("", ""),
    ],
)
def test_strip_genitive(surface, expected):
    assert strip_genitive(surface) == expected


@pytest.mark.parametrize(
    "surface, next_word, expected",
    [
        ("Vingåker Växer Tillsammans", "", "Vingåker Växer Tillsammans"),  # "... med Vingåker Växer Tillsammans."
        ("Vingåker Växer Tillsammans", "och", "Vingåker Växer Tillsammans"),
        ("Unga Örnars", "har", "Unga Örnars"),
        ("Karlshamns Skyttegilles", "verksamhet", "Karlshamns Skyttegille"),  # a noun follows: a genitive
        ("Karlshamns Skyttegilles", None, "Karlshamns Skyttegille"),  # context unknown: by the form, as before
        ("Röda Korsets", "nya", "Röda Korset"),
        ("SKR:s", "", "SKR"),  # ":s" is a genitive wherever it stands
    ],
)
def test_a_genitive_needs_a_noun_phrase_after_it(surface, next_word, expected):
    assert strip_genitive(surface, next_word) == expected


@pytest.mark.parametrize(
    "surface, canonical, org_type, muni, county",
    [
        ("Karlshamns kommun", "Karlshamns kommun", "municipality", "1082", "10"),
        ("Karlshamns kommuns", "Karlshamns kommun", "municipality", "1082", "10"),
        ("Karlshamns Kommun", "Karlshamns kommun", "municipality", "1082", "10"),
        ("Hylte kommun", "Hylte kommun", "municipality", "1315", "13"),
        ("Alingsås kommun", "Alingsås kommun", "municipality", "1489", "14"),
        ("Göteborgs stad", "Göteborgs Stad", "municipality", "1480", "14"),
        ("Göteborgs Stads", "Göteborgs Stad", "municipality", "1480", "14"),
        ("Stockholms kommun", "Stockholms stad", "municipality", "0180", "01"),
        ("Malmö Stad", "Malmö stad", "municipality", "1280", "12"),
        ("Region Gotland", "Region Gotland", "municipality", "0980", "09"),
        ("Falu kommun", "Falu kommun", "municipality", "2080", "20"),
        ("Länsstyrelsen i Kronobergs län", "Länsstyrelsen i Kronobergs län", "county_board", None, "07"),
        ("Länsstyrelsen Kronoberg", "Länsstyrelsen i Kronobergs län", "county_board", None, "07"),
        ("Kronobergs länsstyrelse", "Länsstyrelsen i Kronobergs län", "county_board", None, "07"),
        ("Länsstyrelsen Kronobergs län", "Länsstyrelsen i Kronobergs län", "county_board", None, "07"),
        ("Länsstyrelsen i Kronobergs läns", "Länsstyrelsen i Kronobergs län", "county_board", None, "07"),
        ("Länsstyrelsen Västra Götaland", "Länsstyrelsen i Västra Götalands län", "county_board", None, "14"),
        ("Länsstyrelsen Sörmland", "Länsstyrelsen i Södermanlands län", "county_board", None, "04"),
        ("Region Kronoberg", "Region Kronoberg", "region", None, "07"),
        ("Region Skånes", "Region Skåne", "region", None, "12"),
        ("Västra Götalandsregionen", "Västra Götalandsregionen", "region", None, "14"),
        ("Landstinget Kronoberg", "Region Kronoberg", "region", None, "07"),
        ("Stockholms läns landsting", "Region Stockholm", "region", None, "01"),
        ("Migrationsverket", "Migrationsverket", "agency", None, None),
        ("Migrationsverkets", "Migrationsverket", "agency", None, None),
        ("Arbetsförmedlingens", "Arbetsförmedlingen", "agency", None, None),
        ("MUCF", "Myndigheten för ungdoms- och civilsamhällesfrågor", "agency", None, None),
        ("Ungdomsstyrelsen", "Myndigheten för ungdoms- och civilsamhällesfrågor", "agency", None, None),
        ("ESF-rådet", "Svenska ESF-rådet", "agency", None, None),
        ("Polisen", "Polismyndigheten", "agency", None, None),
        ("MSB:s", "Myndigheten för samhällsskydd och beredskap", "agency", None, None),
        ("Arbetsmarknadsdepartementet", "Arbetsmarknadsdepartementet", "ministry", None, None),
        ("ESF", "Europeiska socialfonden", "eu_fund", None, None),
        ("Europeiska socialfondens", "Europeiska socialfonden", "eu_fund", None, None),
        ("ESF+", "Europeiska socialfonden+", "eu_fund", None, None),
        ("AMIF", "Asyl-, migrations- och integrationsfonden", "eu_fund", None, None),
        ("Asyl-, migrations- och integrationsfonden", "Asyl-, migrations- och integrationsfonden", "eu_fund", None, None),
        ("EU", "Europeiska unionen", "eu_body", None, None),
        ("Arvsfonden", "Allmänna arvsfonden", "fund", None, None),
        ("Arvsfondens", "Allmänna arvsfonden", "fund", None, None),
        ("SKR", "Sveriges Kommuner och Regioner", "association", None, None),
        ("SKL", "Sveriges Kommuner och Regioner", "association", None, None),
        ("Röda Korset", "Svenska Röda Korset", "association", None, None),
        ("Röda korsets", "Svenska Röda Korset", "association", None, None),
        ("ABF", "Arbetarnas bildningsförbund", "study_association", None, None),
        ("Studieförbundet Vuxenskolan", "Studieförbundet Vuxenskolan", "study_association", None, None),
        ("Ibn Rushd", "Ibn Rushd studieförbund", "study_association", None, None),
        ("Lunds universitet", "Lunds universitet", "university", "1281", "12"),
        ("Stockholms Stadsmission", "Stockholms Stadsmission", "association", "0180", "01"),
        ("Forum — idéburna organisationer med social inriktning",
         "Forum – idéburna organisationer med social inriktning", "association", None, None),
        ("  Tillväxtverket ", "Tillväxtverket", "agency", None, None),
        ("«Skolverket»", "Skolverket", "agency", None, None),
        ("Socialdemokraterna", "Socialdemokraterna", "party", None, None),
    ],
)
def test_lookup_org(surface, canonical, org_type, muni, county):
    assert lookup_org(surface) == OrgMatch(canonical, org_type, muni, county)


@pytest.mark.parametrize(
    "surface",
    [
        "regeringen", "Regeringen", "riksdagen", "Länsstyrelsen", "länsstyrelsen", "kommunen",
        "polisen", "skr", "abf", "M", "S", "(M)", "Karlshamn", "Syrien", "", "   ",
        "Sveriges", "Kontakt",
    ],
)
def test_lookup_org_rejects(surface):
    assert lookup_org(surface) is None


@pytest.mark.parametrize(
    "surface, canonical, kind, muni, county",
    [
        ("Karlshamn", "Karlshamn", "municipality", "1082", "10"),
        ("Karlshamns", "Karlshamn", "municipality", "1082", "10"),
        ("Alingsås", "Alingsås", "municipality", "1489", "14"),
        ("Upplands Väsby", "Upplands Väsby", "municipality", "0114", "01"),
        ("Hyltes", "Hylte", "municipality", "1315", "13"),
        ("Jönköping", "Jönköping", "municipality", "0680", "06"),
        ("Gotland", "Gotland", "municipality", "0980", "09"),
        ("Kronobergs län", "Kronobergs län", "county", None, "07"),
        ("Kronoberg", "Kronobergs län", "county", None, "07"),
        ("Kronobergs", "Kronobergs län", "county", None, "07"),
        ("Sörmland", "Södermanlands län", "county", None, "04"),
        ("Skåne", "Skåne län", "county", None, "12"),
        ("Västra Götaland", "Västra Götalands län", "county", None, "14"),
        ("Småland", "Småland", "province", None, None),
        ("Öland", "Öland", "province", None, "08"),
        ("Syrien", "Syrien", "country", None, None),
        ("Syriens", "Syrien", "country", None, None),
        ("Sverige", "Sverige", "country", None, None),
        ("Sveriges", "Sverige", "country", None, None),
        ("Holland", "Nederländerna", "country", None, None),
        ("Vitryssland", "Belarus", "country", None, None),
        ("Mellanöstern", "Mellanöstern", "region", None, None),
        ("Svängsta", "Svängsta", "city", "1082", "10"),
        ("Mölnlycke", "Mölnlycke", "city", "1401", "14"),
        ("Åkersberga", "Åkersberga", "city", "0117", "01"),
        ("Rosengård", "Rosengård", "district", "1280", "12"),
        ("Rinkeby", "Rinkeby", "district", "0180", "01"),
        ("Hjällbo", "Hjällbo", "district", "1480", "14"),
        ("Biskopsgården", "Biskopsgården", "district", "1480", "14"),
        ("Kabul", "Kabul", "city", None, None),
    ],
)
def test_lookup_place(surface, canonical, kind, muni, county):
    assert lookup_place(surface) == PlaceMatch(canonical, kind, muni, county)


@pytest.mark.parametrize("surface", ["mark", "sverige", "Karlshamns kommun", "Migrationsverket", ""])
def test_lookup_place_rejects(surface):
    assert lookup_place(surface) is None


def test_county_board_and_codes():
    assert county_board("07") == "Länsstyrelsen i Kronobergs län"
    assert county_board("7") == "Länsstyrelsen i Kronobergs län"
    assert county_board("14") == "Länsstyrelsen i Västra Götalands län"
    assert lookup_place("Blekinge").canonical == "Blekinge län"
    assert lookup_org("Karlshamns kommun").county_code == "10"
    assert lookup_org("Kommunen som inte finns") is None
    with pytest.raises(KeyError):
        county_board("99")


def test_party_markers():
    assert lookup_party_marker("(M)").canonical == "Moderaterna"
    assert lookup_party_marker("S").canonical == "Socialdemokraterna"
    assert lookup_party_marker("KD").canonical == "Kristdemokraterna"
    assert lookup_party_marker("MP").canonical == "Miljöpartiet de gröna"
    assert lookup_party_marker("(X)") is None


def test_surface_forms():
    orgs = dict(org_surface_forms())
    assert orgs["Karlshamns kommun"].canonical == "Karlshamns kommun"
    assert orgs["Karlshamns kommuns"].canonical == "Karlshamns kommun"
    assert orgs["Kronobergs länsstyrelse"].org_type == "county_board"
    assert orgs["SKR:s"].canonical == "Sveriges Kommuner och Regioner"
    assert orgs["Migrationsverkets"].canonical == "Migrationsverket"
    assert "M" not in orgs and "regeringen" not in orgs
    places = dict(place_surface_forms())
    assert places["Karlshamns"].canonical == "Karlshamn"
    assert places["Syriens"].canonical == "Syrien"
    assert places["Alingsås"].canonical == "Alingsås"
    forms = [f for f, _ in org_surface_forms()]
    assert [len(f) for f in forms] == sorted((len(f) for f in forms), reverse=True)
    # every listed form looks up to the same match
    for form, match in org_surface_forms():
        assert lookup_org(form) == match, form
    for form, match in place_surface_forms():
        assert lookup_place(form) == match, form
