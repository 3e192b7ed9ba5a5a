"""Publication-date lines ("datelines") on Swedish press pages.

Only a line that is *mostly* a date counts: "2017-05-08 06:00 CEST",
"Pressmeddelande • Maj 03, 2016 17:38 CEST", "Publiceringsdatum: 12 februari 2020",
"Eksjö/Mariannelund2016-04-14 14:10". A date inside a body sentence ("Den 26 augusti
beslutade ...") never does, and a line labelled as an update ("Senast uppdaterad:",
"(Uppdaterad 2020-02-06)") is a revision, not the publication date. The dates are read by
the project's one date grammar (:mod:`pipeline.normalize.dates`); this module knows
what else a dateline may hold.
"""
from __future__ import annotations

import datetime as dt
import re

from pipeline import resources
from pipeline.normalize.dates import full_dates

LABELS: dict[str, list[str]] = resources.read_json("parse_labels.json")
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


def find_dates(line: str) -> list[tuple[int, int, dt.date]]:
    """All full dates in a line as (start, end, date), in order, non-overlapping."""
    if not _YEAR.search(line):
        return []
    return [(m.start, m.end, m.date) for m in full_dates(line)]


def _compact_date(line: str) -> dt.date | None:
    """The date of a label and a compact date ("Pressmeddelande 170518"), if it is one."""
    compact = _COMPACT.fullmatch(line.strip())
    if not compact:
        return None
    year = compact["y"] if len(compact["y"]) == 4 else "20" + compact["y"]
    try:
        return dt.date(int(year), int(compact["m"]), int(compact["d"]))
    except ValueError:
        return None


def parse_dateline(line: str) -> tuple[str, dt.date] | None:
    """If ``line`` is a dateline return ("published"|"updated", date), else None.

    A line carrying both ("Publicerad 3 maj 2019, uppdaterad 5 maj 2019") yields the
    published one.
    """
    if len(line) > 120:
        return None
    dates = find_dates(line)
    if not dates:
        day = _compact_date(line)
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
