"""Who runs a named initiative, as the text says it.

In order of how directly the text says so: the organisation of a list line or table
row (given by the rule that found the name); an organisation in brackets after the
name ("X (Y kommun)"); a genitive before the project noun ("Y:s projekt X"); a cue
after the name ("X drivs av Y", "i regi av Y", "Projektägare: Y"), also in the next
sentence when it refers back ("Projektet drivs av Y"); the subject of a verb of
running ("Y driver projektet X", "Y har ansvaret för projektet X"); the recipient of a
grant statement that names the project ("Y har fått 400 000 kronor till projektet X",
"Länsstyrelsen beviljar Y 50 000 kronor för insatsen X"); the publisher when it
speaks of its own project ("vårt projekt X", "vi driver X"). The owner is the
organisation's name as the entity finders normalised it.
"""
from __future__ import annotations

from spacy.tokens import Span

from pipeline.nlp.extensions import span_text
from pipeline.nlp.initiative_context import Context, organisation_named
from pipeline.nlp.initiative_vocabulary import OWNER_TITLE

PREPOSITIONS_BEFORE_ACTOR = frozenset({"av", "från", "till", "för", "i", "på", "med", "hos", "inom", "vid", "mellan"})
COORDINATORS = frozenset({"och", "samt", "både", "såväl", "som", "även"})


def owner_of(ctx: Context, mentions: list[Span]) -> str | None:
    """The owner the text gives for an initiative mentioned at ``mentions`` (in order)."""
    for rule in (_bracketed, _genitive, _cue_after, _running_subject, _grant_recipient, _own):
        for mention in mentions:
            owner = rule(ctx, mention.start, mention.end)
            if owner and owner.casefold() != mention._.normalized.casefold():
                return owner
    return None


def _org_at(ctx: Context, i: int) -> Span | None:
    ent = ctx.ent_at.get(i)
    return ent if ent is not None and ent.label_ == "ORG" and ent.start == i else None


def _name(ent: Span | None) -> str | None:
    return None if ent is None else ent._.normalized or span_text(ent)


def _bracketed(ctx: Context, start: int, end: int) -> str | None:
    """'X (Y kommun)'."""
    if end + 2 < ctx.n and ctx.table.texts[end] == "(":
        ent = _org_at(ctx, end + 1)
        if ent is not None and ent.end < ctx.n and ctx.table.texts[ent.end] == ")":
            return _name(ent)
    return None


def _genitive(ctx: Context, start: int, end: int) -> str | None:
    """'Riksförbundets projekt X', 'Y:s satsning X': an organisation in the genitive
    right before the noun that introduces the name."""
    noun = start - 1
    if noun < 1 or not (ctx.words.name_noun[ctx.table.lowers[noun]] or ctx.table.texts[noun] in ctx.words.quote_marks):
        return None
    if ctx.table.texts[noun] in ctx.words.quote_marks:
        noun -= 1
    ent = ctx.ent_at.get(noun - 1)
    if ent is None or ent.label_ != "ORG" or ent.end != noun:
        return None
    return _name(ent) if span_text(ent).endswith("s") else None


def _cue_after(ctx: Context, start: int, end: int) -> str | None:
    """'X drivs av Y', 'X, i regi av Y'; or the next sentence: 'Projektet drivs av: Y'."""
    _, sent_end = ctx.sentence(start)
    owner = _cue_in(ctx, end, sent_end)
    if owner is None and sent_end < ctx.n:
        nxt_start, nxt_end = ctx.sentence(sent_end)
        first = ctx.first_word(nxt_start, nxt_end)
        if first < nxt_end and (ctx.table.lowers[first] in ctx.words["heading_anaphora"]
                                or ctx.table.lowers[first] in {"projektägare", "huvudman"}):
            owner = _cue_in(ctx, first, nxt_end)
    return owner


def _cue_in(ctx: Context, start: int, end: int) -> str | None:
    lowers, texts = ctx.table.lowers, ctx.table.texts
    for k in range(start, end):
        after = None
        if lowers[k] in ctx.words["run_by_cues"] and k + 1 < end and lowers[k + 1] == "av":
            after = k + 2
        elif lowers[k] in ctx.words.owner_phrase_starts:
            for phrase in ctx.words.owner_phrases:
                if tuple(lowers[k:k + len(phrase)]) == phrase:
                    after = k + len(phrase)
                    break
        if after is not None:
            while after < end and texts[after] in (":", " "):
                after += 1
            ent = _org_at(ctx, after)
            if ent is not None:
                return _name(ent)
            run = after
            while run < end and run - after < 6 and (texts[run][:1].isupper() or ctx.words.org_word[lowers[run]]):
                run += 1
            if run > after:
                return organisation_named(ctx, after, run)
    return None


def _running_subject(ctx: Context, start: int, end: int) -> str | None:
    """'Y driver projektet X', 'Y har ansökt om medel för X', 'I maj anordnade Y
    konferensen X': the organisation that is the subject of a verb of running, the one
    nearest before the name in its sentence."""
    sent_start, _ = ctx.sentence(start)
    lowers = ctx.table.lowers
    verb = next((k for k in range(start - 1, sent_start - 1, -1) if lowers[k] in ctx.words["owner_verbs"]), None)
    if verb is None:
        return None
    return _name(_subject_before(ctx, sent_start, verb) or _subject_after(ctx, verb, start))


def _subject_before(ctx: Context, sent_start: int, verb: int) -> Span | None:
    """The first organisation before ``verb`` in its sentence that no preposition governs
    ("från både X och Y" governs both)."""
    lowers = ctx.table.lowers
    governed = False
    for k in range(sent_start, verb):
        ent = _org_at(ctx, k)
        if ent is None or ent.end > verb:
            continue
        before = [w for w in lowers[max(sent_start, k - 2):k] if w not in COORDINATORS]
        if before and before[-1] in PREPOSITIONS_BEFORE_ACTOR or governed and lowers[k - 1] in COORDINATORS:
            governed = True
            continue
        return ent
    return None


def _subject_after(ctx: Context, verb: int, limit: int) -> Span | None:
    """The subject right after the finite verb in verb-second order ("I år startar Y ...")."""
    ent = _org_at(ctx, verb + 1)
    return ent if ent is not None and ent.end <= limit else None


def _grant_recipient(ctx: Context, start: int, end: int) -> str | None:
    """The recipient of a grant stated in the name's sentence; or in the sentence before
    it, when the name's sentence refers back to it ("Projektet går under namnet X",
    "Det är projektet X som ..."); or in the one after a headline naming it."""
    sent_start, sent_end = ctx.sentence(start)
    owner = _recipient_in(ctx, sent_start, sent_end)
    if owner is None and sent_start > 0 and ctx.table.lowers[ctx.first_word(sent_start, sent_end)] in ctx.words.refers_back:
        owner = _recipient_in(ctx, *ctx.sentence(sent_start - 1))
    if owner is None and sent_end < ctx.n and not any(ctx.words.finite_verb[w] for w in ctx.table.lowers[sent_start:sent_end]):
        owner = _recipient_in(ctx, *ctx.sentence(sent_end))
    return owner


def _recipient_in(ctx: Context, sent_start: int, sent_end: int) -> str | None:
    if not ctx.has_money(sent_start, sent_end):
        return None
    give, receive = ctx.words.give, ctx.words.receive
    lowers = ctx.table.lowers
    verb = next((k for k in range(sent_start, sent_end) if lowers[k] in give or lowers[k] in receive), None)
    if verb is None:
        return None
    if lowers[verb] in receive:  # "Y har fått ...", or a passive with Y after it: "har beviljats Y"
        return _name(_subject_before(ctx, sent_start, verb) or _subject_after(ctx, verb, sent_end))
    for k in range(verb + 1, min(verb + 4, sent_end)):
        ent = _org_at(ctx, k)
        if ent is not None:
            return _name(ent) if k == verb + 1 or lowers[k - 1] == "till" else None
    return None


def stated_owner(ctx: Context) -> str | None:
    """An owner the text states on its own: 'Projektägare: Y', 'Projektägare' above a
    line 'Y', 'Y är projektägare'."""
    texts, lowers = ctx.table.texts, ctx.table.lowers
    for k in ctx.at(OWNER_TITLE):
        after = k + 1
        while after < ctx.n and (texts[after] in (":", "är") or texts[after].isspace()):
            after += 1
        ent = _org_at(ctx, after)
        if ent is not None and after - k <= 3:
            return _name(ent)
        if k >= 2 and lowers[k - 1] == "är":
            ent = ctx.ent_at.get(k - 2)
            if ent is not None and ent.label_ == "ORG":
                return _name(ent)
    return None


def _own(ctx: Context, start: int, end: int) -> str | None:
    """'vårt projekt X', 'vi driver X': the publisher's own initiative."""
    if not ctx.doc._.publisher:
        return None
    lowers = ctx.table.lowers
    sent_start, _ = ctx.sentence(start)
    before = lowers[max(sent_start, start - 3):start]
    own = ctx.words["own_words"]
    if any(w in own and w != "vi" for w in before):
        return ctx.doc._.publisher
    clause = lowers[sent_start:start]
    if any(a == "vi" and b in ctx.words["owner_verbs"] for a, b in zip(clause, clause[1:])):
        return ctx.doc._.publisher
    return None
