"""Words that read as the name of a body, not as the opening of a clause.

A recipient no finder marked is read from the words where a name stands (the subject
of "får", the words after "tillfaller"): they are a name if capitalised first, with no
Swedish function word or number, and with something only a name has (a second
capitalised word, an organisation word at the end, words of another language); a
single word only if it cannot be a common noun ("KFUM", "FyrBoDal", "Equmeniakyrkan").
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.nlp.grants.vocabulary import GrantVocabulary
from pipeline.normalize.organisations import lookup_place
from pipeline.parse.language import function_words

MAX_NAME_WORDS = 6
OTHER_LANGUAGES = ("en", "de")  # names of Swedish associations are often English
NAME_PUNCT = {"-", "&", "–"}


def reads_as_name(words: Span, vocab: GrantVocabulary) -> bool:
    """Words that name a body rather than open a clause."""
    if not 1 <= len(words) <= MAX_NAME_WORDS:
        return False
    first = words[0].text
    if not first[:1].isupper() or first in vocab.not_names or words[0].lower_ in vocab.home_subjects \
            or words[0].lower_ in vocab.v2_openers:
        return False
    swedish = function_words("sv")
    if any(w.like_num or (w.is_punct and w.text not in NAME_PUNCT) or w.lower_ in swedish and not joins_names(words, k)
           for k, w in enumerate(words[1:], 1)):
        return False
    if words[0].lower_ in swedish:
        return False  # "SÅ HÄR FÖRDELAS …": a function word in capitals is no acronym
    return _named_phrase(words, vocab) if len(words) > 1 else _specific_word(first, vocab)


def joins_names(words: Span, k: int) -> bool:
    """Whether words[k] is an "och" between two capitalised words, inside one name
    ("Räddning och Säkerhet", "Hem och Skola")."""
    return words[k].lower_ == "och" and 0 < k < len(words) - 1 \
        and words[k - 1].text[:1].isupper() and words[k + 1].text[:1].isupper()


def _named_phrase(words: Span, vocab: GrantVocabulary) -> bool:
    """Words that can only be a name: a capital letter in a word after the first
    ("Föreningen Framtidståget", "IM Individuell Människohjälp", "Norrby 4H-gård"), an organisation word
    at the end ("Sydstadens kvinnoförbund"), or words of another language ("Give it
    forward"); not a phrase of ordinary Swedish that opens a sentence ("Förra året")."""
    if any(c.isupper() for w in words[1:] for c in w.text):
        return True
    last = words[-1].lower_
    if any(last.endswith(head) for head in vocab.org_heads):
        return True
    foreign = set().union(*(function_words(lang) for lang in OTHER_LANGUAGES))
    return any(w.lower_ in foreign for w in words)


def _specific_word(word: str, vocab: GrantVocabulary) -> bool:
    """A single word that names one body: an acronym, a word with inner capitals, a
    compound whose head says what kind of body it is ("Equmeniakyrkan"), or one that
    opens with a place's name ("Umeåregionen", "Norrbyhemmet")."""
    if len(word) >= 2 and word.isupper():
        return True
    if any(c.isupper() for c in word[1:]):
        return True
    low = word.lower()
    if any(low.endswith(head) and len(low) >= len(head) + 3 for head in vocab.org_heads):
        return True
    return any(lookup_place(word[:k]) is not None for k in range(3, len(word) - 3))


def destination_words(doc: Doc, verb: Token, end: int, vocab: GrantVocabulary) -> Span | None:
    """The words after a verb whose subject is the money, up to a comma or the end
    of the clause, if they read as a name ("1,9 miljoner tillfaller Norrby katolska
    församling", "går till Föreningen Lindblomman")."""
    return name_after(doc, verb.i + 1, end, vocab)


def name_after(doc: Doc, start: int, end: int, vocab: GrantVocabulary) -> Span | None:
    """The words from ``start`` (past a "till" or "åt") up to punctuation or ``end``,
    if they read as a name."""
    start += start < end and doc[start].lower_ in vocab.recipient_prepositions
    stop = start
    while stop < end and stop - start < MAX_NAME_WORDS and not (doc[stop].is_punct and doc[stop].text not in NAME_PUNCT) \
            and not doc[stop].is_space:
        stop += 1
    return doc[start:stop] if stop > start and reads_as_name(doc[start:stop], vocab) else None
