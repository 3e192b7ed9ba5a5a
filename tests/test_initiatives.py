"""Named initiatives and their owners, rule by rule, on sentences written for the purpose
(invented names; rules-only pipeline)."""
from __future__ import annotations

import pytest
from nlp_runs import run_pipeline
from spacy.tokens import Span

from pipeline import resources
from pipeline.dataset.rows import entity_rows
from pipeline.nlp.initiative_context import Context
from pipeline.nlp.initiatives import normalized_name


def run(nlp, text, publisher=None):
    return run_pipeline(nlp, text, "2021-03-01", publisher)


def initiatives(doc):
    """Each initiative once, in order of first mention: [(normalized, owner)]."""
    seen = {}
    for ent in doc.ents:
        if ent.label_ == "INITIATIVE":
            seen.setdefault(ent._.normalized, ent._.owner)
    return list(seen.items())


def names(nlp, text):
    return [name for name, _ in initiatives(run(nlp, text))]


@pytest.mark.parametrize("text, expected", [
    ("Projektet Gröna vägar startar i maj.", ["Gröna vägar"]),
    ("Nu startar satsningen Läs med mig som riktar sig till föräldrar.", ["Läs med mig"]),
    ("Kommunen driver integrationsprojektet Framtid 2030 tillsammans med föreningar.", ["Framtid 2030"]),
    ("Deltagarna träffas på mötesplats Ekudden varje vecka.", ["Ekudden"]),
    ("Kurserna ges inom folkbildningsinsatserna Ordkraft och Språkstegen.", ["Ordkraft", "Språkstegen"]),
    ("Pengarna går till projekten Gröna stigar, Läsvän och Kafé Kompis.", ["Gröna stigar", "Läsvän", "Kafé Kompis"]),
    ("I projekten Gröna stigar, som startade i maj, deltar unga.", ["Gröna stigar"]),
    # the name ends at a finite verb, and at "och" when a new clause follows it
    ("Föreningen är en del av förbundets projekt Bollglädje och tanken är att fler ska spela.", ["Bollglädje"]),
    ("Projektet Trygg start och välmående är en satsning för unga.", ["Trygg start och välmående"]),
    ("Satsningen Nya spår beräknas ge resultat.", ["Nya spår"]),
    # a name with every word capitalised ends at a plain lower-case word
    ("Vill du veta mer om projektet Integration Norrbotten vänligen kontakta oss.", ["Integration Norrbotten"]),
    ("Pengarna går till spridning av modellen Barn i fokus samt utbildning av ledare.", ["Barn i fokus"]),
    ("Genom den lokala vattensatsningen (LOVAK) kan kommuner söka bidrag.", ["LOVAK"]),
    ("Projektet har beviljats pengar och satsningen fortsätter.", []),
    ("Kommunen startar projekt Gröna stigar i höst.", ["Gröna stigar"]),  # a time adverbial ends the name
    # an indefinite compound after a genitive; a name between commas after the noun
    # a name written as a question, with a verbless subtitle; its short form elsewhere is the same name
    ("Orsa kommun arbetar med projektet Vem är du? Om språk och identitet. Projektet Vem är du? startar i maj.",
     ["Vem är du? Om språk och identitet"]),
    ("Kommunen startar projektet Vad händer nu? Det vet ingen än.", ["Vad händer nu?"]),
    ("Vad gör projektet? Det hjälper unga.", []),
    ("Kommunens integrationssatsning Gröna stigar startar i maj.", ["Gröna stigar"]),
    ("Det nya projektet, Gröna stigar, startar i maj.", ["Gröna stigar"]),
    ("Ledaren för nätverket, Karin Holmgren, talade.", []),  # a person beside the noun
    ("Projektet, som startade i maj, är populärt.", []),
    ("Projekt läxhjälp\n\nFöreningen hjälper elever.", ["läxhjälp"]),  # a heading: the name in lower case
    ("Projektet i korthet\n\nFöreningen hjälper elever.", []),
    ("Inom projektet Arbetsförmedlingen och kommunen samarbetar flera.", []),  # a known body is no name
    # "satsningen på X": what the satsning is about, when it is a capitalised name
    ("Mottagningen är en del i satsningen på Trygg vård, där vården kommer närmare.", ["Trygg vård"]),
    ("Regionen fortsätter satsningen på förskolan i år.", []),
    ("Regionen fortsätter satsningen på Gotland i år.", []),  # a place
    ("Regeringens satsningar på FoU ökar i år.", []),  # the plural speaks of a field
    # a passive naming who runs it ends the name, and so does a supine after an inverted auxiliary
    ("Projektet Vår gemensamma stad ägs av Mora kommun.", ["Vår gemensamma stad"]),
    ("Satsningen Ny i byn leds av Föreningen Hopp sedan i fjol.", ["Ny i byn"]),
    ("Nu har projektet Gröna stigar fått pengar för ett år till.", ["Gröna stigar"]),
    ("Simprojektet Vågat hav lär vuxna att simma.", ["Vågat hav"]),
])
def test_a_name_after_a_project_noun(nlp, text, expected):
    assert names(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Kommunen fick medel för att starta Lotsen-projektet i höstas.", ["Lotsen-projektet"]),
    ("Kommunen har fått pengar för Gröna stigar-projektet.", ["Gröna stigar-projektet"]),  # a name in sentence case
    ("I Norrby har bygg-projektet startat.", []),
    ("EU-projektet fortsätter till 2022.", []),
    ("IT-projektet blev försenat.", []),
    ("Kommunen har fått LOVAK-bidrag för två sjöar.", ["LOVAK"]),
    # an acronym is named by the expansion the text gives for it, at any mention
    ("Föreningar kan söka TIVA-medel i vår. TIVA (tidig integration via arbete) betalas av staten.",
     ["Tidig integration via arbete"]),
])
def test_hyphenated_project_words_and_programme_acronyms(nlp, text, expected):
    assert names(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Föreningen Hopp har fått pengar till projektet ”Sjung med” av staden.", ["Sjung med"]),
    ("Konferensen ”Nya vägar in” samlade 200 deltagare.", ["Nya vägar in"]),
    ("”Ett hem för alla”, programmet som kommunen drev, var populärt.", ["Ett hem för alla"]),
    ("«Öppen dörr» är ett projekt för äldre.", ["Öppen dörr"]),
    ("”Det här är viktigt för oss”, säger Anna Berg.", []),  # quoted speech
    ("Hon hälsade ”Välkommen hit” till alla gäster.", []),  # no project word, cue or label
    ("Föreningen startar ”Gröna stigar” i höst.", ["Gröna stigar"]),  # a verb whose subject runs it
    ("Föreningen Hopp får 50 000 kronor för ”Gröna stigar”.", ["Gröna stigar"]),  # what a grant goes to
    ("Hon gick till ”Kulturhuset” igår.", []),  # no money in the sentence
    ("Fonden ger stipendier till ”författare som skrivit en bok”.", []),  # a description, not a name
])
def test_quoted_names(nlp, text, expected):
    assert names(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Projektet går under namnet Steg för steg.", ["Steg för steg"]),
    ("Projektet heter Steg för steg och startar i maj.", ["Steg för steg"]),
    ("Satsningen, som kallas Läsfrämjarna, startar i maj.", ["Läsfrämjarna"]),
    ("Projektet har döpts till Steg för steg.", ["Steg för steg"]),
    ("Kommunen startar ett projekt under arbetsnamnet Steg för steg.", ["Steg för steg"]),
    ("Projektledaren heter Karin Holmgren.", []),  # a person
    ("Projektet drivs under rubriken Steg för steg.", ["Steg för steg"]),
    ("Ett projekt med arbetsnamnet Steg för steg startar i maj.", ["Steg för steg"]),
    ("Vi har precis startat ett projekt kallat familjelyftet.", ["familjelyftet"]),
    ("Den brantaste backen som heter Branten är svår.", []),  # not about a project
    ("Det är den så kallade Ringeffekten som syns.", []),  # "så kallad" introduces terms
    # the indefinite "en så kallad X" names an instance, in a text about projects
    ("Projektet pågår i två år.\n\nKommunen får pengar.\n\nMan satsar på hälsa, i en så kallad Vårdverkstad, som testats.",
     ["Vårdverkstad"]),
    ("Projektet pågår.\n\nKommunen får pengar.\n\nDet syns i den så kallade Ringeffekten hos eleverna.", []),
    ("Man satsar på hälsa, i en så kallad Vårdverkstad, som testats förut.", []),  # no project anywhere
    # in lower case when the text makes the word a kind of project ("språkspårsprojekt")
    ("Staten satsar på ett så kallat språkspår för vårdare. Flera språkspårsprojekt har startat.",
     ["språkspår för vårdare"]),
    ("Staten satsar på ett så kallat språkspår för vårdare. Flera projekt har startat.", []),
])
def test_naming_constructions(nlp, text, expected):
    assert names(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Etableringslyftet Dalarna, ett projekt som syftar till jobb, får förlängt.", ["Etableringslyftet Dalarna"]),
    ("Mitt Nya Land är Sveriges största mentorprogram.", ["Mitt Nya Land"]),
    ("Samverkan Norr 2024 – ett integrationsprojekt\n\nArbetet fortsätter.", ["Samverkan Norr 2024"]),
    ("Arbetet tar fart med utvecklingen av KOMPA - en ny metod för mottagande.", ["KOMPA"]),
    ("Syftet är ett nytt projekt för unga.", []),
    ("Det är ett projekt för alla.", []),
    ("Stiftelsen öppnar boenden i Gröndal, en satsning som kostar mycket.", []),  # a place, not the satsning's name
    # a name in sentence case: its first word is the nearest capital, the words after it may stand in a name
    ("Föreningen har fått 50 000 kronor till Vänner för livet, ett projekt för unga.", ["Vänner för livet"]),
    ("Nu startar Gröna stigar – ett nytt projekt för unga.", ["Gröna stigar"]),
    ("Vi samarbetar med Röda korset kring läxhjälp, ett projekt som växer.", []),  # a body, then plain words
    ("Hon besökte Ekudden i fredags, en mötesplats för unga.", []),  # a time adverbial is no part of a name
    ("Under hösten startar Gröna stigar, som är ett samarbete mellan kommunen och föreningar.", ["Gröna stigar"]),
    ("Kommunen, som är en stor arbetsgivare, startar ett projekt.", []),
])
def test_appositions_that_say_what_a_name_is(nlp, text, expected):
    assert names(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Flera projekt presenterades.\n  • Kafé Kompis och Språkbron 2.0, drevs av Föreningen Hopp.",
     [("Kafé Kompis", "Föreningen Hopp"), ("Språkbron 2.0", "Föreningen Hopp")]),
    ("Aktionen genomfördes av olika nätverk.", []),  # no body runs it
    ("Läxkompis bedrivs av Föreningen Hopp sedan 2019.", [("Läxkompis", "Föreningen Hopp")]),
    ("Föreningen samarbetar med projekt inom Ungt Forum, Kafé Tilda och på nattjouren.",
     [("Ungt Forum", None), ("Kafé Tilda", None)]),
    ("Målet med Gröna stigar är att fler ska få jobb. Projektet startar i maj.", [("Gröna stigar", None)]),
    # the object of a verb of running it, in a text about projects
    ("Föreningen Hopp har fått 300 000 kronor för att starta Läxkompis i Norrby. Projektet hjälper elever.",
     [("Läxkompis", "Föreningen Hopp")]),
    ("Föreningen Hopp driver Läxkompis. Projektet hjälper elever.", [("Läxkompis", "Föreningen Hopp")]),
    ("Mellan 2018 och 2021 drev Föreningen Glad ett projekt för unga.", []),  # the subject after the verb
    ("Föreningen Hopp driver Läxkompis.", []),  # no project in the text
    ("Nu startar Hoppets vänner ett projekt för unga.", []),  # an adverb first: the subject follows the verb
    # what money goes to: 'för X' after an amount or a noun of money given
    ("Kommunen har tilldelats medel för Gröna stigar. Projektet ska hjälpa unga.", [("Gröna stigar", None)]),
    ("Vad får domen för Slottsbygget? Projektet har stoppats.", []),  # no money before 'för'
    ("Hon fick en tjänst vid Centrum för Havsstudier. Projektet är stort.", []),
    ("Målet med Arbetsförmedlingens arbete är jobb. Projektet startar i maj.", []),  # a body
    ("Målet är högt. Projektet startar i maj.", []),
])
def test_names_before_who_runs_them_and_after_inom(nlp, text, expected):
    assert initiatives(run(nlp, text)) == expected


def test_a_sentence_listing_granted_projects_with_their_owners(nlp):
    doc = run(nlp, "Några av de beviljade projekten är Språk i vardagen (Mora kommun), Läxhjälp för alla "
                   "(Orsa kommun) och Kör ihop (Leksands kommun).")
    assert initiatives(doc) == [("Språk i vardagen", "Mora kommun"), ("Läxhjälp för alla", "Orsa kommun"),
                                ("Kör ihop", "Leksands kommun")]


def test_names_listed_after_a_colon(nlp):
    text = "Kommunen har startat två projekt för nyanlända: Språkbron samt Jobbvägen – en kurs i arbetsliv."
    assert names(nlp, text) == ["Språkbron", "Jobbvägen – en kurs i arbetsliv"]


@pytest.mark.parametrize("text, expected", [
    ("Här är några av projekten som fick stöd:\n\nSjungande barn\n\nNordby IF – Fotboll för alla\n\nLäsfixarna\n\n"
     "För mer information kontakta oss på kommunen.",
     [("Sjungande barn", None), ("Fotboll för alla", "Nordby IF"), ("Läsfixarna", None)]),
    ("Projekt som beviljats bidrag\nFöreningen Kvik: ”Rörelse för alla”. Projektet riktar sig till kvinnor.\n\n"
     "Annons\n\nÖstby judoklubb: Judo för tjejer.\n",
     [("Rörelse för alla", "Föreningen Kvik"), ("Judo för tjejer", "Östby judoklubb")]),
])
def test_one_name_per_line_under_an_introduction(nlp, text, expected):
    assert initiatives(run(nlp, text)) == expected


def test_beneficiary_list_lines(nlp):
    text = ("Så fördelas bidragen 2021\n\nEqumenia Norrby, Kafé Kompis 25 800 kronor\n"
            "Norrby IF, Fotboll för alla 50 000 kronor\n")
    assert initiatives(run(nlp, text)) == [("Kafé Kompis", "Equmenia Norrby"), ("Fotboll för alla", "Norrby IF")]


def test_table_rows(nlp):
    text = ("Länsstyrelsen har beviljat bidrag till följande.\n\n"
            "| Diarienr | Organisation | Sökt insats | Beviljat belopp |\n"
            "| 12-2021 | Föreningen Hopp | Sjung med | 90 000 |\n"
            "| 13-2021 | Norrby IF | Fotboll för alla | 40 000 |\n")
    assert initiatives(run(nlp, text)) == [("Sjung med", "Föreningen Hopp"), ("Fotboll för alla", "Norrby IF")]


@pytest.mark.parametrize("text, expected", [
    ("Språkbron Norr\n\nRegionen ska skapa en plats för samtal. Projektet pågår till juni och har fått "
     "50 000 kronor.\n\nMer information\n\nRing oss.", ["Språkbron Norr"]),
    ("Nytt projekt för unga\n\nProjektet ska hjälpa unga att hitta jobb.", []),  # the heading says "projekt"
    ("Bakgrund och syfte\n\nProjektet Språkbron startade 2019.", ["Språkbron"]),  # the section names it itself
])
def test_a_heading_that_its_section_calls_a_project(nlp, text, expected):
    assert names(nlp, text) == expected


SECTIONS = ("Våra projekt\n\n"
            "Språkbron Norr\n\nRegionen ska skapa en plats för samtal med nyanlända. Projektet pågår till juni.\n\n"
            "Läsglädje för alla\n\nBiblioteket ordnar högläsning för barn på flera språk. Projektet pågår i ett år.\n\n"
            "Cykelskola i Norrby\n\nFöreningen Hopp har fått 40 000 kronor för att lära vuxna att cykla i vår.\n\n"
            "Kontakt och frågor\n\nRing gärna till vår växel om du undrar över något alls.")


@pytest.mark.parametrize("text, expected", [
    # two sections call their heading a project: a third of the same kind (an amount) is one too
    (SECTIONS, ["Språkbron Norr", "Läsglädje för alla", "Cykelskola i Norrby"]),
    # one heading read as a project does not make a page of project sections
    (SECTIONS.replace("Projektet pågår i ett år.", "Det blir roligt."), ["Språkbron Norr"]),
])
def test_sibling_headings_on_a_page_of_project_sections(nlp, text, expected):
    assert names(nlp, text) == expected

@pytest.mark.parametrize("text, expected", [
    ("Beviljade projekt\n\nGröna stigar (Föreningen Hopp)\nLäsvän (Norrby IF)",
     [("Gröna stigar", "Föreningen Hopp"), ("Läsvän", "Norrby IF")]),  # a heading ending with the noun
    ("Projekt som får stöd\n\nGröna stigar, Föreningen Hopp\nLäsvän, Norrby IF",
     [("Gröna stigar", "Föreningen Hopp"), ("Läsvän", "Norrby IF")]),  # a one-word name before a known body
])
def test_lists_of_projects_with_their_owners(nlp, text, expected):
    assert initiatives(run(nlp, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Projektnamn: Gröna vägar\nProjektägare: Mora kommun", [("Gröna vägar", "Mora kommun")]),
    ("Projektets namn: ”Vägen till Arbetsförmedlingen”\nSökande: Föreningen Hopp",
     [("Vägen till Arbetsförmedlingen", None)]),  # the field delimits it: a body's name may stand inside
    ("Projektnamn\nSpråkvän i Norrby\n\nProjektägare\nOrsa kommun", [("Språkvän i Norrby", "Orsa kommun")]),
    ("Beslut om bidrag\n\nProjektnamn: Språkvän. Beviljat: ja.", [("Språkvän", None)]),
    ("Föreningen har bytt projektnamn i år.", []),  # the label word inside a sentence
])
def test_a_name_in_a_labelled_field(nlp, text, expected):
    assert initiatives(run(nlp, text)) == expected


@pytest.mark.parametrize("text, publisher, owner", [
    ("Projektet Gröna vägar drivs av Mora kommun.", None, "Mora kommun"),
    ("Pengarna går till projektet Språkbron (Orsa kommun) i år.", None, "Orsa kommun"),
    ("Projektet Gröna vägar ska pågå i tre år i regi av Studieförbundet Vuxenskolan.", None, "Studieförbundet Vuxenskolan"),
    ("Projektet Gröna vägar startade i maj. Projektägare är Mora kommun.", None, "Mora kommun"),
    ("Projektet Gröna vägar startade i maj.\n\nProjektet drivs av: Föreningen Hopp", None, "Föreningen Hopp"),
    ("Mora kommun driver projektet Gröna vägar sedan i fjol.", None, "Mora kommun"),
    ("Mora kommun har fått 400 000 kronor till projektet Gröna vägar.", None, "Mora kommun"),
    ("Länsstyrelsen beviljar Orsa kommun 50 000 kronor för insatsen Språkvän.", None, "Orsa kommun"),
    ("Nu startar vårt projekt Gröna vägar för unga.", "Orsa kommun", "Orsa kommun"),
    ("I maj anordnade Mora kommun konferensen ”Nya vägar in”.", None, "Mora kommun"),  # verb-second order
    ("Mora kommun ansökte i fjol om statsbidrag för integrationsprojektet Gröna vägar.", None, "Mora kommun"),
    ("Med pengar från både Region Dalarna och Orsa kommun har Mora kommun startat projektet Gröna vägar.",
     None, "Mora kommun"),  # the bodies after "från" give money, the subject runs it
    ("Mora kommun har beviljats 300 000 kronor. Det är projektet Gröna vägar som får pengarna.", None, "Mora kommun"),
    ("Projektet Gröna vägar startar i maj.\n\nProjektägare\nMora kommun", None, "Mora kommun"),
    ("Projektet Gröna vägar startar i maj. Mora kommun är projektägare.", None, "Mora kommun"),
    ("Projektet Gröna vägar ägs av Mora kommun och pågår i tre år.", None, "Mora kommun"),
    ("Mora kommun öppnar mötesplatsen Kvarnen i maj.", None, "Mora kommun"),
    ("Projektet Gröna vägar startar i maj.", "Orsa kommun", None),  # the text does not say
])
def test_owners(nlp, text, publisher, owner):
    (found,) = initiatives(run(nlp, text, publisher))
    assert found[1] == owner


def test_the_body_opening_a_section_under_a_heading_owns_it(nlp):
    doc = run(nlp, "Språkbron Norr\n\nMora kommun ska skapa en plats för samtal. Projektet pågår till juni.")
    assert initiatives(doc) == [("Språkbron Norr", "Mora kommun")]


def test_a_genitive_body_before_the_project_noun_owns_it(nlp):
    doc = run(nlp, "Klubben är med i Riksidrottsförbundets projekt Bollglädje sedan i år.")
    assert initiatives(doc) == [("Bollglädje", "Riksidrottsförbundet")]


def test_a_project_name_replaces_the_place_read_in_it(nlp):
    doc = run(nlp, "Projektet Integration Norrbotten är igång.")
    assert [(e.label_, e.text) for e in doc.ents] == [("INITIATIVE", "Integration Norrbotten")]


def test_every_mention_of_a_found_name_is_the_initiative(nlp):
    doc = run(nlp, "Projektet Gröna vägar startar i maj. Gröna vägar riktar sig till unga.")
    assert [e.text for e in doc.ents if e.label_ == "INITIATIVE"] == ["Gröna vägar", "Gröna vägar"]


def test_a_year_ending_a_name_stays_a_date(nlp):
    doc = run(nlp, "Kommunen avslutar projekt Integration 2016 med ett seminarium.")
    labels = [(e.label_, e.text, e._.normalized) for e in doc.ents]
    assert ("INITIATIVE", "Integration", "Integration 2016") in labels
    assert ("DATE", "2016", "2016") in labels


def test_a_name_written_after_its_owner_is_the_same_initiative(nlp):
    doc = run(nlp, "Hopp Läxhjälpen\n\nProjektet drivs av: Hopp\n\nHopp driver det populära projektet Läxhjälpen.")
    assert initiatives(doc) == [("Hopp Läxhjälpen", "Hopp")]


@pytest.mark.parametrize("written, name", [
    ("projektet ”Sjung med”", "Sjung med"),
    ("Satsningen Nya spår", "Nya spår"),
    ("Lotsen-projektet", "Lotsen-projektet"),
    ("”Öppen dörr”.", "Öppen dörr"),
])
def test_normalized_names_leave_out_quotes_and_the_project_noun(nlp, written, name):
    doc = nlp.make_doc(written)
    for _, component in nlp.pipeline[:1]:
        doc = component(doc)
    ctx = Context.of(doc, nlp.get_pipe("pressmine_initiatives").words)
    assert normalized_name(ctx, Span(doc, 0, len(doc))) == name


def test_owner_is_written_to_entity_rows(nlp):
    doc = run(nlp, "Projektet Gröna vägar drivs av Mora kommun.")
    (row,) = [r for r in entity_rows(doc) if r["label"] == "INITIATIVE"]
    assert (row["normalized"], row["owner"]) == ("Gröna vägar", "Mora kommun")


@pytest.mark.parametrize("text", ["", "\n\n", "Projektet", "”", "| | |", "Projekt som fått stöd:\n"])
def test_texts_too_short_for_a_name(nlp, text):
    assert names(nlp, text) == []


def test_every_word_list_is_documented():
    words = resources.read_json("initiative_words.json")
    assert set(words["_doc"]) == set(words) - {"_doc"}


# A recurring event or activity named by one capitalised compound ("-natten", "-veckan").
@pytest.mark.parametrize("text, expected", [
    ("Kulturnatten skjuts upp. I år genomförs i stället Kulturnatten i oktober.", ["Kulturnatten"]),
    ("Besökarna kom till Skördemarknaden och till Integrationsveckan i Norrby.",
     ["Skördemarknaden", "Integrationsveckan"]),
    # only at a sentence's start: the capital says nothing
    ("Integrationsveckan blev lyckad, sade arrangörerna.", []),
    # the text also writes it as a common noun
    ("Hon minns Kulturnatten. Kulturnatten och kulturnatten i grannkommunen är lika.", []),
    # the head alone is no name
    ("Vi ses på Natten efter festen.", []),
])
def test_a_capitalised_event_compound_names_an_activity(nlp, text, expected):
    assert names(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Projektet Nya vägar in (NVI) startar i maj. NVI drivs av Orsa kommun.", [("Nya vägar in", "Orsa kommun")]),
    ("Satsningen Unga i Mora (UIM) har gett fler jobb. UIM leds av Föreningen Hopp.", [("Unga i Mora", "Föreningen Hopp")]),
    ("Projektet Gröna vägar startar i maj. NVI drivs av Orsa kommun.", [("Gröna vägar", None), ("NVI", "Orsa kommun")]),
])
def test_an_acronym_in_brackets_after_a_name_is_that_name(nlp, text, expected):
    assert initiatives(run(nlp, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Studieförbunden erbjuder Svenska från dag ett till asylsökande i Orsa.", ["Svenska från dag ett"]),
    ("Pengarna kommer från Tidiga insatser för asylsökande, som länsstyrelsen fördelar.",
     ["Tidiga insatser för asylsökande"]),
    ("Kurserna i Svenska från dag 1 är gratis.", ["Svenska från dag 1"]),
    # in lower case, or not in full, the words describe
    ("Kommunen menar att tidiga insatser för asylsökande behövs.", []),
    ("Svenska från dag två är målet för skolan.", []),
])
def test_national_programmes_named_without_a_cue(nlp, text, expected):
    assert names(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Projektägare för Gröna stigar är Mora kommun.", [("Gröna stigar", "Mora kommun")]),
    ("Mora kommun är huvudman för Vägen in sedan i fjol.", [("Vägen in", "Mora kommun")]),
    ("Projektägare för Gröna stigar är Mora kommun och Orsa kommun är medfinansiär.", [("Gröna stigar", "Mora kommun")]),
    # no body owns it, or "för" opens no name
    ("Projektägare för Gröna stigar är en fråga för styrelsen.", []),
    ("Mora kommun är projektägare för projektet.", []),
])
def test_a_name_after_its_owners_title(nlp, text, expected):
    assert initiatives(run(nlp, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Modellen Hälsoskolan har spridits till fem kommuner.", ["Hälsoskolan"]),
    ("Metoden Läxskolan har spridits till fler kommuner.", ["Läxskolan"]),
    ("Företrädare för Nätverket Rädda Norrbyskogen protesterade.", []),  # a network may be a body
])
def test_a_name_the_organisation_finder_read_with_its_project_noun(nlp, text, expected):
    doc = run(nlp, text)
    assert names(nlp, text) == expected
    assert bool([e for e in doc.ents if e.label_ == "ORG"]) == (not expected)
