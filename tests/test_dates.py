"""Table tests for pipeline.normalize.dates (own sentences, no corpus data)."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.dates import DateMention, find_dates, parse_date

D = dt.date
REF = D(2020, 9, 15)


def _summary(mentions):
    return [(m.date.isoformat(), m.date_end.isoformat(), m.granularity, m.relative) for m in mentions]


DAYS = [
    ("27 april 2020", D(2020, 4, 27)),
    ("den 14 augusti 2017", D(2017, 8, 14)),
    ("2017-04-25", D(2017, 4, 25)),
    ("2017-05-08 06:00 CEST", D(2017, 5, 8)),
    ("4 september 2019", D(2019, 9, 4)),
    ("1 jan 2020", D(2020, 1, 1)),
    ("1 jan. 2020", D(2020, 1, 1)),
    ("Maj 03, 2016", D(2016, 5, 3)),
    ("Mar 13, 2019", D(2019, 3, 13)),
    ("Feb 11, 2016 13:32 CET", D(2016, 2, 11)),
    ("March 5, 2018", D(2018, 3, 5)),
    ("15/3 2019", D(2019, 3, 15)),
    ("15/3/2019", D(2019, 3, 15)),
    ("15.3.2019", D(2019, 3, 15)),
    ("tisdagen den 3 mars 2020", D(2020, 3, 3)),
    ("den 1:a december 2022", D(2022, 12, 1)),
    ("31 december 2007", D(2007, 12, 31)),
    ("29 februari 2020", D(2020, 2, 29)),
    ("8 okt 2021", D(2021, 10, 8)),
    ("2024/02/28", D(2024, 2, 28)),
    ("05/31/2022", D(2022, 5, 31)),  # month first: 31 cannot be a month
    ("05/06/2022", D(2022, 6, 5)),  # either order possible: day first, as Swedish writes it
    ("10e april 2000", D(2000, 4, 10)),  # forms of datelines: the one grammar reads them in text too
    ("2016-4-14", D(2016, 4, 14)),
]


@pytest.mark.parametrize("written, day", DAYS)
def test_full_dates(written, day):
    text = f"Beslutet fattades {written} av styrelsen."
    (m,) = find_dates(text)
    assert (m.date, m.date_end, m.granularity, m.relative) == (day, day, "day", False)
    assert text[m.start : m.end] == m.text


@pytest.mark.parametrize("written, day", DAYS)
def test_parse_date_full(written, day):
    assert parse_date(written) == day


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ansök senast den 6 april.", [("2020-04-06", "2020-04-06", "day", True)]),
        ("Mötet hålls 26 augusti i stadshuset.", [("2020-08-26", "2020-08-26", "day", True)]),
        ("Projektet startar i juni.", [("2020-06-01", "2020-06-30", "month", True)]),
        ("Vi börjar i år och fortsätter nästa år.",
         [("2020-01-01", "2020-12-31", "year", True), ("2021-01-01", "2021-12-31", "year", True)]),
        ("Det gjordes förra året.", [("2019-01-01", "2019-12-31", "year", True)]),
        ("Det gjordes i fjol.", [("2019-01-01", "2019-12-31", "year", True)]),
        ("Kursen startar i höst.", [("2020-09-01", "2020-11-30", "season", True)]),
        ("Kursen startade i våras.", [("2020-03-01", "2020-05-31", "season", True)]),
        ("Kursen startade i höstas.", [("2019-09-01", "2019-11-30", "season", True)]),
        ("I vår startar en ny grupp.", [("2021-03-01", "2021-05-31", "season", True)]),
        ("Under hösten träffas gruppen.", [("2020-09-01", "2020-11-30", "season", True)]),
    ],
)
def test_relative_expressions_need_a_reference(text, expected):
    assert _summary(find_dates(text, REF)) == expected
    assert find_dates(text) == []


@pytest.mark.parametrize("text", ["Välkommen i vår kommun.", "Det är i vår region vi ser det.", "Maj Persson berättar."])
def test_lookalikes_are_not_dates(text):
    assert find_dates(text, REF) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Projektet pågår mellan den 3 mars och 20 april 2018.",
         [("2018-03-03", "2018-03-03", "day", False), ("2018-04-20", "2018-04-20", "day", False)]),
        ("Festivalen hålls 3–5 maj 2019.",
         [("2019-05-03", "2019-05-03", "day", False), ("2019-05-05", "2019-05-05", "day", False)]),
        ("Perioden är 1 november 2022 till 31 oktober 2026.",
         [("2022-11-01", "2022-11-01", "day", False), ("2026-10-31", "2026-10-31", "day", False)]),
        ("Tidsplanen var 2016-09-01 till 2017-12-31.",
         [("2016-09-01", "2016-09-01", "day", False), ("2017-12-31", "2017-12-31", "day", False)]),
        ("Utställningen visas juni–augusti 2020.",
         [("2020-06-01", "2020-06-30", "month", False), ("2020-08-01", "2020-08-31", "month", False)]),
        ("Projektet pågår från september 2016 till april 2017.",
         [("2016-09-01", "2016-09-30", "month", False), ("2017-04-01", "2017-04-30", "month", False)]),
    ],
)
def test_ranges_report_both_ends(text, expected):
    assert _summary(find_dates(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sedan 2011 har föreningen arbetat med frågan.", [("2011-01-01", "2011-12-31", "year")]),
        ("Under 2019 ökade antalet deltagare.", [("2019-01-01", "2019-12-31", "year")]),
        ("Bidrag för 2019 och 2020 betalas ut.", [("2019-01-01", "2019-12-31", "year"), ("2020-01-01", "2020-12-31", "year")]),
        ("År 2020 var annorlunda.", [("2020-01-01", "2020-12-31", "year")]),
        ("Strategin gäller 2019–2022.", [("2019-01-01", "2022-12-31", "years")]),
        ("Strategin gäller 2019-2022.", [("2019-01-01", "2022-12-31", "years")]),
        ("Strategin gäller 2019 till 2022.", [("2019-01-01", "2022-12-31", "years")]),
        ("Strategin gäller mellan 2019 och 2022.", [("2019-01-01", "2022-12-31", "years")]),
        ("Totalt satsas pengar 2018- 2027.", [("2018-01-01", "2027-12-31", "years")]),
        ("Budgeten för 2020/2021 är klar.", [("2020-01-01", "2021-12-31", "years")]),
        ("Under läsåret 2019/20 deltog fler.", [("2019-01-01", "2020-12-31", "years")]),
        ("Vi startade i juni 2019.", [("2019-06-01", "2019-06-30", "month")]),
        ("Rapporten kom 2018-06 och lästes av många.", [("2018-06-01", "2018-06-30", "month")]),
        ("Ansökan lämnades in under hösten 2022.", [("2022-09-01", "2022-11-30", "season")]),
        ("Sökperioden är vt 2021.", [("2021-03-01", "2021-05-31", "season")]),
        ("Resultat för första kvartalet 2021.", [("2021-01-01", "2021-03-31", "quarter")]),
        ("Redovisning för Q3 2020.", [("2020-07-01", "2020-09-30", "quarter")]),
        ("Många kom under 1990-talet.", [("1990-01-01", "1999-12-31", "decade")]),
        ("Kommunen har antagit en vision 2030.", [("2030-01-01", "2030-12-31", "year")]),
    ],
)
def test_years_and_periods(text, expected):
    assert [s[:3] for s in _summary(find_dates(text))] == expected


NOT_DATES = [
    "3 500 asylsökande",
    "2 000 kronor",
    "2000 kronor",
    "2100000",
    "1 200 personer",
    "1950 personer",
    "0454-815 93",
    "0733-57 61 54",
    "374 81 Karlshamn",
    "SFS 2017:193",
    "förordningen (2016:1364)",
    "sidan 2019",
    "Box 2024",
    "kl. 06:00",
    "kl 20.15",
    "2019 procent",
    "2015 %",
    "1850",
    "2150",
    "version 2.2019",
    "Dnr 123-2019",
    "31 april",
    "https://www.exempel.se/nyheter/2019-10-11-nyhet",
    "info2019@exempel.se",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert find_dates(f"Enligt uppgift {text} i kommunen.") == []


def test_year_inside_full_date_is_not_a_separate_year():
    text = "Publicerad 2017-04-25. Beslut den 14 augusti 2017 om medel för 2018."
    assert [(m.text, m.granularity) for m in find_dates(text)] == [
        ("2017-04-25", "day"),
        ("14 augusti 2017", "day"),
        ("2018", "year"),
    ]


def test_sorted_and_non_overlapping_in_a_realistic_text():
    text = (
        "Pressmeddelande • Maj 03, 2016 17:38 CEST\n"
        "Sedan 2011 har länsstyrelsen fördelat 2 000 000 kronor. Projektet pågår "
        "2016–2018 och ansökan ska vara inne senast 30 juni 2016. Ring 0454-815 93."
    )
    mentions = find_dates(text)
    assert [m.text for m in mentions] == ["Maj 03, 2016", "2011", "2016–2018", "30 juni 2016"]


def test_parse_date_returns_the_first_full_date_and_handles_odd_forms():
    assert parse_date("Publicerad: 2019-03-12, uppdaterad 2019-03-14") == D(2019, 3, 12)
    assert parse_date("") is None
    assert parse_date("inget datum här") is None
    assert parse_date("den 6 april") is None  # no year: a short string states no day
    (mention,) = find_dates("den 6 april", D(2021, 1, 1))  # in a text, resolved against the publication date
    assert mention.date == D(2021, 4, 6) and mention.relative
    assert parse_date("1 Dec. 2100") == D(2100, 12, 1)  # a form the rules do not know: dateparser's reading


def test_mention_is_frozen():
    (m,) = find_dates("under 2019")
    assert isinstance(m, DateMention)
    with pytest.raises(AttributeError):
        m.date = D(2000, 1, 1)


# ---- properties ------------------------------------------------------------

_pieces = st.sampled_from(
    [
        "den", "3", "14", "maj", "Maj", "mars", "jan", "2019", "2020", "2019–2022", "2017-05-08",
        "15/3", "15.3.2019", "06:00", "CEST", "i år", "i höst", "i vår", "våren", "hösten",
        "mellan", "och", "till", "–", "-", "/", "sedan", "under", "kronor", "personer", "SFS",
        ":193", "0454-815 93", "kvartalet", "första", "1990-talet", "\n", ",", ".", "@", "http://",
    ]
)
_texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(_pieces, st.integers(0, 3000).map(str)), max_size=40).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(_texts, st.one_of(st.none(), st.dates(min_value=D(1950, 1, 1), max_value=D(2090, 12, 31))))
def test_find_dates_never_raises_and_spans_are_sound(text, reference):
    previous_end = -1
    for m in find_dates(text, reference):
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end and m.start < m.end
        assert m.date <= m.date_end
        assert m.granularity in {"day", "month", "season", "quarter", "year", "years", "decade"}
        assert m.relative is False or reference is not None
        previous_end = m.end


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_iso_and_swedish_forms_round_trip(day):
    months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
              "september", "oktober", "november", "december"]
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"den {day.day} {months[day.month - 1]} {day.year}") == day


@pytest.mark.parametrize("text, written", [
    ("Ansökan ska vara inne senast den 1 december.", "1 december"),  # the full stop ends the sentence
    ("Mötet hölls den 4 dec. 2021 i Solby.", "4 dec. 2021"),  # an abbreviation keeps its point
    ("Mötet hölls den 4 maj 2021.", "4 maj 2021"),
])
def test_a_date_ends_where_it_is_written(text, written):
    mention = find_dates(text, reference=dt.date(2021, 5, 2))[0]
    assert text[mention.start:mention.end] == written


@pytest.mark.parametrize("text, expected", [
    ("Mötet hålls 3/3-2021 i Solby.", ["2021-03-03"]),  # day/month-year
    ("Mötet hålls 2021.03.03 i Solby.", ["2021-03-03"]),  # ISO order with points
    ("Träffarna äger rum 7, 14 och 21 maj 2021.", ["2021-05-07", "2021-05-14", "2021-05-21"]),
    ("Kursen ges 3 och 5 maj 2021.", ["2021-05-03", "2021-05-05"]),
    ("Under 2021, 14 och 21 maj, hålls träffar.", ["2021-05-14", "2021-05-21"]),  # a year is no day of the list
])
def test_more_ways_to_write_days(text, expected):
    found = find_dates(text, reference=dt.date(2021, 5, 2))
    assert [m.date.isoformat() for m in found if m.granularity == "day"] == expected
