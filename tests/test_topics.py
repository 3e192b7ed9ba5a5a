"""Topics: the cue matcher, themes and target groups, the shipped relevance classifier
on releases written for this test (look-alikes included), and training end to end."""
from __future__ import annotations

import json

import numpy as np
import pytest

from pipeline.topics import classify
from pipeline.topics.codes import named_codes
from pipeline.topics.cues import CueMatcher, trie_regex
from pipeline.topics.features import (
    TextCues,
    is_statement,
    relevance_features,
    sentences,
)
from pipeline.topics.linear import LinearModel


def found(matcher: CueMatcher, text: str) -> list[tuple[str, set[str]]]:
    return [(text[h.start:h.end], set(h.codes)) for h in matcher.find(text)]


@pytest.mark.parametrize("text, expected", [
    # a stem at a word start finds inflections and compounds that begin with it
    ("nyanlända och nyanländas barn", [("nyanländ", {"a"}), ("nyanländ", {"a"})]),
    # the longest cue wins and consumes its words: one mention, not two
    ("ukrainska flyktingar kom i våras", [("ukrainska flyktingar", {"b"})]),
    # "$" ends a word: "flyktingar$" is no cue in "flyktingarbete"
    ("flyktingarbete i kyrkan", []),
    # a cue is not found inside a word, unless it starts with "*"
    ("kvotflyktingar och smånyanlända", [("kvotflyktingar", {"c"})]),
    # a cue that must end a word does not stop a longer phrase that goes on after a space
    ("alla flyktingar från ukraina och andra flyktingar.", [("flyktingar från ukraina", {"b"}), ("flyktingar", {"b2"})]),
])
def test_cues_match_at_word_starts_longest_first(text, expected):
    matcher = CueMatcher({"a": ["nyanländ"], "b": ["ukrainska flyktingar", "flyktingar från ukraina"],
                          "b2": ["flyktingar$"], "c": ["*kvotflyktingar$"]})
    assert found(matcher, text) == expected


def test_a_cue_of_two_codes_counts_for_both():
    matcher = CueMatcher({"nyanlanda": ["nyanlända kvinnor", "nyanländ"], "kvinnor": ["nyanlända kvinnor", "kvinnor$"]})
    assert found(matcher, "kurs för nyanlända kvinnor") == [("nyanlända kvinnor", {"nyanlanda", "kvinnor"})]


def test_a_phrase_that_is_no_cue_takes_its_words_away():
    matcher = CueMatcher({"barn_unga": ["barn$", "barnen$"]}, not_cues=["rädda barnen", "sina barn$"])
    assert found(matcher, "rädda barnen hjälper föräldrar att stödja sina barn och andra barn") == [("barn", {"barn_unga"})]


def test_trie_regex_prefers_the_longer_continuation():
    assert trie_regex(["fly", "flykting", "flyktingar"]) == "fly(?:kting(?:ar)?)?"


def test_sentences_split_lines_and_sentence_ends():
    text = "Rubrik utan punkt\n\nFörsta meningen slutar här. Andra börjar med stor bokstav! tredje inte."
    assert [text[s.start:s.end] for s in sentences(text)] == [
        "Rubrik utan punkt", "Första meningen slutar här.", "Andra börjar med stor bokstav! tredje inte."]


def test_an_organisation_name_is_no_cue():
    text = "Föreningen Unga Örnar och kommunen ordnar läxhjälp för ensamkommande."
    start = text.index("Unga Örnar")
    cues = TextCues.of(text, [(start, start + len("Unga Örnar"))])
    assert named_codes(cues, "target_groups") == ["ensamkommande"]
    assert "barn_unga" in named_codes(TextCues.of(text), "target_groups")  # without the name masked


def test_refugees_in_general_give_way_to_a_narrower_group():
    text = "Kyrkan startar språkcafé för asylsökande. Många flyktingar har hittat dit."
    assert named_codes(TextCues.of(text), "target_groups") == ["asylsokande"]
    assert named_codes(TextCues.of("Kyrkan startar språkcafé för flyktingar."), "target_groups") == ["flyktingar"]


@pytest.mark.parametrize("text, expected", [
    # refugees from Ukraine are people under temporary protection, however the sentence puts it
    ("Kommunen erbjuder språkkurser för flyktingar från kriget i Ukraina.", ["skyddsbehovande"]),
    ("Föreningen startar en mötesplats för människor som flytt till Sverige från Ukraina.", ["skyddsbehovande"]),
    # a broad group named as a group of its own beside a narrower one: both
    ("Församlingen får stöd för sitt arbete med flyktingar och asylsökande.", ["asylsokande", "flyktingar"]),
    ("Projektet ska vägleda nyanlända flyktingar in i föreningslivet.", ["nyanlanda", "flyktingar"]),
    # ... but the refugees of a later sentence are the narrower group already named
    ("Kyrkan startar språkcafé för ensamkommande. Flyktingarna får också läxhjälp.", ["ensamkommande"]),
    # "nyanlända invandrare" are newly arrived, not immigrants in general (the guide)
    ("Kommunen får medel för flyktingguider till nyanlända invandrare.", ["nyanlanda"]),
    # "kvinnor och män" are everybody, not women as a group
    ("Stödet går till insatser för kvinnor och män som är nyanlända.", ["nyanlanda"]),
    # the children of the people addressed are not a group addressed
    ("Kursen hjälper nyanlända föräldrar att stödja sina barn i skolan.", ["nyanlanda", "foraldrar"]),
    # a law's name names no group
    ("Projektet ger stöd till ensamkommande enligt lagen om mottagande av asylsökande.", ["ensamkommande"]),
    # families a measure is for are parents with their children
    ("Projektet ger stöd till utsatta familjer i Solby.", ["foraldrar"]),
    # an activity named for its participants is for them
    ("Föreningen ordnar läxhjälp, föräldrautbildning och simskola för nyanlända.", ["nyanlanda", "foraldrar"]),
    ("Projektet startar en föräldragrupp och en kvinnogrupp för nyanlända i Solby.",
     ["nyanlanda", "kvinnor", "foraldrar"]),
    ("Språkcaféet för asylsökande får en tjejgrupp på torsdagar.", ["asylsokande", "kvinnor"]),
    # a sentence that states a goal or whom a measure is for speaks of a measure
    ("Målet är att stärka föräldrarna i Solby.", ["foraldrar"]),
    ("Syftet är att kvinnor ska bli tryggare i Solby.", ["kvinnor"]),
    ("Målgruppen är unga vuxna i Solby.", ["barn_unga"]),
    ("Den syftar till att nå fler föräldrar i Solby.", ["foraldrar"]),
    # young people who are the unaccompanied minors already named are those minors ...
    ("Föreningen blir fadder åt ensamkommande i Solby. Ungdomarna får hjälp att hitta en fritidsaktivitet.",
     ["ensamkommande"]),
    ("Projektet för ensamkommande startar i maj, och dessa ungdomar får en mentor var.", ["ensamkommande"]),
    # ... but young people named as a group of their own are one
    ("Projektet ger stöd till ensamkommande och till unga vuxna som bor i Solby.", ["ensamkommande", "barn_unga"]),
    # and the children of a text that names no unaccompanied minors are a group
    ("Kommunen ordnar läxhjälp för nyanlända familjer, och barnen får en egen fadder.",
     ["nyanlanda", "barn_unga", "foraldrar"]),
    # a group counted is a number of people, not whom a measure is for ...
    ("Projektet startas med anledning av ökningen av antalet asylsökande i Solby.", []),
    ("Projektet tar fart när andelen utrikes födda i Solby har vuxit.", []),
    ("Kommunen får stöd för projektet, och antalet nya ensamkommande väntas öka.", []),
    # ... but the number of people a project will reach counts whom it is for
    ("Projektet ska ge 40 nyanlända kvinnor praktik i Solby.", ["nyanlanda", "kvinnor"]),
    ("Projektet ska öka andelen utrikes födda i arbete i Solby.", ["utrikes_fodda"]),
    ("Målet är att minska antalet arbetslösa i Solby med projektet.", ["arbetssokande"]),
    # citizens of countries outside the EU are immigrants as a group
    ("Projektet ska göra det lättare för tredjelandsmedborgare att hitta arbete.", ["utrikes_fodda"]),
    # newly arrived, said as Swedish often says it: "just come to Sweden", "new in Sweden", "just given a residence permit"
    ("Föreningen ordnar en simskola för barn som nyss kommit till Sverige.", ["nyanlanda", "barn_unga"]),
    ("Kursen är till för vuxna som nyligen kommit till Sverige.", ["nyanlanda"]),
    ("Biblioteket startar en kurs för dig som är ny i Sverige.", ["nyanlanda"]),
    ("Projektet stöder personer som nyligen fått uppehållstillstånd i Solby.", ["nyanlanda"]),
    # people with a degree from another country, or foreign graduates, are immigrants as a group
    ("Kursen vänder sig till akademiker med examen från ett annat land.", ["utrikes_fodda"]),
    ("Projektet ska hjälpa utländska akademiker att hitta arbete i Solby.", ["utrikes_fodda"]),
])
def test_target_groups_as_the_text_names_them(text, expected):
    assert named_codes(TextCues.of(text), "target_groups") == expected


def test_groups_that_are_counted_and_named_in_passing_weigh_less():
    counted = relevance_features(TextCues.of("Prognosen landar på 140 000 asylsökande, varav 27000 ensamkommande barn."))
    addressed = relevance_features(TextCues.of("Kommunen erbjuder asylsökande och ensamkommande barn läxhjälp."))
    assert counted["counted_groups"] == 1.0 and addressed["counted_groups"] == 0.0
    passing = " ".join(["Vägen byggs om under våren."] * 9 + ["Även nyanlända kan söka."])
    assert relevance_features(TextCues.of(passing))["group_share"] == pytest.approx(0.1)



@pytest.mark.parametrize("text, expected", [
    ("Av de 120 nyanlända som deltog har 72 fått arbete.", 0.0),  # the participants of a measure
    ("Hittills har 35 asylsökande som bor i Solby deltagit i kursen.", 0.0),
    ("Nu deltar 18 ensamkommande i läxhjälpen.", 0.0),
    ("I år kom 300 asylsökande till länet.", 1.0),  # a number of people, as statistics count them
    ("Prognosen landar på 140 000 asylsökande som väntas söka i år.", 1.0),
])
def test_a_number_of_participants_is_no_count_of_statistics(text, expected):
    assert relevance_features(TextCues.of(text))["counted_groups"] == expected


@pytest.mark.parametrize("text, expected", [
    # immigrants named only as one group in a list of others: a mention in passing
    ("Projektet är för unga som saknar examen. Målgruppen är unga med funktionsnedsättning, unga utrikes födda "
     "och unga som varit arbetslösa länge.", 1.0),
    ("Skolan är öppen för alla: elever med funktionsnedsättning, nyanlända elever och elever i behov av stöd.", 1.0),
    # named on their own somewhere, they are what the text is about
    ("Kursen är för nyanlända. Målgruppen är nyanlända kvinnor, deras barn och föräldrar.", 0.0),
    ("Projektet riktar sig till asylsökande, nyanlända och ensamkommande barn.", 0.0),
    # a group word that qualifies the immigrants ("föräldrar med utländsk bakgrund") is no other item of a list
    ("Gruppen är för föräldrar med utländsk bakgrund som har barn i skolan.", 0.0),
    ("Vägen byggs om under våren.", 0.0),  # no group at all
])
def test_immigrants_named_only_among_other_groups(text, expected):
    assert relevance_features(TextCues.of(text))["group_only_among_others"] == expected


@pytest.mark.parametrize("text, expected", [
    ("Även nyanlända kan söka.", True),
    ("Kursen börjar i mars och pågår i tio veckor", True),  # a heading may lack its full stop
    ("Skåne 4 640 000", False),  # a table row
    ("Tel: 0707-12 34 56", False),
    ("E-post: anna.berg@solby.se", False),
    ("www.solby.se/nyheter/2024", False),
])
def test_what_a_sentence_that_states_something_is(text, expected):
    assert is_statement(text) == expected


def test_table_rows_and_contact_lines_do_not_thin_out_the_share_of_a_group():
    prose = "Föreningen startar ett språkcafé för nyanlända.\nTräffarna hålls varje tisdag på biblioteket."
    table = "\n".join(f"{place} {amount} 000" for place, amount in [("Solby", 120), ("Norrvik", 85), ("Åby", 40)] * 4)
    contact = "Kontakt:\nAnna Berg\nTel: 0701-23 45 67\nE-post: anna.berg@solby.se\nFoto: Per Holm"
    share = relevance_features(TextCues.of(prose))["group_share"]
    assert share == pytest.approx(0.5)
    assert relevance_features(TextCues.of(f"{prose}\n{table}\n{contact}"))["group_share"] == share


@pytest.mark.parametrize("text, expected", [
    ("Stadsmissionen öppnar ett boende för unga. En del av målgruppen är ensamkommande.", 1.0),
    ("Kursen riktar sig till nyanlända kvinnor i Solby.", 1.0),
    # an adverb between the verb and its preposition does not change whom it is for
    ("Läxhjälpen vänder sig särskilt till ensamkommande i Solby.", 1.0),
    ("Kursen riktar sig främst till asylsökande kvinnor.", 1.0),
    ("Träffarna riktar sig framför allt till nyanlända.", 1.0),
    ("Målgruppen är unga vuxna. I år kom 300 asylsökande till länet.", 0.0),  # not in one sentence
    ("Prognosen landar på 140 000 asylsökande.", 0.0),
])
def test_a_group_named_as_whom_a_measure_is_for(text, expected):
    assert relevance_features(TextCues.of(text))["group_as_target"] == expected


INTEGRATION = [
    "Länsstyrelsen beviljar 450 000 kronor till språkcafé för nyanlända\n\n"
    "Länsstyrelsen i Exempellän beviljar Solby kommun 450 000 kronor för ett språkcafé och samhällsorientering "
    "för nyanlända. Projektet ska också erbjuda läxhjälp för barn. – Vi vill att fler nyanlända kvinnor ska "
    "komma in i föreningslivet, säger projektledaren Kim Exempel.",
    "Solby kommun tar emot flyktingar från Ukraina\n\nKommunen förbereder boende och mottagande för "
    "skyddsbehövande från Ukraina. Frivilliga organiserar en mötesplats och kurser i svenska för de "
    "ukrainska familjerna. Arbetet sker i samverkan med Migrationsverket och civilsamhället.",
    "Nytt mentorprogram för utrikes födda akademiker\n\nFöreningen Exempelvägen startar ett mentorprogram "
    "som ska hjälpa utrikes födda med högskoleutbildning att få jobb inom sitt yrke. Deltagarna matchas med "
    "mentorer på arbetsplatser i regionen. Programmet finansieras av Europeiska socialfonden.",
]
NOT_INTEGRATION = [
    # a grant from the same funder for another end
    "Länsstyrelsen beviljar 2 miljoner kronor till naturvård\n\nLänsstyrelsen i Exempellän fördelar 2 miljoner "
    "kronor till lokala naturvårdsprojekt i sju kommuner. Pengarna går till våtmarker, vandringsleder och "
    "skötsel av ängar. Kommunerna bidrar själva med hälften av kostnaden.",
    # a school release that names newly arrived pupils once among many groups
    "Ny skola invigs i Solby\n\nDen nya grundskolan i Solby tar emot 400 elever från hösten. Skolan har "
    "särskilda lokaler för musik, slöjd och idrott, och en skolgård med plats för lek. Elever med "
    "funktionsnedsättning, nyanlända elever och elever i behov av särskilt stöd får samma tillgång till "
    "lokalerna. Invigningen sker i augusti med tal av rektorn och kommunstyrelsens ordförande.",
    # migration statistics, no measure for people here
    "Prognos: färre asylsökande i år\n\nMigrationsverket räknar i sin nya prognos med att antalet asylsökande "
    "minskar till 20 000 i år. Statistiken visar att antalet beslut om uppehållstillstånd också minskar. "
    "Osäkerheten i prognosen är stor, skriver myndigheten.",
    # ordinary municipal news
    "Gång- och cykelväg byggs i Solby\n\nArbetet med den nya gång- och cykelvägen längs Storgatan börjar i "
    "maj. Vägen blir tre meter bred och får ny belysning. Under arbetet leds trafiken om.",
]


@pytest.mark.parametrize("text", INTEGRATION)
def test_releases_about_integration_are_relevant(text):
    topics = classify(text)
    assert topics.is_integration and topics.relevance >= 0.5
    assert topics.themes and topics.target_groups


@pytest.mark.parametrize("text", NOT_INTEGRATION)
def test_look_alikes_are_not_relevant(text):
    topics = classify(text)
    assert not topics.is_integration and topics.relevance < 0.5
    assert topics.themes == () and topics.target_groups == ()


@pytest.mark.parametrize("text", [
    # a short release: a headline and a lead say what it is about as well as a long text
    "Cykelskola för kvinnor\n\nUnder maj erbjuder Solby kommun en cykelskola för utrikes födda kvinnor.",
    "Fördjupad svenska för föräldralediga\n\nFöräldralediga nyanlända kan nu läsa fördjupad svenska på "
    "Solby folkhögskola.",
])
def test_a_short_release_about_integration_is_relevant(text):
    assert classify(text).is_integration


def test_themes_and_groups_of_a_relevant_release():
    topics = classify(INTEGRATION[0])
    assert {"sprak", "samhallsorientering", "utbildning"} <= set(topics.themes)
    assert {"nyanlanda", "kvinnor", "barn_unga"} <= set(topics.target_groups)


def test_the_exported_linear_model_predicts_what_the_fitted_pipeline_does():
    from pipeline.topics.train import export, make_estimator

    rng = np.random.RandomState(0)
    rows = [{"a": float(rng.rand()), "b": float(rng.rand() * 10), "c": float(rng.randint(2))} for _ in range(200)]
    y = np.array([int(r["a"] + r["b"] / 10 + rng.rand() * 0.5 > 1.2) for r in rows])
    estimator = make_estimator(1.0, 0).fit(rows, y)
    model = LinearModel.from_dict(json.loads(json.dumps(export(estimator).to_dict())))
    ours = np.array([model.probability(r) for r in rows])
    assert np.allclose(ours, estimator.predict_proba(rows)[:, 1], atol=1e-5)


def test_training_on_a_small_labelled_corpus_writes_weights_that_load(tmp_path):
    from pipeline.topics.settings import Settings
    from pipeline.topics.train import train

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    gold = []
    for i, text in enumerate(INTEGRATION * 2 + NOT_INTEGRATION * 2):
        name = f"r{i:02d}.txt"
        (corpus / name).write_text(text + f"\n\nKontakt: Kim Exempel, telefon 010-{i:03d} 00 00\n", encoding="utf-8")
        gold.append({"file": name, "relevant": i % 7 < 3, "themes": [], "target_groups": []})
    (corpus / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold), encoding="utf-8")
    out = tmp_path / "models.json"
    report = train(corpus, None, out, Settings(folds=2, repeats=1))
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["trained_on"]["labelled_texts"] == len(gold)
    assert set(report["evaluation"]) == {"relevant", "themes", "target_groups"}
    model = LinearModel.from_dict(written["relevance"])
    assert 0.0 <= model.probability({"group_mentions": 1.0}) <= 1.0


def test_a_theme_named_only_in_passing_is_not_one():
    text = ("Solby kommun startar ett språkcafé för nyanlända i biblioteket. "
            "Biblioteket ligger mitt emot idrottshallen vid torget.")
    themes = named_codes(TextCues.of(text), "themes")
    assert "sprak" in themes and "idrott_fritid" not in themes


def test_a_compound_ending_in_the_word_for_cooperation_names_cooperation():
    text = ("Projektet ska stärka myndighetssamverkan kring nyanlända i Solby. "
            "Genom integrationssamarbetet får nyanlända snabbare hjälp.")
    assert "samverkan" in named_codes(TextCues.of(text), "themes")


@pytest.mark.parametrize("text, theme, named", [
    # a theme word that begins the name of an office, a board or a post names no theme
    ("Projektet drivs av arbetsmarknadsförvaltningen i Solby kommun för nyanlända.", "arbete", False),
    ("Projektet för nyanlända leds av integrations- och mottagningsenheten i Solby.", "mottagande_boende", False),
    ("Projektet för nyanlända ägs av arbetsmarknads- och vuxenutbildningsförvaltningen.", "utbildning", False),
    ("Satsningen på nyanlända välkomnas av folkhälso-, sjukvårds- och idrottsministern Kim Exempel.",
     "idrott_fritid", False),
    ("Barn- och utbildningsnämnden beviljar stöd till projektet för nyanlända.", "utbildning", False),
    ("Representanter för sfi-enheten deltar i projektet för nyanlända.", "sprak", False),
    # the same words as what a measure addresses
    ("Projektet ger nyanlända kontakt med arbetsmarknaden i Solby.", "arbete", True),
    ("Kommunen ordnar mottagning och boende för nyanlända.", "mottagande_boende", True),
    ("Projektet erbjuder idrott för nyanlända, och ungdomarna väljer själva sin enhet.", "idrott_fritid", True),
    ("Projektet ger nyanlända sfi-undervisning på kvällstid.", "sprak", True),
    # words that begin like a theme cue but mean something else
    ("Projektet för nyanlända får stöd för sina kostnader i Solby.", "halsa", False),
    ("Kommunalrådet Kim Exempel hälsade nyanlända välkomna till projektets öppning.", "halsa", False),
    ("Föreningen får stöd för nyanlända till en ny konstgräsplan.", "kultur", False),
    ("Projektet för nyanlända kan konstatera att fler har fått stöd.", "kultur", False),
    ("Projektet för nyanlända fortsätter naturligtvis nästa år.", "idrott_fritid", False),
    ("Fullmäktige behandlade två motioner om projektet för nyanlända.", "idrott_fritid", False),
    # a person's schooling as background is not a measure of education
    ("Projektet matchar nyanlända med arbete utifrån deras utbildningsbakgrund.", "utbildning", False),
    ("Projektet kartlägger nyanländas tidigare utbildning och erfarenhet.", "utbildning", False),
    # the cue words themselves
    ("Projektet för nyanlända handlar om kost och sömn.", "halsa", True),
    ("Projektet erbjuder nyanlända en kurs om hälsa.", "halsa", True),
    ("Projektet ger nyanlända konst och musik på fritiden.", "kultur", True),
    ("Projektet tar nyanlända ut i naturen varje vecka.", "idrott_fritid", True),
    # a word of integration work is no context for its own mention of a theme
    ("Solby har lyckats väl med sitt flyktingmottagande i år.", "mottagande_boende", False),
    ("Riksdagsledamoten Kim Exempel vill pausa asylmottagandet.", "mottagande_boende", False),
    ("Länet har fått nya krav på mottagning av kommunerna.", "mottagande_boende", False),
    # another word in the sentence is
    ("Kommunen får bidrag från staten för sitt flyktingmottagande.", "mottagande_boende", True),
    ("Integrationsenheten planerar mottagandet av de anvisade familjerna.", "mottagande_boende", True),
    # an activity named is a measure by itself, a row of a grants table included
    ("| Solby IF | Språkcafé på lördagar | 80 000 |", "sprak", True),
    ("Simskola på Solbybadet i sommar.", "idrott_fritid", True),
    # being in Swedish society is integration in general
    ("Projektet ska hjälpa nyanlända in i det svenska samhället.", "samhallsorientering", False),
    ("Projektet ger nyanlända fler möjligheter i det svenska samhället.", "samhallsorientering", False),
    # learning how it works is what the theme is
    ("Projektet ger nyanlända kunskap om det svenska samhället.", "samhallsorientering", True),
    ("Projektet visar nyanlända hur det svenska samhället fungerar.", "samhallsorientering", True),
    # "medel" (funds) is a measure word; words that only begin like it are not
    ("Deltagarna berättar om trauman från resan över Medelhavet.", "halsa", False),
    ("Deltagarnas medelålder är trettio år och många har psykisk ohälsa.", "halsa", False),
    ("Föreningen söker medel för att främja hälsa.", "halsa", True),
    ("Med medlen främjar föreningen hälsa.", "halsa", True),
    # information given in several languages, or a language all understand, teaches no Swedish ...
    ("Projektet ger nyanlända information på flera språk.", "sprak", False),
    ("Kommunen erbjuder nyanlända samhällsinformation på olika språk.", "sprak", False),
    ("Kören för asylsökande visar att musik är ett språk som alla förstår.", "sprak", False),
    # ... but learning a new one does
    ("Projektet hjälper nyanlända att lära sig ett nytt språk.", "sprak", True),
    # a language counted or owned is one something is given or spoken in
    ("Kommunen ger nyanlända information på tolv språk.", "sprak", False),
    ("Kommunen ger nyanlända information på 12 olika språk.", "sprak", False),
    ("Hälsokommunikatörer som talar deltagarnas språk leder projektet för nyanlända.", "sprak", False),
    # a theme word inside the phrase that names a group is the group
    ("Föreningen erbjuder läxhjälp för elever med annat modersmål.", "sprak", False),
    # a place after a preposition of place is where a measure is, not what it addresses ...
    ("Kommunen startar en läxhjälp för nyanlända i Solby bibliotek.", "kultur", False),
    ("Projektet erbjuder fotboll för asylsökande barn som bor på asylboendet i Norrby.", "mottagande_boende", False),
    ("Projektet för nyanlända kvinnor träffas i idrottshallen varje tisdag.", "idrott_fritid", False),
    # ... the same word as the measure's own area is one
    ("Biblioteket erbjuder nyanlända läsecirklar och bokprat.", "kultur", True),
    ("Kommunen ordnar boende åt de anvisade nyanlända.", "mottagande_boende", True),
    # exercise is health; a sector someone works in is no health measure
    ("Hälsoskolan för nyanlända kvinnor handlar om kost, sömn och motion.", "idrott_fritid", False),
    ("Hälsoskolan för nyanlända kvinnor handlar om kost, sömn och motion.", "halsa", True),
    ("Projektet ger nyanlända jobb inom vården.", "halsa", False),
    ("Nyanlända föräldrar får information om barnhälsovården i projektet.", "halsa", True),
    # studies someone has begun are an outcome, not schooling a measure gives
    ("En tredjedel av de nyanlända i projektet har börjat studera.", "utbildning", False),
    ("Projektet hjälper ensamkommande att fullfölja sina studier.", "utbildning", True),
    ("Kommunen ordnar skolplatser för nyanlända barn.", "utbildning", True),
    ("Föräldralediga nyanlända kan läsa fördjupad svenska på folkhögskolan.", "sprak", True),
    # work done together with another organisation is cooperation, with people it is not
    ("Kommunen driver kursen för nyanlända tillsammans med Arbetsförmedlingen.", "samverkan", True),
    ("Jobbspåret för nyanlända startar tillsammans med tre arbetsgivare.", "samverkan", True),
    ("Lärarna på kulturskolan samarbetar med förberedelseklasserna.", "samverkan", True),
    ("Nyanlända mammor lagar mat tillsammans med sina barn i projektet.", "samverkan", False),
    # training for staff is competence development (samverkan), not schooling ...
    ("All personal som möter nyanlända får utbildning i traumamedvetet arbete.", "samverkan", True),
    ("All personal som möter nyanlända får utbildning i traumamedvetet arbete.", "utbildning", False),
    ("Projektet tar fram en utbildning i psykosocialt stöd för medarbetare som möter nyanlända.",
     "utbildning", False),
    # ... but staff that is only another item of a list beside it are not the trained
    ("Stödet till projektet för nyanlända täcker kostnader för personal, utbildningar och material.",
     "samverkan", False),
    ("Projektet ger nyanlända utbildning och praktik.", "utbildning", True),
    # a qualification people have, and the outcome statistics count, are no schooling
    ("Projektet är för utrikes födda med eftergymnasial utbildning.", "utbildning", False),
    ("Av deltagarna i projektet för nyanlända är hälften i arbete eller studier.", "utbildning", False),
    ("Projektet för nyanlända ordnar en berättarkväll i maj.", "kultur", True),
])
def test_a_theme_is_named_where_a_measure_addresses_it(text, theme, named):
    assert (theme in named_codes(TextCues.of(text), "themes")) is named


@pytest.mark.parametrize("text, expected", [
    ("Barn- och utbildningsnämnden i Solby beviljar stöd till projektet för nyanlända kvinnor.",
     ["nyanlanda", "kvinnor"]),
    # a group in the genitive before the word for an association names the association
    ("Ensamkommandes förbund får stöd för läxhjälp åt nyanlända.", ["nyanlanda"]),
    ("Nyanländas riksförbund startar ett språkcafé för asylsökande.", ["asylsokande"]),
    # ... not before another word
    ("Föreningen får stöd för ensamkommandes fritid i Solby.", ["ensamkommande"]),
])
def test_a_group_word_in_the_name_of_a_body_names_no_group(text, expected):
    assert named_codes(TextCues.of(text), "target_groups") == expected


GRANTS_TABLE = ("Beviljade bidrag 2031\n\n| Förening | Sökt insats | Beviljat belopp |\n"
                "| Solby IF | Träning och hälsa för alla | 80 000 |\n| Ekby SK | Yrkessvenska | 45 000 |\n\n"
                "Vi ses på Solbybadet för hälsa och glädje")
SURVEY_TABLE = "Enkäten 2031\n\n| Kommun | Ämne | Svar |\n| Solby | Hälsa | 40 |\n| Ekby | Yrkessvenska | 12 |"


@pytest.mark.parametrize("text, expected", [
    # a row of a table speaks of a measure where the table's header does ...
    (GRANTS_TABLE, ["arbete", "halsa", "idrott_fritid"]),
    # ... not where the header names none, and a line after the table is no row of it
    (SURVEY_TABLE, []),
    (GRANTS_TABLE.replace("Beviljat belopp", "Belopp").replace("Sökt insats", "Ämne"), []),
])
def test_the_rows_of_a_table_speak_of_what_its_header_does(text, expected):
    assert named_codes(TextCues.of(text), "themes") == expected


@pytest.mark.parametrize("text", [
    "Regionen når ut genom samhällskommunikatörer som besöker föreningar.",
    "Hälsokommunikatörerna träffar deltagarna varje vecka.",
    "Eleverna på språkintroduktion får extra stöd i matematik.",
    "Skolan anställer två brobyggare med arabiska som modersmål.",
    "Kommunen ger samhällsinformation på flera språk.",
])
def test_professions_and_programmes_of_integration_work_speak_of_it(text):
    assert relevance_features(TextCues.of(text))["group_sentences"] > 0
