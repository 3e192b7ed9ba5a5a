"""Bulleted items under a statement of giving: "Pengarna har fördelats så här:" and one
item per part ("• 400 000 kronor går till läxhjälp", "• Två miljoner kronor ska
användas till utbildning").

A release that breaks a sum down writes the statement once, ends it with a colon, and
lists the parts as bullets below it. Each bulleted part is a grant by the statement's
funder (or the document's, when the statement names none), whether or not the item
names who receives it: the item's opening name if it has one, else nobody named.
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import doc_text, token_table
from pipeline.nlp.grants.clauses import DocumentParties, clause_actors, transfer_verb
from pipeline.nlp.grants.cues import measures_no_grant, not_a_grant
from pipeline.nlp.grants.lists import BULLETS, line_opener
from pipeline.nlp.grants.record import grant_record, sentence_year
from pipeline.nlp.grants.roles import word_order_roles
from pipeline.nlp.grants.vocabulary import GrantVocabulary

ITEM_MARKERS = BULLETS | {"-", "–", "—"}


def breakdown_grants(doc: Doc, lines: list[tuple[Span, list[Span]]], parties: DocumentParties,
                     vocab: GrantVocabulary) -> tuple[list[dict], list[tuple[Span, list[Span]]]]:
    """The grants of bulleted items under a statement of giving that ends with a
    colon, and the other lines."""
    text = doc_text(doc)
    grants, rest, known = [], [], {}
    for sent, amounts in lines:
        intro = item_intro(doc, text, sent, vocab, known)
        if intro is None:
            rest.append((sent, amounts))
            continue
        verb = transfer_verb(doc, token_table(doc).lowers, intro.start, intro.end, vocab)
        funder, _ = word_order_roles(doc, intro, verb, clause_actors(doc, intro, parties, vocab), vocab)
        name = line_opener(doc, sent, parties.index, vocab, ITEM_MARKERS)  # "- Hylte kommun – 200 000 kronor"
        recipient = (name._.normalized or name.text) if name is not None else None
        year = sentence_year(doc, sent, parties.index)
        lowers = token_table(doc).lowers
        grants += [grant_record(funder, recipient, amount, year, sent) for amount in amounts
                   if not measures_no_grant(doc, lowers, amount, vocab)]
    return grants, rest


def item_intro(doc: Doc, text: str, sent: Span, vocab: GrantVocabulary, known: dict[int, Span | None]) -> Span | None:
    """The statement of giving that introduces the bulleted item ``sent`` is in: the
    first line above the item's run of bullets, if it ends with a colon and states a
    transfer that is no mere plan. ``known`` holds the answer per bulleted line
    already walked past, so a long list is walked once."""
    line_start = text.rfind("\n", 0, sent.start_char) + 1
    if text[line_start:sent.start_char + 1].strip()[:1] not in ITEM_MARKERS:
        return None
    walked, end, intro = [line_start], line_start - 1, None
    while end > 0 and line_start not in known:
        line_start = text.rfind("\n", 0, end) + 1
        line = text[line_start:end].strip()
        if line and line[0] not in ITEM_MARKERS:
            if line.endswith(":"):
                intro = intro_sentence(doc, line_start + text[line_start:end].rindex(line[-1]), vocab)
            break
        walked.append(line_start)
        end = line_start - 1
    intro = known.get(line_start, intro)
    known.update(dict.fromkeys(walked, intro))
    return intro


def intro_sentence(doc: Doc, colon_char: int, vocab: GrantVocabulary) -> Span | None:
    """The sentence up to the colon at ``colon_char``, if it states a transfer."""
    colon = doc.char_span(colon_char, colon_char + 1, alignment_mode="expand")
    if colon is None:
        return None
    starts = token_table(doc).sentence_starts
    sent = doc[starts[bisect.bisect_right(starts, colon.start) - 1]:colon.end]
    verb = transfer_verb(doc, token_table(doc).lowers, sent.start, sent.end, vocab)
    return sent if verb is not None and not not_a_grant(sent, vocab) else None
