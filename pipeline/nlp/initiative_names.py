"""Named initiatives in running text: how Swedish introduces the name of a project.

- After a noun that says what it is: "projektet X", "satsningen X", "mötesplats X",
  "projektet, X, ...", compounds ("integrationsprojektet X", after a genitive also the
  indefinite "kommunens integrationssatsning X"), plural nouns before two names
  ("folkbildningsinsatserna X och Y"), an acronym in brackets ("naturvårdssatsningen (ABC)"),
  or after a noun and the preposition that says what it is about ("satsningen på X"); a
  name written as a question runs to its question mark ("projektet Vem är du? Om språk").
- As one hyphenated word: "X-projektet" (a name in sentence case too: "Gröna
  vägar-projektet"), and an acronym before a grant word ("ABCD-bidrag", "ABC- medel"),
  named by the expansion the text gives for it.
- In quotation marks next to such a noun, a naming cue or a list label, never quoted
  speech ("”Det är viktigt”, säger ...").
- After "inom" in a text about projects: "inom Läxhjälpen", "inom X, Y och på Z".

Names told by what the text says of them (what they are called, an apposition, who runs
them) are read by :mod:`pipeline.nlp.initiative_predicates`.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from pipeline.nlp.extensions import written_name
from pipeline.nlp.grants.purpose import CLAUSE_ENDS
from pipeline.nlp.initiative_context import (
    SEPARATORS,
    Context,
    Found,
    known_names,
    organisation_named,
)
from pipeline.nlp.initiative_vocabulary import (
    INNER_HYPHEN,
    KIND_NOUN,
    NAME_NOUN,
    QUOTE_MARK,
    WITHIN_CUE,
)

MAX_QUOTED_TOKENS = 14
MAX_QUESTION_TOKENS = 10  # "projektet Vem är du? Om språk": the question, and its subtitle
MAX_HYPHEN_NAME_TOKENS = 4  # "Gröna vägar-projektet": the words before the hyphenated one
MAX_WITHIN_TOKENS = 4  # "inom X": a short name; a longer phrase is running text
LINKING_VERBS = frozenset({"är", "var", "blir", "blev"})
ARTICLES = frozenset({"ett", "en"})


def after_nouns(ctx: Context) -> list[Found]:
    """'projektet X', 'folkbildningsinsatserna X och Y', 'naturvårdssatsningen (ABC)', 'satsningen på X'."""
    texts, lowers = ctx.table.texts, ctx.table.lowers
    plural = ctx.words.plural_kind_noun
    found = []
    for i in sorted(ctx.at(NAME_NOUN) + _after_genitive(ctx)):
        j = i + 1
        if j + 2 < ctx.n and texts[j] == "(" and texts[j + 2] == ")" and is_acronym(texts[j + 1]) \
                and not known_name(texts[j + 1]):
            found.append(acronym_found(ctx, j + 1, texts[j + 1], "noun_acronym"))
            continue
        rule = "after_noun"
        if j + 1 < ctx.n and lowers[j] in ctx.words.object_prepositions.get(lowers[i], ()):
            j, rule = j + 1, "object"  # "satsningen på X": a capitalised name only, as below
        elif j + 1 < ctx.n and texts[j] == ",":
            j, rule = j + 1, "apposition"  # "projektet, X, startar": the name between commas, as below
        lowercase_ok = rule == "after_noun" and _heading_of_noun(ctx, i)
        if rule == "after_noun" and (question := _question_name(ctx, j)) is not None:
            found.append(Found(j, question, "question"))
            continue
        if not ctx.follows_on_line(j) or not ctx.opens_name(j, lowercase_ok=lowercase_ok):
            continue
        sent_start, sent_end = ctx.sentence(i)
        subject = ctx.first_word(sent_start, i + 1) == i
        end = ctx.name_end(j, sent_end, subject)
        if rule == "apposition" and (end >= sent_end or texts[end] != "," or _person_shaped(texts[j:end])):
            continue
        while end > j:
            found.append(Found(j, end, rule))
            joined = lowers[end] in ctx.words["name_joiners"] or texts[end] == ","
            if not (plural[lowers[i]] and end + 1 < sent_end and joined and ctx.opens_name(end + 1)):
                break
            j = end + 1
            end = ctx.name_end(j, sent_end, subject)
    return _full_questions(ctx, found)


def _full_questions(ctx: Context, found: list[Found]) -> list[Found]:
    """A question name written once with its subtitle and once without ("projektet Vem
    är du? Om språk" ... "Projektet Vem är du? startar") is one name, the full one."""
    texts = ctx.table.texts
    questions = [f for f in found if f.rule == "question"]
    out = []
    for f in found:
        words = texts[f.start:f.end]
        longer = next((q for q in questions if q.end - q.start > len(words) and texts[q.start:q.start + len(words)] == words),
                      None)
        out.append(replace(f, normalized=written_name(Span(ctx.doc, longer.start, longer.end))) if longer else f)
    return out


def _question_name(ctx: Context, j: int) -> int | None:
    """The end of a name written as a question after a project noun ("projektet Vem är
    du? Om språk och identitet"): to the question mark on the same line, with a subtitle
    after it that is a short phrase without a verb. None if token ``j`` opens no question."""
    texts, lowers = ctx.table.texts, ctx.table.lowers
    if j >= ctx.n or lowers[j] not in ctx.words["question_words"] or not texts[j][:1].isupper():
        return None
    mark = next((k for k in range(j + 1, min(j + MAX_QUESTION_TOKENS, ctx.n)) if texts[k] in CLAUSE_ENDS
                 or ctx.table.newline_before[k]), None)
    if mark is None or texts[mark] != "?" or ctx.table.newline_before[mark]:
        return None
    start, end = ctx.sentence(mark + 1) if mark + 1 < ctx.n else (ctx.n, ctx.n)
    if start != mark + 1 or not ctx.follows_on_line(start) or not texts[start][:1].isupper():
        return mark + 1
    stop = next((k for k in range(start, end) if texts[k] in CLAUSE_ENDS or ctx.table.newline_before[k]), end)
    if stop - start <= MAX_QUESTION_TOKENS and not any(ctx.words.finite_verb[w] for w in lowers[start:stop]):
        return stop
    return mark + 1


def _person_shaped(words: list[str]) -> bool:
    """Two or three capitalised words ("Karin Holmgren") between commas after a noun are
    more often a person the text names beside it ("Ledaren för nätverket, Karin Holmgren,")."""
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)


def _after_genitive(ctx: Context) -> list[int]:
    """Indefinite compounds of a kind noun after a genitive, which Swedish writes before
    a name as the definite form elsewhere: "kommunens integrationssatsning X",
    "Föreningen Hopps läxhjälpsprojekt X" (not the bare noun: "kommunens projekt" is
    read by the name nouns)."""
    texts, lowers = ctx.table.texts, ctx.table.lowers
    found = []
    for i in ctx.at(KIND_NOUN):
        if i == 0 or ctx.words.name_noun[lowers[i]] or lowers[i] in ctx.words["kind_nouns"]:
            continue
        before, ent = texts[i - 1], ctx.ent_at.get(i - 1)
        if before.endswith("s") and len(before) > 2 and before.isalpha() and (
                before[:1].isupper() or (ent is not None and ent.label_ == "ORG" and ent.end == i)):
            found.append(i)
    return found


def _heading_of_noun(ctx: Context, i: int) -> bool:
    """Is token ``i`` a project noun opening a heading of a few words, so that the name
    after it may be written in lower case ("Projekt läxhjälp")? The words after it are
    no function words and no verb, and the line has no final punctuation."""
    if ctx.first_word(ctx.line_start(i), i + 1) != i:
        return False
    end = ctx.line_end(i)
    while end > i and ctx.table.texts[end - 1].isspace():
        end -= 1
    words, lowers = ctx.words, ctx.table.lowers
    return 1 < end - i <= 5 and ctx.table.texts[end - 1].isalnum() and not any(
        w in words["trailing_words"] or w in words["name_stops"] or words.finite_verb[w] for w in lowers[i + 1:end])


def is_acronym(text: str) -> bool:
    return 3 <= len(text) <= 6 and text.isalpha() and text.isupper()


def known_name(text: str) -> bool:
    """A body or place in the reference data ("ESF", "Halland"): not an initiative's name."""
    return known_names()[text]


def hyphen_compounds(ctx: Context) -> list[Found]:
    """'Lotsen-projektet' (the whole word is the name); 'ABCD-bidrag', 'ABC- medel'."""
    texts, lowers = ctx.table.texts, ctx.table.lowers
    heads, grant_words = ctx.words["hyphen_heads"], ctx.words["grant_suffixes"]
    found = []
    for i in ctx.at(INNER_HYPHEN):
        prefix, _, suffix = texts[i].rpartition("-")
        suffix = suffix.lower()
        if not suffix and i + 1 < ctx.n and lowers[i + 1] in grant_words:
            suffix = lowers[i + 1]  # "ABC- medel": the hyphen ends the word
        if suffix in heads and prefix[:1].isupper() and len(prefix) >= 3 and not known_name(prefix) \
                and not known_name(prefix.rstrip("s")):
            found.append(Found(i, i + 1, "hyphen"))
        elif suffix in heads and prefix.isalpha() and prefix.islower() and (first := _name_opening(ctx, i)) is not None:
            found.append(Found(first, i + 1, "hyphen"))  # "Gröna vägar-projektet"
        elif suffix in grant_words and is_acronym(prefix) and not known_name(prefix):
            found.append(acronym_found(ctx, i, prefix, "acronym_grant"))
    return found


def _name_opening(ctx: Context, i: int) -> int | None:
    """The capitalised first word of a name in sentence case that token ``i`` ends
    ("Gröna vägar-projektet"): at most a few words back, none a verb, stop word or entity."""
    lowers, texts, words = ctx.table.lowers, ctx.table.texts, ctx.words
    for k in range(i - 1, max(i - MAX_HYPHEN_NAME_TOKENS, -1), -1):
        if k in ctx.ent_at or not texts[k].isalpha() or words.finite_verb[lowers[k]] or lowers[k] in words["name_stops"] \
                or not ctx.follows_on_line(k + 1):
            return None
        if texts[k][:1].isupper():
            return k if ctx.opens_name(k) and not known_name(" ".join(texts[k:i])) else None
    return None


def acronym_found(ctx: Context, i: int, acronym: str, rule: str) -> Found:
    """An acronym that names a programme, named by its expansion when the text gives one
    next to any of its mentions ("ABC (arbete bortom centrum)", "ABC-medel, Arbete bortom centrum")."""
    if acronym not in ctx.expansions:  # once per acronym: a text may use it many times
        ctx.expansions[acronym] = next(
            (e for k in mentions_of(ctx, acronym) if (e := acronym_expansion(ctx, k, acronym))), None)
    return Found(i, i + 1, rule, normalized=ctx.expansions[acronym] or acronym, acronym=acronym)


def mentions_of(ctx: Context, acronym: str) -> list[int]:
    """Tokens that are the acronym or a compound it opens ("ABC", "ABC-medel")."""
    texts = ctx.table.texts
    return [k for k in ctx.at(INNER_HYPHEN) if texts[k].startswith(acronym + "-")] + [
        k for k, text in enumerate(texts) if text == acronym]


def acronym_expansion(ctx: Context, i: int, acronym: str) -> str | None:
    """Words within a few tokens of token ``i`` whose initials spell ``acronym`` (function
    words in between may be skipped), capitalised as a name."""
    lowers, texts = ctx.table.lowers, ctx.table.texts
    letters, skip = acronym.lower(), ctx.words["acronym_skip_words"]
    sent_start, sent_end = ctx.sentence(i)
    for j in range(max(sent_start, i - 3 * len(letters) - 3), min(sent_end, i + 6)):
        k, n = j, 0
        while k < sent_end and n < len(letters):
            if lowers[k][:1] == letters[n] and lowers[k].isalpha() and k != i:
                n, k = n + 1, k + 1
            elif n and lowers[k] in skip:
                k += 1
            else:
                break
        if n == len(letters) and (k <= i or j > i):
            words = " ".join(texts[j:k])
            return words[:1].upper() + words[1:]
    return None


def quoted(ctx: Context) -> list[Found]:
    """Names in quotation marks with a project noun, naming cue or list label next to them."""
    found = []
    for opener, closer in quote_pairs(ctx):
        start, end = opener + 1, closer
        label = list_label(ctx, opener)
        if closer is None:  # 'Förening: ”Name. More text' - a label's name runs to the full stop
            if label is None:
                continue
            end = start
            while end < ctx.sentence(start)[1] and ctx.table.texts[end] not in (".", "!", "?"):
                end += 1
        if not 0 < end - start <= MAX_QUOTED_TOKENS or not ctx.table.texts[start][:1].isalnum():
            continue
        if ctx.table.texts[end - 1] in (".", "!") or is_speech(ctx, closer):
            continue
        if label is not None or noun_before(ctx, opener) or kind_after(ctx, closer) or verb_or_purpose_before(ctx, opener) \
                or (cue_before(ctx, opener) and project_context(ctx, opener)):
            found.append(Found(start, end, "quoted", owner=label, quoted=True))
    return found


def quote_pairs(ctx: Context) -> list[tuple[int, int | None]]:
    """(opener, closer) token indices of quotations on one line; closer None if unclosed."""
    texts = ctx.table.texts
    closers = ctx.words.quote_closers
    pairs, open_at, open_line = [], None, -1
    for i in ctx.at(QUOTE_MARK):
        line = ctx.line_start(i)
        if open_at is not None and line != open_line:
            pairs.append((open_at, None))
            open_at = None
        text = texts[i]
        if open_at is not None and text in closers[texts[open_at]]:
            pairs.append((open_at, i))
            open_at = None
        elif open_at is None and text in closers:
            open_at, open_line = i, line
    if open_at is not None:
        pairs.append((open_at, None))
    return pairs


def is_speech(ctx: Context, closer: int | None) -> bool:
    """A quotation followed by an attribution ("”...”, säger Anna") is speech."""
    if closer is None:
        return False
    k = closer + 1
    while k < ctx.n and ctx.table.texts[k] in (",", "–", "-"):
        k += 1
    return k < ctx.n and ctx.table.lowers[k] in ctx.words.attribution


def noun_before(ctx: Context, opener: int) -> bool:
    """'projektet ”X”', 'Projekt ”X”', 'konferensen ”X”' (events count when quoted)."""
    if opener == 0:
        return False
    lower, words = ctx.table.lowers[opener - 1], ctx.words
    return words.name_noun[lower] or words.plural_kind_noun[lower] or words.event_noun[lower]


def verb_or_purpose_before(ctx: Context, opener: int) -> bool:
    """'Föreningen startar ”X”' (a verb whose subject runs what it names), '50 000 kronor
    till ”X”' (what a grant goes to, in a sentence about money); a capitalised name only
    ('stipendier till ”författare som ...”' is a description)."""
    if opener == 0 or opener + 1 >= ctx.n or not ctx.table.texts[opener + 1][:1].isupper():
        return False
    lower = ctx.table.lowers[opener - 1]
    if lower in ctx.words["owner_verbs"]:
        return True
    if lower not in ctx.words["purpose_prepositions"]:
        return False
    start, end = ctx.sentence(opener)
    words = ctx.words
    return ctx.has_money(start, end) or any(w in words.give or w in words.receive for w in ctx.table.lowers[start:end])


def project_context(ctx: Context, i: int) -> bool:
    """Does the sentence of token ``i``, or the one before, speak of a project?"""
    start, end = ctx.sentence(i)
    if start > 0:
        start = ctx.sentence(start - 1)[0]
    words = ctx.words
    return any(words.name_noun[w] or words.kind_noun[w] or words.plural_kind_noun[w] for w in ctx.table.lowers[start:end])


def cue_before(ctx: Context, i: int) -> bool:
    """Does a naming cue ("som heter", "kallat") end right before token ``i``?"""
    lowers = ctx.table.lowers
    return any(i >= len(cue) and tuple(lowers[i - len(cue):i]) == cue for cue, _ in ctx.words.naming_cues)


def kind_after(ctx: Context, closer: int | None) -> bool:
    """'”X”, programmet som ...', '”X” är ett projekt ...', '”X” – en metod'."""
    if closer is None:
        return False
    lowers, texts = ctx.table.lowers, ctx.table.texts
    k = closer + 1
    if k + 1 < ctx.n and texts[k] == "," and ctx.words.name_noun[lowers[k + 1]]:
        return True
    return k < ctx.n and (texts[k] in SEPARATORS or lowers[k] in LINKING_VERBS) and kind_predicate(ctx, k + 1) is not None


def kind_predicate(ctx: Context, i: int) -> int | None:
    """The token of the noun in "ett treårigt projekt", "Sveriges största mentorprogram"
    starting at ``i``: an article or a genitive, up to three modifiers, a kind noun."""
    lowers, texts = ctx.table.lowers, ctx.table.texts
    if i >= ctx.n or not (lowers[i] in ARTICLES or (texts[i][:1].isupper() and lowers[i].endswith("s"))):
        return None
    for k in range(i + 1, min(i + 5, ctx.n)):
        if ctx.words.kind_noun[lowers[k]]:
            return k
        if not texts[k].isalpha() or not texts[k].islower() or ctx.words.finite_verb[lowers[k]]:
            return None
    return None


def list_label(ctx: Context, opener: int) -> str | None:
    """The organisation labelling a list item 'Föreningen X: ”Name”': the words between
    the line's start and a colon right before the quotation, if they name a body."""
    if opener < 2 or ctx.table.texts[opener - 1] != ":":
        return None
    start = ctx.first_word(ctx.line_start(opener), opener)
    return organisation_named(ctx, start, opener - 1) if start < opener - 1 else None


def within(ctx: Context) -> list[Found]:
    """'inom Läxhjälpen', 'inom ramen för Nya steg', 'inom X, Y och på Z' (a list of names)."""
    lowers, texts = ctx.table.lowers, ctx.table.texts
    cues = [tuple(c) for c in ctx.words.raw["within_cues"]]
    found = []
    for i in ctx.at(WITHIN_CUE) if ctx.speaks_of_projects else []:
        cue = next((c for c in cues if tuple(lowers[i:i + len(c)]) == c), None)
        if cue is None:  # "målet" without "med"
            continue
        j = i + len(cue)
        sent_end = ctx.sentence(i)[1]
        while ctx.follows_on_line(j) and ctx.opens_name(j) and j not in ctx.ent_at:
            end = ctx.name_end(j, min(sent_end, j + MAX_WITHIN_TOKENS))
            if end <= j:
                break
            found.append(Found(j, end, "within"))
            if end + 1 < sent_end and (texts[end] == "," or lowers[end] in ctx.words["name_joiners"]):
                j = end + 1
            else:
                break
    return found
