"""Canonical names for organisations and places, from the package gazetteers.

Everything here is a pure function over the reference data in
:mod:`pipeline.resources`; lookup tables are built once per process
(``functools.cache``) and every lookup is a dict access.

Organisations (:func:`lookup_org`) come from four sources, in this priority order
when two of them claim the same surface form:

1. municipality bodies and their aliases ("Karlshamns kommun", "Göteborgs Stad",
   "Region Gotland") -> ``org_type="municipality"``
2. county administrative boards and their aliases ("Länsstyrelsen i Kronobergs län",
   "Länsstyrelsen Kronoberg", "Kronobergs länsstyrelse") -> ``"county_board"``
3. regions and their former names ("Region Kronoberg", "Landstinget Kronoberg")
   -> ``"region"``
4. ``organisations.csv`` -> the ``org_type`` given there (agency, ministry, ...)

Places (:func:`lookup_place`): municipality names (``kind="municipality"``), county
names, short names and area aliases (``"county"``), then ``places.csv``
(country, province, region, city, district). A name that is both a municipality
and a county short name ("Jönköping", "Kalmar") is the municipality; a name that is
both a county and a province ("Skåne", "Blekinge", "Dalarna") is the county.

Matching rules (both lookups):

- whitespace is collapsed, dashes unified and surrounding quotes/punctuation dropped;
- the exact form is tried first (case-sensitive; abbreviations such as "SKR", "SV",
  "IM" only ever match exactly);
- a surface that starts with a capital letter may also match case-insensitively
  ("Göteborgs stad", "RÖDA KORSET") when that is unambiguous; all-lower-case
  surfaces ("polisen", "mark") never do, so generic nouns are not taken for names;
- a genitive is tolerated ("Migrationsverkets", "SKR:s", "Karlshamns kommuns",
  "Kronobergs läns"), see :func:`strip_genitive`; for places only where the
  genitive form is not itself another name.

Party letters ("(M)", "(S)") are not general aliases: see :func:`lookup_party_marker`.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Union

from pipeline import resources as R


@dataclass(frozen=True)
class OrgMatch:
    canonical: str  # "Länsstyrelsen i Kronobergs län", "Karlshamns kommun", "Europeiska socialfonden"
    org_type: str  # municipality, county_board, region, agency, ministry, eu_fund, ...
    municipality_code: str | None
    county_code: str | None


@dataclass(frozen=True)
class PlaceMatch:
    canonical: str  # "Karlshamn", "Kronobergs län", "Syrien"
    kind: str  # municipality, county, province, country, city, district, region
    municipality_code: str | None
    county_code: str | None


Match = Union[OrgMatch, PlaceMatch]

# ---------------------------------------------------------------------------
# surface normalisation

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u00b4`"), "'")
_EDGE = " \t\n\"'«»“”„‘’()[]{}<>.,;!?*"
_WS = re.compile(r"\s+")
# tokens for scanning running text: words with inner - : ' & + (e.g. "FN:s",
# "ESF-rådet", "H&M", "Erasmus+"), and a free-standing dash or ampersand
_TOKEN = re.compile(r"\w+(?:[-:'&+]\w+)*\+?|[&-]")


def _clean(surface: str) -> str:
    s = unicodedata.normalize("NFC", surface).translate(_DASHES).translate(_APOSTROPHES)
    return _WS.sub(" ", s).strip(_EDGE)


def _fold(s: str) -> str:
    return s.casefold()


def _is_abbreviation(form: str) -> bool:
    """Forms that must match exactly: "SKR", "SvD", "KemI", "Brå", "SV", "IM"."""
    letters = [c for c in form if c.isalpha()]
    if not letters:
        return True
    if len(letters) <= 3:
        return True
    if " " in form:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper * 2 >= len(letters) or (upper >= 2 and len(letters) <= 6)


# ---------------------------------------------------------------------------
# genitive

# endings of nominative names that end in -s ("Alingsås", "Strängnäs", "Hagfors",
# "Fryshus", "Campus", "Paris", "Kaos"); "-as" too ("Andreas"), but not "-nas",
# the genitive of a definite plural ("Länsstyrelsernas", "föreningarnas")
_S_FINAL_ENDINGS = ("ås", "näs", "fors", "hus", "ss", "us", "is", "os")


@functools.cache
def _known_forms() -> frozenset[str]:
    forms: set[str] = set()
    for m in R.municipalities():
        forms.update((m.name, m.body, *m.aliases))
    for c in R.counties():
        forms.update((c.name, c.short, c.board, c.region, *c.aliases, *c.board_aliases, *c.region_aliases))
    for o in R.organisations():
        forms.update((o.name, *o.aliases))
    for p in R.places():
        forms.update((p.name, *p.aliases))
    return frozenset(_clean(f) for f in forms)


def strip_genitive(name: str) -> str:
    """Remove a genitive ending if there is one.

    "Länsstyrelsens" -> "Länsstyrelsen", "Karlshamns kommuns" -> "Karlshamns kommun",
    "Röda Korsets" -> "Röda Korset", "SKR:s" -> "SKR", "Hyltes" -> "Hylte";
    unchanged: "Alingsås", "Borås", "Kalix", "Hagfors", "Jonas", "Lars", "SAS".

    Known names are decided by the gazetteers (a name that is itself known stays as
    it is; ``name[:-1]`` known means ``-s`` was a genitive); given names by
    :func:`pipeline.resources.first_names`; other words by their ending: a final
    ``-s`` after a letter other than s/x/z is taken as genitive unless the word ends
    like a nominative s-word ("-ås", "-näs", "-fors", "-hus", "-us", "-is", ...).
    Only the last word changes.
    """
    s = _WS.sub(" ", unicodedata.normalize("NFC", name)).strip()
    if len(s) < 3:
        return s
    for suffix in (":s", "'s", "\u2019s", ":S"):
        if s.endswith(suffix) and len(s) > len(suffix):
            return s[: -len(suffix)]
    if s[-1] != "s":
        return s
    known = _known_forms()
    if s in known:
        return s
    cand = s[:-1]
    if cand in known:
        return cand
    last = s.rsplit(" ", 1)[-1]
    if len(last) < 3 or not last[-2].isalpha() or last[-2] in "sxzSXZ":
        return s
    if last[:-1].isupper():  # "SKRs", "ICAs": genitive of an abbreviation
        return cand
    if last.isupper():
        return s
    names = R.first_names()
    if last in names:
        return s
    if last[:-1] in names:
        return cand
    low = last.lower()
    if low.endswith(_S_FINAL_ENDINGS) or (low.endswith("as") and not low.endswith("nas")):
        return s
    return cand


def _genitive_of(form: str, *, place: bool = False) -> str:
    """The genitive a writer would use for ``form``: "SKR" -> "SKR:s",
    "Region Gotland" -> "Region Gotlands", "Borås" -> "Borås"."""
    if form.endswith(("s", "x", "z", "S", "X", "Z")):
        return form
    last = form.rsplit(" ", 1)[-1]
    abbreviation = last.isupper() if place else _is_abbreviation(last)
    if abbreviation or not last[-1].isalpha() or any(c.isdigit() for c in last):
        return form + ":s"
    return form + "s"


# ---------------------------------------------------------------------------
# organisation tables


@functools.cache
def _county_by_code() -> dict[str, R.County]:
    return {c.code: c for c in R.counties()}


@functools.cache
def _muni_by_code() -> dict[str, R.Municipality]:
    return {m.code: m for m in R.municipalities()}


def county_board(county_code: str) -> str:
    """The administrative board of a county: "07" -> "Länsstyrelsen i Kronobergs län"."""
    try:
        return _county_by_code()[county_code.strip().zfill(2)].board
    except KeyError:
        raise KeyError(f"unknown county code {county_code!r}") from None


def county_name(county_code: str) -> str:
    """"07" -> "Kronobergs län"."""
    try:
        return _county_by_code()[county_code.strip().zfill(2)].name
    except KeyError:
        raise KeyError(f"unknown county code {county_code!r}") from None


def municipality_county(municipality_code: str) -> str | None:
    """"1082" -> "10"."""
    m = _muni_by_code().get(municipality_code.strip().zfill(4))
    return m.county_code if m else None


@functools.cache
def _org_base() -> dict[str, OrgMatch]:
    """Every written base form (no genitives) -> match; first source wins."""
    table: dict[str, OrgMatch] = {}

    def add(form: str, match: OrgMatch) -> None:
        key = _clean(form)
        if key and key not in table:
            table[key] = match

    for m in R.municipalities():
        match = OrgMatch(m.body, "municipality", m.code, m.county_code)
        add(m.body, match)
        for a in m.aliases:
            add(a, match)
        # case variants of the "stad"/"kommun" head word seen in real text
        for form in (m.body, *m.aliases):
            for a, b in ((" stad", " Stad"), (" Stad", " stad"), (" kommun", " Kommun")):
                if form.endswith(a):
                    add(form[: -len(a)] + b, match)
    for c in R.counties():
        match = OrgMatch(c.board, "county_board", None, c.code)
        add(c.board, match)
        for a in c.board_aliases:
            add(a, match)
    for c in R.counties():
        match = OrgMatch(c.region, "region", None, c.code)
        add(c.region, match)
        for a in c.region_aliases:
            add(a, match)
    munis = _muni_by_code()
    for o in R.organisations():
        county = o.county_code
        if county is None and o.municipality_code in munis:
            county = munis[o.municipality_code].county_code
        match = OrgMatch(o.name, o.org_type, o.municipality_code, county)
        add(o.name, match)
        for a in o.aliases:
            add(a, match)
    return table


def _fold_table(base: dict[str, Match]) -> dict[str, Match | None]:
    """Case-insensitive index over non-abbreviation forms; None marks a clash."""
    folded: dict[str, Match | None] = {}
    for form, match in base.items():
        if _is_abbreviation(form):
            continue
        key = _fold(form)
        prev = folded.get(key, match)
        folded[key] = match if prev == match else None
    return folded


@functools.cache
def _org_fold() -> dict[str, OrgMatch | None]:
    return _fold_table(_org_base())  # type: ignore[arg-type]


def _lookup(surface: str, base: dict, folded: dict, genitive: bool = True):
    s = _clean(surface)
    if not s:
        return None
    tried = [s]
    if genitive:
        g = strip_genitive(s)
        if g != s:
            tried.append(g)
    for form in tried:
        hit = base.get(form)
        if hit is not None:
            return hit
        if form[:1].isupper():
            hit = folded.get(_fold(form))
            if hit is not None:
                return hit
    return None


def lookup_org(surface: str) -> OrgMatch | None:
    """Canonical organisation for a written form, or None.

    >>> lookup_org("Länsstyrelsen Kronoberg").canonical
    'Länsstyrelsen i Kronobergs län'
    >>> lookup_org("Arvsfondens").canonical
    'Allmänna arvsfonden'
    """
    return _lookup(surface, _org_base(), _org_fold())


@functools.cache
def _party_markers() -> dict[str, OrgMatch]:
    out = {}
    for o in R.organisations():
        for mark in o.marker_aliases:
            out[mark] = OrgMatch(o.name, o.org_type, None, None)
    return out


def lookup_party_marker(marker: str) -> OrgMatch | None:
    """A party letter as written after a politician's name: "(M)", "S", "KD" -> party."""
    return _party_markers().get(marker.strip().strip("()[]").strip())


# ---------------------------------------------------------------------------
# place tables


@functools.cache
def _place_base() -> dict[str, PlaceMatch]:
    table: dict[str, PlaceMatch] = {}

    def add(form: str, match: PlaceMatch) -> None:
        key = _clean(form)
        if key and key not in table:
            table[key] = match

    for m in R.municipalities():
        add(m.name, PlaceMatch(m.name, "municipality", m.code, m.county_code))
    for c in R.counties():
        match = PlaceMatch(c.name, "county", None, c.code)
        add(c.name, match)
    for c in R.counties():
        match = PlaceMatch(c.name, "county", None, c.code)
        add(c.short, match)
        for a in c.aliases:
            add(a, match)
    munis = _muni_by_code()
    for p in R.places():
        county = p.county_code
        if county is None and p.municipality_code in munis:
            county = munis[p.municipality_code].county_code
        match = PlaceMatch(p.name, p.kind, p.municipality_code, county)
        add(p.name, match)
        for a in p.aliases:
            add(a, match)
    return table


@functools.cache
def _place_genitives() -> dict[str, PlaceMatch]:
    """Genitive forms that point at exactly one place and are no other name."""
    base = _place_base()
    known = _known_forms()
    targets: dict[str, set[PlaceMatch]] = defaultdict(set)
    for m in R.municipalities():
        if m.genitive:
            targets[_clean(m.genitive)].add(base[_clean(m.name)])
    for form, match in base.items():
        targets[_genitive_of(form, place=True)].add(match)
    out = {}
    for form, matches in targets.items():
        if form in base or form in known or len(matches) != 1:
            continue
        out[form] = next(iter(matches))
    return out


@functools.cache
def _place_fold() -> dict[str, PlaceMatch | None]:
    return _fold_table(_place_base())  # type: ignore[arg-type]


def lookup_place(surface: str) -> PlaceMatch | None:
    """Canonical place for a written form, or None.

    >>> lookup_place("Karlshamns").canonical
    'Karlshamn'
    >>> lookup_place("Kronoberg").canonical
    'Kronobergs län'
    """
    s = _clean(surface)
    if not s:
        return None
    hit = _lookup(s, _place_base(), _place_fold(), genitive=False)
    if hit is not None:
        return hit
    hit = _place_genitives().get(s)
    if hit is not None:
        return hit
    return None


# ---------------------------------------------------------------------------
# surface-form lists for spaCy PhraseMatcher


@functools.cache
def _org_surfaces() -> tuple[tuple[str, OrgMatch], ...]:
    base = _org_base()
    out = dict(base)
    for form, match in base.items():
        g = _genitive_of(form)
        if g not in out:
            out[g] = match
    return tuple(sorted(out.items(), key=lambda kv: (-len(kv[0]), kv[0])))


def org_surface_forms() -> list[tuple[str, OrgMatch]]:
    """Every organisation surface form (base, case variants, genitives) with its match,
    longest first. Party letters are not included (see :func:`lookup_party_marker`)."""
    return list(_org_surfaces())


@functools.cache
def _place_surfaces() -> tuple[tuple[str, PlaceMatch], ...]:
    out = dict(_place_base())
    for form, match in _place_genitives().items():
        out.setdefault(form, match)
    return tuple(sorted(out.items(), key=lambda kv: (-len(kv[0]), kv[0])))


def place_surface_forms() -> list[tuple[str, PlaceMatch]]:
    """Every place surface form (base and unambiguous genitives), longest first."""
    return list(_place_surfaces())


# Municipality/place names that are also ordinary words or given names: a matcher
# should want more evidence (a preposition before them, "kommun" after, ...).
_COMMON_WORD_PLACES = frozenset(
    {
        "Mark", "Berg", "Vara", "Kil", "Lund", "Boden", "Sala", "Ale", "Salem", "Nora",
        "Säter", "Tuve", "Husby", "Rom", "Leader", "Friends", "Sida", "Forte", "Formas",
        "Kulturens",
    }
)


@functools.cache
def ambiguous_names() -> frozenset[str]:
    """Place and organisation surface forms that are also given names or ordinary
    words ("Mark", "Nora", "Berg", "Vara", "Sida", "Leader", ...)."""
    names = R.first_names()
    forms = set(_place_base()) | set(_org_base())
    return frozenset(f for f in forms if f in names or f in _COMMON_WORD_PLACES)


# ---------------------------------------------------------------------------
# scanning text and inferring the county


@functools.cache
def _scan_table() -> tuple[dict[tuple[str, ...], Match], int]:
    table: dict[tuple[str, ...], Match] = {}
    for form, match in _place_surfaces():
        table.setdefault(tuple(_TOKEN.findall(form.translate(_DASHES))), match)
    for form, match in _org_surfaces():  # organisations win over places
        table[tuple(_TOKEN.findall(form.translate(_DASHES)))] = match
    table.pop((), None)
    return table, max(len(k) for k in table)


def find_mentions(text: str) -> list[tuple[int, int, str, Match]]:
    """Gazetteer mentions in running text, longest match first, left to right.

    Returns ``(start_char, end_char, surface, match)``. Case-sensitive (no
    lower-case generic nouns), names in :func:`ambiguous_names` are skipped unless
    part of a longer match. Meant for :func:`infer_county` and quick checks; the
    spaCy components use :func:`org_surface_forms` / :func:`place_surface_forms`.
    """
    table, maxlen = _scan_table()
    ambiguous = ambiguous_names()
    norm = unicodedata.normalize("NFC", text).translate(_DASHES).translate(_APOSTROPHES)
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(norm)]
    out = []
    i = 0
    while i < len(toks):
        if not toks[i][0][:1].isupper():
            i += 1
            continue
        for n in range(min(maxlen, len(toks) - i), 0, -1):
            key = tuple(t[0] for t in toks[i : i + n])
            match = table.get(key)
            if match is None:
                continue
            surface = norm[toks[i][1] : toks[i + n - 1][2]]
            if n == 1 and surface in ambiguous:
                continue
            out.append((toks[i][1], toks[i + n - 1][2], surface, match))
            i += n
            break
        else:
            i += 1
    return out


Mention = Union[str, tuple[str, float], OrgMatch, PlaceMatch]

# how strongly one mention ties a text to its county
_WEIGHTS = {
    "county_board": 3.0,
    "region": 2.0,
    "municipality": 2.0,  # the body ("Karlshamns kommun") or the place ("Karlshamn")
    "county": 2.0,
    "city": 1.0,
    "district": 1.0,
    "province": 1.0,
}


def _mention_county(mention: Mention) -> tuple[str | None, float]:
    weight = None
    if isinstance(mention, tuple):
        mention, weight = mention
    if isinstance(mention, str):
        match: Match | None = lookup_org(mention) or lookup_place(mention)
    else:
        match = mention
    if match is None:
        return None, 0.0
    county = match.county_code
    if county is None and match.municipality_code:
        county = municipality_county(match.municipality_code)
    if county is None:
        return None, 0.0
    kind = match.org_type if isinstance(match, OrgMatch) else match.kind
    return county, float(weight if weight is not None else _WEIGHTS.get(kind, 1.0))


def county_scores(mentions: Iterable[Mention] = (), *, text: str | None = None) -> Counter:
    """Evidence per county code from mentions and/or the text (see :func:`infer_county`)."""
    scores: Counter = Counter()
    items: list[Mention] = list(mentions)
    if text:
        items.extend(m[3] for m in find_mentions(text))
    for mention in items:
        county, weight = _mention_county(mention)
        if county:
            scores[county] += weight
    return scores


def infer_county(
    mentions: Iterable[Mention] = (),
    *,
    text: str | None = None,
    publisher: str | None = None,
) -> str | None:
    """Decide which county a text is about, e.g. to resolve a bare "Länsstyrelsen".

    ``mentions``: surface strings ("Karlshamn", "Region Blekinge", "Ronnebys"), or
    already resolved :class:`OrgMatch`/:class:`PlaceMatch` objects, or
    ``(surface_or_match, weight)`` pairs to override the default weight.
    ``text``: running text to scan with :func:`find_mentions` (added to ``mentions``).
    ``publisher``: the document's publisher ("Karlshamns kommun", "Länsstyrelsen
    Kronoberg"); when it belongs to a county it counts 5.

    Default weights: a county board 3, a municipality (body or place), a region or
    a county 2, a town, district or province 1; national bodies and foreign places
    give no evidence. Returns the two-digit county code with the highest score if
    it beats the runner-up, else None (no evidence, or a tie).

    >>> infer_county(["Karlshamn", "Ronneby", "Region Skåne"])
    '10'
    """
    items = list(mentions)
    if publisher:
        items.append((publisher, 5.0))
    scores = county_scores(items, text=text)
    if not scores:
        return None
    ranked = scores.most_common(2)
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


__all__ = [
    "OrgMatch",
    "PlaceMatch",
    "ambiguous_names",
    "county_board",
    "county_name",
    "county_scores",
    "find_mentions",
    "infer_county",
    "lookup_org",
    "lookup_party_marker",
    "lookup_place",
    "municipality_county",
    "org_surface_forms",
    "place_surface_forms",
    "strip_genitive",
]
