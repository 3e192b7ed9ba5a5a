"""The spaCy components on sentences written for the purpose (rules-only pipeline)."""
from __future__ import annotations

import pytest
from nlp_runs import run_pipeline as run

from pipeline.config import BuildConfig
from pipeline.nlp import load_pipeline


def ents(doc, label):
    return [(e.text, e._.normalized) for e in doc.ents if e.label_ == label]


@pytest.mark.parametrize("text, expected", [
    ("– Det är roligt, säger Karin Lindqvist, projektledare i Mora kommun.", ("Karin Lindqvist", "projektledare", "Mora kommun")),
    ("Kommunchef Per Olsson hälsade alla välkomna.", ("Per Olsson", "kommunchef", None)),
    ("Frågor besvaras av Amira Haddad, integrationssamordnare på Migrationsverket.", ("Amira Haddad", "integrationssamordnare", "Migrationsverket")),
    ("Ordföranden Gunnar Backlund (S) är nöjd.", ("Gunnar Backlund", None, None)),
    ("Enligt Zlatan Kovačević blir satsningen permanent.", ("Zlatan Kovačević", None, None)),  # a name known from its cue only
    # after a cue the name starts at once, though its second word is also a given name
    ("– Jag började spela direkt, säger Abdiwali Ibrahim.", ("Abdiwali Ibrahim", None, None)),
    ("Intervjun gjordes av Johan R Norberg i juni.", ("Johan R Norberg", None, None)),
    # a party letter after the name says it is a person's: every party in organisations.csv
    ("Beslutet fattades sedan Tarkan Öztürkoğlu (KD) yrkat bifall.", ("Tarkan Öztürkoğlu", None, None)),
    ("Beslutet fattades sedan Tarkan Öztürkoğlu (FI) yrkat bifall.", ("Tarkan Öztürkoğlu", None, None)),
])
def test_people_with_roles_and_affiliations(nlp, text, expected):
    doc = run(nlp, text)
    person = next(e for e in doc.ents if e.label_ == "PERSON")
    assert (person._.normalized, person._.role, person._.affiliation) == expected


@pytest.mark.parametrize("text, publisher, expected", [
    ("Lysekils kommun får beröm. Kommunchef Leif Schöndell är nöjd.", None, "Lysekils kommun"),
    ("Kommunstyrelsens ordförande Daniel Filipsson (M) är glad.", "Alingsås kommun", "Alingsås kommun"),
    ("Länsstyrelsen i Kronobergs län fördelar pengar. – Det är bra, säger landshövding Maria Arnholm.", None,
     "Länsstyrelsen i Kronobergs län"),
    ("Region Halland och Hylte kommun samarbetar. Regionråd Anna Berg är nöjd.", None, "Region Halland"),
    ("Kommunchef Per Olsson hälsade alla välkomna.", None, None),  # no municipality named: none implied
    ("Hylte kommun bjöd in. Projektledare Emma Gröndahl är nöjd.", None, None),  # not a municipal position
])
def test_a_public_position_is_held_in_the_body_the_text_is_about(nlp, text, publisher, expected):
    (person,) = [e for e in run(nlp, text, publisher=publisher).ents if e.label_ == "PERSON"]
    assert person._.affiliation == expected


def test_short_mentions_resolve_to_the_full_name(nlp):
    doc = run(nlp, "Lena Ek leder arbetet. – Vi är glada, säger Ek. Eks kollegor håller med.")
    assert [n for _, n in ents(doc, "PERSON")] == ["Lena Ek", "Lena Ek", "Lena Ek"]


@pytest.mark.parametrize("text", [
    "Syftet är att fler ska få jobb. Kontakt sker via växeln.",
    "Foto: Anna Berg",  # a photographer is a person, not an organisation
    "Under Maj Månad händer mycket.",
    "Stiftelsen har beviljat pengar till projektet.",  # a word that opens names, alone
])
def test_capitalised_words_that_are_not_organisations(nlp, text):
    assert ents(run(nlp, text), "ORG") == []


@pytest.mark.parametrize("text, name, org_type", [
    ("Pengarna kommer från Arbetsförmedlingens budget.", "Arbetsförmedlingen", "agency"),
    ("Bidraget går till Västerbottens fotbollsförbund och andra.", "Västerbottens fotbollsförbund", "association"),
    ("Laget Umeå FC tränar på onsdagar.", "Umeå FC", "sports_club"),
    ("I projektet deltar ABF Värmland med studiecirklar.", "ABF Värmland", "study_association"),
    ("Bilden är tagen av fotografen. Foto: Scanpix", "Scanpix", "association"),
    ("Det beslutade Lysekils kommun i går.", "Lysekils kommun", "municipality"),
    ("Bidraget gick till Karlshamns United och flera andra.", "Karlshamns United", "other"),
    ("Träningen leds av Rättviks judoklubb varje vecka.", "Rättviks judoklubb", "association"),
    ("Eleverna på Rinkebyskolan har skrivit en bok.", "Rinkebyskolan", "school"),
    ("Besöket gick till Familjecentralen i Sunne i våras.", "Familjecentralen i Sunne", "association"),
    ("Odlingen drivs av Stiftelsen Botildenborg sedan 2015.", "Stiftelsen Botildenborg", "association"),
    ("Stiftelsen Botildenborg driver odlingen.", "Stiftelsen Botildenborg", "association"),
    # a capitalised organisation word is a name's: the word before it joins even when it opens a line
    ("Almby Hembygdsförening 40 000 kr", "Almby Hembygdsförening", "association"),
    ("Västerby IF 20 000 kr", "Västerby IF", "sports_club"),
])
def test_organisations_by_gazetteer_and_by_form(nlp, text, name, org_type):
    doc = run(nlp, text)
    org = next(e for e in doc.ents if e.label_ == "ORG")
    assert (org._.normalized, org._.org_type) == (name, org_type)


def test_a_bare_county_board_resolves_only_when_the_text_names_the_county(nlp):
    named = run(nlp, "Länsstyrelsen har beviljat pengar till föreningar i Kronobergs län.")
    assert ents(named, "ORG")[0] == ("Länsstyrelsen", "Länsstyrelsen i Kronobergs län")
    unnamed = run(nlp, "Länsstyrelsen har beviljat pengar till föreningar i Alingsås.")
    assert ents(unnamed, "ORG")[0] == ("Länsstyrelsen", "Länsstyrelsen")


def test_abbreviations_keep_the_form_the_text_supports(nlp):
    doc = run(nlp, "Projektet får stöd från EU och ESF.")
    names = {n for _, n in ents(doc, "ORG")}
    assert names == {"EU", "ESF"}
    canon = {e._.canonical for e in doc.ents if e.label_ == "ORG"}
    assert canon == {"Europeiska unionen", "Europeiska socialfonden"}


@pytest.mark.parametrize("text, name", [
    ("Projektet drivs av Vingåker Växer Tillsammans och Röda Korset.", "Vingåker Växer Tillsammans"),
    ("Pengarna går till Karlshamns Skyttegilles verksamhet för nyanlända.", "Karlshamns Skyttegille"),
])
def test_an_organisation_ending_in_s_is_a_genitive_only_before_a_noun(nlp, text, name):
    assert name in [normalized for _, normalized in ents(run(nlp, text), "ORG")]


def test_a_name_in_capitals_is_the_same_name_as_in_ordinary_case(nlp):
    from spacy.tokens import Span

    from pipeline.nlp.entities import one_case_per_name
    from pipeline.nlp.organisations import written_place_name
    from pipeline.normalize.organisations import lookup_place

    doc = nlp.make_doc('Karlshamns United tränar. Kontakt: "KARLSHAMNS UNITED" Ilir Alaj. ABF FLEN')
    spans = [Span(doc, 0, 2, label="ORG"), Span(doc, 7, 9, label="ORG"), Span(doc, 13, 15, label="ORG")]
    for span in spans:
        span._.normalized = span.text
    one_case_per_name(doc, spans)
    assert [s._.normalized for s in spans] == ["Karlshamns United", "Karlshamns United", "ABF FLEN"]
    assert written_place_name("BLEKINGE", lookup_place("Blekinge")) == "Blekinge"


def test_a_place_that_runs_on_into_a_name_is_not_a_place(nlp):
    doc = run(nlp, "Träningen leds av Karlshamns United. Efter matchen i Lund Anna Berg talade.")
    assert ents(doc, "LOC") == [("Lund", "Lund")]
    assert ents(doc, "ORG") == [("Karlshamns United", "Karlshamns United")]


def test_a_place_genitive_before_an_area_word_stays_a_place(nlp):
    doc = run(nlp, "Mötet hölls i Karlshamns centrum och i Växjö.")
    assert ents(doc, "ORG") == []
    assert ("Växjö", "Växjö") in ents(doc, "LOC")


def test_a_municipality_heading_an_allocation_line_is_the_body(nlp):
    text = ("Pengarna fördelas så här:\n\nHylte – 2 miljoner kronor i år.\n\n"
            "Mora – 1,5 miljoner kronor i år.\n\nFlera bor i Hylte.")
    doc = run(nlp, text)
    bodies = {(e.text, e._.normalized, e._.canonical, e._.municipality_code) for e in doc.ents if e.label_ == "ORG"}
    assert bodies == {("Hylte", "Hylte", "Hylte kommun", "1315"), ("Mora", "Mora", "Mora kommun", "2062")}
    assert ents(doc, "LOC") == [("Hylte", "Hylte")]  # the last line uses it as a place
    written = run(nlp, "Hylte kommun har fått pengar.\n\nHylte – 2 miljoner kronor i år.")
    assert [e._.normalized for e in written.ents if e.label_ == "ORG"] == ["Hylte kommun", "Hylte kommun"]


def test_municipalities_enumerated_as_partners_are_bodies_and_after_i_are_places(nlp):
    partners = run(nlp, "Projektet drivs i samverkan med fyra kommuner i länet; Arvika, Kil,\nSunne och Torsby.")
    assert {e.text for e in partners.ents if e.label_ == "ORG"} == {"Arvika", "Kil", "Sunne", "Torsby"}
    assert ents(partners, "LOC") == []
    for text in ("Familjerna bor i kommunerna Arvika och Kil.", "Familjerna bor i de två kommunerna Arvika och Kil."):
        places = run(nlp, text)
        assert {e.text for e in places.ents if e.label_ == "LOC"} == {"Arvika", "Kil"}
        assert ents(places, "ORG") == []
    partners = run(nlp, "Pengarna gör stor skillnad för de mindre kommunerna Arvika och Kil.")
    assert {e.text for e in partners.ents if e.label_ == "ORG"} == {"Arvika", "Kil"}


def test_places_keep_their_written_form_and_codes(nlp):
    doc = run(nlp, "Många flyttar från Syrien till Sörmland och Växjö.")
    places = {e._.normalized: (e._.municipality_code, e._.county_code) for e in doc.ents if e.label_ == "LOC"}
    assert places == {"Syrien": (None, None), "Sörmland": (None, "04"), "Växjö": ("0780", "07")}


def grants(nlp, text, **kw):
    return [(g["funder"], g["recipient"], g["amount_sek"]) for g in run(nlp, text, **kw)._.grants]


@pytest.mark.parametrize("text, expected", [
    ("Tillväxtverket har beviljat Ronneby kommun tre miljoner kronor.", ("Tillväxtverket", "Ronneby kommun", 3_000_000)),
    ("Ronneby kommun får 250 000 kronor från Allmänna arvsfonden.", ("Allmänna arvsfonden", "Ronneby kommun", 250_000)),
    ("I år får Mora kommun 1,2 miljoner kronor av Migrationsverket.", ("Migrationsverket", "Mora kommun", 1_200_000)),
    ("Regeringen har beslutat att ge Rädda Barnen 5 miljoner kronor.", (None, "Rädda Barnen", 5_000_000)),
    ("Migrationsverket, tillsammans med Arbetsförmedlingen, har beviljats 800 000 kronor.", (None, "Migrationsverket", 800_000)),
    # money given to a body to distribute is a grant to that body ("att fördela" alone is not)
    ("Regeringen har tilldelat Länsstyrelsen i Jönköpings län 60 miljoner kronor för att fördela till insatser i länet.",
     (None, "Länsstyrelsen i Jönköpings län", 60_000_000)),
])
def test_grant_roles_follow_the_clause(nlp, text, expected):
    assert grants(nlp, text) == [expected]


@pytest.mark.parametrize("text", [
    "Föreningar kan söka 50 000 kronor från Länsstyrelsen.",
    "Länsstyrelsen har 4 miljoner kronor att fördela under året.",
    "Länsstyrelsen Skåne kan fördela cirka 5 miljoner kronor till kommunerna.",
    "Föreningar kan få upp till 50 000 kronor från Allmänna arvsfonden.",
    "Mora kommun får 1 200 kronor per person och dygn från Migrationsverket.",
    "Budgeten för projektet är 2 miljoner kronor.",
])
def test_money_that_is_not_a_grant(nlp, text):
    assert grants(nlp, text) == []


def test_a_part_of_a_stated_amount_is_not_a_grant_of_its_own(nlp):
    # "varav" opens a part of the amount before it: one grant, not two
    assert grants(nlp, "Mora kommun får 4 miljoner kronor från Migrationsverket, varav drygt 1 miljon "
                       "kronor återstår att använda 2017.") == [("Migrationsverket", "Mora kommun", 4_000_000)]
    # a part that goes to a body the clause names is a grant of its own
    parts = grants(nlp, "Länsstyrelsen beviljar 10 miljoner kronor till kommunerna i länet, varav "
                        "3 miljoner kronor till Ronneby kommun.")
    assert [amount for _, _, amount in parts] == [10_000_000, 3_000_000]


def test_beneficiary_list_under_a_grant_statement(nlp):
    text = ("Länsstyrelsen i Hallands län har beviljat 600 000 kronor till föreningar.\n\n"
            "Kulturföreningen Ljus, Språkcafé 200 000 kronor\n\n"
            "Röda Korset, Läxhjälp 400 000 kronor\n")
    assert grants(nlp, text) == [
        ("Länsstyrelsen i Hallands län", None, 600_000),
        ("Länsstyrelsen i Hallands län", "Kulturföreningen Ljus", 200_000),
        ("Länsstyrelsen i Hallands län", "Röda Korset", 400_000),
    ]


def test_recipients_named_in_a_list_are_organisations_whole_as_written(nlp):
    text = ("Länsstyrelsen i Värmlands län har beviljat 1 040 000 kronor till föreningar.\n\n"
            "IGETEGO förening, Tillsammans 2.0 550 000 kronor\n"
            "NTF FyrBoDal, Trafikinformation till asylsökande 43 200 kronor\n"
            "Röda Korset i Karlstad, Språkcafé 446 800 kronor\n")
    doc = run(nlp, text)
    assert [g["recipient"] for g in doc._.grants][1:] == ["IGETEGO förening", "NTF FyrBoDal", "Röda Korset i Karlstad"]
    orgs = [name for _, name in ents(doc, "ORG")]
    assert {"IGETEGO förening", "NTF FyrBoDal", "Röda Korset i Karlstad"} <= set(orgs)
    assert "NTF" not in orgs and ents(doc, "LOC") == []  # parts of the names are not mentions of their own


def test_recipients_named_in_a_list_get_the_type_their_name_says(nlp):
    text = ("Länsstyrelsen i Värmlands län har beviljat 500 000 kronor till föreningar.\n\n"
            "Pingstförsamlingen i Karlstad, Språkcafé 446 800 kronor\n"
            "Karlstads Judoklubb IK, Judo för alla 43 200 kronor\n")
    doc = run(nlp, text)
    assert [(e._.normalized, e._.org_type) for e in doc.ents if e.label_ == "ORG"][1:] == [
        ("Pingstförsamlingen i Karlstad", "church"), ("Karlstads Judoklubb IK", "sports_club")]


def test_a_grant_without_a_named_funder_gets_the_one_fund_the_text_names(nlp):
    text = ("Studieförbundet Vuxenskolan har fått 1,7 miljoner kronor för ett musikprojekt med unga nyanlända. "
            "Projektet drivs i två år, och Allmänna arvsfonden följer arbetet.")
    assert grants(nlp, text) == [("Allmänna arvsfonden", "Studieförbundet Vuxenskolan", 1_700_000)]
    two_funds = text + " Europeiska socialfonden stöder ett annat projekt i staden."
    assert grants(nlp, two_funds) == [(None, "Studieförbundet Vuxenskolan", 1_700_000)]
    # a funding phrase says which of the two funds this project
    phrased = two_funds.replace("och Allmänna arvsfonden följer arbetet", "med stöd av Allmänna arvsfonden")
    assert grants(nlp, phrased) == [("Allmänna arvsfonden", "Studieförbundet Vuxenskolan", 1_700_000)]


def test_we_as_subject_is_the_publishing_body(nlp):
    text = "Redan i december fördelade vi tio miljoner kronor till församlingarnas arbete."
    assert grants(nlp, text, publisher="Svenska kyrkan") == [("Svenska kyrkan", None, 10_000_000)]


def test_a_bulleted_beneficiary_list(nlp):
    text = ("Länsstyrelsen i Hallands län har beviljat 600 000 kronor till föreningar.\n\n"
            "• Kulturföreningen Ljus, Språkcafé 200 000 kronor\n"
            "• Röda Korset, Läxhjälp 400 000 kronor\n")
    assert grants(nlp, text)[1:] == [("Länsstyrelsen i Hallands län", "Kulturföreningen Ljus", 200_000),
                                     ("Länsstyrelsen i Hallands län", "Röda Korset", 400_000)]


@pytest.mark.parametrize("text, purpose", [
    ("Alingsås kommun får en halv miljon kronor av Länsstyrelsen för integrationsarbete.", "integrationsarbete"),
    ("Tillväxtverket har beviljat Nyköpings kommun nio miljoner kronor i statsbidrag för satsningar på integration "
     "under 2019.", "satsningar på integration"),
    ("Länsstyrelsen Värmland bidrar med 8 miljoner kronor under 2020 till insatser för nyanlända.", "insatser för nyanlända"),
    ("Länsstyrelsen har beviljat 600 000 kronor till 12 föreningar i länet för läxhjälp och språkcaféer.",
     "läxhjälp och språkcaféer"),
    ("Biblioteken på Gotland har fått 400 000 kronor från Kulturrådet för att under 2017 arbeta med läsfrämjande.",
     "att arbeta med läsfrämjande"),
    ("Ale kommun får 300 000 kronor för språkcaféer, som startar i höst.", "språkcaféer"),
    ("Lysekils kommun har fått 4,2 miljoner kronor från Europeiska socialfonden (ESF) för flyktingmottagandet.",
     "flyktingmottagandet"),
    ("Projektet har beviljats 50 miljoner kronor från Europeiska socialfonden, ESF, till en förlängning.",
     "en förlängning"),
    ("Länsstyrelsen har beviljat 600 000 kronor till föreningar i länet.", None),  # who, not what for
    ("Mora kommun har fått 2 miljoner kronor från Migrationsverket.", None),
])
def test_what_a_grant_is_for(nlp, text, purpose):
    assert [g["purpose"] for g in run(nlp, text)._.grants] == [purpose]


def test_what_listed_and_tabled_grants_are_for(nlp):
    listed = ("Länsstyrelsen i Hallands län har beviljat 600 000 kronor till föreningar.\n\n"
              "Kulturföreningen Ljus, Språkcafé 200 000 kronor\n\nHelsingborg – 13 miljoner kronor i år och 69 miljoner kronor sedan\n")
    assert [g["purpose"] for g in run(nlp, listed)._.grants] == [None, "Språkcafé", None, None]
    assert [g["purpose"] for g in run(nlp, TABLE_INTRO + TABLE)._.grants] == [
        "Nyckel till Sverige", "Kunskap i svenska", "Välkommen till Sverige"]


def test_entity_index_answers_what_a_scan_of_the_entities_would(nlp):
    from pipeline.nlp.entity_index import EntityIndex

    doc = run(nlp, "Under 2019 fick Ale kommun 300 000 kronor. I mars 2020 fick Lerums kommun 200 000 kronor.")
    index = EntityIndex.of(list(doc.ents))
    for start in range(len(doc)):
        for end in range(start, len(doc) + 1):
            inside = [e for e in doc.ents if start <= e.start < end]
            assert index.has_money(start, end) == any(e.label_ == "MONEY" for e in inside)
            years = [int(e._.date[:4]) for e in inside if e.label_ == "DATE" and e._.date]
            assert index.first_year(start, end) == (years[0] if years else None)
    assert {e.text for e in index.parties.values()} == {"Ale kommun", "Lerums kommun"}


def test_the_project_as_subject_means_the_publishing_municipality(nlp):
    text = "Projektet har beviljats 90 000 kronor från Länsstyrelsen."
    assert grants(nlp, text, publisher="Ale kommun") == [("Länsstyrelsen", "Ale kommun", 90_000)]


def test_a_subjectless_passive_grant_goes_to_the_body_the_release_is_about(nlp):
    text = "Ytterligare 2 miljoner kronor beviljas för arbetet med ensamkommande."
    assert grants(nlp, text, publisher="Rädda Barnen") == [(None, "Rädda Barnen", 2_000_000)]


def test_a_clause_before_a_colon_is_not_a_beneficiary(nlp):
    text = ("Länsstyrelsen i Hallands län har beviljat 600 000 kronor till föreningar.\n\n"
            "Och bara det är på: 13 miljoner kronor\n\n"
            "Under året hade länsstyrelsen: 2 miljoner kronor\n")
    assert [g[1] for g in grants(nlp, text)] == [None]


TABLE_INTRO = ("Länsstyrelsen i Södermanlands län har beviljat bidrag till följande organisationer "
               "för tidiga insatser för asylsökande.\n\n")
TABLE = ("| Diarienr | Organisation | Projekt | Beviljat belopp |\n\n"
         "| 4846-2017 | ABF Flen | Nyckel till Sverige | 190 000 |\n\n"
         "| 5041-2017 | Eskilstuna Friidrott | Kunskap i svenska | 153 000 |\n\n"
         "| 5108-2017 | Mariakyrkans församling | Välkommen till Sverige | 158 060 |\n")


def test_table_of_grants_under_a_statement_without_an_amount(nlp):
    assert grants(nlp, TABLE_INTRO + TABLE) == [
        ("Länsstyrelsen i Södermanlands län", "ABF Flen", 190_000),
        ("Länsstyrelsen i Södermanlands län", "Eskilstuna Friidrott", 153_000),
        ("Länsstyrelsen i Södermanlands län", "Mariakyrkans församling", 158_060),
    ]


def test_a_list_under_a_grant_statement_that_names_no_funder(nlp):
    text = ("Sex skånska kommuner får ta del av regeringens satsning mot segregation.\n\n"
            "Så här fördelas pengarna i Skåne:\n\n"
            "Helsingborg – 13 miljoner kronor i år och sedan 69 miljoner kronor årligen.\n\n"
            "Kristianstad – 10,3 miljoner kronor i år.\n")
    assert grants(nlp, text) == [(None, "Helsingborg", 13_000_000), (None, "Helsingborg", 69_000_000),
                                 (None, "Kristianstad", 10_300_000)]


def test_a_table_of_amounts_without_a_grant_statement_holds_no_grants(nlp):
    text = "Så här fördelar sig kostnaderna för mottagandet i länet under året.\n\n" + TABLE.replace("Beviljat belopp", "Kostnad (kr)")
    assert grants(nlp, text) == []


@pytest.fixture(scope="module")
def nlp_with_model():
    """The rules pipeline with an EntityRuler where a statistical model sits: its
    patterns stand for the spans a generic NER model proposes in this genre."""
    nlp = load_pipeline(BuildConfig(model="rules")).nlp
    ruler = nlp.add_pipe("entity_ruler", name="ner", after="pressmine_sentences")
    ruler.add_patterns([
        {"label": "ORG", "pattern": "CET"}, {"label": "ORG", "pattern": "UTC"},
        {"label": "ORG", "pattern": "NHKF"}, {"label": "ORG", "pattern": "Syftet"},
        {"label": "LOC", "pattern": "Vardagssvenska"},
        {"label": "LOC", "pattern": [{"TEXT": "Nya"}, {"TEXT": "Zeeland"}]},
    ])
    return nlp


def test_model_entities_pass_only_with_evidence_beyond_capitalisation(nlp_with_model):
    doc = run(nlp_with_model,
              "Publicerad 3 maj 2026 09:00 CET. Syftet är att fler ska få jobb. Kursen "
              "Vardagssvenska sköts av NHKF. Hon kom från Nya Zeeland. Uppdaterad 10:15 UTC.")
    assert ents(doc, "ORG") == [("NHKF", "NHKF")]  # an acronym; a time zone is not a body
    assert ents(doc, "LOC") == [("Nya Zeeland", "Nya Zeeland")]  # after a locative preposition
    assert all(e._.method == "model" for e in doc.ents if e.label_ in ("ORG", "LOC"))


def test_the_body_a_text_is_about_is_resolved_once_and_named_as_the_text_names_it(nlp):
    # "Solna kommun" is an alias of the body "Solna stad": the text's own form names it
    # everywhere, "kommunen" included.
    doc = run(nlp, "Solna kommun satsar på språkcaféer. Kommunen får 300 000 kronor från Allmänna arvsfonden. "
                   "Solna kommun är nöjd.")
    assert doc._.home_municipality == "Solna kommun"
    assert [(g["funder"], g["recipient"]) for g in doc._.grants] == [("Allmänna arvsfonden", "Solna kommun")]
    doc = run(nlp, "Länsstyrelsen i Kronobergs län fördelar pengar. Länsstyrelsen beviljar 400 000 kronor till Växjö kommun.")
    assert doc._.county_board == "Länsstyrelsen i Kronobergs län"
    assert [(g["funder"], g["recipient"]) for g in doc._.grants] == [("Länsstyrelsen i Kronobergs län", "Växjö kommun")]
    assert [e._.normalized for e in doc.ents if e.text == "Länsstyrelsen"] == ["Länsstyrelsen i Kronobergs län"]
