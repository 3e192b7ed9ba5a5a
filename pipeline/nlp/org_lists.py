"""Organisations named by the lists that press pages are built of.

A release that announces who received money or who takes part often lists them one
per line under a line ending in a colon ("Stöd beviljades till:"). Such a list is
homogeneous and evenly spaced: when most of its items are organisations by their
form or by the gazetteer, the others are too, whatever their form ("Solbacka LRF",
"Norrbygif", "IFK NORRBY", "Kvarnens ek förening"); each item is then one name,
whole as written. The same holds for the names a plural noun for organisations
enumerates inside a sentence ("följande föreningar: A, B och C").
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import token_table
from pipeline.nlp.org_spans import form_span

MAX_ITEM_TOKENS = 12      # a list item that is a name, not a sentence
MIN_ITEMS = 3             # fewer lines are no list to judge by
ITEM_END_PUNCT = {".", "!", "?"}


def text_lines(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token ranges of the document's non-empty lines, blank tokens trimmed."""
    table = token_table(doc)
    lines: list[tuple[int, int]] = []
    start = end = None
    for i, text in enumerate(table.texts):
        if table.newline_before[i] and start is not None:
            lines.append((start, end))
            start = None
        if not text.isspace():
            if start is None:
                start = i
            end = i + 1
    if start is not None:
        lines.append((start, end))
    return lines


def _item_name_end(texts: list[str], start: int, end: int) -> int:
    """Where an item's name ends: before a parenthesis ("... Odling (Fobo)") or a
    closing comma or semicolon."""
    for j in range(start, end):
        if texts[j] in ("(", ",", ";"):
            return j
    return end


def listed_organisations(doc: Doc, orgs: list[Span], is_person_start: Callable[[Doc, int], bool],
                         headings: frozenset[str]) -> list[Span]:
    """Items of a colon-introduced list whose items are mostly organisations already
    found, as organisations named by the whole item. ``is_person_start(doc, i)`` says
    whether a person's name starts at token i (such an item is left alone); a line opening with
    one of ``headings`` ("Om projektet", "Kontakt") is the next section, not an item."""
    table = token_table(doc)
    texts = table.texts
    lines = text_lines(doc)
    org_starts = sorted((span.start, span.end) for span in orgs)
    found: list[Span] = []
    for k, (start, end) in enumerate(lines):
        if texts[end - 1] != ":":
            continue
        items = []
        gap = None
        for previous, (item_start, item_end) in zip(lines[k:], lines[k + 1:]):
            breaks = sum(texts[j].count("\n") for j in range(previous[1], item_start))
            if not _is_item(texts, item_start, item_end) or texts[item_start] in headings \
                    or breaks != (gap := gap or breaks):
                break  # a sentence, a heading or a wider gap than between the items: the list has ended
            items.append((item_start, _item_name_end(texts, item_start, item_end)))
        if len(items) < MIN_ITEMS:
            continue
        with_org = [item for item in items if any(item[0] <= s and e <= item[1] for s, e in org_starts)]
        if 2 * len(with_org) < len(items):
            continue
        for item_start, item_end in items:
            if item_end > item_start and not is_person_start(doc, item_start) \
                    and not _parenthesis_names_an_org(texts, item_end, org_starts):
                found.append(form_span(doc, item_start, item_end))
    return found


def _is_item(texts: list[str], start: int, end: int) -> bool:
    """A short line opening with a capital and not closed like a sentence."""
    first = texts[start]
    return end - start <= MAX_ITEM_TOKENS and first[:1].isupper() and texts[end - 1] not in ITEM_END_PUNCT \
        and texts[end - 1] != ":"


def _parenthesis_names_an_org(texts: list[str], name_end: int, org_starts: list[tuple[int, int]]) -> bool:
    """'Språkcafé (Röda Korset)': the item names an activity and, in brackets, its organiser."""
    return name_end < len(texts) and texts[name_end] == "(" and any(s == name_end + 1 for s, _ in org_starts)


ENUMERATION_SEPARATORS = {",", "och", "samt", "&"}
ITEM_STOPS = ENUMERATION_SEPARATORS | {".", ";", ":", "!", "?", "(", ")"}
MAX_INLINE_ITEM_TOKENS = 6


def enumerated_organisations(doc: Doc, is_plural_org_noun: Mapping[str, bool], is_org_word: Mapping[str, bool],
                             is_person_start: Callable[[Doc, int], bool]) -> list[Span]:
    """'betalades ut till följande föreningar; Norrby IK, Stigfinnarna, Café Linden och
    Tallby gymnastikklubb', 'trossamfunden: A, B och C': the capitalised names a plural
    noun for organisations introduces, three or more, each an organisation whole as
    written. An enumeration with an item that is not a capitalised name (a common noun,
    a clause) is left alone. The last item ends with its capitalised words unless the
    lower-case words up to the sentence's end hold an organisation word (``is_org_word``,
    or a plural one): "... och Tallby gymnastikklubb." but not "... och Gamma deltar."."""
    table = token_table(doc)
    found: list[Span] = []
    for i in [i for i, lower in enumerate(table.lowers) if is_plural_org_noun[lower]]:
        j = i + 1 + (i + 1 < len(table.texts) and table.texts[i + 1] in (":", ";"))
        items = _inline_items(table, j)
        if len(items) < 3:
            continue
        last_start, last_end = items[-1]
        name_end = _capitalised_end(table.texts, last_start, last_end)
        if name_end < last_end and not any(is_org_word[w] or is_plural_org_noun[w] for w in table.lowers[name_end:last_end]):
            items[-1] = (last_start, name_end)
        found.extend(form_span(doc, s, e) for s, e in items if not is_person_start(doc, s))
    return found


def _capitalised_end(texts: list[str], start: int, end: int) -> int:
    """The end of the run of capitalised words (and dashes between them) from ``start``."""
    k = start
    while k < end and (texts[k][:1].isupper() or texts[k] in ("-", "–") and k + 1 < end and texts[k + 1][:1].isupper()):
        k += 1
    return k


def _inline_items(table, j: int) -> list[tuple[int, int]]:
    """The items of an enumeration of capitalised names starting at token j, or [] when
    what follows is no such enumeration."""
    texts, sent_starts, newline_before = table.texts, table.sent_starts, table.newline_before
    items: list[tuple[int, int]] = []
    n = len(texts)
    while j < n and texts[j][:1].isupper() and not (items and (sent_starts[j] or newline_before[j])):
        end = j
        while end < n and texts[end] not in ITEM_STOPS and not newline_before[end] and not (end > j and sent_starts[end]):
            end += 1
        if end - j > MAX_INLINE_ITEM_TOKENS:
            return []
        items.append((j, end))
        if end >= n or texts[end] not in ENUMERATION_SEPARATORS or newline_before[end]:
            return items if end >= n or texts[end] in ITEM_END_PUNCT or newline_before[end] or sent_starts[end] \
                else []
        j = end + 1
        if j < n and texts[j] in ("och", "samt") and texts[end] == ",":
            j += 1  # "A, B, och C"
    return [] if j < n and not texts[j][:1].isupper() else items
