"""Places the gazetteer does not state by itself, rule by rule, on sentences written
for the purpose (invented villages and people; rules-only pipeline)."""
from __future__ import annotations

import pytest

from pipeline.dataset.rows import entity_rows
from pipeline.nlp.extensions import doc_text


def entities(nlp, text, label):
    doc = nlp(text)
    return [(e.text, e._.normalized) for e in doc.ents if e.label_ == label], doc


def place_rows(doc):
    return [(r["text"], r["normalized"]) for r in entity_rows(doc, doc_text(doc)) if r["label"] == "LOC"]


# A shared head: coordinated genitives before one "län" name as many counties.
@pytest.mark.parametrize("text, expected", [
    ("Flyktingarna har tagits emot i Dalarnas, Jönköpings och Örebro län under våren.",
     ["Dalarnas län", "Jönköpings län", "Örebro län"]),
    ("Stockholms och Uppsala län samarbetar om mottagandet.", ["Stockholms län", "Uppsala län"]),
    ("Kommuner i Västra Götalands, Hallands, och Skåne län deltar.",
     ["Västra Götalands län", "Hallands län", "Skåne län"]),
])
def test_a_shared_head_names_each_county(nlp, text, expected):
    places, _ = entities(nlp, text, "LOC")
    assert [normalized for _, normalized in places] == expected


def test_a_single_county_genitive_is_left_as_the_gazetteer_reads_it(nlp):
    places, _ = entities(nlp, "Dalarnas skogar brann i somras.", "LOC")
    assert places == [("Dalarnas", "Dalarna")]


# A municipality's name used as its territory: a place; also a body when the text names
# it as one elsewhere (an ORG mention and a LOC row at the same offsets).
PLACE_USES = [
    "Familjerna bor i Tomelilla kommun sedan i höstas.",
    "Verksamheten finns inom Tomelilla kommun.",
    "Anna Grenqvist Ort: Tomelilla kommun",
    "En brand bröt ut norr om Grönby, Tomelilla kommun.",
]


@pytest.mark.parametrize("text", PLACE_USES)
def test_a_municipality_named_only_as_a_place_is_a_place(nlp, text):
    orgs, doc = entities(nlp, text, "ORG")
    assert orgs == []
    assert ("Tomelilla kommun", "Tomelilla kommun") in place_rows(doc)


@pytest.mark.parametrize("text", PLACE_USES)
def test_a_municipality_also_named_as_a_body_is_a_body_and_a_place(nlp, text):
    orgs, doc = entities(nlp, "Tomelilla kommun beviljar pengar till föreningen. " + text, "ORG")
    assert orgs == [("Tomelilla kommun", "Tomelilla kommun")] * 2
    assert place_rows(doc).count(("Tomelilla kommun", "Tomelilla kommun")) == 1


@pytest.mark.parametrize("text", [
    "Det säger Anna Grenqvist, integrationsstrateg i Tomelilla kommun.",
    "Hon är chef på arbetsmarknadsförvaltningen i Tomelilla kommun.",
    "Det är en del av arbetet i Tomelilla kommuns skolor.",
    "Tomelilla kommun får 300 000 kronor av Länsstyrelsen.",
])
def test_an_employer_a_genitive_or_an_actor_is_no_place(nlp, text):
    _, doc = entities(nlp, text, "ORG")
    assert not any("kommun" in normalized for _, normalized in place_rows(doc))


# A place no list holds, after a locative word.
@pytest.mark.parametrize("text, expected", [
    ("Föreningen har sin lokal i Grönby och tränar två kvällar i veckan.", ["Grönby"]),
    ("Gården ligger utanför Västerbyn, nära Kvarnholmen.", ["Västerbyn", "Kvarnholmen"]),
    ("Branden startade söder om Grönby i går kväll.", ["Grönby"]),
    ("Stugan ligger vid Lillsjön, i Mossdalen.", ["Lillsjön", "Mossdalen"]),  # definite: land and water
])
def test_a_capitalised_word_after_a_locative_word_is_a_place(nlp, text, expected):
    places, _ = entities(nlp, text, "LOC")
    assert [normalized for _, normalized in places] == expected


@pytest.mark.parametrize("text", [
    "Mötet hålls i Biblioteket. Biblioteket och biblioteket i skolan är öppna.",  # also lower case
    "Pengarna går till arbete i Grönby Idrottsförening.",  # a longer name: a body's
    "Projektet ger stöd till företagare i Grön-",  # a cut word
    "Ansökan görs i Grönby",  # the text's last word may be cut
    "Alla talade i Jag-form om sina liv.",
    "Kritiken kom från Lindqvist och Berglund.",  # 'från' puts a source first as often as a place
    "Hon tävlade i Ungdomsfestivalen och vann.",  # a definite noun whose head is no place
    "De läser i Ankans bok varje kväll.",  # a genitive before a noun
    "Samtalen förs på Engelska och i Tigrinska.",  # a capitalised adjective
    "Han har spelat i Martin och Johans band.",  # a given name
])
def test_no_place_where_the_word_is_no_name_or_cannot_be_delimited(nlp, text):
    places, _ = entities(nlp, text, "LOC")
    assert places == []


def test_seas_lakes_and_rivers_are_places(nlp):
    places, _ = entities(nlp, "Båten tog sig över Medelhavet; nu fiskar han i Vättern och i Göta älv.", "LOC")
    assert [normalized for _, normalized in places] == ["Medelhavet", "Vättern", "Göta älv"]
