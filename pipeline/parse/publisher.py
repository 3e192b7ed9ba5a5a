"""Who publishes a release, read from the release itself.

A file without a scrape manifest still says who sent it, in a few stable places:

- a statement: "Pressmeddelande från X", "Publicerad av X", "Källa: X", or a short
  "Om X" heading that opens the sender's boiler-plate at the end;
- the site's name above the headline: "Följ X", "Till X:s startsida", "X logotyp",
  "X använder kakor ...", or a body's name alone among the first lines;
- its contacts: an organisation named in the contact block, and the domains of e-mail
  addresses (a municipality's domain is its name, "storby.se"; an agency's its name or
  acronym; a county board's is lansstyrelsen.se for all 21, so the text must name one).

Names resolve to canonical names in the reference data
(:mod:`pipeline.normalize.organisations`). The grant finder takes the publisher as the
funder of a body's own grants, so precision comes first: the strongest kind of evidence
present must point at one body (a statement or site name that names an unknown body
means an unknown publisher), contacts count only when most of them point at one body,
and otherwise the answer is None.
"""
from __future__ import annotations

import functools
import itertools
import json
import re
import unicodedata
from collections import Counter

from pipeline import resources
from pipeline.normalize.organisations import lookup_org, lookup_place

from .headline import fold
from .lines import label_alternation

_EMAIL_DOMAIN = re.compile(r"[\w.+-]+@((?:[\w-]+\.)+)([a-z]{2,6})\b", re.I)
_COUNTY_BOARD = re.compile(r"\bLänsstyrelsen(?: i)? [A-ZÅÄÖ][\wåäö-]+(?: län)?|\b[A-ZÅÄÖ][\wåäö-]+ läns länsstyrelse")
_COUNTY_BOARD_DOMAIN = "lansstyrelsen"
_BARE_COUNTY_BOARD = frozenset({"länsstyrelsen", "länsstyrelsens", "länsstyrelse"})
_HEAD_LINES = 25  # lines from the top that may hold the site's name
_BARE_NAME_LINES = 3  # a body's name without a UI word counts only among the first lines
_CONTACT_LINES = 8  # lines of a contact block read after its heading
_CONTACT_LINE_CHARS = 100
_NAME_JOINERS = frozenset({"i", "och", "för", "kommun", "stad", "län"})  # lower-case words inside names
_MAX_NAME_CHARS = 80


@functools.cache
def _words() -> dict[str, list[str]]:
    return json.loads(resources.resource_path("parse_publisher.json").read_text(encoding="utf-8"))


def _alternation(key: str) -> str:
    return label_alternation(_words()[key])


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    name_word = r"(?:[A-ZÅÄÖ][\w-]*|i|kommun|stad|län|och)"
    return {
        "sender": re.compile(rf"(?:{_alternation('sender')})\b\s*:?\s*", re.I),
        "about": re.compile(rf"(?:{_alternation('about')})\s+", re.I),
        "contact": re.compile(rf"(?:{_alternation('contact_headings')})\b", re.I),
        "site": re.compile(rf"(?:(?P<before>{_alternation('site_name_before')})\s+)?(?P<name>.+?)"
                           rf"(?:\s*[-–—|]?\s*(?P<after>{_alternation('site_name_after')}))?", re.I),
        "marks": re.compile(rf"(?:{_alternation('site_name_marks')})", re.I),
        "cookie": re.compile(rf"(?P<name>[A-ZÅÄÖ][\w-]*(?:\s{name_word})*?)\s+(?:{_alternation('cookie_notice')})\b"),
    }


def canonical_body(name: str) -> str | None:
    """The canonical name of a body written as ``name``, if the reference data knows it."""
    match = lookup_org(name)
    return match.canonical if match else None


def infer_publisher(raw: str, title: str | None, text: str) -> str | None:
    """The canonical name of the body that publishes the release, or None when unsure."""
    lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    board = _county_board_named(text)
    said = _statements(lines, board) | _site_names(_head(lines, title), board)
    if said:  # statements and site names must agree, and name a known body
        return said.pop() if len(said) == 1 and None not in said else None
    return _from_contacts(lines, board)


def _head(lines: list[str], title: str | None) -> list[str]:
    """The lines above the headline (the first few when there is none)."""
    if title is None:
        return lines[:_BARE_NAME_LINES]
    key = fold(title)
    for k, line in enumerate(lines[:_HEAD_LINES]):
        if fold(line).endswith(key):
            return lines[:k]
    return []


def _statements(lines: list[str], board: str | None) -> set[str | None]:
    """Bodies named as sender; None for a sender the reference data does not know."""
    found: set[str | None] = set()
    p = _patterns()
    for line in lines:
        if len(line) > _MAX_NAME_CHARS or line[-1] in ".!?":
            continue
        sender = p["sender"].match(line)
        if sender:
            found.add(_resolve(line[sender.end():], board))
            continue
        about = p["about"].match(line)
        if about and len(line.split()) <= 5:  # "Om Arvsfonden", not "Om projektet" (which resolves to nothing)
            name = _resolve(line[about.end():], board)
            if name:
                found.add(name)
    return found


def _site_names(head: list[str], board: str | None) -> set[str | None]:
    """Bodies named as the site above the headline; None for an unknown name beside a
    mark that only a site's name has ("X logotyp", "Till X:s startsida")."""
    found: set[str | None] = set()
    p = _patterns()
    for k, line in enumerate(head):
        if len(line) > 200:
            continue
        cookie = p["cookie"].search(line)
        site = p["site"].fullmatch(line) if len(line) <= _MAX_NAME_CHARS else None
        if cookie:
            name = _resolve(cookie["name"], board)
        elif site and (site["before"] or site["after"]):
            name = _resolve(re.sub(r"(?i)^till\s+", "", site["name"]), board, places=True)
            if name is None and (p["marks"].fullmatch(site["before"] or "") or p["marks"].fullmatch(site["after"] or "")):
                found.add(None)  # "X logotyp" of a body the reference data does not know
        else:
            name = _resolve(line, board) if k < _BARE_NAME_LINES and site else None
        if name:
            found.add(name)
    return found


def _from_contacts(lines: list[str], board: str | None) -> str | None:
    """The body most contacts belong to, if it is more than half of them."""
    # Addresses on contact lines; one in a long sentence is a person's, who may work anywhere.
    named: list[str | None] = [_domain_owner(m[1], board) for line in lines if len(line) <= _CONTACT_LINE_CHARS
                               for m in _EMAIL_DOMAIN.finditer(line)]
    heading = _patterns()["contact"]
    for k, line in enumerate(lines):
        if heading.match(line) and len(line) <= _MAX_NAME_CHARS:
            for contact in lines[k + 1:k + 1 + _CONTACT_LINES]:
                named.extend(name for part in contact.split(",") if (name := _resolve(_name_part(part), board)))
    counts = Counter(named)
    best = counts.most_common(2)
    if not best or best[0][0] is None or (len(best) > 1 and best[1][1] == best[0][1]):
        return None
    return best[0][0] if 2 * best[0][1] > len(named) else None


def _name_part(text: str) -> str:
    """The name a contact line opens with: its words up to the first in lower case
    ("Valmyndighetens presstjänst" -> "Valmyndighetens"), or all of it."""
    words = text.split()
    head = [w for w in itertools.takewhile(lambda w: not w[:1].islower() or w in _NAME_JOINERS, words)]
    return " ".join(head) if head else text


def _resolve(name: str, board: str | None, places: bool = False) -> str | None:
    """A written name as a canonical body; a bare "Länsstyrelsen" is the board the text
    names; with ``places``, a municipality's name stands for the municipality ("Till
    Storbys startsida")."""
    name = name.strip(" \t:;,.-–—|•»›>")
    if not name or len(name) > _MAX_NAME_CHARS:
        return None
    if name.lower() in _BARE_COUNTY_BOARD:
        return board
    match = lookup_org(name)
    if match:
        return match.canonical
    place = lookup_place(name) if places else None
    if place and place.kind == "municipality":
        return resources.municipality_body(place.municipality_code)
    return None


def _county_board_named(text: str) -> str | None:
    """The one county board the text names in full, if it names exactly one."""
    boards = {m.canonical for m in map(lookup_org, _COUNTY_BOARD.findall(text)) if m and m.org_type == "county_board"}
    return boards.pop() if len(boards) == 1 else None


def _domain_owner(labels: str, board: str | None) -> str | None:
    """The body whose e-mail domain this is ("storby." -> Storby kommun), by its name."""
    label = labels.rstrip(".").split(".")[-1].lower()
    if label == _COUNTY_BOARD_DOMAIN:
        return board
    return _domains().get(label)


def _ascii(name: str) -> str:
    """A name as a domain label: "Upplands Väsby" -> "upplandsvasby"."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


@functools.cache
def _domains() -> dict[str, str]:
    """Domain label -> body, for the names and acronyms of the reference data; a label
    two bodies share is left out."""
    owners: dict[str, set[str]] = {}

    def add(form: str, body: str) -> None:
        owners.setdefault(_ascii(form), set()).add(body)

    for m in resources.municipalities():
        for form in (m.name, m.name + " kommun", m.body, *m.aliases):
            add(form, m.body)
    for c in resources.counties():
        for form in (c.region, *c.region_aliases):
            add(form, c.region)
    for o in resources.organisations():
        for form in (o.name, *o.aliases):
            add(form, o.name)
    return {label: next(iter(bodies)) for label, bodies in owners.items() if len(bodies) == 1 and len(label) >= 3}
