"""The shipped reference data: complete, consistent, well-formed."""
from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from pipeline import resources as R

SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference"  # beside the checkout, for developers only
ORG_TYPES = {
    "agency", "ministry", "government", "eu_body", "eu_fund", "fund", "region",
    "association", "sports_club", "study_association", "church", "company",
    "university", "school", "media", "party", "other",
}
PLACE_KINDS = {"country", "province", "region", "city", "district", "water"}


def test_resource_path():
    assert R.resource_path("municipalities.csv").is_file()
    with pytest.raises(FileNotFoundError):
        R.resource_path("no-such-file.csv")


@pytest.mark.parametrize(
    "name", ["municipalities.csv", "counties.csv", "organisations.csv", "places.csv"]
)
def test_csv_files_are_plain_data(name):
    text = R.resource_path(name).read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    rows = list(csv.reader(text.splitlines()))
    header = rows[0]
    assert all(re.fullmatch(r"[a-z_]+", h) for h in header)
    assert all(len(r) == len(header) for r in rows[1:]), "ragged rows"
    assert not any(r[0].startswith("#") for r in rows[1:])
    for r in rows[1:]:
        assert all(c == c.strip() for c in r), r


def test_290_municipalities():
    ms = R.municipalities()
    assert len(ms) == 290
    codes = [m.code for m in ms]
    assert len(set(codes)) == 290
    assert all(re.fullmatch(r"\d{4}", c) for c in codes)
    assert len({m.name for m in ms}) == 290
    county_codes = {c.code for c in R.counties()}
    for m in ms:
        assert m.county_code in county_codes
        assert m.code[:2] == m.county_code  # SCB codes start with the county code


def test_bodies():
    for m in R.municipalities():
        assert m.body.endswith((" kommun", " stad", " Stad")) or m.body == "Region Gotland", m
        assert m.body not in m.aliases
    bodies = {m.name: m.body for m in R.municipalities()}
    assert bodies["Karlshamn"] == "Karlshamns kommun"
    assert bodies["Hylte"] == "Hylte kommun"
    assert bodies["Alingsås"] == "Alingsås kommun"
    assert bodies["Stockholm"] == "Stockholms stad"
    assert bodies["Göteborg"] == "Göteborgs Stad"
    assert bodies["Malmö"] == "Malmö stad"
    assert bodies["Gotland"] == "Region Gotland"
    assert bodies["Falun"] == "Falu kommun"
    assert bodies["Malung-Sälen"] == "Malung-Sälens kommun"
    assert bodies["Upplands Väsby"] == "Upplands Väsby kommun"
    assert bodies["Haninge"] == "Haninge kommun"


def test_genitives():
    gen = {m.name: m.genitive for m in R.municipalities()}
    assert gen["Karlshamn"] == "Karlshamns"
    assert gen["Alingsås"] == "Alingsås"
    assert gen["Borås"] == "Borås"
    assert gen["Kalix"] == "Kalix"
    assert gen["Hylte"] == "Hyltes"
    for name, g in gen.items():
        assert g == name or g == name + "s"


def test_21_counties():
    cs = R.counties()
    assert len(cs) == 21
    assert len({c.code for c in cs}) == 21
    assert all(re.fullmatch(r"\d{2}", c.code) for c in cs)
    for c in cs:
        assert c.name.endswith(" län")
        assert c.board == f"Länsstyrelsen i {c.name}"
        assert c.region.startswith("Region ") or c.region == "Västra Götalandsregionen"
        assert c.board not in c.board_aliases
        assert f"Länsstyrelsen {c.short}" in c.board_aliases
    by = {c.code: c for c in cs}
    assert by["07"].board_aliases[:3] == (
        "Länsstyrelsen Kronoberg", "Länsstyrelsen Kronobergs län", "Kronobergs länsstyrelse"
    )
    assert by["04"].region == "Region Sörmland" and "Sörmland" in by["04"].aliases
    assert by["14"].region == "Västra Götalandsregionen"
    # every county has at least one municipality
    assert {m.county_code for m in R.municipalities()} == set(by)


def test_organisations():
    orgs = R.organisations()
    assert len(orgs) > 300
    names = [o.name for o in orgs]
    assert len(set(names)) == len(names)
    assert {o.org_type for o in orgs} <= ORG_TYPES
    assert sum(o.org_type == "agency" for o in orgs) > 100
    forms = Counter(f for o in orgs for f in (o.name, *o.aliases))
    assert not [f for f, n in forms.items() if n > 1], "a form names two organisations"
    munis = {m.code: m for m in R.municipalities()}
    counties = {c.code for c in R.counties()}
    for o in orgs:
        if o.municipality_code:
            assert o.municipality_code in munis, o
            assert o.county_code == munis[o.municipality_code].county_code, o
        if o.county_code:
            assert o.county_code in counties, o
    by = {o.name: o for o in orgs}
    for name in ["Migrationsverket", "Arbetsförmedlingen", "Tillväxtverket", "Svenska ESF-rådet",
                 "Allmänna arvsfonden", "Europeiska socialfonden", "Regeringskansliet",
                 "Arbetsmarknadsdepartementet", "Sveriges Kommuner och Regioner",
                 "Arbetarnas bildningsförbund", "Ibn Rushd studieförbund", "Lunds universitet"]:
        assert name in by, name
    assert "SKR" in by["Sveriges Kommuner och Regioner"].aliases
    assert "Arvsfonden" in by["Allmänna arvsfonden"].aliases
    assert by["Moderaterna"].marker_aliases == ("M",)
    # not named organisations per the annotation guide; boards come from counties.csv
    lowered = {f.lower() for f in forms}
    assert not {"regeringen", "riksdagen", "länsstyrelsen", "länsstyrelserna"} & lowered
    # party letters are not general aliases
    assert not {"S", "M", "C", "L", "V"} & set(forms)


def test_places():
    ps = R.places()
    assert {p.kind for p in ps} <= PLACE_KINDS
    names = [p.name for p in ps]
    assert len(set(names)) == len(names)
    assert sum(p.kind == "province" for p in ps) == 25
    assert sum(p.kind == "country" for p in ps) >= 100
    munis = {m.code: m for m in R.municipalities()}
    muni_names = {m.name for m in munis.values()}
    for p in ps:
        if p.municipality_code:
            assert p.municipality_code in munis, p
            assert p.county_code == munis[p.municipality_code].county_code, p
        if p.kind in {"city", "district"} and p.municipality_code:
            assert p.name not in muni_names, p
    by = {p.name: p for p in ps}
    assert by["Svängsta"].municipality_code == "1082"
    assert by["Mölnlycke"].municipality_code == "1401"
    assert by["Åkersberga"].municipality_code == "0117"
    assert by["Rosengård"].kind == "district"
    for country in ["Sverige", "Syrien", "Afghanistan", "Eritrea", "Somalia", "Irak", "Ukraina"]:
        assert by[country].kind == "country"


def test_first_names():
    names = R.first_names()
    assert isinstance(names, frozenset)
    assert len(names) > 800
    for n in ["Anna", "Eva", "Karin", "Lars", "Anders", "Johan", "Mohammed", "Fatima",
              "Ahmed", "Reza", "Emir", "Agnieszka", "Carlos", "Julia", "Ann-Charlotte"]:
        assert n in names, n
    assert all(n[0].isupper() and " " not in n for n in names)


def test_roles_sorted_longest_first():
    roles = R.roles()
    assert isinstance(roles, tuple) and len(roles) > 300
    lengths = [len(r) for r in roles]
    assert lengths == sorted(lengths, reverse=True)
    assert len(set(roles)) == len(roles)
    for r in ["integrationsstrateg", "landshövding", "kommunstyrelsens ordförande",
              "projektledare", "ordförande", "vd", "EU-strateg", "arbetsmarknadsminister"]:
        assert r in roles, r
    for r in roles:
        head = r.split("-", 1)[0] if r[:2].isupper() else ""
        assert r[len(head):] == r[len(head):].lower(), r
    assert roles.index("kommunstyrelsens ordförande") < roles.index("ordförande")


def test_org_forms():
    forms = R.org_forms()
    for key in ["head_words", "compound_suffixes", "place_led_heads", "prefix_words", "not_org_capitalised",
                "sports_abbreviations", "legal_forms", "name_adjectives"]:
        assert forms[key], key
    assert "föreningen" in forms["head_words"]
    # every list is read by the components, and the notes say what each is for
    assert set(forms) - {"notes"} == {"head_words", "compound_suffixes", "place_led_heads", "prefix_words",
                                      "not_org_capitalised", "sports_abbreviations", "legal_forms",
                                      "name_adjectives", "initiative_heads", "unit_nouns", "plural_org_nouns",
                                      "descriptor_nouns", "name_forming_descriptors", "determiners",
                                      "county_led_heads", "partner_cues"}
    assert all(key in forms["notes"] for key in forms if key != "notes")
    json.dumps(forms)


def test_loaders_are_cached():
    assert R.municipalities() is R.municipalities()
    assert R.first_names() is R.first_names()


@pytest.mark.skipif(not (SHARED / "kommuner.csv").is_file(), reason="shared reference data absent")
def test_matches_shared_reference():
    with (SHARED / "kommuner.csv").open(encoding="utf-8") as f:
        ref = {r["kommunkod"]: r for r in csv.DictReader(f)}
    ours = {m.code: m for m in R.municipalities()}
    assert set(ref) == set(ours)
    for code, r in ref.items():
        assert ours[code].name == r["kommun"], code
        assert ours[code].county_code == r["lanskod"], code
    with (SHARED / "lan.csv").open(encoding="utf-8") as f:
        lan = {r["lanskod"]: r["lan"] for r in csv.DictReader(f)}
    assert {c.code: c.name for c in R.counties()} == lan
    county_names = {c.code: c.name for c in R.counties()}
    for code, r in ref.items():
        assert county_names[r["lanskod"]] == r["lan"]


def test_first_names_contain_curated_base():
    from pipeline.resources.build_first_names import read_base

    assert read_base() <= R.first_names()


def test_build_first_names_on_a_small_corpus(tmp_path):
    from pipeline.resources.build_first_names import derive, main

    corpus = tmp_path / "corpus.txt"
    corpus.write_text(
        "Zorbalina\tPER\nQwertsson\tPER\nsa\t0\n.\t0\n\n"
        "Mo\tPER\nYan\tPER\när\t0\nmo\t0\n\n"
        "Herr\tPER\nSmith\tPER\n\n"
        "Pettersson\tPER\nKarl\tPER\n\n"
        "Ensam\tPER\nträffade\t0\nVlatkovic\tPER\n",
        encoding="utf-8",
    )
    # first tokens of multi-token PER spans only; "Mo" is also a lower-case word,
    # "Herr" a title, "Pettersson" a surname; single-token spans are not used
    assert derive([corpus]) == {"Zorbalina"}
    out = tmp_path / "names.txt"
    assert main([str(corpus), "--out", str(out)]) == 0
    written = out.read_text(encoding="utf-8").splitlines()
    assert "Zorbalina" in written and "Anna" in written
    assert written == sorted(written)


def test_registered_names_pass_the_corpus_tests_and_exclude_places_and_bodies():
    from pipeline.resources.build_first_names import registered_names, usable_registered

    swedish = registered_names(("sv_SE",))
    assert {"Susanna", "Tova", "Johnny", "Owe"} <= swedish  # common names the curated list lacked
    kept = usable_registered({"Susanna", "Tova", "Mora", "Ale", "Bo", "Pettersson", "Li"}, {"bo"})
    # "Mora" is a place, "Ale" a place and a body, "bo" an ordinary word, "Li" too short
    assert kept == {"Susanna", "Tova"}


def test_the_committed_name_list_holds_registered_nordic_names():
    assert {"Susanna", "Tova", "Johnny", "Lene", "Owe", "Aino"} <= R.first_names()


def test_helpers():
    assert R.resource_dir() == R.resource_path("counties.csv").parent
    assert R.municipality_body("1082") == "Karlshamns kommun"
    assert R.municipality_body("980") == "Region Gotland"
    assert R.municipality_body("9999") is None and R.municipality_body(None) is None
    assert R.is_municipality_body("Göteborgs Stad")
    assert R.is_municipality_body("Göteborgs  stad")
    assert not R.is_municipality_body("Karlshamn")
    assert not R.is_municipality_body(None)
    names = R.read_word_list("first_names_base.txt")
    assert "Anna" in names and not any(n.startswith("#") or not n for n in names)


def test_no_surface_form_names_two_entries_of_one_label():
    """The gazetteer looks a match's entry up by the words matched (as written, and
    lower-cased for names of two words or more), so a form must name one entry."""
    from collections import defaultdict

    from pipeline.normalize import organisations as orgnorm

    for forms in (orgnorm.org_surface_forms(), orgnorm.place_surface_forms()):
        entries = defaultdict(set)
        for surface, value in forms:
            entries[surface].add(value)
            if len(surface.split()) > 1:
                entries[surface.lower()].add(value)
        assert not {surface: values for surface, values in entries.items() if len(values) > 1}
