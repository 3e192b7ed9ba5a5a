"""Reference data shipped with the package, and loaders for it.

The files beside this module are plain UTF-8 CSV/TXT/JSON (provenance and licences
in ``README.md``). Every loader is cached, so the data is parsed once per process.
List-valued CSV cells are ``|``-separated.

- :func:`municipalities`: the 290 municipalities, their bodies ("Karlshamns kommun")
- :func:`counties`: the 21 counties, their boards and regions
- :func:`organisations`: agencies, ministries, EU bodies/funds, associations, ...
- :func:`places`: countries, provinces (landskap), regions, towns and districts
- :func:`first_names`: given names
- :func:`roles`: titles and roles, longest first
- :func:`org_forms`: word lists for pattern-based organisation recognition
- helpers: :func:`resource_dir`, :func:`resource_path`, :func:`read_word_list`,
  :func:`read_json`, :func:`municipality_body`, :func:`is_municipality_body`

This module is the one way the code reads these files: by name (a file here) or by
absolute path (a pipeline config may name its own data).
"""
from __future__ import annotations

import csv
import functools
import json
import pathlib
import unicodedata
from dataclasses import dataclass

_HERE = pathlib.Path(__file__).resolve().parent


def resource_dir() -> pathlib.Path:
    """The folder holding the resource files."""
    return _HERE


def resource_path(name: str) -> pathlib.Path:
    """Absolute path of a resource file: a file shipped in this package by its name,
    or any file by its absolute path (a pipeline's config may point to its own data)."""
    path = _HERE / name  # an absolute name replaces _HERE
    if not path.is_file():
        raise FileNotFoundError(f"no resource named {name!r} in {_HERE}")
    return path


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


def _split(cell: str | None) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(_nfc(x) for x in cell.split("|") if x.strip())


def _opt(cell: str | None) -> str | None:
    cell = (cell or "").strip()
    return cell or None


def _rows(name: str) -> list[dict[str, str]]:
    with resource_path(name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass(frozen=True)
class Municipality:
    code: str  # SCB kommunkod, 4 digits with leading zero
    name: str  # "Karlshamn"
    county_code: str  # 2 digits
    body: str  # the municipality as an organisation: "Karlshamns kommun"
    aliases: tuple[str, ...] = ()  # other forms of the body in use
    genitive: str = ""  # "Karlshamns", "Alingsås"


@dataclass(frozen=True)
class County:
    code: str  # 2 digits
    name: str  # "Kronobergs län"
    short: str  # "Kronoberg"
    board: str  # "Länsstyrelsen i Kronobergs län"
    region: str  # "Region Kronoberg"
    aliases: tuple[str, ...] = ()  # other names of the area ("Sörmland")
    board_aliases: tuple[str, ...] = ()  # "Länsstyrelsen Kronoberg", "Kronobergs länsstyrelse", ...
    region_aliases: tuple[str, ...] = ()  # earlier names of the region ("Landstinget Kronoberg")


@dataclass(frozen=True)
class OrgRecord:
    name: str  # canonical form
    org_type: str  # agency, ministry, government, eu_body, eu_fund, fund, association, ...
    aliases: tuple[str, ...] = ()
    municipality_code: str | None = None
    county_code: str | None = None
    marker_aliases: tuple[str, ...] = ()  # party letters as in "(M)"; not general aliases


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # country, province, region, city, district, water
    municipality_code: str | None = None
    county_code: str | None = None
    aliases: tuple[str, ...] = ()


@functools.cache
def municipalities() -> list[Municipality]:
    return [
        Municipality(
            code=r["code"].strip(),
            name=_nfc(r["name"]),
            county_code=r["county_code"].strip(),
            body=_nfc(r["body"]),
            aliases=_split(r.get("aliases")),
            genitive=_nfc(r.get("genitive") or ""),
        )
        for r in _rows("municipalities.csv")
    ]


@functools.cache
def counties() -> list[County]:
    return [
        County(
            code=r["code"].strip(),
            name=_nfc(r["name"]),
            short=_nfc(r["short"]),
            board=_nfc(r["board"]),
            region=_nfc(r["region"]),
            aliases=_split(r.get("aliases")),
            board_aliases=_split(r.get("board_aliases")),
            region_aliases=_split(r.get("region_aliases")),
        )
        for r in _rows("counties.csv")
    ]


@functools.cache
def organisations() -> list[OrgRecord]:
    return [
        OrgRecord(
            name=_nfc(r["name"]),
            org_type=r["org_type"].strip(),
            aliases=_split(r.get("aliases")),
            municipality_code=_opt(r.get("municipality_code")),
            county_code=_opt(r.get("county_code")),
            marker_aliases=_split(r.get("marker_aliases")),
        )
        for r in _rows("organisations.csv")
    ]


@functools.cache
def places() -> list[Place]:
    return [
        Place(
            name=_nfc(r["name"]),
            kind=r["kind"].strip(),
            municipality_code=_opt(r.get("municipality_code")),
            county_code=_opt(r.get("county_code")),
            aliases=_split(r.get("aliases")),
        )
        for r in _rows("places.csv")
    ]


def _lines(name: str) -> list[str]:
    out = []
    for line in resource_path(name).read_text(encoding="utf-8").splitlines():
        line = _nfc(line)
        if line and not line.startswith("#"):
            out.append(line)
    return out


@functools.cache
def _word_list(name: str) -> tuple[str, ...]:
    return tuple(_lines(name))


def read_word_list(name: str) -> list[str]:
    """A one-entry-per-line resource file: stripped, NFC, no blank or ``#`` lines."""
    return list(_word_list(name))


@functools.cache
def _bodies() -> tuple[dict[str, str], frozenset[str]]:
    by_code = {m.code: m.body for m in municipalities()}
    forms = frozenset(f for m in municipalities() for f in (m.body, *m.aliases))
    return by_code, forms


def municipality_body(code: str | None) -> str | None:
    """The municipality as an organisation: "1082" -> "Karlshamns kommun" (None if unknown)."""
    if not code:
        return None
    return _bodies()[0].get(code.strip().zfill(4))


def is_municipality_body(name: str | None) -> bool:
    """Is ``name`` a municipality body or one of its aliases ("Göteborgs stad")?"""
    if not name:
        return False
    return " ".join(unicodedata.normalize("NFC", name).split()) in _bodies()[1]


@functools.cache
def first_names(name: str = "first_names.txt") -> frozenset[str]:
    """Given names, as capitalised in running text ("Anna", "Mohammed", "Ann-Charlotte")."""
    return frozenset(_lines(name))


@functools.cache
def roles(name: str = "roles.txt") -> tuple[str, ...]:
    """Titles and roles, lower case (abbreviation prefixes kept: "EU-strateg"), longest first."""
    items = set(_lines(name))
    return tuple(sorted(items, key=lambda r: (-len(r), r)))


@functools.cache
def _json(name: str):
    with resource_path(name).open(encoding="utf-8") as f:
        return json.load(f)


def read_json(name: str):
    """A JSON resource file, parsed once per process (treat the result as read-only)."""
    return _json(name)


def org_forms(name: str = "org_forms.json") -> dict:
    """Word lists for pattern-based organisation recognition (see the "notes" key)."""
    return read_json(name)


__all__ = [
    "County",
    "Municipality",
    "OrgRecord",
    "Place",
    "counties",
    "first_names",
    "is_municipality_body",
    "municipalities",
    "municipality_body",
    "org_forms",
    "organisations",
    "places",
    "read_json",
    "read_word_list",
    "resource_dir",
    "resource_path",
    "roles",
]

