"""What says an amount in a sentence with a transfer verb is no grant.

The money may be only proposed, planned or open for applications ("kan söka", "har 4
miljoner kronor att fördela"), denied ("fick inte"), or the amount may measure
something else: a rate, a change, a budget, a price. A cue counts in the clause of
the verb only: "men" and "medan" open a clause of their own ("hade 1,5 miljoner att
fördela, men bara 1,1 miljoner delades ut").
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.nlp.extensions import doc_text
from pipeline.nlp.grants.vocabulary import GrantVocabulary


def not_a_grant(span: Span, vocab: GrantVocabulary, verb: Token | None = None) -> bool:
    """Money only proposed, planned or open for applications ("kan söka", "har 4
    miljoner kronor att fördela"); a purpose ("för att fördela") is no such cue. Given
    the transfer verb, two more are none: a task after a verb of receiving ("fick 2
    miljoner att fördela i länen"), and an application that "och" and a verb of receiving
    follow ("har ansökt och fått beviljat 800 000 kronor")."""
    low = span.text.lower()
    for phrase in vocab.not_a_grant_exceptions:
        low = low.replace(phrase, " " * len(phrase))
    receives = verb is not None and verb.lower_ in vocab.receive
    at = verb.idx - span.start_char if verb is not None else 0
    for cue in vocab.not_a_grant.finditer(low):
        phrase = cue.group(0)
        if phrase in vocab.task_cues and decided(low, cue.start(), vocab):
            continue
        if receives and (phrase in vocab.task_cues and cue.start() > at or phrase in vocab.application_cues
                         and cue.start() < at and "och" in low[cue.end():at].split()[:2]):
            continue
        return True
    return False

def decided(low: str, at: int, vocab: GrantVocabulary) -> bool:
    """Whether a word of decision stands among the four words before ``at``
    ("beslutade i december att fördela")."""
    return bool(vocab.decision_words.intersection(low[:at].split()[-4:]))


def to_come(lowers: list[str], verb: int, part: Span, vocab: GrantVocabulary) -> bool:
    """An infinitive after "ska" ("Totalt ska regeringen fördela 120 miljoner") or
    "hoppas" ("hoppas få 100 000 kronor") states money to come, unless the clause says
    it was decided ("beslutade att X ska få"); a verb in a clause that "om" opens ("Om
    X beviljas 50 000 kronor kan …") money on a condition."""
    if conditional(lowers, verb, part, vocab):
        return True
    if lowers[verb] not in vocab.infinitives:
        return False
    if not any(lowers[i] in vocab.future_auxiliaries or lowers[i] in vocab.hope_verbs
               for i in range(max(part.start, verb - 3), verb)):
        return False
    return not any(lowers[i] in vocab.decision_words for i in range(part.start, verb))


def conditional(lowers: list[str], verb: int, part: Span, vocab: GrantVocabulary) -> bool:
    """Whether the clause of the verb opens with "om" or "ifall" (at the start of the
    sentence or after a comma) and no colon follows before the verb (a heading: "Om
    projektet: …")."""
    return any(lowers[i] in vocab.conditionals and (i == part.start or lowers[i - 1] == ",")
               and ":" not in lowers[i + 1:verb] for i in range(part.start, verb - 1))


def denied(lowers: list[str], verb: int, sent: Span, vocab: GrantVocabulary) -> bool:
    """A negation right after the verb or among the three words before it ("fick inte",
    "som varken sökt eller beviljats"): the sentence says no money went; "inte bara"
    limits, it does not deny ("fick inte bara 200 000 kronor utan också …")."""
    def negates(i: int) -> bool:
        return lowers[i] in vocab.negations and not (i + 1 < sent.end and lowers[i + 1] in vocab.negation_limiters)

    return verb + 1 < sent.end and negates(verb + 1) or any(negates(i) for i in range(max(sent.start, verb - 3), verb))



def measures_no_grant(doc: Doc, lowers: list[str], amount: Span, vocab: GrantVocabulary, rates: bool = True) -> bool:
    """An amount that is a ceiling ("upp till 40 000 kronor"), a rate ("25 000 kronor per person"), a change or a difference
    ("en ökning med 1,2 miljoner", "30 miljoner mer än förra året"), a budget or cost
    ("en totalbudget på 25 miljoner kronor"), a price ("kostar 300 000 kronor") or money
    owed or earned ("ett skadestånd på 22 000 kronor", "betala 12 miljoner i skatt"). A
    rate counts only when ``rates``: a figure per year that continues a statement
    ("116 miljoner per år") is that recipient's grant."""
    if amount._.qualifier in vocab.ceiling_qualifiers:
        return True  # "med upp till 40 000 kronor": what may be given
    if rates and vocab.rate.match(doc_text(doc)[amount.end_char: amount.end_char + 12]) is not None:
        return True
    i = amount.start - 1 - (len(amount._.qualifier.split()) if amount._.qualifier else 0)  # "med drygt 2 miljoner"
    before = lowers[i] if i >= 0 else ""
    if before == "med" and any(lowers[j] in vocab.change_words for j in range(max(0, i - 6), i)):
        return True
    if before in ("på", "om") and i > 0 and lowers[i - 1].endswith(vocab.measure_heads + vocab.owed_words) \
            or before in vocab.price_verbs:
        return True
    after = lowers[amount.end:amount.end + 2]
    if len(after) == 2 and after[0] == "i" and after[1].endswith(vocab.owed_words):
        return True
    return len(after) == 2 and after[0] in vocab.comparatives and after[1] in ("än", "jämfört")
