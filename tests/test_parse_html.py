"""HTML releases: metadata, site adapters, chrome removal, truncated markup."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline import platforms
from pipeline.parse.html import extract_article, parse_tree
from pipeline.parse.soup import soup_of

FIX = Path(__file__).parent / "fixtures" / "parse"


def load(name: str) -> str:
    return (FIX / name).read_text("utf-8")


def test_sitevision_municipality() -> None:
    art = extract_article(load("sitevision.html"), "https://www.bergsala.se/nyheter/x.html")
    assert art.title == "Språkcafé får stöd för ett år till"
    assert art.published == dt.date(2021, 3, 2)  # from the "Publicerad" text
    assert art.lead and art.lead.startswith("Bergsala kommun har beviljats 350 000 kronor")
    assert "samlat över 200 deltagare" in art.text
    assert "säger Karin Ek, enhetschef" in art.text
    assert art.url == "https://www.bergsala.se/nyheter/2021-03-02-sprakcafe-far-stod.html"
    assert art.contact and "Karin Ek, enhetschef\nkarin.ek@bergsala.se" in art.contact
    for junk in ("kakor", "Godkänn", "Start", "Telefon 0123"):
        assert junk not in art.text
    assert not art.text.startswith(art.title)


def test_mynewsdesk_pressroom() -> None:
    art = extract_article(load("mynewsdesk.html"))
    assert art.title == "Ytterligare 12 miljoner till läxhjälp för nyanlända"
    assert art.published == dt.date(2019, 3, 13)
    assert art.url.startswith("https://www.mynewsdesk.com/se/lasgladje/")
    assert art.publisher == "Stiftelsen Läsglädje"  # not the platform name
    assert art.lead and "12 miljoner kronor" in art.lead
    assert "Verksamheten når i dag omkring 3 000 elever" in art.text
    assert art.contact and "Lena Holm" in art.contact
    for junk in ("cookies", "Dela på Facebook", "inte hör hit"):
        assert junk not in art.text


def test_lansstyrelsen() -> None:
    art = extract_article(load("lansstyrelsen.html"), "https://www.lansstyrelsen.se/norrland/nyheter/x.html")
    assert art.title == "Nya pengar för integrationsfrämjande insatser"
    assert art.published == dt.date(2020, 2, 12)
    assert art.publisher == "Länsstyrelsen Norrland"
    assert art.lead and art.lead.startswith("Den 15 februari öppnar utlysningen")
    assert "Drygt 3,5 miljoner kronor" in art.text and "senast den 22 mars 2020" in art.text
    assert "SMHI" not in art.text


def test_generic_page_with_cookie_banner_and_jsonld_graph() -> None:
    art = extract_article(load("generic_jsonld.html"), "https://www.adalen.example/nyheter/cykla")
    assert art.title == "Fler ska lära sig cykla"
    assert art.published == dt.date(2018, 5, 22)
    assert art.publisher == "Ådalens tidning"
    assert art.url == "https://www.adalen.example/nyheter/cykla"
    assert "cykelskola för nyanlända kvinnor i Kramfors" in art.text
    assert "säger Amina Yusuf" in art.text
    for junk in ("integritet", "cookies", "Godkänn", "Sport", "Ansvarig utgivare"):
        assert junk not in art.text
    assert "\n\n" in art.text  # paragraphs separated by blank lines


def test_truncated_html_still_yields_text() -> None:
    art = extract_article(load("truncated.html"))
    assert art.title == "Bidrag till fritidsgård"
    assert "200 000 kronor av Allmänna arvsfonden" in art.text


def test_title_suffix_and_meta_dates() -> None:
    page = """<html><head><title>Ny mötesplats öppnar i Storby | Storby kommun</title>
    <meta name="dcterms.date" content="2022-11-03"></head>
    <body><div><p>Den nya mötesplatsen för nyanlända öppnar i centrum på måndag. Den drivs av kommunen tillsammans
    med Röda Korset och Svenska kyrkan och har öppet fem dagar i veckan.</p></div></body></html>"""
    art = extract_article(page)
    assert art.title == "Ny mötesplats öppnar i Storby"
    assert art.published == dt.date(2022, 11, 3)
    assert "Röda Korset och Svenska kyrkan" in art.text


def test_time_element_and_hyphen_in_title_kept() -> None:
    page = """<html><head><title>Samverkan 2022 - ett integrationsprojekt</title></head><body><article>
    <h1>Samverkan 2022 - ett integrationsprojekt</h1><time pubdate datetime="2022-10-01">1 oktober</time>
    <p>Projektet har beviljats drygt 50 miljoner kronor från fonden och ska pågå i fyra år i hela länet.</p>
    </article></body></html>"""
    art = extract_article(page)
    assert art.title == "Samverkan 2022 - ett integrationsprojekt"
    assert art.published == dt.date(2022, 10, 1)


@pytest.mark.parametrize("page", ["", "   ", "<html></html>", "<p>"])
def test_empty_pages_do_not_raise(page: str) -> None:
    art = extract_article(page)
    assert art.text == ""


def page(name: str):
    """A fixture page as the parse stage reads it: lxml's parse, as BeautifulSoup."""
    return soup_of(parse_tree(load(name)))


def test_adapter_registry() -> None:
    sitevision = page("sitevision.html")
    assert platforms.choose_adapter(sitevision, None).name == "sitevision"
    assert platforms.choose_adapter(sitevision, "https://www.lansstyrelsen.se/skane/x.html").name == "lansstyrelsen"
    assert platforms.choose_adapter(page("mynewsdesk.html")).name == "mynewsdesk"
    assert platforms.choose_adapter(page("generic_jsonld.html")) is None


# What trafilatura's and htmldate's metadata readers lack, kept in page_metadata:
def test_a_twitter_handle_is_not_the_publisher() -> None:
    page = """<html><head><title>Nytt språkcafé</title><meta name="twitter:site" content="@storbykommun">
    </head><body><p>Ett nytt språkcafé öppnar på biblioteket i höst, med volontärer från tre föreningar i Storby.</p>
    </body></html>"""
    assert extract_article(page).publisher is None  # trafilatura gives "Storbykommun"


def test_a_dash_in_a_title_is_cut_only_before_a_site_name() -> None:
    body = "<p>Projektet har beviljats drygt 50 miljoner kronor från fonden och ska pågå i fyra år i hela länet.</p>"
    page = f"<html><head><title>Samverkan 2022 - ett integrationsprojekt</title></head><body>{body}</body></html>"
    assert extract_article(page).title == "Samverkan 2022 - ett integrationsprojekt"  # trafilatura: "Samverkan 2022"
    page = f"""<html><head><meta property="og:title" content="Ny mötesplats | Storby kommun">
    <meta property="og:site_name" content="Storby kommun"></head><body>{body}</body></html>"""
    assert extract_article(page).title == "Ny mötesplats"  # trafilatura keeps the og:title whole


def test_a_relative_canonical_url_is_resolved_against_the_page_address() -> None:
    page = """<html><head><link rel="canonical" href="/nyheter/sprakcafe.html"></head><body><p>Ett nytt
    språkcafé öppnar på biblioteket i höst, med volontärer från tre föreningar.</p></body></html>"""
    # trafilatura gives the address the page was fetched from
    assert extract_article(page, "https://www.storby.se/x").url == "https://www.storby.se/nyheter/sprakcafe.html"


# A platform's knowledge applied through BeautifulSoup, on broken markup (unclosed <div> and <p>).
STORBY_PAGE = """<!DOCTYPE html><html><head><title>Storby kommun</title></head><body>
<div class="sidhuvud"><a href="/">Storby kommun</a></div>
<div class="artikel">
  <h2 class="rubrik">Nytt språkcafé öppnar på biblioteket</h2>
  <span class="datum">Publicerad 3 mars 2023</span>
  <p class="inledning">Storby kommun öppnar ett språkcafé för nyanlända på stadsbiblioteket i april.
  <div class="brodtext">
    <ul class="lasmer"><li><a href="/simskola">Simskola för vuxna startar i maj</a>
      <li><a href="/sfi">Fler platser på SFI</a></ul>
    <p>Caféet drivs tillsammans med Studieförbundet Vuxenskolan och har öppet varje tisdag och torsdag.
    <p>Verksamheten finansieras med 120 000 kronor från kommunens integrationsmedel, säger Ada Lind.
  </div>
  <div class="presskontakt">Ada Lind, samordnare<br>ada.lind@storby.example<br>0123-45 67 89</div>
</div></body></html>"""

STORBY = platforms.SiteAdapter(
    name="storby", hosts=("storby.example",), title=(".rubrik",), lead=(".inledning",), body=(".brodtext",),
    published=(".datum",), contact=(".presskontakt",), drop=(".lasmer",),
)


def test_a_site_adapter_is_applied_through_beautifulsoup(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platforms, "ARTICLE_ADAPTERS", list(platforms.ARTICLE_ADAPTERS))
    platforms.register(STORBY)
    art = extract_article(STORBY_PAGE, "https://www.storby.example/nyheter/sprakcafe.html")
    assert art.title == "Nytt språkcafé öppnar på biblioteket"  # the adapter's headline, not <title>
    assert art.published == dt.date(2023, 3, 3)
    assert art.lead == "Storby kommun öppnar ett språkcafé för nyanlända på stadsbiblioteket i april."
    assert art.text.split("\n\n") == [
        art.lead,
        "Caféet drivs tillsammans med Studieförbundet Vuxenskolan och har öppet varje tisdag och torsdag.",
        "Verksamheten finansieras med 120 000 kronor från kommunens integrationsmedel, säger Ada Lind.",
    ]
    assert art.contact == "Ada Lind, samordnare\nada.lind@storby.example\n0123-45 67 89"
    assert "Simskola" not in art.text and "SFI" not in art.text
    # The links to other news inside the body go by the adapter's drop selector (no chrome word names them).
    monkeypatch.setattr(platforms, "ARTICLE_ADAPTERS", [replace(STORBY, drop=())])
    kept = extract_article(STORBY_PAGE, "https://www.storby.example/nyheter/sprakcafe.html")
    assert "Simskola för vuxna startar i maj\n\nFler platser på SFI" in kept.text


def test_without_its_adapter_the_same_page_reads_the_generic_way() -> None:
    art = extract_article(STORBY_PAGE, "https://www.annanstad.example/nyheter/sprakcafe.html")
    assert art.title == "Storby kommun"  # the <title>: no adapter says where the headline is
    assert art.contact is None
