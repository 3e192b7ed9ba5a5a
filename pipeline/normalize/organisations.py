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
from collections import defaultdict
from dataclasses import dataclass
from typing import Union

from pipeline import resources as R
from pipeline.normalize.names import (
    clean_surface,
    fold_case,
    genitive_of,
    is_abbreviation,
    known_forms,
    strip_genitive,
)

__all__ = ["OrgMatch", "PlaceMatch", "county_board", "county_name", "lookup_org", "lookup_party_marker",
           "lookup_place", "municipality_county", "org_surface_forms", "place_surface_forms", "strip_genitive"]


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
        key = clean_surface(form)
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
        if is_abbreviation(form):
            continue
        key = fold_case(form)
        prev = folded.get(key, match)
        folded[key] = match if prev == match else None
    return folded


@functools.cache
def _org_fold() -> dict[str, OrgMatch | None]:
    return _fold_table(_org_base())  # type: ignore[arg-type]


def _lookup(surface: str, base: dict, folded: dict, genitive: bool = True):
    s = clean_surface(surface)
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
            hit = folded.get(fold_case(form))
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
        key = clean_surface(form)
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
    known = known_forms()
    targets: dict[str, set[PlaceMatch]] = defaultdict(set)
    for m in R.municipalities():
        if m.genitive:
            targets[clean_surface(m.genitive)].add(base[clean_surface(m.name)])
    for form, match in base.items():
        targets[genitive_of(form, place=True)].add(match)
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
    s = clean_surface(surface)
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
        g = genitive_of(form)
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
