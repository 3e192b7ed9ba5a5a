"""Rules that find organisation names by Swedish name forms and by how press pages
list them, on sentences written for the purpose (rules-only pipeline; every name is
invented unless it is a national body any Swedish reader knows)."""
from __future__ import annotations

import pytest
from nlp_runs import run_pipeline


def run(nlp, text):
    return run_pipeline(nlp, text, "2021-03-01")


def org_names(doc) -> set[str]:
    return {e._.normalized for e in doc.ents if e.label_ == "ORG"}


def place_names(doc) -> set[str]:
    return {e._.normalized for e in doc.ents if e.label_ == "LOC"}


LIST_OF_RECIPIENTS = (
    "Stöd till lokala initiativ beviljades följande föreningar:\n\n"
    "Solbacka Hembygdsförening\n\n"
    "Norrby Samhällsförening\n\n"
    "Kvarnens ek förening\n\n"
    "Tallby Idrottsförening\n\n"
    "Solbacka Ryttarförening\n\n"
    "Norrbygif\n\n"
    "Solbacka LRF\n\n"
    "IFK NORRBY\n\n"
    "Om stödet\n\n"
    "Stödet söks hos kommunen."
)


def test_a_list_of_mostly_organisations_is_a_list_of_organisations(nlp):
    names = org_names(run(nlp, LIST_OF_RECIPIENTS))
    assert {"Kvarnens ek förening", "Norrbygif", "Solbacka LRF", "IFK NORRBY"} <= names
    assert "Om stödet" not in names  # a heading ends the list


def test_a_list_item_name_ends_before_its_bracketed_short_form(nlp):
    text = ("Pengar gick till:\n\nTallby lokalförening av Förbundet Ängsvänner (FÄV)\n\n"
            "Tallby Hembygdsförening\n\nBergsjö Idrottsförening\n\nTallbygif")
    names = org_names(run(nlp, text))
    assert "Tallby lokalförening av Förbundet Ängsvänner" in names and "Tallbygif" in names


@pytest.mark.parametrize("text", [
    # mostly not organisations: the items stay what they are
    "Följande talare medverkar:\n\nAnna Berg\n\nNorrby Hembygdsförening\n\nPer Olsson\n\nLena Ek",
    "Programmet består av:\n\nSpråkcafé\n\nLäxhjälp\n\nFotboll\n\nNorrby Hembygdsförening",
])
def test_a_list_that_is_not_mostly_organisations_adds_none(nlp, text):
    names = org_names(run(nlp, text))
    assert names <= {"Norrby Hembygdsförening"}


def test_places_that_make_up_allocation_rows_are_the_bodies_receiving(nlp):
    text = ("Pengarna har fördelats så här, i kronor:\n\n"
            "Jämtland 1 200 000\n\nBlekinge 950 000\n\nKalix 400 000\n\n"
            "Fördelningen gäller för 2021.")
    doc = run(nlp, text)
    assert {"Jämtland", "Blekinge", "Kalix"} <= org_names(doc)
    assert place_names(doc) == set()


def test_one_place_with_an_amount_on_a_line_is_no_table(nlp):
    doc = run(nlp, "Totalt för länet:\n\nJämtland 1 200 000 kronor\n\nBeslutet togs i mars.")
    assert "Jämtland" not in org_names(doc)


@pytest.mark.parametrize("text, name", [
    ("Frågan prövades till slut i Högsta domstolen förra året.", "Högsta domstolen"),
    ("Överklagandet gick vidare till Valprövningsnämnden i april.", "Valprövningsnämnden"),
    ("Förslaget antogs av Kyrkomötet i höstas.", "Kyrkomötet"),
    ("Nu har kyrkostyrelsen fördelat pengarna mellan stiften.", "Kyrkostyrelsen"),
])
def test_national_bodies_any_swedish_reader_knows(nlp, text, name):
    assert name in org_names(run(nlp, text))


@pytest.mark.parametrize("text, place", [
    ("I Kalix får Tallby Idrottsförening 80 000 kronor.", "Kalix"),  # "i" before a grant verb's subject: a place
    ("Det råder eldningsförbud i hela Jämtland County just nu.", "Jämtland"),  # English for the county
    ("Mötet hölls på Kalix Folkets hus i fredags.", "Kalix"),  # the town's generic meeting hall
    ("Kalix ESF-projekt\n\nProjektet startar i höst.", "Kalix"),  # a project's name is no organisation
])
def test_a_place_before_these_words_stays_a_place(nlp, text, place):
    doc = run(nlp, text)
    assert place in place_names(doc)
    assert not any(place in name for name in org_names(doc))


def test_a_municipality_as_subject_of_a_grant_verb_is_still_the_body(nlp):
    assert "Kalix" in org_names(run(nlp, "Kalix får 80 000 kronor av länsstyrelsen."))


@pytest.mark.parametrize("text", [
    "Kalix satsar på fler språkvänner under hösten.",
    "I år anställer Kalix fem nya lärare.",  # the subject after the verb
    "Kalix startade en mötesplats för nyanlända i våras.",
])
def test_a_municipality_as_subject_of_a_verb_of_doing_is_the_body(nlp, text):
    doc = run(nlp, text)
    assert "Kalix" in org_names(doc) and "Kalix" not in place_names(doc)


@pytest.mark.parametrize("text", [
    "Kalix växer så det knakar.",  # a verb that a place does
    "Från Kalix tog vi tåget till kusten.",  # a preposition before it: the place
    "I Kalix satsar man på fler språkvänner.",
])
def test_a_place_before_a_verb_it_is_not_the_subject_of_stays_a_place(nlp, text):
    doc = run(nlp, text)
    assert "Kalix" in place_names(doc) and "Kalix" not in org_names(doc)


@pytest.mark.parametrize("text, name", [
    # a national body's unit: the body plus its area or its unit noun
    ("I våras startade Sensus region Jämtland-Härjedalen en kurs för nyanlända.", "Sensus region Jämtland-Härjedalen"),
    ("Deltagarna får stöd av Röda Korsets behandlingscenter i regionen.", "Röda Korsets behandlingscenter"),
    # institutions named by their head word: preschools, family centres, hospitals
    ("Politikerna samlades för att inviga Tallbackens förskola i går.", "Tallbackens förskola"),
    ("Personal från Solby familjecentral deltar på mötet.", "Solby familjecentral"),
    ("I år ska Östra sjukhuset ha ett nollresultat.", "Östra sjukhuset"),
    # a weak adjective between the name and its head word
    ("Bidraget fördelas på Equmeniakyrkan, Armeniska apostoliska kyrkan och andra.", "Armeniska apostoliska kyrkan"),
    ("Nu står det klart att pengarna tillfaller Kalix katolska församling.", "Kalix katolska församling"),
    # a descriptive word before a name with its own form: the name is the club's
    ("Föreningen Tallby FC har jobbat med unga i området.", "Tallby FC"),
    ("Störst anslag fick KFUM Kalix för en mötesplats.", "KFUM Kalix"),
    ("Arbetet leds av Stiftelsen Bright Jobs and Society i Kalix.", "Stiftelsen Bright Jobs and Society"),
    # a photo credit runs on into "i <place>"
    ("Volontärer delar ut mat. Foto: Ungdomskören Ljus i Kalix", "Ungdomskören Ljus i Kalix"),
])
def test_organisation_names_by_their_swedish_form(nlp, text, name):
    assert name in org_names(run(nlp, text))


@pytest.mark.parametrize("text", [
    "Kommunens förskola har fått nya lokaler.",  # a sentence's first word before the head word: no name
    "Den katolska församlingen har vuxit.",  # no capitalised word before the adjective
    "Nu engageras Kalix hela församling i arbetet.",  # a determiner, not a name's adjective
    "Vi besökte sjukhuset och förskolan i går.",
])
def test_head_words_without_a_name_before_them_name_nothing(nlp, text):
    assert org_names(run(nlp, text)) == set()


@pytest.mark.parametrize("text, name", [
    # a club's abbreviation in the genitive
    ("Enligt Tallby IF:s ordförande har intresset ökat.", "Tallby IF"),
    ("Solby BK:s ungdomslag spelar i Kalix.", "Solby BK"),
    # a club's abbreviation before its name, also opening a sentence
    ("IK Stjärnan bjuder in nyanlända till prova-på-dagar.", "IK Stjärnan"),
    ("Träningen leds av tränare från BK Kometen.", "BK Kometen"),
    # a compound of a word that opens a name opens one too
    ("Hembygdsföreningen Gamla Tallby har renoverat kvarnen.", "Hembygdsföreningen Gamla Tallby"),
    ("Pengarna går till Pensionärsföreningen Solstrålen i år.", "Pensionärsföreningen Solstrålen"),
    # a company's name that opens a sentence, up to its legal form
    ("Tallby Fastigheter AB hyr ut lägenheter till nyanlända.", "Tallby Fastigheter AB"),
    ("Solby Bygg AB:s lärlingar får handledning.", "Solby Bygg AB"),
    # a county's council, by its county's genitive
    ("Kalmar läns landsting bekostar tolkar vid vårdbesöken.", "Kalmar läns landsting"),
])
def test_names_opened_or_closed_by_their_form_word(nlp, text, name):
    assert name in org_names(run(nlp, text))


@pytest.mark.parametrize("text, name", [
    ("Bolaget Tallby AB bygger nya bostäder.", "Tallby AB"),  # a noun for a company before the name
    ("Byggföretaget Solby AB anställer fem praktikanter.", "Solby AB"),
])
def test_a_noun_for_a_company_opening_a_sentence_is_not_its_name(nlp, text, name):
    assert org_names(run(nlp, text)) == {name}


@pytest.mark.parametrize("text", [
    "Pengarna fördelas till Sveriges landsting och kommuner.",  # the country's councils: no one body
    "Hembygdsföreningen har renoverat kvarnen.",  # a compound alone names nothing
    "Idrottsföreningarna i Kalix får söka bidrag.",
])
def test_form_words_without_a_name_name_nothing(nlp, text):
    assert org_names(run(nlp, text)) == set()


@pytest.mark.parametrize("text, names", [
    ("Verksamheten sker tillsammans med Hyresgästföreningen och Tallbyggen.", {"Tallbyggen"}),
    ("I samarbete med IOGT-NTO och Unga Solörnar erbjuds lovaktiviteter.", {"IOGT-NTO", "Unga Solörnar"}),
    ("Kommunen samverkar med Solby Ryttarsällskap och Kvarnbacken.", {"Kvarnbacken"}),
])
def test_names_after_a_partnership_cue_are_organisations(nlp, text, names):
    assert names <= org_names(run(nlp, text))


@pytest.mark.parametrize("text", [
    "Projektet drivs i samarbete med Lisa och hennes kollegor.",  # a lone given name: a person
    "Eleverna läser tillsammans med Anna Ek från Kalix.",  # a person's full name
    "Föreningen arbetar i samverkan med Kalix.",  # a place
    "Kommunen, i samarbete med Sisters in business, ordnar kursen.",  # a name this rule cannot delimit
])
def test_a_partnership_cue_before_no_body_adds_none(nlp, text):
    assert org_names(run(nlp, text)) == set()


def test_an_acronym_defined_after_a_name_is_that_name(nlp):
    # "SKR" is Sveriges Kommuner och Regioner in the gazetteer; here the text defines it
    doc = run(nlp, "Sveriges kristna råd (SKR) fördelar bidraget. Enligt SKR räcker pengarna ett år.")
    assert org_names(doc) == {"Sveriges kristna råd"}


def test_the_gazetteer_meaning_of_an_acronym_holds_when_the_text_defines_none(nlp):
    doc = run(nlp, "Enligt SKR räcker pengarna ett år.")
    assert org_names(doc) == {"SKR"}
    assert {e._.canonical for e in doc.ents if e.label_ == "ORG"} == {"Sveriges Kommuner och Regioner"}


@pytest.mark.parametrize("text, name, short", [
    ("Studieförbundet Vuxenskolan i Kalix har fått bidrag. Studieförbundet Vuxenskolan har gjort en förstudie.",
     "Studieförbundet Vuxenskolan i Kalix", "Studieförbundet Vuxenskolan"),
    ("Bidraget gick till Tallby IF och Kalix Saints Basket. Spelare från Kalix Saints var där.",
     "Kalix Saints Basket", "Kalix Saints"),
])
def test_a_body_named_short_and_long_in_one_text_is_the_longer_name(nlp, text, name, short):
    names = org_names(run(nlp, text))
    assert name in names and short not in names


def test_a_body_with_a_unit_that_is_no_place_keeps_its_own_name(nlp):
    # "Caritas Ungdom i X" is a unit of its own; the bare "Caritas" is the national body
    names = org_names(run(nlp, "Caritas får statligt bidrag. Foto: Caritas Ungdom i Kalix"))
    assert {"Caritas", "Caritas Ungdom i Kalix"} <= names


@pytest.mark.parametrize("text, names", [
    ("Pengarna betalades ut till följande föreningar; Tallby IK, Stigfinnarna, Norrby Bygderåd, "
     "Café Linden och Kalix gymnastikklubb.",
     {"Tallby IK", "Stigfinnarna", "Norrby Bygderåd", "Café Linden", "Kalix gymnastikklubb"}),
    ("Bidraget fördelas på trossamfunden: Solkyrkan, Armeniska apostoliska kyrkan och Fria kristna församlingar i samverkan.",
     {"Solkyrkan", "Armeniska apostoliska kyrkan", "Fria kristna församlingar i samverkan"}),
    ("Föreningarna Alfa, Beta och Gamma deltar i år.", {"Alfa", "Beta", "Gamma"}),  # the verb is no part of a name
])
def test_names_a_plural_organisation_noun_enumerates_are_organisations(nlp, text, names):
    assert names <= org_names(run(nlp, text))


@pytest.mark.parametrize("text", [
    "Kursen riktar sig till företag, föreningar och myndigheter i länet.",
    "Föreningarna Alfa och Beta deltar.",  # two names: too few to judge by
    "Vi samarbetar med föreningar som Alfa, idrottsklubbar och andra.",
])
def test_an_enumeration_that_is_not_of_capitalised_names_adds_none(nlp, text):
    assert org_names(run(nlp, text)) == set()


def test_a_party_named_bare_and_with_its_district_is_two_bodies(nlp):
    names = org_names(run(nlp, "Socialdemokraterna i Kalix vill se en ny plan. Socialdemokraterna har länge drivit frågan."))
    assert {"Socialdemokraterna", "Socialdemokraterna i Kalix"} <= names


@pytest.mark.parametrize("text, agency", [
    ("Volontärer delar ut mat. Foto: Anna Berg/Bildbyrån Norr", "Bildbyrån Norr"),
    ("Volontärer delar ut mat. Foto: Alex & Kim/KAMERA", "KAMERA"),
])
def test_a_photo_credit_names_the_agency_after_a_slash(nlp, text, agency):
    assert agency in org_names(run(nlp, text))


def test_a_person_after_the_slash_of_a_credit_is_no_agency(nlp):
    assert org_names(run(nlp, "Foto: Anna Berg/Per Olsson")) == set()


@pytest.mark.parametrize("text, names", [
    ("Projekten drevs av Tallbo Science Park och Help Norrby Now tillsammans med andra.",
     {"Tallbo Science Park", "Help Norrby Now"}),
    ("Föreställningen är framtagen av teatergruppen Ridån i höstas.", {"Ridån"}),
    ("Det säger en strateg på samordningsförbundet NORD i Sörmland, som ligger bakom ansökan.",
     {"Samordningsförbundet NORD i Sörmland"}),
    ("Sedan i våras har föreningen Norrby FC jobbat uppsökande.", {"Norrby FC"}),
])
def test_a_name_after_a_running_cue_or_a_descriptor_noun_is_an_organisation(nlp, text, names):
    assert names <= org_names(run(nlp, text))


@pytest.mark.parametrize("text", [
    "Kursen leds av Anna Berg varje tisdag.",  # a person runs it
    "Föreningen har jobbat uppsökande i Norrby.",  # a descriptor with no name after it
    "Träffarna arrangeras av kommunen och regionen.",  # generic bodies, written in lower case
])
def test_cues_without_a_capitalised_body_name_add_none(nlp, text):
    assert org_names(run(nlp, text)) == set()


@pytest.mark.parametrize("text, name", [
    ("Bidraget går till Kvarnen ek. för. i år.", "Kvarnen ek. för."),
    ("Bidraget går till Kvarnen ideell förening i år.", "Kvarnen ideell förening"),
    ("Pengar gick till:\n\nEmilbygden ek förening\n\nSe även bilagan.", "Emilbygden ek förening"),
])
def test_a_legal_form_written_in_words_after_a_name_makes_it_an_organisation(nlp, text, name):
    assert name in org_names(run(nlp, text))


def test_a_municipality_after_a_receiving_verb_in_verb_second_order_is_the_body(nlp):
    assert "Kalix" in org_names(run(nlp, "Av de sex kommunerna får Kalix mest, 22 miljoner kronor i år."))
    assert "Kalix" not in org_names(run(nlp, "Får Kalix mer pengar nästa år?"))  # a question: no subject before


@pytest.mark.parametrize("text", ["Norrby IF:s ungdomslag åker till cupen i Hylte.",
                                  "Hylte kommun ger pengar till Norrby IF:s ungdomslag."])
def test_a_club_named_in_the_genitive_of_its_abbreviation(nlp, text):
    doc = run(nlp, text)
    assert "Norrby IF" in org_names(doc)
    assert next(e._.org_type for e in doc.ents if e._.normalized == "Norrby IF") == "sports_club"
