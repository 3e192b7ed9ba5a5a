"""Beneficiary lists and tables: one grant per line that names a recipient and an amount.

"Equmeniakyrkan, Agabi 25 800 kronor", "Helsingborg – 13 miljoner i år", "| 5041-2017 |
Eskilstuna Friidrott | Kunskap i svenska | 153 000 |". Each line that opens with a
name (a table row: whose first text cell is a name) and holds an amount, and no verb
of its own, is a grant from the document's funder (:mod:`pipeline.nlp.grants.funder`).
A name no finder had marked becomes an ORG entity, whole as written.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span

from pipeline.nlp.entity_index import EntityIndex
from pipeline.nlp.extensions import doc_text, token_table, written_name
from pipeline.nlp.grants.purpose import listed_purpose, row_purpose
from pipeline.nlp.grants.record import grant_record, sentence_year
from pipeline.nlp.grants.vocabulary import GrantVocabulary
from pipeline.nlp.organisations import form_span

BULLETS = {"•", "·", "▪", "◦", "*"}  # list markers before a line's name (not dashes: they open quotes)
SEPARATORS = {",", "–", "-", ":", "—"}  # what may stand between a line's name and the rest
LIST_NAME_WORDS = {"i", "och", "för", "av", "på", "&"}
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
MAX_WRAPPED_LINES = 3  # lines an entry's text may wrap onto before its amount
MAX_NAME_LINE_WORDS = 6
YEAR = re.compile(r"(?:19|20)\d\d")


def listed_grants(doc: Doc, lines: list[tuple[Span, list[Span]]], funder: str | None, index: EntityIndex,
                  vocab: GrantVocabulary) -> tuple[list[dict], list[Span]]:
    """The grants of the lines that form a list (two recipients or more), and the
    recipients' names that were no entity yet, as ORG spans."""
    rows, names, headers = [], [], {}
    for sent, money in lines:
        if len(sent) > 30 or not sent.text.strip() or states_a_total(sent, vocab):
            continue  # a long sentence is no list line; a total sums the lines
        name = line_opener(doc, sent, index, vocab)
        if name is None and amount_only(sent, money):
            name = wrapped_entry_name(doc, sent, index, vocab)  # "Norrby IF, Läxhjälp för\nunga\n200 000 kr"
        if name is None:
            continue
        line_names = [name, *joint_names(doc, sent, name, index, vocab)]
        year = sentence_year(doc, sent, index)
        in_table = next(t for t in sent if not t.is_space).text == "|"
        purpose = row_purpose(doc, sent, line_names[-1].end) if in_table else listed_purpose(doc, line_names[-1].end, money[0])
        for named in line_names:
            recipient = named._.normalized or written_name(named)
            if recipient == funder:
                continue
            years = column_years(doc, sent, money, index, headers) if in_table else [None] * len(money)
            rows += [grant_record(funder, recipient, amount, column_year or year, sent, purpose)
                     for amount, column_year in zip(money, years)]
            if (named.start, named.end) not in index.spans:
                names.append(named)
    if len({r["recipient"] for r in rows}) < 2:  # a list has several lines
        return [], []
    return rows, names


def column_years(doc: Doc, row: Span, money: list[Span], index: EntityIndex, headers: dict[int, int]) -> list[int | None]:
    """The year each amount's column is headed with ("| Förening | 2023 | 2024 |"): a
    row with an amount per year states a grant per year. ``headers`` remembers each
    row's header row, so a long table is walked once."""
    starts = token_table(doc).sentence_starts
    first = k = bisect.bisect_right(starts, row.start) - 1
    while k > 0 and k not in headers and doc[starts[k - 1]].text == "|":
        k -= 1  # up to the table's first row: its header
    k = headers.setdefault(k, k)
    headers[first] = k
    if k == first or index.has_money(starts[k], starts[k + 1]):
        return [None] * len(money)
    header = doc[starts[k]:starts[k + 1]]
    cells = [c.strip() for c in header.text.split("|")]
    years = []
    for amount in money:
        column = sum(1 for t in doc[row.start:amount.start] if t.text == "|")
        years.append(int(cells[column]) if column < len(cells) and YEAR.fullmatch(cells[column]) else None)
    return years


def amount_only(sent: Span, money: list[Span]) -> bool:
    """A line that holds its amounts and nothing else (bullets and spaces aside)."""
    inside = {i for m in money for i in range(m.start, m.end)}
    return all(t.i in inside or t.is_space or t.is_punct for t in sent)


def wrapped_entry_name(doc: Doc, sent: Span, index: EntityIndex, vocab: GrantVocabulary) -> Span | None:
    """The name of a list entry whose amount stands on a line of its own, after its
    name's line or wrapped text: the name a line above opens with or is, within the
    same block (no blank line between) and with no amount between."""
    table = token_table(doc)
    starts = table.sentence_starts
    k = bisect.bisect_right(starts, sent.start) - 1
    text = doc_text(doc)
    for back in range(k - 1, max(k - 1 - MAX_WRAPPED_LINES, -1), -1):
        above = doc[starts[back]:starts[back + 1]]
        if BLANK_LINE.search(text, above.start_char, sent.start_char) or index.has_money(above.start, above.end):
            return None
        if table.newline_before[above.start] or not above.start:
            name = line_opener(doc, above, index, vocab) or name_line(doc, above, index, vocab)
            if name is not None:
                return name
    return None


def name_line(doc: Doc, line: Span, index: EntityIndex, vocab: GrantVocabulary) -> Span | None:
    """A line that holds a name and nothing else ("Kulturföreningen Ljus" above its
    amount's line)."""
    words = [t for t in line if not t.is_space]
    if not words or len(words) > MAX_NAME_LINE_WORDS:
        return None
    start, end = words[0].i, words[-1].i + 1
    ent = index.parties.get(start)
    if ent is not None and ent.end == end:
        return ent
    return form_span(doc, start, end) if name_like(doc[start:end], vocab) else None


def joint_names(doc: Doc, line: Span, first: Span, index: EntityIndex, vocab: GrantVocabulary) -> list[Span]:
    """More recipients a line names after its first, joined by "och" before its
    separator or amount (a comma opens what the money is for: "Föreningen X, Språkcafé") ("Norrby pastorat och Söderby pastorat (gemensam ansökan):
    300 000 kr"): each is a recipient of the line's amount, as the line states it."""
    out, end = [], first.end
    while end + 1 < line.end and doc[end].lower_ == "och":
        start = end + 1
        ent = index.parties.get(start)
        if ent is not None and ent.end <= line.end:
            stop = ent.end
        else:
            stop = start
            while stop < line.end and stop < start + 5 and doc[stop].text not in SEPARATORS | {"(", "och"} \
                    and not index.has_money(stop, stop + 1):
                stop += 1
            if stop == start or not name_like(doc[start:stop], vocab):
                break
            ent = form_span(doc, start, stop)
        out.append(ent)
        end = stop
    return out


def ends_a_name_before_och(doc: Doc, i: int, vocab: GrantVocabulary) -> bool:
    """"Norrby pastorat och Söderby pastorat": an organisation word before "och" ends
    the first of two names ("Räddning och Säkerhet" stays one)."""
    return doc[i].lower_ == "och" and i > 0 and any(doc[i - 1].lower_.endswith(h) for h in vocab.org_heads)


def states_a_total(line: Span, vocab: GrantVocabulary) -> bool:
    """"Summa 1 200 000", "Totalt: 600 000 kronor": a line that sums the others."""
    words = [t for t in line if t.is_alpha]
    return bool(words) and (words[0].lower_ in vocab.total_openers or any(t.lower_ in vocab.total_words for t in words))


def line_opener(doc: Doc, sent: Span, index: EntityIndex, vocab: GrantVocabulary,
                markers: frozenset[str] | set[str] = BULLETS) -> Span | None:
    """The organisation or place a list line opens with, after its list marker (a
    dash only where the caller knows it marks an item), up to a comma or dash or the
    line's amount ("Norrby 1 260 000"): an entity, or a new ORG span over words that
    read as a name."""
    first = next((t for t in sent if not t.is_space and t.text not in markers), None)
    if first is None:
        return None
    if first.text == "|":
        return row_name(doc, sent, index, vocab)
    ent = index.parties.get(first.i)
    if ent is not None and ent.end < sent.end and (doc[ent.end].text in SEPARATORS or index.has_money(ent.end, ent.end + 1)):
        return ent
    end = first.i
    while end < sent.end and end < first.i + 5 and doc[end].text not in SEPARATORS - {"-"} | {"("} \
            and not index.has_money(end, end + 1) and not ends_a_name_before_och(doc, end, vocab):
        end += 1
    words = doc[first.i:end]
    if end < sent.end and len(words) and name_like(words, vocab) and not index.has_money(first.i, end):
        return form_span(doc, first.i, end)
    return None


def row_name(doc: Doc, row: Span, index: EntityIndex, vocab: GrantVocabulary) -> Span | None:
    """The name in a table row's first text cell (case numbers and ids skipped):
    the organisation or place found there, or the cell itself if it reads as a name."""
    bars = [t.i for t in row if t.text == "|"]
    for start, end in zip(bars, bars[1:]):
        cell = doc[start + 1:end]
        if not len(cell) or all(t.like_num or t.is_punct or not t.is_alpha and any(c.isdigit() for c in t.text)
                                for t in cell):
            continue  # "4846-2017", "12"
        ent = index.parties.get(cell.start)
        if ent is not None and ent.end == end:
            return ent
        return form_span(doc, cell.start, end) if len(cell) <= 6 and name_like(cell, vocab) else None
    return None


def name_like(words: Span, vocab: GrantVocabulary) -> bool:
    """'Equmeniakyrkan', 'IGETEGO förening', 'NTF FyrBoDal': a name, not a clause opener."""
    if words[0].text in vocab.not_names or not words[0].text[:1].isupper() or words[0].like_num:
        return False
    return all(name_word(w, vocab) for w in words)


def name_word(word, vocab: GrantVocabulary) -> bool:
    """A word a name may hold: capitalised, a joining word ("i", "och", "&"), or an
    organisation word ("förening")."""
    return word.text[:1].isupper() or word.lower_ in LIST_NAME_WORDS or any(word.lower_.endswith(h) for h in vocab.org_heads)
