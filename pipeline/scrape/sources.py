"""The source registry: ``sources.toml`` read into typed, validated :class:`Source` records.

Every crawl starts from this file, so a typo here must fail loudly before any request
is sent: unknown keys, wrong types, bad regular expressions, start URLs outside
``allowed_domains`` and duplicate ids are all reported with the file and entry.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.platforms import LISTING_ADAPTERS

KINDS = tuple(LISTING_ADAPTERS)  # each kind of source has its listing rules there

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_REGION_RE = re.compile(r"^\d{2}(\d{2})?$")  # county (2 digits) or municipality (4 digits)


class SourceError(ValueError):
    """A registry entry that cannot be crawled; the message names file and entry."""


@dataclass(frozen=True)
class Source:
    """One publisher's news as a crawl target."""

    id: str
    name: str
    kind: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    publisher: str
    region_code: str
    # Optional overrides of the kind's listing rules (see pipeline/platforms).
    listing_selector: str | None = None  # CSS: article links on a listing page
    next_selector: str | None = None  # CSS: pagination links on a listing page
    article_pattern: str | None = None  # regex: URLs that are articles
    follow_pattern: str | None = None  # regex: URLs that are further listing pages
    deny_patterns: tuple[str, ...] = ()  # regex: URLs never requested
    article_selector: str | None = None  # CSS: article body, a hint for parse adapters
    max_pages: int | None = None  # pages fetched per run, listings included
    topic_filter: bool = False  # keep only articles matching topic keywords
    notes: str = field(default="", compare=False)


_REQUIRED: dict[str, type] = {
    "id": str,
    "name": str,
    "kind": str,
    "start_urls": list,
    "allowed_domains": list,
    "publisher": str,
    "region_code": str,
}
_OPTIONAL: dict[str, type] = {
    "listing_selector": str,
    "next_selector": str,
    "article_pattern": str,
    "follow_pattern": str,
    "deny_patterns": list,
    "article_selector": str,
    "max_pages": int,
    "topic_filter": bool,
    "notes": str,
}


def load_sources(path: str | Path) -> list[Source]:
    """Read and validate a registry file; raise :class:`SourceError` on any bad entry."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise SourceError(f"{path}: no such sources file") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{path}: not valid TOML: {exc}") from None
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise SourceError(f"{path}: expected one or more [[source]] tables")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        where = f"{path}: [[source]] #{index}"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            where += f" (id {entry['id']!r})"
        source = parse_source(entry, where)
        if source.id in seen:
            raise SourceError(f"{where}: duplicate id {source.id!r}")
        seen.add(source.id)
        sources.append(source)
    return sources


def select_sources(sources: list[Source], ids: list[str] | None) -> list[Source]:
    """The sources named by ``--source`` (all when none named), in registry order."""
    if not ids:
        return list(sources)
    known = {s.id for s in sources}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise SourceError(f"unknown source id(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    wanted = set(ids)
    return [s for s in sources if s.id in wanted]


def _check_keys(entry: object, where: str) -> None:
    """The table has the required keys, no unknown one, and each value of its type."""
    if not isinstance(entry, dict):
        raise SourceError(f"{where}: expected a table")
    unknown = sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        allowed = ", ".join(list(_REQUIRED) + list(_OPTIONAL))
        raise SourceError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {allowed}")
    for key in _REQUIRED:
        if key not in entry:
            raise SourceError(f"{where}: missing required key {key!r}")
    for key, typ in {**_REQUIRED, **_OPTIONAL}.items():
        if key in entry and (not isinstance(entry[key], typ) or (typ is int and isinstance(entry[key], bool))):
            raise SourceError(f"{where}: {key!r} must be a {typ.__name__}, got {type(entry[key]).__name__}")


def parse_source(entry: object, where: str = "source") -> Source:
    """Validate one ``[[source]]`` table (a dict) into a :class:`Source`."""
    _check_keys(entry, where)
    sid = entry["id"]
    if not _ID_RE.match(sid):
        raise SourceError(f"{where}: id must be lower-case letters, digits, '-' or '_' (it names a folder)")
    if entry["kind"] not in KINDS:
        raise SourceError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
    for key in ("name", "publisher"):
        if not entry[key].strip():
            raise SourceError(f"{where}: {key!r} is empty")
    if not _REGION_RE.match(entry["region_code"]):
        raise SourceError(f"{where}: region_code must be a 2-digit county or 4-digit municipality code")

    domains = _str_list(entry, "allowed_domains", where)
    for domain in domains:
        if "/" in domain or ":" in domain or domain != domain.lower():
            raise SourceError(f"{where}: allowed_domains entry {domain!r} must be a lower-case host name without scheme or port")
    start_urls = _str_list(entry, "start_urls", where)
    for url in start_urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourceError(f"{where}: start URL {url!r} is not an http(s) URL")
        if not _host_allowed(parts.hostname, domains):
            raise SourceError(f"{where}: start URL {url!r} is outside allowed_domains {domains}")

    deny = tuple(_str_list(entry, "deny_patterns", where, required=False))
    for key in ("article_pattern", "follow_pattern"):
        if key in entry:
            _check_regex(entry[key], f"{where}: {key}")
    for pattern in deny:
        _check_regex(pattern, f"{where}: deny_patterns")
    max_pages = entry.get("max_pages")
    if max_pages is not None and max_pages < 1:
        raise SourceError(f"{where}: max_pages must be at least 1")

    return Source(
        id=sid,
        name=entry["name"],
        kind=entry["kind"],
        start_urls=tuple(start_urls),
        allowed_domains=tuple(domains),
        publisher=entry["publisher"].strip(),
        region_code=entry["region_code"],
        listing_selector=entry.get("listing_selector"),
        next_selector=entry.get("next_selector"),
        article_pattern=entry.get("article_pattern"),
        follow_pattern=entry.get("follow_pattern"),
        deny_patterns=deny,
        article_selector=entry.get("article_selector"),
        max_pages=max_pages,
        topic_filter=entry.get("topic_filter", False),
        notes=entry.get("notes", ""),
    )


def _str_list(entry: dict, key: str, where: str, required: bool = True) -> list[str]:
    values = entry.get(key, [])
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise SourceError(f"{where}: {key!r} must be a list of non-empty strings")
    if required and not values:
        raise SourceError(f"{where}: {key!r} is empty")
    return [v.strip() for v in values]


def _check_regex(pattern: str, where: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise SourceError(f"{where}: bad regular expression {pattern!r}: {exc}") from None


def _host_allowed(host: str, domains: list[str]) -> bool:
    """Same rule as Scrapy's OffsiteMiddleware: the domain itself or a subdomain."""
    host = host.lower()
    return any(host == d or host.endswith("." + d) for d in domains)
