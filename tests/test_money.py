"""Table tests for pipeline.normalize.money (own sentences, no corpus data)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.money import MoneyMention, find_money

# (written amount, kronor, qualifier)
AMOUNTS = [
    ("2,1 miljoner kronor", 2_100_000, None),
    ("drygt 2,1 miljoner kronor", 2_100_000, "drygt"),
    ("en halv miljon kronor", 500_000, None),
    ("En halv miljon kronor", 500_000, None),
    ("en miljon kronor", 1_000_000, None),
    ("500 000 kronor", 500_000, None),
    ("500\u00a0000 kronor", 500_000, None),
    ("500\u202f000 kronor", 500_000, None),
    ("3 412 000 kronor", 3_412_000, None),
    ("5 257 000 kr", 5_257_000, None),
    ("1,8 miljarder kronor", 1_800_000_000, None),
    ("1,35 miljarder kronor", 1_350_000_000, None),
    ("200 tkr", 200_000, None),
    ("3 mnkr", 3_000_000, None),
    ("3 mkr", 3_000_000, None),
    ("2 MSEK", 2_000_000, None),
    ("SEK 2 000 000", 2_000_000, None),
    ("40 000 kr", 40_000, None),
    ("40.000 kronor", 40_000, None),
    ("10 000:-", 10_000, None),
    ("SEK 3 million", 3_000_000, None),
    ("nio miljoner kronor", 9_000_000, None),
    ("tre miljoner", 3_000_000, None),
    ("två och en halv miljon kronor", 2_500_000, None),
    ("en och en halv miljard kronor", 1_500_000_000, None),
    ("halvannan miljon kronor", 1_500_000, None),
    ("50 miljoner", 50_000_000, None),
    ("en kvarts miljon", 250_000, None),
    ("hundra tusen kronor", 100_000, None),
    ("tvåhundrafemtio tusen kronor", 250_000, None),
    ("tjugofem kronor", 25, None),
    ("500 00 kronor", 50_000, None),
    ("921800 kronor", 921_800, None),
    ("1470 miljoner", 1_470_000_000, None),
    ("nära 300 000 kronor", 300_000, "nära"),
    ("närmare 1 miljard kronor", 1_000_000_000, "närmare"),
    ("över 51 miljoner kronor", 51_000_000, "över"),
    ("omkring 50 miljoner kronor", 50_000_000, "omkring"),
    ("cirka 5 miljoner kronor", 5_000_000, "cirka"),
    ("ca 5 miljoner kronor", 5_000_000, "ca"),
    ("ungefär 2 miljoner kronor", 2_000_000, "ungefär"),
    ("runt 700 000 kronor", 700_000, "runt"),
    ("upp till 250 000 kronor", 250_000, "upp till"),
    ("högst 60 000 kronor", 60_000, "högst"),
    ("minst 15 000 kronor", 15_000, "minst"),
    ("knappt 4 miljoner kronor", 4_000_000, "knappt"),
    ("totalt 31,7 miljoner kronor", 31_700_000, "totalt"),
    ("sammanlagt 12 miljoner kronor", 12_000_000, "sammanlagt"),
    ("nästan 8 miljoner kronor", 8_000_000, "nästan"),
    ("2,5 kronor", 3, None),
]


@pytest.mark.parametrize("written, kronor, qualifier", AMOUNTS)
def test_amount_inside_a_money_sentence(written, kronor, qualifier):
    text = f"Kommunen har beviljats {written} i bidrag för integrationsarbete under året."
    mentions = find_money(text)
    assert [(m.amount_sek, m.qualifier) for m in mentions] == [(kronor, qualifier)]
    (m,) = mentions
    assert m.text == text[m.start : m.end]
    if qualifier:
        assert qualifier not in m.text.lower().split()
        assert text[: m.start].rstrip().lower().endswith(qualifier)


NOT_MONEY = [
    "3 500 asylsökande",
    "24 projekt",
    "7.2 MB",
    "50 procent",
    "100%",
    "2016",
    "0454-815 93",
    "0733-57 61 54",
    "3 miljoner invånare",
    "1,5 miljoner människor",
    "sedan 2011",
    "kl. 10.00",
    "SFS 2017:193",
    "2017-05-08",
    "2 miljoner euro",
    "5 miljoner dollar",
    "tre personer",
    "en av fem",
    "374 81 Karlshamn",
    "tusentals nyanlända",
    "en miljon besökare",
]


@pytest.mark.parametrize("text, expected", [
    ("Skattesatsen blir oförändrad, 21,34 kr per 100 kr.", []),
    ("Kommunalskatten höjs till 22,10 kronor per intjänad hundralapp.", []),
    ("Skatten sänks med 50 öre till 20,85 kronor per hundralapp, och kommunen lånar 40 miljoner kronor.",
     [40_000_000]),
    ("Föreningarna får 100 kr per deltagare, totalt 30 000 kronor.", [100, 30_000]),  # a rate per person is money
])
def test_a_tax_rate_per_hundred_kronor_is_no_amount(text, expected):
    assert [m.amount_sek for m in find_money(text)] == expected


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text):
    assert find_money(text) == []
    sentence = f"Länsstyrelsen fördelar bidrag. Under förra året kom {text} till projektet."
    assert find_money(sentence) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bidraget ligger mellan 100 000 och 200 000 kronor per projekt.", [100_000, 200_000]),
        ("Föreningarna kan söka 2–3 miljoner kronor var.", [2_000_000, 3_000_000]),
        ("Ersättningen är 150-300 kronor per dag.", [150, 300]),
        ("Stödet är från 15 000 kronor upp till 250 000 kronor.", [15_000, 250_000]),
        ("Bidrag på 500 000–1 miljon kronor kan sökas.", [500_000, 1_000_000]),
        ("Projekten får 1–2 mkr vardera.", [1_000_000, 2_000_000]),
    ],
)
def test_ranges_give_two_mentions(text, expected):
    assert [m.amount_sek for m in find_money(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # money cue in the same sentence
        ("Länsstyrelsen fördelar 27,5 miljoner till kommunerna.", [27_500_000]),
        ("Regeringen har beviljat drygt 7,6 miljoner till projektet.", [7_600_000]),
        ("Budgeten för projektet är 12 miljoner.", [12_000_000]),
        ("Stiftelsen satsar 4 miljoner på läxhjälp.", [4_000_000]),
        # an explicit kronor amount elsewhere in the text makes the headline money
        ("Trosa får fem miljoner\n\nKommunen har fått 5 000 000 kronor från staten.", [5_000_000, 5_000_000]),
        # no money context at all: a bare count
        ("Sverige har över 10 miljoner och Norge drygt 5 miljoner.", []),
        # money context, but the number counts people
        ("Bidraget når 1,5 miljoner människor och kostar 3 miljoner kronor.", [3_000_000]),
        ("Stödet till 2 miljoner invånare i regionen ökar.", []),
    ],
)
def test_bare_millions_need_money_context(text, expected):
    assert [m.amount_sek for m in find_money(text)] == expected


def test_several_amounts_sorted_with_offsets():
    text = (
        "Arbetsförmedlingen ger 40 000 kr till föreningen. Därefter betalas "
        "3 412 000 kronor ut och totalt 1,2 miljarder kronor fördelas 2020."
    )
    mentions = find_money(text)
    assert [m.amount_sek for m in mentions] == [40_000, 3_412_000, 1_200_000_000]
    assert [m.text for m in mentions] == ["40 000 kr", "3 412 000 kronor", "1,2 miljarder kronor"]
    assert mentions[2].qualifier == "totalt"


def test_years_and_phone_numbers_next_to_amounts():
    text = "Under 2020 fördelas 7 705 214 kr. Ring 0454-815 93 för mer information om 2021."
    assert [(m.text, m.amount_sek) for m in find_money(text)] == [("7 705 214 kr", 7_705_214)]


def test_table_with_amount_column():
    text = (
        "Beviljade medel\n"
        "Organisation Projekt Beviljat belopp\n"
        "ABF Språkcafé 190 000\n"
        "Röda korset Läxhjälp50 450\n"
        "\n"
        "Kontakta oss på 010-223 40 00."
    )
    assert [m.amount_sek for m in find_money(text)] == [190_000, 50_450]


def test_table_rows_written_as_cells_under_an_amount_header():
    """How the parsers write a table (HTML cells, or glued cells restored): one row per
    line or per paragraph, the amount in the last cell."""
    text = (
        "| Diarienr | Organisation | Projekt | Beviljat belopp |\n\n"
        "| 4846-2017 | ABF Flen | Nyckel till Sverige | 190 000 |\n\n"
        "| 5064-2017 | Olivehällkyrkan | Träffpunkten | 50 450 |\n"
        "| 5142-2017 | Röda korset | Språkcaféer | 60 000 |\n\n"
        "Ring 0155-26 10 00 för mer information."
    )
    assert [(m.text, m.amount_sek) for m in find_money(text)] == [("190 000", 190_000), ("50 450", 50_450), ("60 000", 60_000)]


def test_ungrouped_amounts_in_their_own_cell_under_an_amount_header():
    text = (
        "| Organisation | Projekt | År | Belopp (kr) |\n"
        "| ABF Flen | Nyckel till Sverige | 2017 | 190000 |\n"
        "| Röda korset | Språkcaféer | 2017 | 6500 |\n"
        "| Olivehällkyrkan | Träffpunkt 2018 | 2018 |\n"  # ends in a year, not an amount
    )
    assert [(m.text, m.amount_sek) for m in find_money(text)] == [("190000", 190_000), ("6500", 6_500)]


def test_numbers_in_a_table_without_an_amount_header_are_not_money():
    text = "| Kommun | Invånare | Mottagna |\n| Flen | 16 500 | 120 |\n| Vingåker | 9 200 | 85 |\n"
    assert find_money(text) == []


def test_counted_people_and_other_currencies_are_not_money():
    assert find_money("Kommunen har beviljats stöd för 3 500 asylsökande.") == []
    assert find_money("") == []
    assert find_money("Kommunen har beviljats 2 miljoner euro i bidrag.") == []


def test_mention_is_frozen():
    (m,) = find_money("Det kostar 5 kr.")
    assert isinstance(m, MoneyMention)
    with pytest.raises(AttributeError):
        m.amount_sek = 1


# ---- properties ------------------------------------------------------------

_pieces = st.sampled_from(
    [
        "kronor", "kr", "miljoner", "miljarder", "tusen", "en halv", "drygt", "mellan", "och",
        "–", "-", "SEK", ":-", "tkr", "mnkr", "2,1", "500", "000", "00", "1 200", "2019", "nio",
        "två", "invånare", "euro", "procent", "%", "\u00a0", "\u202f", " ", "\n", ".", ",",
        "bidrag", "0454-815 93", "kl. 10.00", "år", "Beviljat belopp\n",
    ]
)
_texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(_pieces, st.integers(0, 10**9).map(str)), max_size=40).map(" ".join),
)


def _check_mentions(text, mentions):
    previous_end = -1
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert isinstance(m.amount_sek, int) and m.amount_sek >= 0
        assert m.start >= previous_end
        previous_end = m.end


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_find_money_never_raises_and_spans_are_sound(text):
    _check_mentions(text, find_money(text))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 999), st.integers(0, 999), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_grouped_thousands_round_trip(high, low, separator):
    text = f"Föreningen får {high}{separator}{low:03d} kronor."
    assert [m.amount_sek for m in find_money(text)] == [high * 1000 + low]


def test_a_list_of_amounts_under_a_line_that_says_they_are_kronor():
    """"Siffrorna i kronor:" then one line per region, paragraphs apart: each number is money."""
    text = ("Pengarna har fördelats enligt följande. Siffrorna i kronor:\n\n"
            "Norrby 1 260 000\n\nSödra länet 880 000\n\nVästkusten 2 100 000\n\n"
            "Fotnot: ett distrikt fick 2 000 färre deltagare än väntat.")
    assert [(m.text, m.amount_sek) for m in find_money(text)] == [
        ("1 260 000", 1_260_000), ("880 000", 880_000), ("2 100 000", 2_100_000)]


@pytest.mark.parametrize("text, expected", [
    # the later items of a list that an amount in kronor opens
    ("Hylte kommun får 400 000 kronor, Laholm 300 000 och Halmstad 250 000.", [400_000, 300_000, 250_000]),
    ("Solgläntan får 80 000 kronor och Norrby IF 45 000.", [80_000, 45_000]),
    # a figure after a label of money
    ("Beviljat belopp: 85 000", [85_000]),
    ("Sökt belopp: 120000\nBeviljat belopp: 95000", [120_000, 95_000]),
    # a figure before a noun counts something, whatever stands before it
    ("Hylte kommun får 400 000 kronor, och 2 000 personer deltog.", [400_000]),
    ("Stöd: 12 000 personer har fått hjälp.", []),
    # a figure in another sentence is no item of the list
    ("Föreningen får 50 000 kronor. Solby har 12 000 invånare och 300 000 besök.", [50_000]),
    ("Organisationsnummer: 802456-1234", []),
])
def test_figures_that_a_list_or_a_label_makes_money(text, expected):
    assert [m.amount_sek for m in find_money(text)] == expected
