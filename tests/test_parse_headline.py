"""Headline and publication date on pages with chrome: one rule per test, on pages
written for the test (invented names)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.document import Document
from pipeline.parse import parse_file
from pipeline.parse.dateline import parse_dateline
from pipeline.parse.text import parse_plain_text

LEAD = ("Storby kommun har beviljats 1,2 miljoner kronor av Länsstyrelsen för språkcaféer och läxhjälp "
        "till nyanlända familjer. Språkcaféerna startar i biblioteket i höst.")
BODY = "Läxhjälpen ges två kvällar i veckan av frivilliga från föreningslivet i Storby."
HEADLINE = "Miljoner till språkcaféer och läxhjälp"


def page(*top: str, lead: str = LEAD) -> str:
    return "\n\n".join([*top, lead, BODY]) + "\n"


@pytest.mark.parametrize("chrome", [
    "Storby – här växer framtiden",  # a slogan: no date beside it, no word of it in the body
    "Följ Storby kommun",  # a press room's follow button: its words are a name
    "Till innehållet",
    "Läs mer om kakor och hur du stänger av dem",
])
def test_chrome_above_a_dated_headline_is_passed_over(chrome: str) -> None:
    art = parse_plain_text(page(chrome, HEADLINE, "Nyhet • Mar 13, 2019 06:30 CET"))
    assert art.title == HEADLINE and art.published == dt.date(2019, 3, 13)
    assert chrome not in art.text


def test_chrome_above_a_headline_the_body_expands_on_is_passed_over() -> None:
    art = parse_plain_text(page("Storby – här växer framtiden", HEADLINE))
    assert art.title == HEADLINE


def test_without_evidence_the_first_headline_shaped_line_wins() -> None:
    art = parse_plain_text(page("Stöd till fler familjer", "Projektet drivs av: Storby kommun", "Om projektet",
                                lead="Satsningen pågår i tre år och omfattar alla skolor i kommunen."))
    assert art.title == "Stöd till fler familjer"


def test_a_line_between_headline_and_dateline_does_not_take_the_date() -> None:
    art = parse_plain_text(page(HEADLINE, "En illustration i blått och gult", "Pressmeddelande 190313"))
    assert art.title == HEADLINE and art.published == dt.date(2019, 3, 13)


def test_headline_repeated_as_the_last_crumb_of_a_breadcrumb_list() -> None:
    art = parse_plain_text(page("• Start\n• Nyheter\n• " + HEADLINE, "Publicerad: 3 maj 2021", HEADLINE))
    assert art.title == HEADLINE and art.published == dt.date(2021, 5, 3)
    assert "Start" not in art.text and HEADLINE not in art.text


def test_headline_glued_to_a_breadcrumb_is_its_last_crumb() -> None:
    art = parse_plain_text(page("Start > Nyheter > " + HEADLINE))
    assert art.title == HEADLINE


@pytest.mark.parametrize("page_title", [HEADLINE + " | Storby", HEADLINE + " - Vetlanda kommun"])
def test_a_page_title_is_the_headline_without_the_site_name(page_title: str) -> None:
    art = parse_plain_text(page(page_title, "Meny", HEADLINE))
    assert art.title == HEADLINE and HEADLINE not in art.text
    assert parse_plain_text(page(HEADLINE + " - Vetlanda kommun")).title == HEADLINE  # a known body's name


def test_a_dash_inside_a_headline_stays() -> None:
    headline = "Fiasko för projektet – kommunen betalar tillbaka 300 000 kronor"
    lead = "Kommunen betalar tillbaka pengarna för projektet som aldrig kom i gång, efter beslut i nämnden i veckan."
    assert parse_plain_text(page(headline, lead=lead)).title == headline


def test_headline_glued_to_a_section_name() -> None:
    art = parse_plain_text(page("Nyheter" + HEADLINE))
    assert art.title == HEADLINE


@pytest.mark.parametrize("headline", [
    "SMHI och länsstyrelsen samverkar om brandrisken i sommar",
    "Kommundirektören i Storby har entledigats",
])
def test_a_headline_is_never_dropped_as_page_noise(headline: str) -> None:
    lead = (f"{headline.split(' i ')[0]} är beskedet som kom på måndagen efter en lång process, "
            "och kommunen kommenterar beslutet på en pressträff senare i veckan.")
    art = parse_plain_text(page("Meny", headline, "2022-06-01", lead=lead))
    assert art.title == headline


def test_a_close_box_ends_the_dialog_above_it_not_the_headline() -> None:
    raw = page(HEADLINE, "Vi sparar uppgifter om ditt besök för att förbättra webbplatsen. Stäng rutan")
    art = parse_plain_text(raw)
    assert art.title == HEADLINE and LEAD in art.text


def test_a_dialog_sentence_above_the_headline_is_not_the_lead() -> None:
    raw = page("Stäng rutan", "Taltjänsten är öppen för alla som har svårt att tala, och samtalet är alltid kostnadsfritt.",
               "Information om tillgänglighet » Stäng rutan", HEADLINE)
    art = parse_plain_text(raw)
    assert art.title == HEADLINE and "Taltjänsten" not in art.text


def test_a_bulleted_alert_above_the_headline_is_not_the_lead() -> None:
    alert = "• Det råder eldningsförbud i Norrlands län från och med klockan 12 den 23 maj 2024 tills vidare."
    art = parse_plain_text(page(alert, "Publiceringsdatum:", HEADLINE))
    assert art.title == HEADLINE


FIRE_BAN = """Eldningsförbudet i Norrlands län upphör på tisdag
06 AUG 2018
Risken för brand i skog och mark har minskat efter helgens regn, enligt SMHI:s prognoser och räddningstjänsten.
Räddningstjänsten uppmanar ändå till försiktighet när man eldar utomhus i sommar.
På några platser råder fortsatt brandrisk och kommunerna kan besluta om lokala förbud.
Källa: Länsstyrelsen
"""


def test_a_notice_about_fire_risk_is_a_release_not_page_noise(tmp_path: Path) -> None:
    path = tmp_path / "eldning.txt"
    path.write_text(FIRE_BAN, encoding="utf-8")
    doc = parse_file(path, tmp_path)
    assert isinstance(doc, Document)
    assert doc.title == "Eldningsförbudet i Norrlands län upphör på tisdag"
    assert doc.published == dt.date(2018, 8, 6)
    assert "SMHI:s prognoser" in doc.text and "lokala förbud" in doc.text


# -- publication dates -------------------------------------------------------------
@pytest.mark.parametrize("dateline, day", [
    ("Publicerades 05/31/2022", dt.date(2022, 5, 31)),
    ("2024/02/28", dt.date(2024, 2, 28)),
    ("Pressmeddelande 170518", dt.date(2017, 5, 18)),
    ("Publicerad 20170518", dt.date(2017, 5, 18)),
    ("06 AUG 2018", dt.date(2018, 8, 6)),
    ("19 dec 2022", dt.date(2022, 12, 19)),
    ("Feb 11, 2016 13:32 CET", dt.date(2016, 2, 11)),
    ("Publiceringsdatum: 12 februari 2020", dt.date(2020, 2, 12)),
    ("05/06/2022", dt.date(2022, 6, 5)),  # either order possible: day first, as Swedish writes it
])
def test_dateline_forms(dateline: str, day: dt.date) -> None:
    assert parse_dateline(dateline) == ("published", day)
    assert parse_plain_text(page(HEADLINE, dateline)).published == day


@pytest.mark.parametrize("line", [
    "Tid: 8 september 2022 kl 16.00",  # what the text announces, not when it was published
    "Pressmeddelande 171345",  # no such date
    "Tel 170518",
])
def test_not_a_publication_date(line: str) -> None:
    assert parse_dateline(line) is None


def test_an_updated_label_above_a_date_makes_it_a_revision() -> None:
    assert parse_plain_text(page(HEADLINE, "Senast uppdaterad:\n2019-06-01")).published is None


def test_a_labelled_publication_date_is_read_anywhere_an_unlabelled_one_only_at_the_top() -> None:
    middle = "\n\n".join(f"Stycke {i} om hur arbetet med språkcaféerna har gått under året i Storby." for i in range(20))
    assert parse_plain_text(page(HEADLINE) + middle + "\n\nPublicerad: 3 maj 2019\n").published == dt.date(2019, 5, 3)
    assert parse_plain_text(page(HEADLINE) + middle + "\n\nNyhetsdatum:\n2019-05-03\n").published == dt.date(2019, 5, 3)
    assert parse_plain_text(page(HEADLINE) + middle + "\n\n3 maj 2019\n").published is None
