"""Plain-text releases: headline, stated publication date and clean body."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.parse.dateline import parse_date_string, parse_dateline
from pipeline.parse.text import parse_plain_text

BODY = (
    "Norrby kommun har beviljats 1,2 miljoner kronor av Länsstyrelsen för att stärka arbetet med "
    "nyanländas etablering. Pengarna går till språkstöd och praktikplatser under året."
)
QUOTE = "- Det här gör stor skillnad för många familjer, säger Eva Lind (S), kommunstyrelsens ordförande."

MUNICIPAL = f"""Meny

Språkstöd och praktik för nyanlända

4 september 2019
Kommun och politik Omsorg och stöd - Invandring och integration

{BODY}

Den 26 augusti 2019 beslutade kommunstyrelsen om fördelningen.

{QUOTE}
"""

PRESSROOM = f"""Skip to main content

Ytterligare 30 miljoner till stöd för ensamkommande

Pressmeddelande   •   Mar 13, 2019 06:30 CET

Anna Berg, generalsekreterare på Hjälpföreningen

{BODY}

För ytterligare information, kontakta:
Anna Berg, 0701-234567
Olle Nilsson, pressansvarig, 0702-345678
"""

MARKDOWN = f"""



2017-05-08 06:00 CEST

## Lyckade projekt sådde frön

**Tack vare integrationsstödet har 24 projekt kunnat starta och nå framgång i hela kommunen.**

{BODY}

Här kan du läsa om några av projekten:

[Uppfinnarverkstad i Svängsta](#)

---

### Presskontakt

[anna.berg@norrby.se](mailto:anna.berg@norrby.se)
"""

COUNTY_BOARD = f"""Aktuella vädervarningar i Norrlands länJust nu är det flera vädervarningar i länet. Läs mer om dem på SMHI:s webbplats.

Publiceringsdatum:

Senast uppdaterad:

Statligt stöd har gynnat mottagandet i länet

{BODY}

Kontakt
"""

OLD_NOTICE = f"""Observera att denna nyhet är äldre än 10 månader och att innehållet därför kan vara inaktuellt.

Mer pengar till EU-projekt för etablering

Publicerad:

{BODY}

Den 26 augusti 2019 fattades beslutet.

Skriv ut
Senast uppdaterad: 5 oktober 2019
Sidan publicerad av: Anna Sandberg
"""

CAPTION_FIRST = f"""Nu görs en särskild satsning på integration i Norrby. Foto: Stocksnap

500 000 till pionjärsatsning på integration

{BODY}
"""

REGERINGEN = f"""Innehållet publicerades under perioden

-

Karl Karlsson har entledigats, Socialminister

-
Pressmeddelande från Socialdepartementet

Medel till förbundet för spridning av hälsoinsatser för nyanlända

Publicerad

{BODY}

Presskontakt

Helena Paulsson
Pressekreterare hos socialministern
Telefon (växel) 08-405 10 00
"""

NO_TITLE = f"""{BODY}

{QUOTE}
"""

AGENCY = f"""Migrationsverket logotyp

2020-01-28

Medel för att utveckla boendelösningar

(Uppdaterad 2020-02-06) {BODY}

Läs mer i regeringens pressmeddelandelänk till annan webbplats, öppnas i nytt fönster
"""

MAINTENANCE = f"""Meny
Ikon utropstecken

Planerat underhåll på kommunens e-tjänster - störningar kan förekomma. Mer information

Storby har fått ekonomiskt stöd för flyktingmottagandet

{BODY}
"""

ORG_ABOVE = f"""Storby kommun

Stöd till fadderverksamhet för ensamkommande ungdomar

Pressmeddelande • Maj 03, 2016 17:38 CEST

{BODY}
"""

MEDIA = f"""Flyktingsituationen

EU-pengar till Sörmland för förbättrad integration

1:39 min

{BODY}

Tanken är att hitta metoder som lever kvar.
"""

PLACE_DATELINE = f"""Nya riktlinjer för att söka pengar

{BODY}

Eva Lind (C) är ordförande i ledningsutskottet.

Eva Lind (C) är ordförande i ledningsutskottet.

Foto:

Eksjö/Mariannelund2016-04-14 14:10

{QUOTE}
"""


@pytest.mark.parametrize(
    "raw, title, published",
    [
        (MUNICIPAL, "Språkstöd och praktik för nyanlända", dt.date(2019, 9, 4)),
        (PRESSROOM, "Ytterligare 30 miljoner till stöd för ensamkommande", dt.date(2019, 3, 13)),
        (MARKDOWN, "Lyckade projekt sådde frön", dt.date(2017, 5, 8)),
        (COUNTY_BOARD, "Statligt stöd har gynnat mottagandet i länet", None),
        (OLD_NOTICE, "Mer pengar till EU-projekt för etablering", None),
        (CAPTION_FIRST, "500 000 till pionjärsatsning på integration", None),
        (REGERINGEN, "Medel till förbundet för spridning av hälsoinsatser för nyanlända", None),
        (NO_TITLE, None, None),
        (AGENCY, "Medel för att utveckla boendelösningar", dt.date(2020, 1, 28)),
        (MAINTENANCE, "Storby har fått ekonomiskt stöd för flyktingmottagandet", None),
        (ORG_ABOVE, "Stöd till fadderverksamhet för ensamkommande ungdomar", dt.date(2016, 5, 3)),
        (MEDIA, "EU-pengar till Sörmland för förbättrad integration", None),
        (PLACE_DATELINE, "Nya riktlinjer för att söka pengar", dt.date(2016, 4, 14)),
    ],
)
def test_title_and_published(raw: str, title: str | None, published: dt.date | None) -> None:
    art = parse_plain_text(raw)
    assert art.title == title
    assert art.published == published
    assert "Norrby kommun har beviljats 1,2 miljoner kronor" in art.text
    if title:
        assert title not in art.text  # the body never repeats the headline


def test_navigation_and_category_removed_body_dates_kept() -> None:
    art = parse_plain_text(MUNICIPAL)
    assert "Meny" not in art.text
    assert "Kommun och politik" not in art.text
    assert "Den 26 augusti 2019 beslutade" in art.text
    assert art.text.split("\n\n")[0] == "4 september 2019"  # the dateline stays as text
    assert QUOTE in art.text


def test_paragraphs_separated_by_blank_lines() -> None:
    paras = parse_plain_text(MUNICIPAL).text.split("\n\n")
    assert BODY in paras and QUOTE in paras


def test_contact_block_kept_in_body() -> None:
    text = parse_plain_text(PRESSROOM).text
    assert "Skip to main content" not in text
    assert "Anna Berg, generalsekreterare på Hjälpföreningen" in text  # caption names a person
    assert "Olle Nilsson, pressansvarig, 0702-345678" in text
    assert "För ytterligare information, kontakta:\nAnna Berg, 0701-234567" in text


def test_markdown_stripped() -> None:
    text = parse_plain_text(MARKDOWN).text
    for junk in ("##", "**", "](", "---", "mailto:"):
        assert junk not in text
    assert "Tack vare integrationsstödet har 24 projekt" in text
    assert "Uppfinnarverkstad i Svängsta" in text
    assert "anna.berg@norrby.se" in text
    assert "Presskontakt" in text


def test_empty_labels_and_notices_removed() -> None:
    text = parse_plain_text(COUNTY_BOARD).text
    assert "Publiceringsdatum" not in text and "Senast uppdaterad" not in text
    assert "SMHI" not in text
    old = parse_plain_text(OLD_NOTICE).text
    assert "äldre än" not in old and "Publicerad:" not in old and "Skriv ut" not in old
    # labels with a value are content: the date and the person stay
    assert "Senast uppdaterad: 5 oktober 2019" in old and "Anna Sandberg" in old


def test_caption_kept_and_org_line_dropped() -> None:
    assert "Foto: Stocksnap" in parse_plain_text(CAPTION_FIRST).text
    text = parse_plain_text(ORG_ABOVE).text
    assert not text.startswith("Storby kommun")


def test_regeringen_notice_and_kicker() -> None:
    text = parse_plain_text(REGERINGEN).text
    assert "Innehållet publicerades" not in text  # a notice about the page's age
    assert "Karl Karlsson har entledigats, Socialminister" in text  # names a minister: content, not furniture
    assert "Helena Paulsson\nPressekreterare hos socialministern" in text


def test_ui_remnants_removed() -> None:
    for raw, junk in ((AGENCY, "logotyp"), (MAINTENANCE, "underhåll"), (MAINTENANCE, "Ikon"), (MEDIA, "1:39 min")):
        assert junk not in parse_plain_text(raw).text
    assert "länk till annan webbplats" not in parse_plain_text(AGENCY).text
    assert "Läs mer i regeringens pressmeddelande" in parse_plain_text(AGENCY).text


def test_duplicate_caption_collapsed() -> None:
    assert parse_plain_text(PLACE_DATELINE).text.count("Eva Lind (C) är ordförande") == 1


def test_crlf_and_empty() -> None:
    art = parse_plain_text(ORG_ABOVE.replace("\n", "\r\n"))
    assert art.title == "Stöd till fadderverksamhet för ensamkommande ungdomar"
    assert parse_plain_text("").title is None and parse_plain_text("").text == ""


@pytest.mark.parametrize(
    "line, expected",
    [
        ("2017-05-08 06:00 CEST", ("published", dt.date(2017, 5, 8))),
        ("Pressmeddelande • Maj 03, 2016 17:38 CEST", ("published", dt.date(2016, 5, 3))),
        ("Publiceringsdatum: 12 februari 2020", ("published", dt.date(2020, 2, 12))),
        ("Publicerad 2017-04-25", ("published", dt.date(2017, 4, 25))),
        ("2016-06-09 12:20Pressmeddelande", ("published", dt.date(2016, 6, 9))),
        ("Senast uppdaterad: 5 oktober 2017", ("updated", dt.date(2017, 10, 5))),
        ("(Uppdaterad 2020-02-06)", ("updated", dt.date(2020, 2, 6))),
        ("Publicerad 3 maj 2019, uppdaterad 5 maj 2019", ("published", dt.date(2019, 5, 3))),
        ("Den 26 augusti 2019 beslutade kommunstyrelsen om vilka aktiviteter som ska få pengar.", None),
        ("date 2018-06 Sex av de 32 kommunerna", None),
        ("2019-02-30", None),
    ],
)
def test_dateline(line: str, expected: tuple[str, dt.date] | None) -> None:
    assert parse_dateline(line) == expected


def test_parse_date_string() -> None:
    assert parse_date_string("2019-03-13T06:30:00+01:00") == dt.date(2019, 3, 13)
    assert parse_date_string("12 februari 2020") == dt.date(2020, 2, 12)
    assert parse_date_string("") is None


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcåäö ABCÅÄÖ.:-•#*[]()\n0123456789 ")), max_size=400))
def test_never_raises(raw: str) -> None:
    art = parse_plain_text(raw)
    assert art.title is None or art.title.strip() == art.title
    assert "\n\n\n" not in art.text


# -- tables whose cells were glued together when the page was copied as text --------
GLUED_TABLE = """Beviljade medel hösten 2017

Länsstyrelsen har beviljat bidrag till följande organisationer för tidiga insatser för asylsökande under hösten 2017.

DiarienrOrganisationSökt insats/verksamhetBeviljat belopp
4846-2017ABF FLENNyckel till Sverige190 000
5041-2017Eskilstuna FriidrottKunskap i det svenska språket och hälsa153 000
5064-2017OlivehällkyrkanTräffpunkten50 450
"""


def test_glued_table_rows_are_split_into_cells() -> None:
    lines = parse_plain_text(GLUED_TABLE).text.splitlines()
    assert lines[-4:] == [
        "| Diarienr | Organisation | Sökt insats/verksamhet | Beviljat belopp |",
        "| 4846-2017 | ABF FLEN | Nyckel till Sverige | 190 000 |",
        "| 5041-2017 | Eskilstuna Friidrott | Kunskap i det svenska språket och hälsa | 153 000 |",
        "| 5064-2017 | Olivehällkyrkan | Träffpunkten | 50 450 |",
    ]


@pytest.mark.parametrize("body", [
    # camel-case names in prose stay whole
    "Projektet drivs av NTF FyrBoDal och PostNord tillsammans med kommunen sedan 2019 och fortsätter i år.",
    # one glued line is not a table
    "Ansökan 4846-2017Nyckel till Sverige190 000\nBeslutet kom i maj.",
])
def test_text_that_is_not_a_glued_table_is_left_alone(body: str) -> None:
    raw = "Rubrik för nyheten\n\n" + body + "\n"
    assert parse_plain_text(raw).text.endswith(body)


def test_a_long_lead_that_names_a_notice_word_is_body_not_header_noise() -> None:
    lead = ("Länsstyrelsen i Gävleborgs län har beviljat 300 000 kronor till ett projekt där nyanlända "
            "lär sig om brandrisk och säkerhet i hemmet, i samarbete med räddningstjänsten och SMHI, som "
            "bidrar med kunskap om väder och varningar. Projektet startar i augusti och pågår under hela hösten.")
    raw = "Nyanlända lär sig om säkerhet\n\n2023-05-02\n\n" + lead + "\n\nMer om projektet följer.\n"
    article = parse_plain_text(raw)
    assert article.title == "Nyanlända lär sig om säkerhet"
    assert lead in article.text.split("\n\n")


from pipeline.parse.tables import split_humps, unglue_table_rows  # noqa: E402

ROW_PARTS = st.sampled_from(["4846-2017", "ABF", "FLEN", "Nyckel", "till", "Sverige", "190 000", "50450", "kr",
                             "Röda", "korset", "Språkcafé", "é", "Å", "ö", "1", "-", " ", "|", "PostNord"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(ROW_PARTS, max_size=10).map("".join), max_size=6))
def test_ungluing_rows_only_adds_cell_bars_and_spaces(lines: list[str]) -> None:
    def letters(texts: list[str]) -> str:
        return "".join(c for text in texts for c in text if not c.isspace() and c != "|")
    out = unglue_table_rows(lines)
    assert len(out) == len(lines) and letters(out) == letters(lines)
    for line in lines:
        assert letters(split_humps(line)) == letters([line])
