"""Grant rules about how Swedish releases state grants, on sentences written for the
purpose (rules-only pipeline): lists, totals, funders named away from the amount."""
from __future__ import annotations

import pytest
from nlp_runs import run_pipeline


def grants(nlp, text, published="2019-05-02", publisher=None):
    doc = run_pipeline(nlp, text, published, publisher)
    return [(g["funder"], g["recipient"], g["amount_sek"]) for g in doc._.grants]


def test_list_lines_of_a_name_and_an_amount_without_a_separator(nlp):
    text = ("Länsstyrelsen i Hallands län har fördelat pengarna till idrottsdistrikten. Siffrorna i kronor:\n\n"
            "Skåne 1 260 000\n\nSmåland 880 000\n\nVästsvenska förbundet 2 100 000\n")
    assert grants(nlp, text)[-3:] == [("Länsstyrelsen i Hallands län", "Skåne", 1_260_000),
                                      ("Länsstyrelsen i Hallands län", "Småland", 880_000),
                                      ("Länsstyrelsen i Hallands län", "Västsvenska förbundet", 2_100_000)]


def test_a_total_line_of_a_list_is_no_grant(nlp):
    text = ("Länsstyrelsen i Hallands län har beviljat bidrag till följande föreningar:\n\n"
            "Kulturföreningen Ljus, Språkcafé 200 000 kronor\n\n"
            "Röda Korset, Läxhjälp 400 000 kronor\n\n"
            "Totalt: 600 000 kronor\n")
    assert [amount for _, _, amount in grants(nlp, text)] == [200_000, 400_000]


@pytest.mark.parametrize("text, recipient", [
    ("Föreningen Framtidståget får 500 000 kronor för att starta läxhjälp.", "Föreningen Framtidståget"),
    ("Give it forward får 500 000 kronor för ett kooperativ.", "Give it forward"),
    ("Sydstadens kvinnoförbund får 550 000 kronor till utbildningar.", "Sydstadens kvinnoförbund"),
    ("KFUM Exempelstad, som fick 2,7 miljoner kronor, bygger en mötesplats.", "KFUM Exempelstad"),
    ("Equmeniakyrkan får 25 800 kronor för språkcafé.", "Equmeniakyrkan"),
])
def test_the_subject_of_a_receiving_verb_names_the_recipient(nlp, text, recipient):
    assert [r for _, r, _ in grants(nlp, text)] == [recipient]


@pytest.mark.parametrize("text", [
    "Föreningen får 500 000 kronor för att starta läxhjälp.",  # any sentence may open with a noun
    "Varje förening får 20 000 kronor.",
    "I år får 35 församlingar dela på fem miljoner kronor.",
])
def test_a_clause_that_opens_with_a_common_noun_names_no_recipient(nlp, text):
    assert all(r is None for _, r, _ in grants(nlp, text))


@pytest.mark.parametrize("text, publisher, funder", [
    # a funding phrase names who funds: "finansieras av", "med stöd från", "hos"
    ("Föreningen Framtidståget får 300 000 kronor för ett mentorprogram. "
     "Satsningen genomförs med stöd från Europeiska socialfonden.", None, "Europeiska socialfonden"),
    ("Kören ansökte om finansiering hos Postkodstiftelsen. Totalt beviljades 2 430 000 kronor till "
     "Föreningen Sångglädje under fyra år.", None, "Postkodstiftelsen"),
    # the giver of a sentence without an amount
    ("Myndigheten för ungdoms- och civilsamhällesfrågor fördelar pengar till projekt för nyanlända. "
     "Föreningen Framtidståget får 500 000 kronor.", None, "Myndigheten för ungdoms- och civilsamhällesfrågor"),
    # a municipality's release about its own grants: the publisher gives
    ("Föreningen Sydstadens vänner får 20 000 kronor i bidrag till ett språkcafé.", "Hylte kommun", "Hylte kommun"),
])
def test_a_grant_whose_sentence_names_no_funder_gets_the_one_the_document_names(nlp, text, publisher, funder):
    assert [f for f, _, _ in grants(nlp, text, publisher=publisher)] == [funder]


def test_two_bodies_that_fund_leave_the_funder_unknown(nlp):
    text = ("Föreningen Framtidståget får 300 000 kronor. Ett av projekten finansieras av Allmänna arvsfonden. "
            "Ett annat har fått stöd från Europeiska socialfonden.")
    assert grants(nlp, text) == [(None, "Föreningen Framtidståget", 300_000)]


def test_money_the_government_gives_has_no_named_funder(nlp):
    text = "Regeringen ger Föreningen Framtidståget 2 miljoner kronor. Allmänna arvsfonden stöder ett annat projekt."
    assert grants(nlp, text) == [(None, "Föreningen Framtidståget", 2_000_000)]


@pytest.mark.parametrize("text", [
    "Förra året fick föreningar i länet sju miljoner kronor.",
    "Mest bidrag fick idrottsföreningarna, 200 000 kronor.",
])
def test_an_ordinary_phrase_that_opens_a_sentence_is_no_recipient(nlp, text):
    assert all(r is None for _, r, _ in grants(nlp, text))


def test_a_recipients_total_on_its_own_line_is_its_grant(nlp):
    text = ("Så här fördelas pengarna från Svenska kyrkan:\n\n"
            "Exempelstads stift: totalt 450 000 kr\n\nNorrby pastorat: 300 000 kr\n\nSumman blir 750 000 kr.\n")
    assert [(r, a) for _, r, a in grants(nlp, text)] == [("Exempelstads stift", 450_000), ("Norrby pastorat", 300_000)]


def test_a_list_line_that_names_two_recipients_gives_each_the_amount(nlp):
    text = ("Så här fördelas pengarna från Svenska kyrkan:\n\n"
            "Norrby pastorat och Söderby pastorat (gemensam ansökan): 300 000 kr\n\n"
            "Exempelstads stift: 450 000 kr\n")
    assert [(r, a) for _, r, a in grants(nlp, text)] == [
        ("Norrby pastorat", 300_000), ("Söderby pastorat", 300_000), ("Exempelstads stift", 450_000)]


@pytest.mark.parametrize("text, expected", [
    ("Höstens anslag, 45 500 kronor vardera, gick i år till Norrby BK, Söderby IF och Västerby FF.",
     [("Norrby BK", 45_500), ("Söderby IF", 45_500), ("Västerby FF", 45_500)]),
    ("Av summan tillfaller 1,9 miljoner kronor Exempelstads stift.", [("Exempelstads stift", 1_900_000)]),
    ("Pengarna, 300 000 kronor, går till Föreningen Framtidståget.", [("Föreningen Framtidståget", 300_000)]),
])
def test_money_that_goes_to_recipients(nlp, text, expected):
    assert [(r, a) for _, r, a in grants(nlp, text)] == expected


def test_money_that_goes_to_no_named_recipient_is_no_grant(nlp):
    assert grants(nlp, "Av budgeten går 200 000 kronor till administration.") == []


def test_a_passive_of_handing_out_makes_the_body_the_release_is_about_the_giver(nlp):
    # the release is about the region (named twice): it hands the money out
    about = "Region Gotland satsar på kultur för asylsökande. Kulturnämnden i Region Gotland beslutade i våras. "
    assert grants(nlp, about + "Sammanlagt fördelades 3,5 miljoner kronor inom studieförbunden.") == [
        ("Region Gotland", None, 3_500_000)]
    # a passive of granting makes it the one granted the money
    assert grants(nlp, about + "Ytterligare 3,5 miljoner kronor beviljas i höst.") == [(None, "Region Gotland", 3_500_000)]


def test_a_giver_in_a_clause_after_the_verb_is_the_funder_not_the_recipient(nlp):
    text = "Tre föreningar fick dela på 136 500 kronor när Sparbanksstiftelsen på torsdagen delade ut pengar."
    assert grants(nlp, text) == [("Sparbanksstiftelsen", None, 136_500)]


@pytest.mark.parametrize("text, recipient", [
    ("Ett undantag gjordes för Norrby IF, som får 10 000 kronor i kompensation.", "Norrby IF"),
    ("Mest fick Stättebo 4H-gård, som beviljades 200 000 kronor.", "Stättebo 4H-gård"),
    ("I Norrby får Lantbrukarnas ekonomiska förening 820 000 kronor för att byta panna.",
     "Lantbrukarnas ekonomiska förening"),
    ("Allra mest i länet får Tekniska verken i Linköping: hela 30,6 miljoner kronor.", "Tekniska verken i Linköping"),
    ("Umeåregionen har fått 5,6 miljoner kronor av Integrationsverket.", "Umeåregionen"),
])
def test_a_recipient_named_around_a_receiving_verb(nlp, text, recipient):
    assert [r for _, r, _ in grants(nlp, text)] == [recipient]


@pytest.mark.parametrize("text", [
    "Bidraget fick inte användas till hyra, och Föreningen Lindblomman fick inte 40 000 kronor för inköp.",
    "Tolv föreningar i Norrby har varken sökt eller beviljats en krona av de 3 miljonerna.",
])
def test_a_denied_transfer_is_no_grant(nlp, text):
    assert grants(nlp, text) == []


def test_not_only_limits_and_denies_nothing(nlp):
    text = "Föreningen Lindblomman fick inte bara 200 000 kronor från Stiftelsen Norrskenet utan också en lokal."
    assert grants(nlp, text) == [("Stiftelsen Norrskenet", "Föreningen Lindblomman", 200_000)]


@pytest.mark.parametrize("text, expected", [
    # a change or a difference is no money of its own
    ("Stiftelsen Norrskenet beviljade 3 miljoner kronor till Föreningen Lindblomman, en ökning med 400 000 kronor.",
     [3_000_000]),
    ("Stiftelsen Norrskenet har fördelat 90 miljoner kronor, vilket är 12 miljoner mer än i fjol.", [90_000_000]),
    # a budget or a price measures, it gives nothing
    ("Föreningen Lindblomman får 2 miljoner kronor från Stiftelsen Norrskenet, vilket ger en totalbudget på "
     "cirka 3 miljoner kronor.", [2_000_000]),
    # money owed or earned is never given
    ("Föreningen Lindblomman får betala ett skadestånd på 40 000 kronor till Norrby kommun.", []),
    ("Norrby kommun fick betala 120 000 kronor i vite och Föreningen Lindblomman fick 50 000 kronor.", [50_000]),
    ("Stiftelsen Norrskenet betalade 2 miljoner kronor i skatt men gav 300 000 kronor till Föreningen Lindblomman.",
     [300_000]),
    ("Föreningen Lindblomman får 90 000 kronor i lönebidrag från Arbetsförmedlingen.", [90_000]),
    # paying for something gives nothing; paying out does
    ("Norrby kommun betalade 3 miljoner kronor för den nya konstgräsplanen.", []),
    ("Norrby kommun betalade ut 300 000 kronor till Föreningen Lindblomman.", [300_000]),
    ("I december betalades 4 miljoner kronor ut till föreningarna i Norrby.", [4_000_000]),
])
def test_an_amount_that_measures_a_change_a_budget_or_a_price_is_no_grant(nlp, text, expected):
    assert [a for _, _, a in grants(nlp, text)] == expected


def test_a_transfer_verb_in_an_aside_does_not_make_the_sentence_a_grant(nlp):
    text = ("Hela 8 miljoner av budgeten – inklusive pengar vi fått tillbaka från tidigare år – har gått till "
            "den sortens insatser.")
    assert grants(nlp, text) == []


def test_a_grant_restated_without_its_year_or_with_another_funder_is_one_grant(nlp):
    text = ("Under 2021 fick Föreningen Lindblomman 300 000 kronor från Stiftelsen Norrskenet. "
            "Föreningen Lindblomman har fått 300 000 kronor av Stiftelsen Norrskenet. "
            "Föreningen Lindblomman får 300 000 kronor från Allmänna arvsfonden.")
    assert grants(nlp, text, published=None) == [("Stiftelsen Norrskenet", "Föreningen Lindblomman", 300_000)]


def test_the_same_recipient_and_figure_in_two_years_are_two_grants(nlp):
    text = ("Under 2021 fick Föreningen Lindblomman 300 000 kronor från Stiftelsen Norrskenet. "
            "Under 2022 fick Föreningen Lindblomman 300 000 kronor från Stiftelsen Norrskenet.")
    assert len(grants(nlp, text, published=None)) == 2


def test_a_funding_label_states_a_grant_to_the_organisation_the_paragraph_is_about(nlp):
    text = ("Ny scen i Lindby\n\n"
            "Lindby Teaterförening har byggt en utomhusscen vid badplatsen. Stödet avsåg scen och ljus. "
            "Finansiering: 300 000 kr varav 180 000 kr i projektstöd, 90 000 kr i kommunalt bidrag och "
            "30 000 kr i privat medfinansiering.\n\n"
            "Cykelverkstad för alla\n\n"
            "En verkstad där nyanlända lär sig laga cyklar. Finansiering: 120 000 kr.\n")
    assert grants(nlp, text) == [(None, "Lindby Teaterförening", 180_000), (None, "Lindby Teaterförening", 90_000),
                                 (None, None, 120_000)]


def test_bulleted_parts_under_a_statement_of_giving_are_grants_of_its_funder(nlp):
    text = ("Stiftelsen Norrskenet har i år delat ut pengarna så här:\n\n"
            "• 400 000 kronor ska användas till läxhjälp i Lindby.\n"
            "• Två miljoner kronor går till kommunerna för att anställa samordnare.\n")
    assert sorted(grants(nlp, text)) == [("Stiftelsen Norrskenet", None, 400_000), ("Stiftelsen Norrskenet", None, 2_000_000)]


@pytest.mark.parametrize("intro", ["Så här ser budgeten ut:", "Stiftelsen Norrskenet föreslår att pengarna fördelas så här:"])
def test_bulleted_amounts_under_no_statement_of_giving_are_no_grants(nlp, intro):
    text = intro + "\n\n• 400 000 kronor ska användas till läxhjälp.\n• Två miljoner kronor går till lokaler.\n"
    assert grants(nlp, text) == []


@pytest.mark.parametrize("text", [
    "Satsningen ger verksamheter i Ludvika, Smedjebacken och Avesta vardera 2,5 miljoner kronor.",
    "Satsningen ger verksamheter i Ludvika, Smedjebacken och Avesta 2,5 miljoner kronor vardera.",
])
def test_an_amount_for_each_of_the_places_a_clause_lists_is_a_grant_per_place(nlp, text):
    assert [a for _, _, a in grants(nlp, text)] == [2_500_000] * 3


def test_the_verb_whose_clause_holds_the_amount_states_the_grant(nlp):
    text = "Den förening i länet som fick mest är Lindby Bollklubb, som fick 900 000 kronor för en ny plan."
    assert [r for _, r, _ in grants(nlp, text)] == ["Lindby Bollklubb"]


@pytest.mark.parametrize("text, expected", [
    # a cue of a plan counts in its own coordinate clause only
    ("Stiftelsen Norrskenet hade 1,5 miljoner kronor att fördela, men bara 900 000 kronor delades ut.", [900_000]),
    # after a verb of receiving, "att fördela" is the recipient's task
    ("Lindby stift fick 2 miljoner kronor från Stiftelsen Norrskenet, att fördela bland församlingarna.", [2_000_000]),
    # an application that a verb of receiving follows was granted
    ("Föreningen Lindblomman har ansökt och fått beviljat 400 000 kronor från Stiftelsen Norrskenet.", [400_000]),
    # the pot an amount is taken from is no grant of its own
    ("Föreningen Lindblomman har fått 400 000 kronor ur årets pott på tre miljoner kronor.", [400_000]),
    ("Föreningen Lindblomman fick 400 000 kronor av Stiftelsen Norrskenet och 50 000 kronor av Lindby kommun.",
     [400_000, 50_000]),
])
def test_which_amounts_of_a_sentence_are_grants(nlp, text, expected):
    assert [a for _, _, a in grants(nlp, text)] == expected


@pytest.mark.parametrize("text", [
    "Föreningen Lindblomman har ansökt om 400 000 kronor och får besked i maj.",
    "Stiftelsen Norrskenet har 1,5 miljoner kronor att fördela till föreningar i länet.",
])
def test_money_applied_for_or_to_hand_out_is_no_grant(nlp, text):
    assert grants(nlp, text) == []


def test_a_place_next_to_a_verb_of_receiving_is_the_recipient(nlp):
    assert grants(nlp, "Ludvika får 2 miljoner kronor från Stiftelsen Norrskenet.") == [
        ("Stiftelsen Norrskenet", "Ludvika", 2_000_000)]
    assert [r for _, r, _ in grants(nlp, "I Ludvika får föreningar 2 miljoner kronor.")] == [None]


def test_figures_after_a_statement_without_an_amount_continue_it(nlp):
    text = ("Av de fyra kommunerna i satsningen får Ludvika mest. 3 miljoner i år, 5 miljoner nästa år och "
            "därefter 8 miljoner per år. På tio år nästan 70 miljoner kronor.\n\nTotalt satsas 400 miljoner kronor.")
    assert [(r, a) for _, r, a in grants(nlp, text)] == [
        ("Ludvika", 3_000_000), ("Ludvika", 5_000_000), ("Ludvika", 8_000_000), ("Ludvika", 70_000_000)]


def test_figures_after_a_statement_that_names_no_recipient_are_no_grants(nlp):
    assert grants(nlp, "Stiftelsen Norrskenet delar ut pengar till kultur. 3 miljoner i år, 5 miljoner nästa år.") == []


def test_a_list_entry_whose_amount_stands_on_a_line_of_its_own_after_wrapped_text(nlp):
    text = ("Länsstyrelsen i Hallands län har beviljat bidrag till följande:\n\n"
            "Kulturföreningen Ljus, Språkcafé 200 000 kronor\n"
            "Föreningen Norrgården, Stöd till unga vuxna som bor i\n"
            "kommunens västra delar\n"
            "450 000 kronor\n")
    assert [(r, a) for _, r, a in grants(nlp, text)] == [("Kulturföreningen Ljus", 200_000), ("Föreningen Norrgården", 450_000)]


def test_an_amount_alone_after_a_blank_line_takes_no_name_from_above(nlp):
    text = ("Länsstyrelsen i Hallands län har beviljat bidrag till följande:\n\n"
            "Kulturföreningen Ljus, Språkcafé 200 000 kronor\n"
            "Röda Korset Lindby, Läxhjälp 100 000 kronor\n"
            "Föreningen Norrgården, Stöd till unga vuxna\n\n"
            "450 000 kronor\n")
    assert [r for _, r, _ in grants(nlp, text)] == ["Kulturföreningen Ljus", "Röda Korset Lindby"]


def test_the_body_named_as_where_the_money_comes_from_funds_and_the_project_given_to_receives(nlp):
    text = ("Ludvika kommun driver projektet Nya vägar. Länsstyrelsen i Dalarnas län ger projektet "
            "4 miljoner kronor från Europeiska socialfonden, ESF.")
    assert grants(nlp, text) == [("Europeiska socialfonden", "Ludvika kommun", 4_000_000)]


@pytest.mark.parametrize("text", [
    "Förhoppningen var att 3 miljoner kronor skulle finansieras av Stiftelsen Norrskenet.",
    "Föreningen Lindblomman kan beviljas upp till 40 000 kronor av Stiftelsen Norrskenet.",
    "Föreningen Lindblomman beviljas högst 40 000 kronor av Stiftelsen Norrskenet.",
])
def test_money_hoped_for_or_a_ceiling_is_no_grant(nlp, text):
    assert grants(nlp, text) == []


def test_a_decision_to_hand_out_money_is_a_grant(nlp):
    text = "Stiftelsen Norrskenet beslutade i december att fördela 5 miljoner kronor till läxhjälp."
    assert grants(nlp, text) == [("Stiftelsen Norrskenet", None, 5_000_000)]


@pytest.mark.parametrize("text, expected", [
    ("Stiftelsen Norrskenet har beslutat att stötta 40 lokala projekt med 6 miljoner kronor.",
     [("Stiftelsen Norrskenet", None, 6_000_000)]),
    ("Stiftelsen Norrskenet beslutade också om 2 miljoner kronor i stöd till läxhjälp.",
     [("Stiftelsen Norrskenet", None, 2_000_000)]),
    ("För att stötta föreningarna höjdes anslagen med 3 miljoner kronor.", []),
    ("Styrelsen beslutade om en ny budget. Den omfattar 3 miljoner kronor.", []),
])
def test_verbs_that_give_through_their_object(nlp, text, expected):
    assert grants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Nu står det klart att 900 000 kronor av summan tillfaller Norrby katolska församling.",
     [("Norrby katolska församling", 900_000)]),
    ("Av pengarna går 1,2 miljoner till projekt som riktar sig till nyanlända.", [(None, 1_200_000)]),
    ("Av pengarna går 300 000 kronor till administration.", []),
])
def test_where_money_that_goes_somewhere_is_a_grant(nlp, text, expected):
    assert [(r, a) for _, r, a in grants(nlp, text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Under tre år ska Stiftelsen Norrskenet fördela 12 miljoner kronor till föreningar.", []),
    ("Föreningen Lindblomman ska få 300 000 kronor av Stiftelsen Norrskenet nästa år.", []),
    ("Stiftelsen Norrskenet beslutade i går att Föreningen Lindblomman ska få 300 000 kronor.",
     [("Föreningen Lindblomman", 300_000)]),
])
def test_money_to_come_is_no_grant_unless_decided(nlp, text, expected):
    assert [(r, a) for _, r, a in grants(nlp, text)] == expected


def test_a_name_of_capitalised_words_joined_by_och_receives_rather_than_the_body_by_default(nlp):
    text = ("Ludvika kommun satsar på trygghet i centrum. "
            "Trygghet och Säkerhet beviljas 350 000 kronor till insatser för tryggare parker.")
    assert [r for _, r, _ in grants(nlp, text)] == ["Trygghet och Säkerhet"]


def test_a_function_word_in_capitals_is_no_name(nlp):
    assert [r for _, r, _ in grants(nlp, "SÅ HÄR FÖRDELAS DE TRE MILJONERNA:\n\nMer om det nedan.")] == [None]


def test_money_that_is_the_subject_of_a_later_clause_goes_to_no_party_of_an_earlier_one(nlp):
    text = "Stiftelsen Norrskenet hade 1,5 miljoner kronor att fördela, men bara 900 000 kronor delades ut."
    assert [r for _, r, _ in grants(nlp, text)] == [None]


def test_a_group_that_is_the_subject_of_a_passive_receives_not_the_body_the_release_is_about(nlp):
    about = "Region Gotland satsar på kultur för asylsökande. Kulturnämnden i Region Gotland beslutade i våras. "
    assert [r for _, r, _ in grants(nlp, about + "Föreningarna där har bara tilldelats 5 000 kronor.")] == [None]


def test_a_sentence_with_a_subject_of_its_own_continues_no_statement(nlp):
    text = "Av de fyra kommunerna i satsningen får Ludvika mest. Kostnaden beräknas till 3 miljoner kronor."
    assert grants(nlp, text) == []


def test_a_rate_under_a_funding_label_is_no_grant(nlp):
    text = "Sommarläger i Lindby\n\nFöreningen Lindblomman ordnar läger för nyanlända barn. Bidrag: 500 kr per deltagare.\n"
    assert grants(nlp, text) == []


@pytest.mark.parametrize("entries", [
    "Kulturföreningen Ljus, Halmstad: 450 000 kronor\nNorrby Bollklubb, Laholm: 120 000 kronor\n",
    "Kulturföreningen Ljus – 450 000 kr\nNorrby Bollklubb – 120 000 kr\n",
    "Kulturföreningen Ljus (Halmstad) 450 000 kr\nNorrby Bollklubb (Laholm) 120 000 kr\n",
    "Kulturföreningen Ljus\n450 000 kronor\n\nNorrby Bollklubb\n120 000 kronor\n",
])
def test_list_entries_in_the_forms_press_pages_write_them(nlp, entries):
    text = "Länsstyrelsen i Hallands län har beviljat bidrag till följande föreningar:\n\n" + entries
    assert grants(nlp, text) == [("Länsstyrelsen i Hallands län", "Kulturföreningen Ljus", 450_000),
                                 ("Länsstyrelsen i Hallands län", "Norrby Bollklubb", 120_000)]


def test_a_table_row_with_an_amount_per_year_gives_a_grant_per_amount_and_no_total(nlp):
    text = ("Länsstyrelsen i Hallands län har beviljat bidrag till följande föreningar:\n\n"
            "| Förening | 2023 | 2024 |\n| Kulturföreningen Ljus | 450 000 kr | 300 000 kr |\n"
            "| Norrby Bollklubb | 120 000 kr | 100 000 kr |\n| Summa | 570 000 kr | 400 000 kr |\n")
    assert [(r, a) for _, r, a in grants(nlp, text)] == [
        ("Kulturföreningen Ljus", 450_000), ("Kulturföreningen Ljus", 300_000),
        ("Norrby Bollklubb", 120_000), ("Norrby Bollklubb", 100_000)]


def test_a_decision_on_funding_without_an_amount_introduces_a_list_and_names_its_funder(nlp):
    text = ("Länsstyrelsen i Dalarnas län har beslutat om bidrag till föreningar.\n\n"
            "Föreningen Lindblomman 300 000 kr\nNorrby Bollklubb 120 000 kr\n")
    assert grants(nlp, text) == [("Länsstyrelsen i Dalarnas län", "Föreningen Lindblomman", 300_000),
                                 ("Länsstyrelsen i Dalarnas län", "Norrby Bollklubb", 120_000)]


def test_och_before_a_known_organisation_joins_two_bodies_not_one_name(nlp):
    text = "Föreningen Lindblomman och Röda Korset får dela på 100 000 kronor från Ludvika kommun."
    assert all(r != "Föreningen Lindblomman och Röda Korset" for _, r, _ in grants(nlp, text))


def test_a_place_in_the_genitive_after_a_verb_of_receiving_is_no_recipient(nlp):
    text = "Förra året fick Dalarnas föreningar sju miljoner kronor i stöd från Allmänna arvsfonden."
    assert grants(nlp, text) == [("Allmänna arvsfonden", None, 7_000_000)]


def test_a_table_row_gives_each_amount_the_year_its_column_is_headed_with(nlp):
    text = ("Länsstyrelsen i Hallands län har beviljat bidrag till följande föreningar:\n\n"
            "| Förening | 2023 | 2024 |\n| Kulturföreningen Ljus | 450 000 kr | 300 000 kr |\n"
            "| Norrby Bollklubb | 120 000 kr | 120 000 kr |\n")
    doc = nlp.make_doc(text)
    doc._.published, doc._.publisher = "2022-11-30", None
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert [(g["recipient"], g["amount_sek"], g["year"]) for g in doc._.grants] == [
        ("Kulturföreningen Ljus", 450_000, 2023), ("Kulturföreningen Ljus", 300_000, 2024),
        ("Norrby Bollklubb", 120_000, 2023), ("Norrby Bollklubb", 120_000, 2024)]


@pytest.mark.parametrize("text, expected", [
    # a party of a relative clause is no party of the grant
    ("Totalt har Allmänna arvsfonden beviljat 4,5 miljoner kronor till projektet, som drivs av Föreningen Lindblomman.",
     [("Allmänna arvsfonden", None, 4_500_000)]),
    ("Projektet, som drivs av Föreningen Lindblomman, har beviljats 4,5 miljoner kronor från Allmänna arvsfonden.",
     [("Allmänna arvsfonden", None, 4_500_000)]),
    # a part of money granted just before is passed on by its recipient
    ("Lindby stift fick 6 miljoner kronor från Stiftelsen Norrskenet. Nu står det klart att 900 000 kronor av summan "
     "tillfaller Norrby katolska församling.",
     [("Stiftelsen Norrskenet", "Lindby stift", 6_000_000), ("Lindby stift", "Norrby katolska församling", 900_000)]),
    ("Lindby stift tilldelas 6 miljoner kronor av Stiftelsen Norrskenet. Enligt ansökan ska 900 000 kronor av de "
     "totala medlen fördelas till församlingarna.",
     [("Stiftelsen Norrskenet", "Lindby stift", 6_000_000), ("Lindby stift", None, 900_000)]),
    # a municipality's organs give for the municipality
    ("Ludvika kommun stöttar föreningslivet. I oktober beslutade socialnämnden i Ludvika att ge ett bidrag på "
     "400 000 kronor till Föreningen Lindblomman.", [("Ludvika", "Föreningen Lindblomman", 400_000)]),
    ("Ludvika kommun stöttar föreningslivet. Kommunstyrelsen har beviljat Föreningen Lindblomman 400 000 kronor.",
     [("Ludvika kommun", "Föreningen Lindblomman", 400_000)]),
    # a named project that receives stands for the body that runs it
    ("Föreningen Lindblomman driver projektet Nya vägar. Projektet Nya vägar har beviljats 2 miljoner kronor från "
     "Allmänna arvsfonden.", [("Allmänna arvsfonden", "Föreningen Lindblomman", 2_000_000)]),
    ("Föreningen Lindblomman startar projektet Nya vägar. Nya vägar har beviljats 2 miljoner kronor från "
     "Allmänna arvsfonden.", [("Allmänna arvsfonden", "Föreningen Lindblomman", 2_000_000)]),
    # a funding adverbial states a grant to the body that acts
    ("Med 800 000 kronor från Allmänna arvsfonden startar Föreningen Lindblomman en mötesplats.",
     [("Allmänna arvsfonden", "Föreningen Lindblomman", 800_000)]),
    ("Tack vare 800 000 kronor i stöd från Allmänna arvsfonden kan Föreningen Lindblomman öppna en mötesplats.",
     [("Allmänna arvsfonden", "Föreningen Lindblomman", 800_000)]),
    # an aside that holds the amount states the grant with its own verb
    ("Föreningen Lindblomman – som fick 200 000 kronor av Stiftelsen Norrskenet – öppnar en mötesplats i höst.",
     [("Stiftelsen Norrskenet", "Föreningen Lindblomman", 200_000)]),
    ("Föreningen Lindblomman (som fick 200 000 kronor av Stiftelsen Norrskenet) öppnar en mötesplats i höst.",
     [("Stiftelsen Norrskenet", "Föreningen Lindblomman", 200_000)]),
])
def test_who_funds_and_who_receives_when_the_sentence_names_them_indirectly(nlp, text, expected):
    assert grants(nlp, text) == expected


def test_each_amount_of_a_clause_may_name_its_own_funder(nlp):
    text = "Föreningen Lindblomman får 500 000 kronor från Stiftelsen Norrskenet och 500 000 kronor från Allmänna arvsfonden."
    assert grants(nlp, text) == [("Stiftelsen Norrskenet", "Föreningen Lindblomman", 500_000),
                                 ("Allmänna arvsfonden", "Föreningen Lindblomman", 500_000)]


def test_each_amount_of_a_clause_may_name_its_own_recipient_and_the_whole_they_come_from_is_no_grant(nlp):
    text = ("Av de 5 miljonerna går 2 miljoner kronor till Föreningen Lindblomman och 3 miljoner kronor till "
            "Norrby Bollklubb.")
    assert [(r, a) for _, r, a in grants(nlp, text)] == [("Föreningen Lindblomman", 2_000_000),
                                                         ("Norrby Bollklubb", 3_000_000)]


@pytest.mark.parametrize("text, expected", [
    # a range is one statement, read at its upper end
    ("Föreningen Solgläntan får 2–3 miljoner kronor från Länsstyrelsen i Hallands län.",
     [("Länsstyrelsen i Hallands län", "Föreningen Solgläntan", 3_000_000)]),
    # the upper end's "per dag" makes the whole range a rate
    ("Solby kommun får en ersättning på 150-300 kronor per dag för varje asylsökande.", []),
])
def test_the_lower_end_of_a_range_is_no_grant_of_its_own(nlp, text, expected):
    assert grants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Länsstyrelsen i Hallands län meddelar att Hylte kommun får 500 000 kronor för mottagandet.",
     [(None, "Hylte kommun", 500_000)]),  # who tells is no recipient (nor, by itself, the giver)
    ("Allmänna arvsfonden har beslutat att Föreningen Solgläntan får 900 000 kronor.",
     [("Allmänna arvsfonden", "Föreningen Solgläntan", 900_000)]),  # who decides that it is received gives
    ("Föreningen Solgläntan berättar att de har fått 90 000 kronor från Allmänna arvsfonden.",
     [("Allmänna arvsfonden", "Föreningen Solgläntan", 90_000)]),  # no name in the att-clause: the subject before
])
def test_the_subject_of_a_receiving_verb_in_an_att_clause_receives(nlp, text, expected):
    assert grants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Länsstyrelsen i Hallands län beviljar Hylte kommun 100 000 kronor och Falkenbergs kommun 150 000 kronor.",
     [("Länsstyrelsen i Hallands län", "Hylte kommun", 100_000),
      ("Länsstyrelsen i Hallands län", "Falkenbergs kommun", 150_000)]),
    ("Hylte kommun får 40 000 kronor och Falkenbergs kommun 60 000 kronor av Länsstyrelsen i Hallands län.",
     [("Länsstyrelsen i Hallands län", "Hylte kommun", 40_000),
      ("Länsstyrelsen i Hallands län", "Falkenbergs kommun", 60_000)]),
])
def test_a_name_right_before_each_amount_after_the_verb_is_that_amounts_recipient(nlp, text, expected):
    assert grants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Föreningen Solgläntan hoppas få 100 000 kronor från Allmänna arvsfonden.", []),
    ("Norrby IF önskar att få 20 000 kronor av Hylte kommun till en ny plan.", []),
])
def test_money_a_body_hopes_to_receive_is_no_grant(nlp, text, expected):
    assert grants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Föreningen Solgläntan har fått 200 000 kronor från Allmänna arvsfonden och vill nu starta en kör.",
     [("Allmänna arvsfonden", "Föreningen Solgläntan", 200_000)]),
    ("Norrby IF har fått 20 000 kronor av Hylte kommun och kommer att bygga en ny plan.",
     [("Hylte kommun", "Norrby IF", 20_000)]),
    ("Norrby IF har fått 20 000 kronor av Hylte kommun och hoppas att fler vill spela.",
     [("Hylte kommun", "Norrby IF", 20_000)]),
    # the cue still holds in its own clause, and before the amount
    ("Föreningen Solgläntan får 50 000 kronor av Hylte kommun och kan söka ytterligare 20 000 kronor i höst.",
     [("Hylte kommun", "Föreningen Solgläntan", 50_000)]),
    ("Föreningar kan söka bidrag och få upp till 50 000 kronor från Hylte kommun.", []),
])
def test_a_plan_in_a_clause_that_och_joins_after_the_amount_leaves_the_grant_stated(nlp, text, expected):
    assert grants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Norrby IF:s ansökan om 50 000 kronor beviljades av Hylte kommun.", [("Hylte kommun", "Norrby IF", 50_000)]),
    ("Föreningen Solgläntans ansökan om 40 000 kronor har beviljats av Allmänna arvsfonden.",
     [("Allmänna arvsfonden", "Föreningen Solgläntan", 40_000)]),
])
def test_whose_application_was_granted_receives(nlp, text, expected):
    assert grants(nlp, text) == expected


@pytest.mark.parametrize("marker", ["-", "–", "•"])
def test_a_bulleted_item_under_a_statement_of_giving_names_its_recipient_after_any_item_marker(nlp, marker):
    text = ("Länsstyrelsen i Hallands län fördelar pengar till kommunerna så här:\n\n"
            f"{marker} Hylte kommun – 200 000 kronor\n{marker} Falkenbergs kommun – 350 000 kronor\n")
    assert sorted(grants(nlp, text)) == [("Länsstyrelsen i Hallands län", "Falkenbergs kommun", 350_000),
                                         ("Länsstyrelsen i Hallands län", "Hylte kommun", 200_000)]


@pytest.mark.parametrize("text, expected", [
    ("Om Norrby IF beviljas 50 000 kronor av Hylte kommun kan bygget starta.", []),
    ("Ifall Föreningen Solgläntan får 30 000 kronor från Hylte kommun startar kören i höst.", []),
    ("Om projektet: Norrby IF får 30 000 kronor från Hylte kommun.", [("Hylte kommun", "Norrby IF", 30_000)]),
    ("Föreningen Solgläntan har fått avslag på sin ansökan om 50 000 kronor från Allmänna arvsfonden.", []),
    ("Norrby IF fick nej till 80 000 kronor från Hylte kommun.", []),
])
def test_money_on_a_condition_or_refused_is_no_grant(nlp, text, expected):
    assert grants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Allmänna arvsfonden har beviljat Föreningen Solgläntan stöd. Stödet uppgår till 600 000 kronor.",
     [("Allmänna arvsfonden", "Föreningen Solgläntan", 600_000)]),
    ("Norrby IF har fått ett bidrag från Hylte kommun. Bidraget är på 45 000 kronor.",
     [("Hylte kommun", "Norrby IF", 45_000)]),
    # no statement of giving before, or a noun that is no grant
    ("Föreningen Solgläntan har sökt stöd från Allmänna arvsfonden. Stödet skulle uppgå till 600 000 kronor.", []),
    ("Norrby IF har fått ett bidrag från Hylte kommun. Kostnaden uppgår till 90 000 kronor.", []),
])
def test_a_sentence_that_refers_back_to_the_money_gives_the_figure_of_the_grant_before(nlp, text, expected):
    assert grants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Allmänna arvsfonden har beslutat att stödja Föreningen Solgläntan. Stödet uppgår till 600 000 kronor.",
     [("Allmänna arvsfonden", "Föreningen Solgläntan", 600_000)]),
    ("Hylte kommun beslutade i går att stötta Norrby IF. Bidraget är på 35 000 kronor.",
     [("Hylte kommun", "Norrby IF", 35_000)]),
    ("Hylte kommun arbetar för att stödja Norrby IF. Stödet uppgår till 35 000 kronor.", []),  # no decision
])
def test_a_decision_to_support_a_body_is_a_statement_whose_figure_may_follow(nlp, text, expected):
    assert grants(nlp, text) == expected
