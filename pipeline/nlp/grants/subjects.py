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

from pipeline.nlp.grants.clauses import Clause
from pipeline.nlp.grants.vocabulary import GrantVocabulary
from pipeline.nlp.organisations import form_span
from pipeline.parse.language import function_words

MAX_NAME_WORDS = 6
OTHER_LANGUAGES = ("en", "de")  # names of Swedish associations are often English
NAME_PUNCT = {"-", "&", "–"}


def unnamed_recipient(doc: Doc, clause: Clause, vocab: GrantVocabulary) -> Span | None:
    """The recipient named as the subject of a receiving verb, when no finder marked
    it whole (it may hold a part that was marked: "Röda Korset Exempelkretsen")."""
    verb = clause.verb
    if verb.lower_ not in vocab.receive or verb.lower_ in vocab.infinitives:
        return None
    start = next((t.i for t in clause.sent if not t.is_space), verb.i)
    end = verb.i
    if end - 2 >= start and doc[end - 1].lower_ == "som" and doc[end - 2].text == ",":
        end -= 2  # "KFUM Exempelstad, som fick ..."
    if any(a.start < start or start <= a.start < end < a.end for a in clause.actors if a.start < end):
        return None  # an organisation straddles the words: the clause is no "Name får"
    if any(a.start == start and a.end == end for a in clause.actors):
        return None  # the subject is a marked organisation: the roles had their say
    words = doc[start:end]
    return form_span(doc, start, end) if reads_as_name(words, vocab) else None


def reads_as_name(words: Span, vocab: GrantVocabulary) -> bool:
    """Words that name a body rather than open a clause."""
    if not 1 <= len(words) <= MAX_NAME_WORDS:
        return False
    first = words[0].text
    if not first[:1].isupper() or first in vocab.not_names or words[0].lower_ in vocab.home_subjects \
            or words[0].lower_ in vocab.v2_openers:
        return False
    swedish = function_words("sv")
    if any(w.like_num or (w.is_punct and w.text not in NAME_PUNCT) or w.lower_ in swedish for w in words[1:]):
        return False
    if len(words) > 1:
        return words[0].lower_ not in swedish and _named_phrase(words, vocab)
    return _specific_word(first, vocab)


def _named_phrase(words: Span, vocab: GrantVocabulary) -> bool:
    """Words that can only be a name: a capitalised word or acronym after the first
    ("Föreningen Framtidståget", "IM Individuell Människohjälp"), an organisation word
    at the end ("Sydstadens kvinnoförbund"), or words of another language ("Give it
    forward"); not a phrase of ordinary Swedish that opens a sentence ("Förra året")."""
    if any(w.text[:1].isupper() for w in words[1:]):
        return True
    last = words[-1].lower_
    if any(last.endswith(head) for head in vocab.org_heads):
        return True
    foreign = set().union(*(function_words(lang) for lang in OTHER_LANGUAGES))
    return any(w.lower_ in foreign for w in words)


def _specific_word(word: str, vocab: GrantVocabulary) -> bool:
    """A single word that names one body: an acronym, a word with inner capitals, or a
    compound whose head says what kind of body it is ("Equmeniakyrkan")."""
    if len(word) >= 2 and word.isupper():
        return True
    if any(c.isupper() for c in word[1:]):
        return True
    low = word.lower()
    return any(low.endswith(head) and len(low) >= len(head) + 3 for head in vocab.org_heads)
