"""Date and time expressions in Swedish text -> calendar periods.

Pure regex with month tables (dateparser is far too slow to run over whole
texts; it is only a fallback in `parse_date` for odd single strings such as
metadata values). This is the project's one date grammar: the parse stage reads
datelines and metadata dates with `full_dates` and `parse_date`. Passes run
from the most specific form to the least specific, and a later pass never takes
text an earlier one claimed, so a year inside a full date is not also a year:

  ISO/numeric dates -> "27 april 2020" / "Maj 03, 2016" -> "juni 2019" ->
  seasons -> quarters -> decades -> year ranges -> single years -> relative words.

Granularities (DateMention.granularity):
  "day", "month", "season" (vår Mar-May, sommar Jun-Aug, höst Sep-Nov,
  vinter Dec-Feb, labelled by the year of its December), "quarter", "year",
  "years" (multi-year period: "2019–2022", "2020/2021", "läsåret 2019/20"),
  "decade" ("1990-talet").
Expressions without a written year ("den 6 april", "i juni", "i år", "i höstas")
are resolved against `reference` (relative=True) and dropped without one.
Word lists live in resources/dates_words.json.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.normalize.date_patterns import (
    SEASONS_ALONE,
    YEAR_MAX,
    YEAR_MIN,
    YEAR_START,
    patterns,
    scan,
    words,
)
from pipeline.normalize.text import same_length_lower

__all__ = ["DateMention", "find_dates", "full_dates", "parse_date"]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date  # first day of the period
    date_end: dt.date  # last day of the period (== date for a single day)
    granularity: str  # day, month, season, quarter, year, years, decade
    relative: bool  # resolved against the reference date


@dataclass
class _Partial:
    """A day or month mention whose year may still come from a range partner."""

    start: int
    end: int
    day: int | None
    month: int
    year: int | None
    full_month_name: bool
    after_preposition: bool


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _season_period(name: str, year: int) -> tuple[dt.date, dt.date]:
    first, last = words()["season_months"][name]
    end_year = year + 1 if last < first else year
    return dt.date(year, first, 1), _month_end(end_year, last)


def _season_of(word: str) -> str:
    return words()["seasons"][word.lower()]


def _expand_year(y1: int, y2_raw: str) -> int:
    """'2019/20' -> 2020: two-digit second years share the century."""
    return int(y2_raw) if len(y2_raw) == 4 else y1 // 100 * 100 + int(y2_raw)


class _Collector:
    """Collects mentions while keeping them non-overlapping (first claim wins)."""

    def __init__(self, text: str):
        self.text = text
        self.low = same_length_lower(text)
        self.year_starts = [m.start() for m in YEAR_START.finditer(self.low)]
        # Every month name, scanned once: the English-order dates start at one, and the
        # month-led forms of _partials are these matches.
        self.months = list(scan("month", self.low))
        self.taken: list[tuple[int, int]] = []
        if "http" in self.low or "www." in self.low:
            self.taken = [m.span() for m in patterns()["url"].finditer(self.low)]
        at = text.find("@")
        while at > 0:  # e-mail addresses: the non-space run around "@"
            left, right = at, at
            while left > 0 and not text[left - 1].isspace():
                left -= 1
            while right < len(text) and not text[right].isspace():
                right += 1
            self.taken.append((left, right))
            at = text.find("@", right)
        self.out: list[DateMention] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.taken)

    def claim(self, start: int, end: int) -> None:
        self.taken.append((start, end))

    def add(self, start, end, first, last, granularity, relative=False) -> None:
        if not (YEAR_MIN <= first.year <= YEAR_MAX and YEAR_MIN <= last.year <= YEAR_MAX):
            return
        self.claim(start, end)
        self.out.append(DateMention(start, end, self.text[start:end], first, last, granularity, relative))


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _add_day(col: _Collector, start: int, end: int, y: int, m: int, d: int, relative=False) -> None:
    day = _safe_date(y, m, d)
    if day:
        col.add(start, end, day, day, "day", relative)


def _exact_days(col: _Collector) -> None:
    """ISO (also with slashes), numeric and English-order datelines: always carry their year."""
    months = words()["months"]
    for m in scan("iso_day", col.low, col.year_starts):
        if col.free(*m.span()):
            _add_day(col, *m.span(), int(m["y"]), int(m["m"]), int(m["d"]))
    for m in scan("slash_iso_day", col.low, col.year_starts):
        if col.free(*m.span()):
            _add_day(col, *m.span(), int(m["y"]), int(m["m"]), int(m["d"]))
    for name in ("numeric_day", "month_first_day"):
        for m in scan(name, col.low) if col.year_starts else ():  # it ends in a year
            if col.free(*m.span()):
                _add_day(col, *m.span(), int(m["y"]), int(m["m"]), int(m["d"]))
    for m in scan("english_day", col.low, [month.start() for month in col.months]):
        if col.free(*m.span()):
            _add_day(col, *m.span(), int(m["y"]), months[m["mon"].lower()], int(m["d"]))
    for m in scan("iso_month", col.low, col.year_starts):
        if col.free(*m.span()):
            y, mo = int(m["y"]), int(m["m"])
            col.add(*m.span(), dt.date(y, mo, 1), _month_end(y, mo), "month")


def _days_before(low: str, start: int) -> list[re.Match]:
    """The days written before a day and its month that share the month: the first of a
    range or a pair ("3–5 maj", "3 och 5 maj"), and before "och" the rest of a list
    ("7, 14 och 21 maj"), nearest last."""
    p = patterns()
    found: list[re.Match] = []
    pattern = p["first_day_before"]
    while (day := pattern.search(low, max(0, start - 20), start)) and not (
            day.start() and low[day.start() - 1] in "0123456789.:/"):
        if low[day.start() - 1:day.start()] == "," and pattern is p["first_day_before"]:
            break  # "2019, 3–5 maj": a number before a comma is no day of the list
        found.insert(0, day)
        if "och" not in day.group() and pattern is p["first_day_before"]:
            break  # a range or "&" has two ends; a list goes on only before "och"
        pattern, start = p["listed_day_before"], day.start()
    return found


def _partials(col: _Collector) -> list[_Partial]:
    """'27 april 2020', '3–5 maj', 'den 6 april', 'juni 2019', 'i juni': year optional."""
    p, w = patterns(), words()
    full = set(w["full_month_names"])
    text, low = col.text, col.low
    found: list[_Partial] = []

    def before_is_preposition(pos: int) -> bool:
        return bool(p["preposition_before"].search(low, max(0, pos - 25), pos))

    for m in scan("text_day", low) if col.months else ():  # its month is one of the month names found
        if not col.free(*m.span()):
            continue
        mon = m["mon"]
        y = int(m["y"]) if m["y"] else None
        month = w["months"][mon]
        for first in _days_before(low, m.start()):  # "3–5 maj", "7, 14 och 21 maj"
            found.append(_Partial(first.start("d0"), first.end("d0"), int(first["d0"]), month, y, mon in full, True))
            col.claim(first.start("d0"), first.end("d0"))
        # the optional "." is an abbreviation's ("1 dec."); after a full name it ends the sentence
        end = m.end() - 1 if y is None and mon in full and low[m.end() - 1] == "." else m.end()
        found.append(_Partial(m.start("d"), end, int(m["d"]), month, y, mon in full, True))
        col.claim(m.start(), end)
    for m in col.months:
        if not col.free(*m.span()):
            continue
        mon = m["mon"]
        if m["y"]:
            if mon in w["name_like_months"] and text[m.start()].isupper():
                continue  # "Jan 2019", "Maj 2016": more likely a first name before a number
            found.append(_Partial(m.start(), m.end(), None, w["months"][mon], int(m["y"]), True, True))
        elif mon in full and text[m.start()].islower():  # "Maj" alone may be a name
            end = m.start() + len(m["mon"])
            found.append(_Partial(m.start(), end, None, w["months"][mon], None, True, before_is_preposition(m.start())))
    found.sort(key=lambda x: x.start)
    # A year written at the end of a range counts for both ends.
    for left, right in zip(reversed(found[:-1]), reversed(found[1:])):
        if left.year is None and right.year is not None and p["link"].match(low[left.end : right.start]):
            left.year, left.after_preposition = right.year, True
    return found


def _resolve_partials(col: _Collector, partials: list[_Partial], reference: dt.date | None) -> None:
    for x in partials:
        relative = x.year is None
        if relative and (reference is None or not x.full_month_name or not x.after_preposition):
            continue
        year = x.year if x.year is not None else reference.year
        if x.day is not None:
            _add_day(col, x.start, x.end, year, x.month, x.day, relative)
        else:
            col.add(x.start, x.end, dt.date(year, x.month, 1), _month_end(year, x.month), "month", relative)


def _seasons_quarters_decades(col: _Collector, reference: dt.date | None) -> None:
    p, w = patterns(), words()
    low = col.low
    for m in scan("season", low):
        if col.free(*m.span()):
            y = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
            first, last = _season_period(_season_of(m["s"]), y)
            if m["y2"]:  # "vintern 2019/2020", "höst 2019/20"
                last = _season_period(_season_of(m["s"]), _expand_year(y, m["y2"]) - 1)[1]
            col.add(*m.span(), first, last, "season")
    for m in scan("quarter", low) if "kvartal" in low or "q" in low else ():
        if col.free(*m.span()):
            q = w["quarters"][m["qw"]] if m["qw"] else int(m["qn"] or m["qq"])
            y = int(m["y"])
            col.add(*m.span(), dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")
    for m in scan("decade", low, col.year_starts):
        if col.free(*m.span()):
            y = int(m["y"])
            col.add(*m.span(), dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade")
    if reference is None:
        return
    for m in scan("relative_season", low):
        if col.free(*m.span()):
            name, direction = w["relative_seasons"][re.sub(r"\s+", " ", m["r"])]
            first, last = _relative_season(name, direction, reference)
            col.add(*m.span(), first, last, "season", True)
    for m in scan("season_alone", low) if any(word in low for word in SEASONS_ALONE) else ():
        if col.free(*m.span("s")) and p["season_preposition_before"].search(low, max(0, m.start() - 12), m.start()):
            name = _season_of(m["s"])
            year = reference.year - 1 if name == "winter" and reference.month <= 2 else reference.year
            col.add(*m.span("s"), *_season_period(name, year), "season", True)


def _relative_season(name: str, direction: str, ref: dt.date) -> tuple[dt.date, dt.date]:
    """'i höst' = the next autumn not yet over; 'i höstas' = the last autumn that is over
    (or well under way: a month into it)."""
    for year in ((ref.year - 1, ref.year, ref.year + 1) if direction == "coming" else (ref.year, ref.year - 1, ref.year - 2)):
        first, last = _season_period(name, year)
        if direction == "coming" and last >= ref:
            return first, last
        if direction == "past" and (last < ref or (ref - first).days >= 30):
            return first, last
    return _season_period(name, ref.year)


def _looks_like_year(col: _Collector, start: int, end: int) -> bool:
    """A bare 4-digit number is a year unless a label or a unit says otherwise."""
    p, w = patterns(), words()
    before = p["word_before"].search(col.low, max(0, start - 20), start)
    if before and before.group(1) in w["year_blockers_before"]:
        return False
    after = p["word_after"].match(col.low, end)
    if after:
        word = after.group(1)
        if word in w["year_blockers_after"] or word.rstrip(".") in w["year_blockers_after"]:
            return False
    return True


def _years(col: _Collector) -> None:
    p, low = patterns(), col.low
    for name in ("year_range", "slash_years"):
        for m in scan(name, low, col.year_starts):
            y1 = int(m["y1"])
            y2 = _expand_year(y1, m["y2"])
            consecutive_only = name == "slash_years"
            ok = y1 < y2 <= y1 + 50 and (y2 == y1 + 1 or not consecutive_only)
            between = p["between_before"].search(low, max(0, m.start() - 15), m.start())
            if name == "year_range" and m["link"] == "och" and not between:
                continue  # "för 2019 och 2020": two years, not a period
            start = m.start("y1")
            if ok and col.free(start, m.end()) and _looks_like_year(col, start, m.end()):
                col.add(start, m.end(), dt.date(y1, 1, 1), dt.date(y2, 12, 31), "years")
    for m in scan("year", low, col.year_starts):
        if col.free(*m.span()) and _looks_like_year(col, *m.span()):
            y = int(m["y"])
            col.add(*m.span(), dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def _relative_years(col: _Collector, reference: dt.date | None) -> None:
    if reference is None:
        return
    offsets = words()["relative_years"]
    for m in scan("relative_year", col.low):
        if col.free(*m.span()):
            y = reference.year + offsets[re.sub(r"\s+", " ", m["r"])]
            col.add(*m.span(), dt.date(y, 1, 1), dt.date(y, 12, 31), "year", True)


def find_dates(text: str, reference: dt.date | None = None) -> list[DateMention]:
    """All date/time expressions in a text, sorted, non-overlapping."""
    if not text:
        return []
    col = _Collector(text)
    _exact_days(col)
    partials = _partials(col)
    _resolve_partials(col, partials, reference)
    _seasons_quarters_decades(col, reference)
    _years(col)
    _relative_years(col, reference)
    return sorted(col.out, key=lambda m: m.start)


def full_dates(text: str) -> list[DateMention]:
    """The dates a text writes as a day with its year ("2019-03-12", "12 mars 2019",
    "Maj 03, 2016", "14.4.2016"), in order: what a dateline or a metadata value states."""
    if not text:
        return []
    col = _Collector(text)  # the passes of find_dates that can find a day; later passes add, never remove
    _exact_days(col)
    _resolve_partials(col, _partials(col), None)
    return sorted((m for m in col.out if m.granularity == "day" and not m.relative), key=lambda m: m.start)


@lru_cache(maxsize=4096)
def parse_date(value: str) -> dt.date | None:
    """The day a short string states (a metadata value, a dateline): its first full
    date by the rules, else dateparser's reading of a form the rules do not know
    ("2019-03-13T06:30:00+01:00" and "12 februari 2020" are the rules'). Cached."""
    value = (value or "").strip()
    if not value:
        return None
    found = full_dates(value[:80])
    if found:
        return found[0].date
    if len(value) > 60 or not any(ch.isdigit() for ch in value):
        return None
    import dateparser  # slow import, only needed for the fallback

    try:
        parsed = dateparser.parse(value, languages=["sv", "en"], settings={"STRICT_PARSING": True, "DATE_ORDER": "DMY"})
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return parsed.date() if parsed is not None and YEAR_MIN <= parsed.year <= YEAR_MAX else None
