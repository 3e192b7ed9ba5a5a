"""Named initiatives in the parts of a page built as lists, tables and sections.

- A sentence listing granted projects, each with its owner in brackets:
  "Några av de beviljade projekten är X (Y kommun), Z (W kommun)".
- The lines under an introduction that names projects in the plural and ends with a
  colon or is a heading ("Här är några av projekten:", "Projekt som fått stöd",
  "Beviljade projekt"): one name per line ("X"), or with its organisation ("Förening – X",
  "Förening: X", "X, Förening", "X (Förening)"; "X, Förening" when only the second is a
  known body, although a one-word name reads like a body too).
- Beneficiary list lines "Förening, Projektnamn 25 800 kronor" and table rows
  "| 12-2020 | Förening | Projektnamn | 190 000 |": the text between the organisation and
  the amount, read by the grant finder's own readers (:mod:`pipeline.nlp.purpose`).
- A heading whose section refers back to it as a project ("Projektet pågår ...",
  "Syftet med den här satsningen ..."), and, on a page where two headings are read so,
  the other headings whose section states an amount or speaks of a project.
"""
from __future__ import annotations

import bisect

from spacy.tokens import Span

from pipeline.nlp.extensions import doc_text
from pipeline.nlp.grants.purpose import CLAUSE_ENDS, listed_purpose, row_purpose
from pipeline.nlp.initiative_context import (
    SEPARATORS,
    Context,
    Found,
    organisation_named,
)
from pipeline.nlp.initiative_vocabulary import (
    ANAPHOR,
    PLURAL_NOUN,
    PROJECT_WORDS,
    TABLE_BAR,
)
from pipeline.normalize.organisations import lookup_org

MAX_ITEM_TOKENS = 12
MAX_HEADING_TOKENS = 12
MIN_SIBLING_ANCHORS = 2  # headings read as projects that make a page of project sections
MIN_BODY_TOKENS = 8
DEMONSTRATIVES = frozenset({"den", "det", "denna", "detta", "här"})


def granted_lists(ctx: Context) -> list[Found]:
    """'Några av de beviljade projekten är X (Y kommun), Z (W kommun)'."""
    lowers, texts = ctx.table.lowers, ctx.table.texts
    found = []
    for p in ctx.at(PLURAL_NOUN):
        link = p + 1
        if link + 1 >= ctx.n or not (lowers[link] in ("är", "var") or texts[link] == ":"):
            continue
        sent_end = ctx.sentence(p)[1]
        start, items = link + 1, []
        while start < sent_end and ctx.opens_name(start):
            end = ctx.name_end(start, sent_end)
            if end >= sent_end or texts[end] != "(":
                break
            close = next((k for k in range(end + 1, min(end + 8, sent_end)) if texts[k] == ")"), None)
            items.append(Found(start, end, "granted_list", owner=_bracketed_owner(ctx, end + 1, close)))
            if close is None or close + 1 >= sent_end or not (texts[close + 1] == "," or lowers[close + 1] == "och"):
                break
            start = close + 2
        found += items
    return found


def colon_lists(ctx: Context) -> list[Found]:
    """'... startar två projekt för unga: Språkbron och Läxhjälp – en kurs i studieteknik.'
    The names after a colon that closes a clause about projects in the plural, up to
    the end of the sentence, split at commas, 'samt' and 'och' before a capital."""
    lowers, texts = ctx.table.lowers, ctx.table.texts
    found = []
    for p in ctx.at(PLURAL_NOUN):
        _, sent_end = ctx.sentence(p)
        colon = next((k for k in range(p + 1, min(p + 10, sent_end)) if texts[k] == ":"), None)
        if colon is None or not ctx.follows_on_line(colon + 1):
            continue
        items, start = [], colon + 1
        for k in range(colon + 1, sent_end + 1):
            final = k == sent_end or texts[k] in (".", "!", "?") or texts[k].isspace()
            if final or texts[k] in (",", ";") or lowers[k] == "samt" or (
                    lowers[k] in ctx.words["name_joiners"] and k + 1 < sent_end and texts[k + 1][:1].isupper()):
                items.append((start, k))
                start = k + 1
            if final:
                break
        items = [(a, b) for a, b in items if b > a]
        if items and all(_listed_name(ctx, a, b) for a, b in items):
            found += [Found(a, b, "colon_list") for a, b in items]
    return found


def _listed_name(ctx: Context, start: int, end: int) -> bool:
    return end - start <= MAX_ITEM_TOKENS and ctx.opens_name(start) and _plain_name(ctx, start, end) \
        and not any(ctx.blocks_name(k) for k in range(start, end))


def _bracketed_owner(ctx: Context, start: int, close: int | None) -> str | None:
    ent = ctx.ent_at.get(start)
    if ent is not None and ent.label_ == "ORG" and (close is None or ent.end == close):
        return ent._.normalized
    return None


def listed_lines(ctx: Context) -> list[Found]:
    """One name per line under an introduction that names projects in the plural. The
    first item sets the list's style; a line naming a body or person alone is skipped,
    and so is a stray word between labelled items ("Annons")."""
    found = []
    scanned_to = -1  # a list is read once, although several of its lines may introduce it
    for line in _list_intros(ctx):
        if line < scanned_to:
            continue
        style = None
        while line is not None:
            scanned_to = line
            end = ctx.line_end(line)
            item, item_style = _list_item(ctx, line, end)
            if item is not None and (style is None or (style == "label") == (item_style == "label")):
                style = item_style
                found.append(item)
            elif not (style == "label" and end - line <= 2 or style != "label" and _names_entity(ctx, line, end)):
                break
            line = _next_line(ctx, end)
    return found


def _known_body(ctx: Context, start: int, end: int) -> bool:
    """Are tokens [start, end) an ORG entity or a body of the reference data?"""
    ent = ctx.ent_at.get(start)
    return (ent is not None and ent.label_ == "ORG" and ent.start == start and ent.end == end) or \
        lookup_org(" ".join(ctx.table.texts[start:end])) is not None


def _names_entity(ctx: Context, start: int, end: int) -> bool:
    """Is the line a body, place or person alone (a sponsor in a list of projects)?"""
    start = ctx.first_word(start, end)
    while end > start and ctx.table.texts[end - 1].isspace():
        end -= 1
    ent = ctx.ent_at.get(start)
    return ent is not None and ent.label_ in ("ORG", "LOC", "PERSON") and end - ent.end <= 2


def _list_intros(ctx: Context) -> list[int]:
    """The first token after each line that introduces a list of projects: it names
    projects in the plural and ends with a colon, or is a heading of a few words."""
    texts = ctx.table.texts
    starts = []
    for p in ctx.at(PLURAL_NOUN):
        end = ctx.line_end(p)
        start = ctx.first_word(ctx.line_start(p), end)
        last = end - 1
        while last > start and texts[last].isspace():
            last -= 1
        heading = end - start <= 6 and texts[last] not in CLAUSE_ENDS and p in (start, last)  # "Beviljade projekt"
        if texts[last] == ":" or heading:
            nxt = _next_line(ctx, end)
            if nxt is not None and (not starts or nxt != starts[-1]):
                starts.append(nxt)
    return starts


def _next_line(ctx: Context, end: int) -> int | None:
    """The first token of the next line that holds a word."""
    texts = ctx.table.texts
    while end < ctx.n and texts[end].isspace():
        end += 1
    return end if end < ctx.n else None


def _list_item(ctx: Context, start: int, end: int) -> tuple[Found | None, str | None]:
    """A list line as (name, style): 'Förening: Namn' (label), 'Förening – Namn' or
    'Namn, Förening' (pair), or the whole line as a name (line)."""
    texts = ctx.table.texts
    start = ctx.first_word(start, end)
    while end > start and texts[end - 1].isspace():
        end -= 1
    if start >= end or not ctx.opens_name(start):
        return None, None
    sep = next((k for k in range(start + 1, min(end, start + 7)) if texts[k] in SEPARATORS), None)
    if sep is None and texts[end - 1] == ")" and "(" in texts[start + 1:end - 1]:
        sep, end = texts.index("(", start + 1, end), end - 1  # "Namn (Förening)": a pair
    if sep is None:
        if end - start <= 8 and _plain_name(ctx, start, end):
            return Found(start, end, "list_item"), "line"
        return None, None
    style = "label" if texts[sep] == ":" else "pair"
    if style == "pair" and _known_body(ctx, sep + 1, end) and not _known_body(ctx, start, sep) \
            and _plain_name(ctx, start, sep):  # "Läsvän, Norrby IF": the body is the known one
        return Found(start, sep, "list_item", owner=organisation_named(ctx, sep + 1, end)), style
    owner = organisation_named(ctx, start, sep)
    name_start = sep + 1 + (sep + 1 < end and texts[sep + 1] in ctx.words.quote_marks)
    name_end = name_start
    while name_end < end and name_end - name_start < MAX_ITEM_TOKENS and texts[name_end] not in (".", "!", "?") \
            and texts[name_end] not in ctx.words.quote_marks:
        name_end += 1
    if owner is not None and name_end > name_start and ctx.opens_name(name_start, any_word=True):
        return Found(name_start, name_end, "list_item", owner=owner), style
    owner = organisation_named(ctx, sep + 1, end)
    if owner is not None and style == "pair" and _plain_name(ctx, start, sep):
        return Found(start, sep, "list_item", owner=owner), style
    return None, None


def _plain_name(ctx: Context, start: int, end: int) -> bool:
    """Words that read as a name: no verb, no sentence punctuation, not an entity."""
    texts, lowers = ctx.table.texts, ctx.table.lowers
    if texts[end - 1] in CLAUSE_ENDS or _names_entity(ctx, start, end):
        return False
    return not any(ctx.words.finite_verb[lowers[k]] or texts[k] in (".", "!", "?", ":") for k in range(start, end))


def money_lines(ctx: Context) -> list[Found]:
    """'Förening, Projektnamn 25 800 kronor': what stands between the organisation and
    the amount of a beneficiary list line (two lines at least make a list)."""
    found = []
    seen_lines = set()
    for money in [e for e in ctx.ents if e.label_ == "MONEY"]:
        start, _ = ctx.sentence(money.start)
        start = ctx.first_word(start, money.start)
        if start in seen_lines or start >= money.start or ctx.table.texts[start] == "|":
            continue
        seen_lines.add(start)
        sep = next((k for k in range(start + 1, min(money.start, start + 7)) if ctx.table.texts[k] in SEPARATORS), None)
        owner = organisation_named(ctx, start, sep) if sep is not None else None
        if owner is None:
            continue
        purpose = listed_purpose(ctx.doc, sep, money)
        span = _located(ctx, purpose, ctx.doc[sep].idx, money.start_char)
        if span is not None and ctx.opens_name(span.start) and purpose != owner:
            found.append(Found(span.start, span.end, "money_line", owner=owner))
    return found if len({f.owner for f in found}) >= 2 else []


def table_rows(ctx: Context) -> list[Found]:
    """The project cell of each row of a table of grants or projects (its first text
    cell after the organisation's)."""
    texts = ctx.table.texts
    found = []
    header_has_projects = False
    for start in [i for i in ctx.at(TABLE_BAR) if i == 0 or ctx.table.newline_before[i]]:
        end = ctx.line_end(start)
        bars = [k for k in range(start, end) if texts[k] == "|"]
        cells = [(a + 1, b) for a, b in zip(bars, bars[1:])]
        if not any(any(ch.isdigit() for ch in "".join(texts[a:b])) for a, b in cells):
            header_has_projects = any(ctx.words.project_column[lower] for lower in ctx.table.lowers[start:end])
            continue
        owner_cell = next(((a, b) for a, b in cells if any(t.isalpha() for t in texts[a:b])), None)
        has_money = any(ctx.ent_at.get(k) is not None and ctx.ent_at[k].label_ == "MONEY" for k in range(start, end))
        if owner_cell is None or not (header_has_projects or has_money):
            continue
        purpose = row_purpose(ctx.doc, ctx.doc[start:end], owner_cell[1])
        span = _located(ctx, purpose, ctx.doc[owner_cell[1]].idx, ctx.doc[end - 1].idx + len(texts[end - 1]))
        owner = organisation_named(ctx, *owner_cell) or " ".join(texts[owner_cell[0]:owner_cell[1]])
        if span is not None and purpose != owner:
            found.append(Found(span.start, span.end, "table_row", owner=owner))
    return found


def _located(ctx: Context, text: str | None, start_char: int, end_char: int) -> Span | None:
    """The span of ``text`` where it is written between two character offsets."""
    if not text:
        return None
    at = doc_text(ctx.doc).find(text, start_char, end_char)
    if at < 0:
        return None
    return ctx.doc.char_span(at, at + len(text), alignment_mode="expand")


def headings(ctx: Context) -> list[Found]:
    """A heading line whose section refers back to it as a project ('Projektet pågår ...',
    'Syftet med den här satsningen ...'): the heading is a paragraph of its own right
    above the paragraph that refers back, or above a one-line dateline above it."""
    found, seen = [], set()
    for word in ctx.at(ANAPHOR):
        if not _refers_back(ctx, word):
            continue
        line = _paragraph_start(ctx, bisect.bisect_right(ctx.line_starts, word) - 1)
        for _ in range(2):
            if line == 0 or _paragraph_start(ctx, line - 1) != line - 1:
                break  # a heading is a paragraph of one line
            line -= 1
            start, end = _line_words(ctx, line)
            if _heading_like(ctx, start, end):
                if start not in seen:
                    seen.add(start)
                    found.append(Found(start, _cut_bracket(ctx, start, end), "heading", owner=_section_subject(ctx, line)))
                break
            if end - start > 6:
                break
    if len(found) >= MIN_SIBLING_ANCHORS:
        found += _sibling_headings(ctx, found)
    return sorted(found, key=lambda f: f.start)


def _sibling_headings(ctx: Context, anchors: list[Found]) -> list[Found]:
    """A page of project sections: once two headings are read as projects, the other
    headings after the first of them that open a section of the same kind (running
    text that states an amount or speaks of a project) name projects too, although
    their section does not refer back ("Biblioteken har fått 400 000 kronor ...")."""
    taken = {f.start for f in anchors}
    heads = [line for line in range(len(ctx.line_starts) - 1)
             if _one_line_paragraph(ctx, line) and _heading_like(ctx, *_line_words(ctx, line))]
    first = min(anchors, key=lambda f: f.start).start
    found = []
    for k, line in enumerate(heads):
        start, end = _line_words(ctx, line)
        if start <= first or start in taken:
            continue
        body_start, body_end = _line_words(ctx, line + 1)
        section_end = ctx.line_starts[heads[k + 1]] if k + 1 < len(heads) else ctx.n
        if _running_text(ctx, body_start, body_end) and (ctx.has_money(body_start, section_end) or any(
                ctx.words.mask[t] & PROJECT_WORDS for t in ctx.table.texts[body_start:section_end])):
            found.append(Found(start, _cut_bracket(ctx, start, end), "heading", owner=_section_subject(ctx, line)))
    return found


def _one_line_paragraph(ctx: Context, line: int) -> bool:
    return _paragraph_start(ctx, line) == line and (
        line + 1 >= len(ctx.line_starts) or _paragraph_start(ctx, line + 1) == line + 1)


def _running_text(ctx: Context, start: int, end: int) -> bool:
    """A line of prose: a capitalised sentence of some length that ends with a full stop."""
    texts = ctx.table.texts
    return end - start >= MIN_BODY_TOKENS and texts[start][:1].isupper() and texts[end - 1] in (".", "!", "?", "…")


def _refers_back(ctx: Context, k: int) -> bool:
    """Is token ``k`` a project noun that refers back: opening a sentence before a
    lower-case word ('Projektet pågår'), or after a demonstrative ('den här satsningen')?"""
    texts, lowers = ctx.table.texts, ctx.table.lowers
    if k + 1 < ctx.n and ctx.first_word(ctx.sentence(k)[0], k + 1) == k and not texts[k + 1][:1].isupper():
        return True
    return k > 0 and lowers[k - 1] in DEMONSTRATIVES


def _section_subject(ctx: Context, heading_line: int) -> str | None:
    """The organisation that opens the section under a heading ("Region X ska skapa ...")."""
    if heading_line + 1 >= len(ctx.line_starts):
        return None
    start, end = _line_words(ctx, heading_line + 1)
    ent = ctx.ent_at.get(start)
    if ent is not None and ent.label_ == "ORG" and ent.start == start and ent.end < end:
        return ent._.normalized
    return None


def _paragraph_start(ctx: Context, line: int) -> int:
    """The first line of the paragraph holding line number ``line`` (paragraphs are
    separated by an empty line)."""
    starts, texts = ctx.line_starts, ctx.table.texts
    while line > 0 and texts[starts[line] - 1].count("\n") < 2:
        line -= 1
    return line


def _line_words(ctx: Context, line: int) -> tuple[int, int]:
    """The tokens of line number ``line`` without the space around them."""
    starts, texts = ctx.line_starts, ctx.table.texts
    start, end = starts[line], starts[line + 1] if line + 1 < len(starts) else ctx.n
    start = ctx.first_word(start, end)
    while end > start and texts[end - 1].isspace():
        end -= 1
    return start, end


def _heading_like(ctx: Context, start: int, end: int) -> bool:
    """A line that reads as a name: two words or more, no verb, no project noun, no final
    punctuation, not an entity alone."""
    texts, lowers = ctx.table.texts, ctx.table.lowers
    words = [k for k in range(start, end) if texts[k].isalpha()]
    if len(words) < 2 or end - start > MAX_HEADING_TOKENS or not ctx.opens_name(start) \
            or texts[end - 1] in (".", ":", "!", "?", ","):
        return False
    for k in range(start, end):
        lower = lowers[k]
        if ctx.words.finite_verb[lower] or lower in ctx.words["kind_nouns"] or lower in ctx.words["name_nouns"] \
                or lower in ctx.words["bare_name_nouns"]:
            return False
    ent = ctx.ent_at.get(start)
    return ent is None or ent.end < end


def _cut_bracket(ctx: Context, start: int, end: int) -> int:
    """A heading's name ends before a bracket: 'Namn (tidigare Annat namn)'."""
    k = next((k for k in range(start + 1, end) if ctx.table.texts[k] == "("), end)
    return k
