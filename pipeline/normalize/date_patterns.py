"""The regular expressions and word tables behind :mod:`pipeline.normalize.dates`.

Built once per process from resources/dates_words.json; ``scan`` runs one named
pattern over lower-cased text. Kept apart from the finder so that each module reads
as one topic: what the forms look like here, how they become periods there.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline import resources

YEAR_MIN, YEAR_MAX = 1900, 2100
YEAR = r"(?:19|20)\d\d"
SEASONS_ALONE = ("våren", "sommaren", "hösten", "vintern")  # a season named without a year


@cache
def words() -> dict:
    return resources.read_json("dates_words.json")


def alternation(words) -> str:
    """Alternation as a prefix trie ('mar(?:s|ch)?'): much faster to scan than a flat list."""
    trie: dict = {}
    for word in {w.lower() for w in words}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        if len(alts) == 1 and "" not in node:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" + ("?" if "" in node else "")

    return "(?:" + build(trie).replace("\\ ", r"\s+") + ")"


@cache
def patterns() -> dict[str, re.Pattern]:
    w = words()
    month = alternation(w["months"])
    day = r"\d\d?"  # 1-31 checked by _safe_date; a plain digit class keeps the scan fast
    ordinal = r"(?::?[ae])?\.?"  # "1:a", "10:e", "10e", "3."
    # Scanning patterns run on lower-cased text and start with a digit or a
    # literal word so the regex engine can skip ahead; the boundary check that
    # a leading lookbehind would do is in _BAD_BEFORE (checked by scan).
    return {
        "iso_day": re.compile(rf"(?P<y>{YEAR})-(?P<m>1[0-2]|0?[1-9])-(?P<d>[12]\d|3[01]|0?[1-9])(?!\d)"),
        "iso_month": re.compile(rf"(?P<y>{YEAR})-(?P<m>1[0-2]|0[1-9])(?![\d-])"),
        "numeric_day": re.compile(
            rf"(?P<d>{day})(?P<sep>[/.])(?P<m>1[0-2]|0?[1-9])(?:(?P=sep)|\s+|-)(?P<y>{YEAR})(?![\d.,:]\d|\d)"
        ),
        # "2021/03/03", "2021.03.03"
        "slash_iso_day": re.compile(rf"(?P<y>{YEAR})(?P<sep>[/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>[12]\d|3[01]|0?[1-9])(?!\d|[/.]\d)"),
        # Month first ("05/31/2022", US order) only where day first is impossible: the second number is over 12.
        "month_first_day": re.compile(rf"(?P<m>1[0-2]|0?[1-9])/(?P<d>1[3-9]|2\d|3[01])/(?P<y>{YEAR})(?!\d)"),
        "english_day": re.compile(rf"(?P<mon>{month})\.?\s+(?P<d>{day}),?\s+(?P<y>{YEAR})(?!\d)"),
        "text_day": re.compile(rf"(?P<d>{day}){ordinal}\s+(?P<mon>{month})(?!\w)\.?(?:,?\s+(?P<y>{YEAR})(?!\d))?"),
        "first_day_before": re.compile(rf"(?P<d0>{day}){ordinal}\s*(?:[–—-]|och|till|&)\s*(?:den\s+)?\Z"),
        "listed_day_before": re.compile(rf"(?P<d0>{day}){ordinal}\s*,\s*(?:den\s+)?\Z"),  # "7, 14 och 21 maj"
        "month": re.compile(rf"(?P<mon>{month})(?!\w)\.?(?:\s+(?P<y>{YEAR})(?![\d:]))?"),
        "preposition_before": re.compile(rf"(?<![\w])(?:{alternation(w['month_prepositions'])})\s+\Z"),
        "link": re.compile(r"\A\s*(?:,|[–—-]|och|samt|till(?:\s+och\s+med)?|t\.?o\.?m\.?|fram\s+till)?\s*(?:den\s+)?\Z"),
        "season": re.compile(
            rf"(?P<s>{alternation(w['seasons'])})\s*(?P<y>{YEAR}|(?<=[th]t)\d\d)(?![\d:])"
            rf"(?:/(?P<y2>{YEAR}|\d\d)(?!\d))?"
        ),
        "season_alone": re.compile(rf"(?P<s>{'|'.join(SEASONS_ALONE)})(?!\w)"),
        "season_preposition_before": re.compile(r"(?<![\w])(?:under|i|till|från|efter|inför|före)\s+\Z"),
        # "i vår" is also "in our" ("i vår kommun"): a season only before a clause break or verb.
        "relative_season": re.compile(
            rf"(?P<r>{alternation([k for k in w['relative_seasons'] if k not in w['possessive_lookalikes']])}"
            rf"|{alternation(w['possessive_lookalikes'])}(?=\s*(?:[.,;:!?)\n–-]|$)|\s+{alternation(w['season_followers'])}\b))\b"
        ),
        "quarter": re.compile(
            rf"(?:(?P<qw>{alternation(w['quarters'])})\s+kvartalet|kvartal\s+(?P<qn>[1-4])|q(?P<qq>[1-4]))"
            rf"\s*(?:år\s+)?(?P<y>{YEAR})(?!\d)"
        ),
        "decade": re.compile(r"(?P<y>(?:19|20)\d0)-?talet\b"),
        "year_range": re.compile(
            rf"(?P<y1>{YEAR})"
            rf"(?:\s*[–—-]\s*|\s+(?P<link>till(?:\s+och\s+med)?|t\.o\.m\.?|och)\s+(?:år\s+)?)"
            rf"(?P<y2>{YEAR}|\d\d)(?![\w]|[,.:/-]\d)"
        ),
        "between_before": re.compile(r"(?<![\w])(?:mellan|från)\s+(?:år\s+)?\Z"),
        "slash_years": re.compile(rf"(?P<y1>{YEAR})/(?P<y2>{YEAR}|\d\d)(?![\w]|[,.:/-]\d)"),
        "year": re.compile(rf"(?P<y>{YEAR})(?![\w]|[,.:]\d|[-/–]\d)"),
        "word_before": re.compile(r"([^\W\d_]+\.?|§)\s*\Z"),
        "word_after": re.compile(r"[ \u00a0]*(%|[^\W\d_]+\.?)"),
        "relative_year": re.compile(rf"(?P<r>{alternation(w['relative_years'])})(?![\w])"),
        "url": re.compile(r"https?://\S+|www\.\S+"),
    }


_BAD_BEFORE = {
    "iso_day": "0123456789/.-",
    "iso_month": "0123456789/.-",
    "numeric_day": "0123456789/.,:",
    "slash_iso_day": "0123456789/.-",
    "month_first_day": "0123456789/.,:",
    "text_day": "0123456789,.:/",
    "decade": "0123456789",
    "year_range": "/.,:§-",
    "slash_years": "/.,:§-",
    "year": "/.,:§-",
}


_DIGIT_LED = ("iso_day", "iso_month", "numeric_day", "slash_iso_day", "month_first_day", "text_day", "decade")  # may follow a letter
YEAR_START = re.compile(YEAR)


def scan(name: str, low: str, starts: list[int] | None = None):
    """finditer with the leading boundary check done in Python (keeps the regex fast).

    With `starts`, only try those positions (every year-led pattern starts at a year)."""
    pattern = patterns()[name]
    bad = _BAD_BEFORE.get(name, "")
    word_bounded = name not in _DIGIT_LED

    def allowed(start: int) -> bool:
        prev = low[start - 1] if start else " "
        return prev not in bad and not (word_bounded and (prev.isalnum() or prev == "_"))

    if starts is not None:
        for start in starts:
            m = pattern.match(low, start)
            if m and allowed(start):
                yield m
        return
    pos = 0
    while m := pattern.search(low, pos):
        if allowed(m.start()):
            yield m
            pos = max(m.end(), m.start() + 1)
        else:
            pos = m.start() + 1

