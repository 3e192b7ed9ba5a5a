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

__all__ = ["OrgMatch", "PlaceMatch", "county_board", "lookup_org", "lookup_party_marker", "lookup_place",
           "org_surface_forms", "place_surface_forms", "strip_genitive"]


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


class _FormTable(dict):
    """Written base form (no genitives) -> match; the first source to write a form wins."""

    def add(self, match, *forms: str) -> None:
        for form in forms:
            key = clean_surface(form)
            if key and key not in self:
                self[key] = match


def _county_of(county_code: str | None, municipality_code: str | None) -> str | None:
    """A record's county: its own, else its municipality's."""
    municipality = _muni_by_code().get(municipality_code) if county_code is None else None
    return municipality.county_code if municipality else county_code


@functools.cache
def _org_base() -> dict[str, OrgMatch]:
    """Every written base form (no genitives) -> match; first source wins."""
    table = _FormTable()
    for m in R.municipalities():
        match = OrgMatch(m.body, "municipality", m.code, m.county_code)
        table.add(match, m.body, *m.aliases)
        # case variants of the "stad"/"kommun" head word seen in real text
        for form in (m.body, *m.aliases):
            for a, b in ((" stad", " Stad"), (" Stad", " stad"), (" kommun", " Kommun")):
                if form.endswith(a):
                    table.add(match, form[: -len(a)] + b)
    for c in R.counties():
        table.add(OrgMatch(c.board, "county_board", None, c.code), c.board, *c.board_aliases)
    for c in R.counties():
        table.add(OrgMatch(c.region, "region", None, c.code), c.region, *c.region_aliases)
    for o in R.organisations():
        match = OrgMatch(o.name, o.org_type, o.municipality_code, _county_of(o.county_code, o.municipality_code))
        table.add(match, o.name, *o.aliases)
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
    table = _FormTable()
    for m in R.municipalities():
        table.add(PlaceMatch(m.name, "municipality", m.code, m.county_code), m.name)
    counties = [(PlaceMatch(c.name, "county", None, c.code), c) for c in R.counties()]
    for match, county in counties:  # every county's name before any short name or alias
        table.add(match, county.name)
    for match, county in counties:
        table.add(match, county.short, *county.aliases)
    for p in R.places():
        match = PlaceMatch(p.name, p.kind, p.municipality_code, _county_of(p.county_code, p.municipality_code))
        table.add(match, p.name, *p.aliases)
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
