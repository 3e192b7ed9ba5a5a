"""What a grant is for, as the text words it.

Swedish grant statements name the purpose in a prepositional phrase after the amount:
"… en halv miljon kronor av Länsstyrelsen för integrationsarbete", "… nio miljoner
kronor i statsbidrag för satsningar på integration under 2019", "… 17 miljoner
kronor till en förlängning av projektet". The phrase runs to the end of the clause,
a time expression or the next party ("från Arvsfonden"). In a beneficiary list the
purpose is what stands between the name and the amount ("Equmeniakyrkan, Agabi
25 800 kronor"); in a table row, the first text cell after the recipient's. The
words that may stand between amount and purpose, and those that open it, are in
``grant_verbs.json`` (``purpose_*``).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.nlp.entity_index import EntityIndex
from pipeline.nlp.extensions import token_table, written_name
from pipeline.nlp.grants.vocabulary import GrantVocabulary

MAX_WORDS = 16
CLAUSE_ENDS = {",", ".", ";", ":", "!", "?", "–", "—", "(", ")", "|", "\n", "•"}


def statement_purpose(doc: Doc, sent: Span, amount: Span, index: EntityIndex, vocab: GrantVocabulary) -> str | None:
    """The purpose phrase after ``amount`` in a grant sentence ("för integrationsarbete"
    gives "integrationsarbete"), or None."""
    lowers = token_table(doc).lowers
    parties, times = index.parties, index.dates
    i = amount.end
    while i < sent.end:
        lower = lowers[i]
        if lower in vocab.purpose_skip or vocab.is_transfer(lower):
            i += 1  # "i statsbidrag", "har beviljats"
        elif lower in vocab.prepositions and i + 1 in times:
            i = times[i + 1].end  # "under 2020 till insatser ..."
        elif lower == "till" and _recipient_group(doc, i + 1, sent.end, vocab):
            i += 2  # "till (12) föreningar i länet": who receives; a purpose may follow
            while i < sent.end and lowers[i] not in vocab.purpose_openers and doc[i].text not in CLAUSE_ENDS:
                i += 1
        elif lower in vocab.funder_prepositions and i + 1 in parties:
            i = _after_abbreviation(doc, parties[i + 1].end, sent.end)  # "av Länsstyrelsen", "från ESF (ESF)"
        elif lower in vocab.purpose_openers and i + 1 < sent.end:
            if i + 1 in parties:  # "till Alingsås kommun": the recipient, not the purpose
                i = parties[i + 1].end
                continue
            return _phrase(doc, i + 1, sent.end, times, parties, vocab)
        else:
            return None
    return None


def _after_abbreviation(doc: Doc, i: int, end: int) -> int:
    """Past the short form a party's name may be followed by: "(ESF)", ", AMIF"."""
    if i + 2 < end and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].text.isupper():
        return i + 3
    if i + 1 < end and doc[i].text == "," and doc[i + 1].text.isupper() and len(doc[i + 1].text) > 1:
        return i + 3 if i + 2 < end and doc[i + 2].text == "," else i + 2
    return i


def _recipient_group(doc: Doc, i: int, end: int, vocab: GrantVocabulary) -> bool:
    """Does doc[i:] name a group that receives ("föreningar", "12 kommuner")?"""
    lowers = token_table(doc).lowers
    if i < end and doc[i].like_num:
        i += 1
    return i < end and lowers[i] in vocab.recipient_groups


def _phrase(doc: Doc, start: int, end: int, times: dict, parties: dict, vocab: GrantVocabulary) -> str | None:
    """From ``start`` to the end of the clause, a time expression or another party. A
    time expression right after an infinitive marker is skipped ("för att under 2017
    arbeta med ...")."""
    lowers = token_table(doc).lowers
    kept: list[int] = []
    i = start
    while i < end and len(kept) < MAX_WORDS:
        text, lower = doc[i].text, lowers[i]
        if text in CLAUSE_ENDS or doc[i].is_space or (doc[i].like_num and i in times) or lower in vocab.purpose_stops:
            break
        if lower in vocab.funder_prepositions and i + 1 in parties:
            break  # the funder: "… för språkcaféer från Arvsfonden"
        time = times.get(i) or (times.get(i + 1) if lower in vocab.prepositions else None)
        if time is not None:
            if [lowers[k] for k in kept] != ["att"]:
                break  # "satsningar på integration under 2019"
            i = time.end
            continue
        kept.append(i)
        i += 1
    words = " ".join(doc[k].text for k in kept)
    return words if len(words) > 2 and words != "att" else None


def listed_purpose(doc: Doc, name_end: int, first_amount: Span) -> str | None:
    """What stands between a list line's name (and its separator) and its first amount."""
    start = name_end
    while start < first_amount.start and (doc[start].text in CLAUSE_ENDS or doc[start].is_space):
        start += 1
    words = doc[start:first_amount.start].text.strip(" ,–—-:")
    return words or None


def row_purpose(doc: Doc, row: Span, name_end: int) -> str | None:
    """The first text cell after the recipient's in a table row ("| 4846-2017 | ABF Flen |
    Nyckel till Sverige | 190 000 |" gives "Nyckel till Sverige")."""
    bars = [t.i for t in row if t.text == "|" and t.i >= name_end]
    for start, end in zip(bars, bars[1:]):
        cell = doc[start + 1:end]
        if len(cell) and any(t.is_alpha for t in cell):
            return written_name(cell)
    return None
