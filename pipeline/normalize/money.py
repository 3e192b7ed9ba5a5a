"""Money amounts in Swedish text -> whole kronor.

Regex-first and pure: one precompiled candidate pattern finds every number
(digits with Swedish thousands separators, or number words such as "nio",
"två och en halv", "en kvarts"), an optional multiplier ("miljoner", "tusen")
and an optional currency ("kronor", "kr", "tkr", "MSEK", ":-", "SEK ...").
A candidate is money when it carries a Swedish currency, or when it is a bare
"N miljoner/miljarder" in a money context (a money cue in its sentence, or an
explicit kronor amount elsewhere in the text) and is not counting people or
things ("3 miljoner invånare"). Word lists live in resources/money_words.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from pipeline import resources
from pipeline.normalize.text import same_length_lower

__all__ = ["MoneyMention", "find_money"]

_SPACE = "[ \u00a0\u202f\u2009]"  # thousands separators: space, nbsp, narrow nbsp, thin space
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class MoneyMention:
    start: int
    end: int
    text: str  # text[start:end], the amount as written, without the qualifier
    amount_sek: int
    qualifier: str | None


@dataclass
class _Candidate:
    """A number with its optional multiplier and currency, before money checks."""

    start: int
    end: int
    base: Decimal  # the written number, before multiplier/currency scale
    scale: int  # multiplier * currency scale ("tkr" = 1000), 1 when none
    has_multiplier: bool  # a multiplier word or a scaled currency ("miljoner", "mnkr")
    context_multiplier: bool  # multiplier is miljon/miljard: may be money without a currency
    currency: bool  # Swedish currency written next to it
    money: bool = False

    @property
    def amount(self) -> int:
        value = (self.base * self.scale).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return max(int(value), 0)


@cache
def _words() -> dict:
    return resources.read_json("money_words.json")


def _alternation(words, *, flexible_space: bool = True) -> str:
    """Regex alternation, longest first, with any whitespace between words."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(w.lower())
        if flexible_space:
            escaped = escaped.replace(r"\ ", r"\s+")
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")"


_TABLE_PATTERNS = {
    # A table whose header names an amount column ("Beviljat belopp", "Belopp (kr)"):
    # rows end in a grouped number, often glued to the text cell before it, or in a
    # last cell ("| ABF Flen | 190 000 |", how the parsers write table rows).
    "table_header": re.compile(r"(?:belopp|kronor|kr|sek|summa)(?![\w])"),
    # An amount may also stand ungrouped in a last cell of its own ("| 190000 |"), but
    # not glued to text, and a 4-digit number there that could be a year is not read.
    "table_row": re.compile(
        rf"^[^\n]*?(?:(?P<amount>\d{{1,3}}(?:{_SPACE}\d{{3}})+)"
        rf"|(?<=\|)[ \t]*(?P<bare>(?!(?:19|20)\d\d\b)\d{{4,9}}))[ \t]*(?:\|[ \t]*)?$"),
}


@cache
def _patterns() -> dict[str, re.Pattern]:
    """Compile all patterns once from the word lists.

    Scanning patterns start with a digit or a literal word so the regex engine
    can skip ahead fast; boundary checks that would need a leading lookbehind
    are done in Python instead (see `_candidates`)."""
    w = _words()
    number_parts = list(w["number_words"]) + w["hundred_words"] + ["tusen"]
    halves = r"(?:och\s+(?:en|ett)\s+(?:halv|halvt)\b)"
    digits = (
        rf"\d{{1,3}}(?:\.\d{{3}})+"  # 40.000
        rf"|\d{{1,3}}(?:{_SPACE}\d{{3}})*{_SPACE}\d{{2,3}}(?:,\d+)?"  # 3 412 000 / typo 500 00
        rf"|\d+(?:[,.]\d+)?"  # 921800 / 2,1 / 7.2
    )
    word_number = (
        rf"(?:(?P<fraction>(?:en|ett)\s+{_alternation(w['fraction_words'])})"
        rf"|(?P<standalone>{_alternation(w['standalone_fraction_words'])})"
        rf"|(?P<words>{_alternation(number_parts)}+)(?P<halves>\s+{halves})?)"
    )
    multiplier = _alternation(w["multipliers"])
    currency_after = _alternation(w["currency_after"])
    return {
        "digit_run": re.compile(r"\d+(?:[ \u00a0\u202f\u2009.,]\d+)*"),
        "number_suffix": re.compile(rf"(?:^|(?<={_SPACE}))(?:{digits})\Z"),
        # Where a number word may end: a multiplier or currency starts with one of these.
        "anchor": re.compile(r"milj|tusen|kron|kr|sek|md|mn|mio|tkr|tsek|ksek|mkr|msek|:-"),
        "word_number_before": re.compile(rf"{word_number}{_SPACE}+\Z"),
        "tail": re.compile(
            rf"(?:\s+{halves})?"
            rf"(?:{_SPACE}+(?P<mult>{multiplier})(?![\w]))?"
            rf"(?:{_SPACE}*(?P<cur_after>{currency_after})(?![\w]))?",
        ),
        "currency_before": re.compile(rf"(?<![\w]){_alternation(w['currency_before'])}{_SPACE}*\Z"),
        "other_currency": re.compile(
            rf"{_SPACE}*{_alternation(w['other_currencies'])}(?![\w])"
        ),
        "count_noun": re.compile(
            rf"\s+(?:{_alternation(w['count_noun_bridges'])}\s+)?{_alternation(w['count_nouns'])}(?![\w])",
        ),
        "qualifier": re.compile(rf"(?<![\w.])({_alternation(w['qualifiers'])})\s+\Z"),
        "money_cue": re.compile(
            "|".join(
                [_alternation([c for c in w["money_cues"] if len(c) >= 4])]
                + [rf"\b{_alternation([c for c in w['money_cues'] if len(c) < 4])}\b"]
            ),
        ),
        "range_link": re.compile(r"\A\s*(?:[–—-]|till(?:\s+och\s+med)?|à)\s*\Z"),
        "range_next": re.compile(r"\s*(?:[–—-]|till\b|och\b|à\b)"),
        "and_link": re.compile(r"\A\s+och\s+\Z"),
        "rate_denominator": re.compile(rf"{_SPACE}*{_alternation(w['rate_denominators'])}(?![\w])"),
        "between": re.compile(r"\bmellan\s+\Z"),
        "amount_label": re.compile(rf"(?<![\w]){_alternation(w['amount_labels'])}\s*:\s*\Z"),
        "sentence_end": re.compile(r"[.!?](?=\s+[A-ZÅÄÖ0-9–-])|\n"),
        "word_part": re.compile(_alternation(number_parts)),
        **_TABLE_PATTERNS,
    }


@cache
def _word_number(word: str) -> int | None:
    """Value of a (compound) Swedish number word: 'tvåhundrafemtio' -> 250."""
    w = _words()
    total, current = 0, 0
    for part in _patterns()["word_part"].findall(word):
        if part in w["number_words"]:
            current += w["number_words"][part]
        elif part in w["hundred_words"]:
            current = (current or 1) * 100
        else:  # tusen
            total += (current or 1) * 1000
            current = 0
    return total + current


def _digits_value(raw: str) -> Decimal:
    """'3 412 000' -> 3412000, '40.000' -> 40000, '2,1' -> 2.1, '500 00' -> 50000 (typo as written)."""
    compact = re.sub(_SPACE, "", raw)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", compact):
        compact = compact.replace(".", "")
    return Decimal(compact.replace(",", "."))


def _scale_of(table: dict, written: str | None) -> int:
    if not written:
        return 1
    return table[re.sub(r"\s+", " ", written.lower())]


def _candidates(low: str) -> list[_Candidate]:
    """Digit numbers (found as digit runs) and number words (found before a
    multiplier or currency word), each with the multiplier/currency after it.
    Works on the lower-cased text (same offsets)."""
    pats, w = _patterns(), _words()
    found: list[_Candidate] = []
    for run in pats["digit_run"].finditer(low):
        number = pats["number_suffix"].search(run.group())
        if not number:
            continue
        start = run.start() + number.start()
        if start == run.start() and start and (low[start - 1].isalnum() or low[start - 1] in "_.,:/"):
            continue  # glued to a word or part of a code/ratio
        cand = _complete(low, start, run.end(), number.group(), pats, w)
        if cand:
            found.append(cand)
    last_end = -1
    for anchor in pats["anchor"].finditer(low):
        pos = anchor.start()
        if pos < last_end or not pos or not low[pos - 1].isspace():
            continue
        m = pats["word_number_before"].search(low, max(0, pos - 40), pos)
        if not m or (m.start() and low[m.start() - 1].isalnum()):
            continue
        cand = _complete(low, m.start(), m.start() + len(m.group().rstrip()), m, pats, w)
        if cand and all(cand.end <= c.start or cand.start >= c.end for c in found):
            found.append(cand)
            last_end = cand.end
    kept: list[_Candidate] = []
    for cand in sorted(found, key=lambda c: c.start):
        if not kept or cand.start >= kept[-1].end:  # "0 SEK 0": the currency goes to one side only
            kept.append(cand)
    return kept


def _number_value(number: str | re.Match, w: dict) -> Decimal:
    if isinstance(number, str):
        return _digits_value(number)
    if number.group("fraction"):
        return Decimal(str(w["fraction_words"][number.group("fraction").split()[-1]]))
    if number.group("standalone"):
        return Decimal(str(w["standalone_fraction_words"][number.group("standalone")]))
    value = Decimal(_word_number(number.group("words")))
    return value + Decimal("0.5") if number.group("halves") else value


def _complete(low: str, start: int, end: int, number: str | re.Match, pats, w) -> _Candidate | None:
    """Attach "och en halv", a multiplier and a currency written after a number."""
    tail = pats["tail"].match(low, end)
    mult, cur = tail.group("mult"), tail.group("cur_after")
    before = pats["currency_before"].search(low, max(0, start - 8), start) if "sek" in low[max(0, start - 8) : start] else None
    if not (mult or cur or before):
        if not isinstance(number, str) or not pats["range_next"].match(low, tail.end()):
            return None  # a plain number (or lone "en", "tre"), not the first end of a range
    currency = bool(cur or before)
    if not currency and pats["other_currency"].match(low, tail.end()):
        return None  # euro, dollar, norska kronor: not Swedish kronor
    base = _number_value(number, w)
    if tail.group(0).lstrip().startswith("och"):
        base += Decimal("0.5")
    return _Candidate(
        start=before.start() if before else start,
        end=tail.end(),
        base=base,
        scale=_scale_of(w["multipliers"], mult) * _scale_of(w["currency_after"], cur),
        has_multiplier=bool(mult) or _scale_of(w["currency_after"], cur) != 1,
        context_multiplier=bool(mult) and mult in w["context_multipliers"],
        currency=currency,
    )


def _table_candidates(text: str, low: str, taken: list[_Candidate]) -> list[_Candidate]:
    """Amount-column rows under a header naming the amount, which carry no currency word."""
    pats = _patterns()
    money_spans = [(c.start, c.end) for c in taken if c.money]
    found: list[_Candidate] = []
    seen_headers: set[int] = set()
    for header in pats["table_header"].finditer(low):
        line_start = text.rfind("\n", 0, header.start()) + 1
        line_end = text.find("\n", header.end())
        if line_end < 0 or line_start in seen_headers or _DIGIT.search(text, line_start, line_end):
            continue  # a header line holds no numbers
        seen_headers.add(line_start)
        pos = line_end + 1
        while pos < len(text):
            if text.startswith("\n", pos):  # rows may stand as paragraphs of their own
                pos += 1
            line_end = text.find("\n", pos)
            line_end = len(text) if line_end < 0 else line_end
            row = pats["table_row"].match(text[pos:line_end])
            if not row:
                break
            group = "amount" if row.group("amount") else "bare"
            start, end = pos + row.start(group), pos + row.end(group)
            if all(end <= s or start >= e for s, e in money_spans):
                found.append(_Candidate(start, end, _digits_value(row.group(group)), 1, False, False, True, True))
            pos = line_end + 1
    return found


# A figure that a list or a label may leave without "kronor": grouped in thousands
# ("300 000"), or five digits or more ("85000"; a year has four).
_BARE_FIGURE = re.compile(rf"\d{{1,3}}(?:{_SPACE}\d{{3}})+|\d{{5,9}}")
# Between an amount and the next figure of its list: a separator, and the next item's
# name, which opens with a capital ("får 400 000 kronor, Laholm 300 000 och Halmstad 250 000").
_LIST_GAP = re.compile(r"\s*(?:,|;|och|samt)\s+(?:[A-ZÅÄÖ][\w-]*(?:\s+[\w-]+){0,3}\s+)?\Z")
_LIST_END = re.compile(r"[ \t\u00a0]*(?:[,.;:)\n|]|och\b|samt\b|\Z)")


def _elliptic_candidates(text: str, low: str, taken: list[_Candidate]) -> list[_Candidate]:
    """Figures that their place makes money though no currency follows: the later items
    of a list that an amount in kronor opens ("Hylte får 400 000 kronor, Laholm 300 000
    och Halmstad 250 000") and a figure after a label of money ("Beviljat belopp: 85 000")."""
    spans = sorted((c.start, c.end) for c in taken if c.money)
    found: list[_Candidate] = []
    for m in _BARE_FIGURE.finditer(text):
        start, end = m.span()
        if (start and (text[start - 1].isalnum() or text[start - 1] in ".,:/-")) or (end < len(text) and text[end].isalnum()) \
                or any(s < end and start < e for s, e in spans):
            continue
        if not _LIST_END.match(text, end):
            continue  # "12 000 invånare": a figure before a noun counts something
        before = [e for _, e in spans if e <= start] + [c.end for c in found]
        listed = bool(before) and _LIST_GAP.fullmatch(text, max(before), start)
        if listed or _patterns()["amount_label"].search(low, max(0, start - 40), start):
            found.append(_Candidate(start, end, _digits_value(m.group()), 1, False, False, True, True))
    return found


def _sentence(text: str, low: str, start: int, end: int) -> str:
    """The lower-cased sentence (or line) around a span: the window for money cues."""
    pat = _patterns()["sentence_end"]
    left = 0
    for m in pat.finditer(text, max(0, start - 400), start):
        left = m.end()
    right_m = pat.search(text, end)
    return low[left : right_m.start() if right_m else len(text)]


def _link_ranges(low: str, cands: list[_Candidate]) -> None:
    """'2–3 miljoner kronor', 'mellan 100 000 och 200 000 kronor': the first end
    borrows currency (and multiplier, when it is the smaller number) from the second."""
    pats = _patterns()
    for left, right in zip(reversed(cands[:-1]), reversed(cands[1:])):
        if left.currency or not right.money:
            continue
        gap = low[left.end : right.start]
        linked = pats["range_link"].match(gap) or (
            pats["and_link"].match(gap) and pats["between"].search(low, max(0, left.start - 12), left.start)
        )
        if not linked:
            continue
        if not left.has_multiplier:
            # "2–3 miljoner" shares the multiplier; "500 000–1 miljon" does not.
            left.scale = right.scale if left.base <= right.base else 1
        left.money = True


def _mark_money(text: str, low: str, cands: list[_Candidate]) -> None:
    """Currency makes money; a bare "N miljoner" needs a money context and no counted noun."""
    pats = _patterns()
    doc_has_kronor = any(c.currency for c in cands)
    for c in cands:
        if c.currency:
            c.money = True
        elif c.context_multiplier and not pats["count_noun"].match(low, c.end):
            c.money = doc_has_kronor or bool(pats["money_cue"].search(_sentence(text, low, c.start, c.end)))
    _link_ranges(low, cands)


def _drop_rates(low: str, cands: list[_Candidate]) -> None:
    """'21,50 kr per 100 kr' is a rate (the municipal tax rate), not two amounts."""
    pattern = _patterns()["rate_denominator"]
    for c in cands:
        if c.money and (rate := pattern.match(low, c.end)):
            c.money = False
            for other in cands:
                if c.end < other.start < rate.end():
                    other.money = False


def _qualifier(low: str, start: int) -> str | None:
    m = _patterns()["qualifier"].search(low, max(0, start - 40), start)
    return re.sub(r"\s+", " ", m.group(1)) if m else None


def find_money(text: str) -> list[MoneyMention]:
    """All money amounts in a text, sorted by start, non-overlapping."""
    low = same_length_lower(text)
    cands = _candidates(low)
    _mark_money(text, low, cands)
    _drop_rates(low, cands)
    if "\n" in text:
        cands = sorted(cands + _table_candidates(text, low, cands), key=lambda c: c.start)
    cands = sorted(cands + _elliptic_candidates(text, low, cands), key=lambda c: c.start)
    return [
        MoneyMention(c.start, c.end, text[c.start : c.end], c.amount, _qualifier(low, c.start))
        for c in cands
        if c.money
    ]

