"""Recipients no finder marked: the subject of a receiving verb, read as a name.

A release that lists what each organisation gets writes one sentence per recipient,
with the name first: "Föreningen Framtidståget får 500 000 kronor för …", "IM
Individuell Människohjälp får 450 000 kronor …", "KFUM Exempelstad, som fick 2,7
miljoner kronor, …". Many such names are in no gazetteer. When a receiving verb has no
organisation before it, the words from the start of the sentence to the verb (or to
", som" before it) are the recipient if they read as a name: capitalised first, no
Swedish function word, no number, and something only a name has (a second
capitalised word, an organisation word at the end, words of another language); a
single word only if it cannot be a common noun ("KFUM", "FyrBoDal", "Equmeniakyrkan";
not "Föreningen", which any sentence may open with). An organisation the finders did mark, followed by more capitalised words
("Röda Korset Exempelkretsen får …"), is named whole.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.nlp.grants.clauses import Clause, that_clause_start
from pipeline.nlp.grants.lists import LIST_NAME_WORDS, name_word
from pipeline.nlp.grants.names import MAX_NAME_WORDS, destination_words, reads_as_name
from pipeline.nlp.grants.vocabulary import GrantVocabulary
from pipeline.nlp.organisations import form_span
from pipeline.parse.language import function_words


def unnamed_recipient(doc: Doc, clause: Clause, vocab: GrantVocabulary) -> Span | None:
    """The recipient named as the subject of a receiving verb, when no finder marked
    it whole (it may hold a part that was marked: "Röda Korset Exempelkretsen"): the
    words that open the clause, the name before ", som", or, when the clause opens with
    an adverbial ("I Norrby får …"), the words between the verb and the amount."""
    verb = clause.verb
    if verb.lower_ in vocab.destination:
        span = destination_words(doc, verb, clause.sent.end, vocab)
        return form_span(doc, span.start, span.end) if span is not None else None
    if verb.lower_ not in vocab.receive or verb.lower_ in vocab.infinitives:
        return None
    start = next((t.i for t in clause.sent if not t.is_space), verb.i)
    start = max(start, that_clause_start(doc, clause.sent, verb) + 1)  # "X berättar att Y får": Y
    if verb.i - 2 >= start and doc[verb.i - 1].lower_ == "som" and doc[verb.i - 2].text == ",":
        return antecedent(doc, start, verb.i - 2, vocab)  # "… för KFUM Exempelstad, som fick …"
    opening = subject_words(doc, clause, start, verb.i, vocab)
    if opening is not None or reads_as_name(doc[start:verb.i], vocab):
        return opening
    end = next((i for i in range(verb.i + 1, clause.sent.end)
                if doc[i].text in (":", ",") or any(a.start == i for a in clause.amounts)), clause.sent.end)
    return subject_words(doc, clause, verb.i + 1, end, vocab)  # "I Norrby får Föreningen X 20 000 kronor"


def subject_words(doc: Doc, clause: Clause, start: int, end: int, vocab: GrantVocabulary) -> Span | None:
    """doc[start:end] as a new name, unless an organisation straddles it or is it; an
    auxiliary or adverb before the verb is no part of it ("Umeåregionen har fått")."""
    swedish = function_words("sv")
    while end > start + 1 and (doc[end - 1].lower_ in swedish or doc[end - 1].lower_ in vocab.v2_openers
                               or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1  # "Föreningen X – som fick": no dash or relative word ends a name
    if any(a.start < start < a.end or start <= a.start < end < a.end for a in clause.actors):
        return None  # an organisation straddles the words: the clause is no "Name får"
    if any(a.start == start and a.end == end for a in clause.actors):
        return None  # the subject is a marked organisation: the roles had their say
    if any(start < a.start < end and doc[a.start - 1].lower_ == "och" for a in clause.actors):
        return None  # "Föreningen X och Norrby IF": two bodies, not one name with "och"
    return form_span(doc, start, end) if end > start and reads_as_name(doc[start:end], vocab) else None


def antecedent(doc: Doc, start: int, comma: int, vocab: GrantVocabulary) -> Span | None:
    """The name a relative clause is about: the run of name words before its comma."""
    begin = comma
    while begin > start and comma - begin < MAX_NAME_WORDS and _name_word(doc[begin - 1], vocab):
        begin -= 1
    while begin < comma and doc[begin].lower_ in LIST_NAME_WORDS:
        begin += 1  # a name does not open with "och", "i"
    return form_span(doc, begin, comma) if begin < comma and reads_as_name(doc[begin:comma], vocab) else None


def _name_word(token, vocab: GrantVocabulary) -> bool:
    """A word of a list name, or a word of digits and letters ("4H-gård")."""
    return name_word(token, vocab) or any(c.isdigit() for c in token.text) and "-" in token.text
