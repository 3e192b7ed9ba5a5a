"""Who funds and who receives: the choice among a grant clause's actors.

The verb's voice decides the roles: with a giving verb ("beviljar", "ger") the
clause's subject is the funder and the indirect object (or the actor after "till")
the recipient; with a receiving verb ("får", "beviljas") the subject is the
recipient and the actor after "från"/"av" the funder. The subject is the first actor
before the verb that is not inside a prepositional phrase, or, in verb-second order
("I år får Mora kommun"), the actor right after it. This is the one place that
decides; a learned scorer of (funder, recipient) candidates would replace
:func:`clause_roles`.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.nlp.grants.clauses import Actor, Clause, destination_of, that_clause_start
from pipeline.nlp.grants.vocabulary import GrantVocabulary


def clause_roles(doc: Doc, clause: Clause, vocab: GrantVocabulary, body: str | None) -> tuple[str | None, str | None]:
    """(funder, recipient) of a grant clause. A passive verb with no party named stands
    for ``body``, the body the release is about: as the giver when it hands out
    ("Sammanlagt fördelades 3,5 miljoner kronor"), else as the one granted the money
    ("Ytterligare 30 miljoner beviljas ...")."""
    verb = clause.verb
    funder, recipient = word_order_roles(doc, clause.sent, verb, clause.actors, vocab)
    if verb.lower_ in vocab.distribution_passives:
        if funder is None and body != recipient:
            funder = body
    elif recipient is None and verb.lower_ in vocab.receive and verb.lower_.endswith("s") and body != funder \
            and not (vocab.recipient_groups - vocab.total_openers).intersection(t.lower_ for t in doc[clause.sent.start:verb.i]):
        recipient = body  # unless a group is the subject: "föreningarna där har tilldelats 5 000 kronor"
    return funder, recipient


def word_order_roles(doc: Doc, sent: Span, verb: Token, actors: list[Actor],
                     vocab: GrantVocabulary) -> tuple[str | None, str | None]:
    """(funder, recipient) from the clause's word order around the transfer verb."""
    def after_word(actor: Actor, words) -> bool:
        return actor.start > 0 and doc[actor.start - 1].lower_ in words

    other_clause = next((i for i in range(verb.i + 1, sent.end) if doc[i].lower_ in vocab.subordinators), sent.end)
    giver = subordinate_giver(doc, other_clause, actors, vocab)
    relative = relative_clause_tokens(doc, sent, verb)
    actors = [a for a in actors if a.start < other_clause and a.start not in relative]
    before = [a for a in actors if a.end <= verb.i and not after_word(a, vocab.prepositions)]
    that = that_clause_start(doc, sent, verb)
    reported = [a for a in before if a.start > that]
    decider = before[0] if reported and before[0].start < that and doc[that - 1].lower_ in vocab.decision_words else None
    before = reported or before  # "X meddelar att Y får …": Y is the verb's subject, X the one who tells
    after = [a for a in actors if a.start > verb.i]
    subject = before[0] if before else None
    finite = verb.lower_ not in vocab.infinitives
    if subject is None and finite and verb_second(doc, sent, verb, vocab):
        # "I år får Mora kommun ...", "År 2017 fördelade Folkbildningsrådet ..."
        subject = next((a for a in after if a.start <= verb.i + 2 and not after_word(a, vocab.prepositions)), None)
    source = next((a for a in actors if a is not subject and after_word(a, vocab.funder_prepositions)), None)
    target = next((a for a in after if a is not subject and after_word(a, vocab.recipient_prepositions)), None)
    object_ = next((a for a in after if a is not subject and not after_word(a, vocab.prepositions)), None)
    if verb.lower_ in vocab.destination:  # "pengarna går till X", "1,9 miljoner tillfaller X"
        recipient, funder = destination_of(doc, verb, actors, vocab), source
    elif verb.lower_ in vocab.receive:
        recipient, funder = subject or target or object_, source
    else:  # the money comes from a body named after the verb ("ger projektet 17 miljoner från fonden"): it funds
        funder = source if source is not None and source.start > verb.i and doc[source.start - 1].lower_ == "från" \
            else subject or source
        recipient = target or object_
    funder = funder or giver or decider  # "Arvsfonden har beslutat att Y får …": who decides gives
    funder_name = funder.name if funder else None
    recipient_name = recipient.name if recipient else None
    if funder_name == recipient_name:
        recipient_name = None
    return funder_name, recipient_name


def relative_clause_tokens(doc: Doc, sent: Span, verb: Token) -> set[int]:
    """The tokens of the relative clauses (", som …" to the next comma) that do not
    hold the verb: their parties ("projektet, som drivs av Föreningen X,") are no
    party of the grant."""
    inside: set[int] = set()
    i = sent.start
    while i < sent.end - 1:
        if doc[i].text == "," and doc[i + 1].lower_ == "som":
            end = next((j for j in range(i + 2, sent.end) if doc[j].text == ","), sent.end)
            if not i < verb.i < end:
                inside.update(range(i + 1, end))
            i = end
        else:
            i += 1
    return inside


def subordinate_giver(doc: Doc, start: int, actors: list[Actor], vocab: GrantVocabulary) -> Actor | None:
    """The subject of a clause of giving that ``start`` opens: "när Stiftelsen X delade
    ut pengar" (the actor right after the subordinator, a verb of giving after it)."""
    subject = next((a for a in actors if a.start in (start + 1, start + 2)), None)
    if subject is None:
        return None
    verb = next((i for i in range(subject.end, min(subject.end + 4, len(doc))) if doc[i].lower_ in vocab.give), None)
    return subject if verb is not None else None


def verb_second(doc: Doc, sent: Span, verb: Token, vocab: GrantVocabulary) -> bool:
    """Whether the clause puts its subject after the verb: it opens with an adverbial."""
    first = sent[0]
    while first.is_space or first.is_punct and first.i < verb.i:
        first = doc[first.i + 1]
    return first.lower_ in vocab.v2_openers or first.like_num or doc[verb.i - 1].text == ","
