"""The publication date a release states, and where.

Only what the text itself says counts (never the URL): a dateline near the top, with or
without a label ("2017-05-08 06:00 CEST", "Pressmeddelande • Maj 03, 2016 17:38 CEST",
"Publicerad 2017-04-25"), or, anywhere on the page, a line opened by a label that names
the publication itself ("Publicerad: 3 maj 2019" at the foot of a page, "Nyhetsdatum:"
with the date on the next line). A bare label on the line above a date says what the
date is ("Senast uppdaterad:" over "2019-06-01" is a revision). What a dateline may hold
besides its date, and why a body sentence or an event's date is none, is
:func:`pipeline.parse.dateline.parse_dateline`'s business.
"""
from __future__ import annotations

import datetime as dt
import re

from .dateline import LABELS, parse_dateline
from .lines import is_date_label, label_alternation

Pos = tuple[int, int]

_DATELINE_WINDOW = 18  # lines from the top that may hold an unlabelled dateline
_PUBLICATION_LABEL = re.compile(r"\(?(?:%s)\b" % label_alternation(LABELS["publication"]), re.I)


def find_published(blocks: list[list[str]]) -> tuple[dt.date | None, Pos | None]:
    """The stated publication date and the line it was read from."""
    pos = [(bi, li) for bi, block in enumerate(blocks) for li in range(len(block))]
    lines = [blocks[bi][li] for bi, li in pos]
    for k in range(min(len(lines), _DATELINE_WINDOW)):
        day = _published(lines, k)
        if day:
            return day, pos[k]
    for k in range(_DATELINE_WINDOW, len(lines)):
        labelled = _PUBLICATION_LABEL.match(lines[k]) or (k and _PUBLICATION_LABEL.match(lines[k - 1]))
        day = _published(lines, k) if labelled else None
        if day:
            return day, pos[k]
    return None, None


def _published(lines: list[str], k: int) -> dt.date | None:
    """The publication date line k states, read with a bare label on the line above."""
    line = lines[k]
    if len(line) > 120:
        return None
    if k and is_date_label(lines[k - 1]):
        line = f"{lines[k - 1]} {line}"
    got = parse_dateline(line)
    return got[1] if got and got[0] == "published" else None
