"""Publication-date lines ("datelines") on Swedish press pages.

Only a line that is *mostly* a date counts: "2017-05-08 06:00 CEST",
"Pressmeddelande • Maj 03, 2016 17:38 CEST", "Publiceringsdatum: 12 februari 2020",
"Eksjö/Mariannelund2016-04-14 14:10". A date inside a body sentence ("Den 26 augusti
beslutade ...") never does, and a line labelled as an update ("Senast uppdaterad:",
"(Uppdaterad 2020-02-06)") is a revision, not the publication date. Pure regex, so it is
cheap enough to run over the top of every document; dateparser is only a cached last
resort for short metadata strings (see :func:`parse_date_string`).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from importlib import resources

_RES = resources.files("pipeline.resources")
MONTHS: dict[str, int] = {
    k: v for k, v in json.loads(_RES.joinpath("parse_months.json").read_text("utf-8")).items() if not k.startswith("_")
}
LABELS: dict[str, list[str]] = json.loads(_RES.joinpath("parse_labels.json").read_text("utf-8"))

_MONTH_RE = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
# (?<![^\W\d_]) instead of \b so that "Mariannelund2016-04-14" and "12:20Pressmeddelande" still match.
_ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?![\d-])")
_DMY_TEXT = re.compile(
    rf"(?<![\w])(?P<d>[0-3]?\d)(?::?e)?\.?\s+(?P<mon>{_MONTH_RE})\.?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I
)
_MDY_TEXT = re.compile(rf"(?<![\w])(?P<mon>{_MONTH_RE})\.?\s+(?P<d>[0-3]?\d),?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I)
_DMY_NUM = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)(?!\d)")
_YMD_SLASH = re.compile(r"(?<![\d/])(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?![\d/])")  # "2024/02/28"
# Month first ("05/31/2022") only where no day-first reading exists: the second number is over 12.
_MDY_NUM = re.compile(r"(?<![\d/.])(?P<m>0?[1-9]|1[0-2])/(?P<d>1[3-9]|2\d|3[01])/(?P<y>(?:19|20)\d\d)(?!\d)")
_PATTERNS = (_ISO, _DMY_TEXT, _MDY_TEXT, _DMY_NUM, _YMD_SLASH, _MDY_NUM)
_YEAR = re.compile(r"(?:19|20)\d\d")  # in every full date: a line without one is not searched further

# What may surround the date on a dateline without making it a sentence.
_TIME = re.compile(r"(?:\bkl\.?\s*)?(?<!\d)[0-2]?\d[:.][0-5]\d(?::[0-5]\d)?(?!\d)\s*(?:CES?T|UTC|GMT|[+-]\d\d:?\d\d)?", re.I)
_FILLER = re.compile(
    r"\b(?:ces?t|utc|gmt|kl|den|dag|datum|pressmeddelande|nyhet(?:er)?|publicera(?:d|t|des)|publiceringsdatum|"
    r"published|press|release|news|uppdaterad|updated|måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_MAX_EXTRA_WORDS = 3  # place names: "Eksjö/Mariannelund", "STOCKHOLM"


def _label_re(words: list[str]) -> re.Pattern[str]:
    alts = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alts})(?![\w])", re.I)


_UPDATED_LABEL = _label_re(LABELS["updated"])
_PUBLISHED_LABEL = _label_re(LABELS["published"])
_EVENT_LABEL = _label_re(LABELS["event"])
# A label and a compact date, "Pressmeddelande 170518" (YYMMDD) or "Publicerad 20170518".
_COMPACT = re.compile(rf"(?:{_PUBLISHED_LABEL.pattern})\s*:?\s*(?P<y>(?:19|20)?\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)", re.I)


def _make_date(y: str, m: str | int, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def find_dates(line: str) -> list[tuple[int, int, dt.date]]:
    """All full dates in a line as (start, end, date), in order, non-overlapping."""
    found: list[tuple[int, int, dt.date]] = []
    if not _YEAR.search(line):
        return found
    for pat in _PATTERNS:
        for m in pat.finditer(line):
            if any(s < m.end() and m.start() < e for s, e, _ in found):
                continue
            g = m.groupdict()
            month = g.get("m") or MONTHS.get(g["mon"].lower().rstrip("."))
            day = _make_date(g["y"], month, g["d"]) if month else None
            if day:
                found.append((m.start(), m.end(), day))
    return sorted(found)


def parse_dateline(line: str) -> tuple[str, dt.date] | None:
    """If ``line`` is a dateline return ("published"|"updated", date), else None.

    A line carrying both ("Publicerad 3 maj 2019, uppdaterad 5 maj 2019") yields the
    published one.
    """
    if len(line) > 120:
        return None
    dates = find_dates(line)
    if not dates:
        compact = _COMPACT.fullmatch(line.strip())
        day = compact and _make_date(compact["y"] if len(compact["y"]) == 4 else "20" + compact["y"], compact["m"], compact["d"])
        return ("published", day) if day else None
    if _EVENT_LABEL.search(line, 0, dates[0][0]):  # "Tid: 8 september 2022": what the text announces
        return None
    rest = line
    for s, e, _ in reversed(dates):
        rest = rest[:s] + " " + rest[e:]
    rest = _FILLER.sub(" ", _TIME.sub(" ", rest))
    extra = _WORD.findall(rest)
    # Only a place name or two may remain ("Eksjö/Mariannelund", "STOCKHOLM"); lowercase
    # words mean a sentence ("Den 26 augusti 2019 fattades beslutet.").
    if len(extra) > _MAX_EXTRA_WORDS or any(not w[0].isupper() for w in extra):
        return None
    for s, _e, day in dates:
        before = line[:s]
        upd = [m.end() for m in _UPDATED_LABEL.finditer(before)]
        pub = [m.end() for m in _PUBLISHED_LABEL.finditer(before)]
        if upd and (not pub or upd[-1] > pub[-1]):
            continue
        return "published", day
    return "updated", dates[-1][2]


@lru_cache(maxsize=4096)
def parse_date_string(value: str) -> dt.date | None:
    """A date from a metadata value (ISO timestamp, "12 februari 2020", ...). Cached."""
    value = (value or "").strip()
    if not value:
        return None
    m = _ISO.search(value[:40])
    if m:
        return _make_date(m["y"], m["m"], m["d"])
    dates = find_dates(value[:80])
    if dates:
        return dates[0][2]
    if len(value) > 60 or not re.search(r"\d", value):
        return None
    try:
        import dateparser  # slow import, only for odd formats

        got = dateparser.parse(value, languages=["sv", "en"], settings={"STRICT_PARSING": True})
    except Exception:  # dateparser raises assorted errors on junk
        return None
    return got.date() if got else None
