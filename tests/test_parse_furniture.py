"""Page furniture: every pattern of parse_boilerplate.txt and parse_header_noise.txt states
a fact about press pages in general. Each is tested on lines it must match and on
headlines and sentences it must leave alone (own lines, invented names)."""
from __future__ import annotations

import pytest

from pipeline.parse.text import BOILERPLATE, HEADER_NOISE

# (line, why it is furniture)
HEADER_NOISE_LINES = [
    ("Observera att denna nyhet är äldre än 10 månader och att innehållet därför kan vara inaktuellt.", "page age"),
    ("Den här artikeln är äldre än 2 år.", "page age"),
    ("Den här nyheten har passerat sitt datum och kan vara inaktuell.", "page currency"),
    ("Innehållet publicerades under perioden 2014-10-03 till 2019-01-21", "archived page"),
    ("Sidan är arkiverad", "archived page"),
    ("Läs mer om kakor och hur du stänger av dem", "a link"),
    ("Läs också: Nytt badhus i Storby", "a link"),
    ("Planerat underhåll på e-tjänsterna i natt. Mer information", "banner ending with its link"),
    ("Risk för översvämning i Norrlands länLäs mer på Vädertjänstens webbplats om aktuellt meddelande.", "alert"),
    ("Nyheter", "section name"), ("Pressmeddelande -", "kicker"), ("• Press", "section name in a list"),
    ("Aktuellt", "section name"), ("Start", "home link"), ("Nyheter och press", "section name"),
    ("Start > Kommun och politik > Nyheter", "breadcrumb"), ("Nyheter › 2021 › Mars › Språkcafé", "breadcrumb"),
    ("Du är här: Start / Nyheter", "breadcrumb"),
    ("Besöksadress Storgatan 1", "site contact"), ("Telefon: 0123-45 67 89", "site contact"),
    ("E-post: info@storby.se", "site contact"),
]
# Headlines (and a lead) that name the same things but are releases, not furniture.
HEADLINES = [
    "SMHI och länsstyrelsen samverkar om brandrisken i sommar",
    "Vädervarning: höga flöden väntas i Norrån",
    "Eldningsförbudet upphävs från och med tisdag",
    "Driftstörning i vattenledningen på Storgatan åtgärdad",
    "Kommundirektören har entledigats",
    "Äldre än 65 år? Nu kan du boka vaccin",
    "Ny information till föräldrar om skolstarten",
    "Nyheter för föreningar som söker bidrag i år",
    "Pressträff om den nya skolan i Storby",
    "Stadsarkivet flyttar till nya lokaler",
    "Storby kommun har beviljats 2 miljoner kronor från Länsstyrelsen för att stärka arbetet med nyanlända.",
]


@pytest.mark.parametrize("line, why", HEADER_NOISE_LINES)
def test_header_noise_matches_page_furniture(line: str, why: str) -> None:
    assert HEADER_NOISE.fullmatch(line.lstrip("• ")), why


@pytest.mark.parametrize("line", HEADLINES)
def test_no_furniture_pattern_matches_a_headline(line: str) -> None:
    assert not HEADER_NOISE.fullmatch(line) and not BOILERPLATE.fullmatch(line)


BOILERPLATE_LINES = [
    "Meny", "Stäng meny", "Main menu", "Skip to main content", "Hoppa till huvudinnehållet / Skip to main content",
    "Till innehållet", "Gå direkt till sidans innehåll", "Till Storbys startsida", "Storby kommun - startsida",
    "Startsida | Storby kommun", "Dela sidan på sociala medier", "Dela på Facebook", "Facebook | Twitter", "Skriv ut",
    "Storby kommun logotyp", "Logotyp på utskrifter", "Ikon utropstecken", "Tillbaka", "Tillbaka till nyhetslistan",
    "Sök", "Annons", "Lyssna", "Stäng rutan", "1:39 min", "3 / 12", "* * *", "null", "Följ oss på Instagram",
    "Prenumerera på nyheter från Storby", "Storby använder kakor för att webbplatsen ska fungera.", "Acceptera alla",
    "Hantera kakor", "Läs mer", "Read more", "View post", "Hjälpte informationen på sidan dig?", "Visa fler nyheter",
    "Kopiera länk", "Till toppen", "Nästa nyhet", "Bild 2 av 7", "Translate", "Översätt sidan", "Välj språk", "Languages",
    "In English", "Logga in", "Mina sidor", "E-tjänster och blanketter", "Kontrast", "Ändra textstorlek", "Lättläst",
    "Teckenspråk",
]
NOT_BOILERPLATE = [
    "Tillbaka till skolbänken efter tjugo år", "Gå direkt till jobbet – nytt program för nyanlända",
    "Nu startar bygget av nya startsidan", "Så jobbar vi med nyheter på lokalradion", "Läs mer om projektet på www.storby.se.",
    "Språk öppnar dörrar", "English for beginners", "Översätt din cv till svenska",
    "Mina sidor på nätet lockar fler", "Lättläst bok om Sverige delas ut", "Kontrasten mellan stad och land",
]


@pytest.mark.parametrize("line", BOILERPLATE_LINES)
def test_boilerplate_matches_controls_and_links(line: str) -> None:
    assert BOILERPLATE.fullmatch(line)


@pytest.mark.parametrize("line", NOT_BOILERPLATE)
def test_boilerplate_leaves_statements_alone(line: str) -> None:
    assert not BOILERPLATE.fullmatch(line)
