"""Named initiatives told by what the text says of them.

- After a naming cue: "går under namnet X", "som heter X", "ett projekt kallat x",
  "en så kallad X" (in lower case when the text makes the word a kind of project).
- In an apposition or predicate that says what it is: "X, ett projekt som ...",
  "X är ett treårigt program", a headline "X – ett integrationsprojekt", and a name in
  sentence case inside the sentence ("till Vänner för livet, ett projekt för unga").
- Before a cue naming who runs it, at the start of a sentence or list item:
  "X och Y drevs av Z"; as the object of a verb of running it: "Föreningen driver X",
  "för att starta X".
"""
from __future__ import annotations

from pipeline.nlp.grants.purpose import CLAUSE_ENDS
from pipeline.nlp.initiative_context import (
    SEPARATORS,
    Context,
    Found,
    organisation_named,
)
from pipeline.nlp.initiative_names import (
    LINKING_VERBS,
    kind_predicate,
    known_name,
    project_context,
)
from pipeline.nlp.initiative_vocabulary import (
    KIND_NOUN,
    NAME_NOUN,
    NAMING_CUE,
    OWNER_TITLE,
    RUN_BY_CUE,
)

MAX_APPOSITION_TOKENS = 5  # "X y z, ett projekt": a name in sentence case before an apposition


def naming(ctx: Context) -> list[Found]:
    """'går under namnet X', 'som heter X', 'ett projekt kallat x', 'en så kallad X'."""
    lowers = ctx.table.lowers
    found = []
    for last in ctx.at(NAMING_CUE):
        for cue, lowercase_ok in ctx.words.cues_by_end[lowers[last]]:
            j, i = last + 1, last + 1 - len(cue)
            if i < 0 or tuple(lowers[i:j]) != cue:
                continue
            lowercase_ok = lowercase_ok and any(ctx.words.kind_noun[w] or ctx.words.name_noun[w]
                                                for w in lowers[max(0, i - 3):i])
            text_wide = cue in ctx.words.text_wide_cues
            about_projects = project_context(ctx, i) or (text_wide and ctx.speaks_of_projects)
            lowercase_ok = lowercase_ok or (text_wide and j < ctx.n and _project_compound_of(ctx, lowers[j]))
            if ctx.follows_on_line(j) and ctx.opens_name(j, lowercase_ok) and about_projects:
                end = ctx.name_end(j, ctx.sentence(j)[1])
                if end > j:
                    found.append(Found(j, end, "naming"))
    return found


def _project_compound_of(ctx: Context, word: str) -> bool:
    """Does the text write ``word`` as the first part of a project noun ("ett så kallat
    snabbspår" ... "snabbspårsprojekten")? Then the lower-case word after "så kallat"
    names the projects of that kind, not just a term."""
    if len(word) < 4 or not word.isalpha():
        return False
    lowers = ctx.table.lowers
    return any(lowers[k].startswith(word) and len(lowers[k]) > len(word) + 3
               for bit in (NAME_NOUN, KIND_NOUN) for k in ctx.at(bit))


def appositions(ctx: Context) -> list[Found]:
    """'X, ett projekt som ...', 'X är ett treårigt program', 'X – en ny metod',
    'X, som är ett samarbete mellan ...'."""
    lowers, texts = ctx.table.lowers, ctx.table.texts
    found = []
    for k in [k for k in ctx.at(KIND_NOUN) if k > 2]:
        link = _link_before(ctx, k)
        if link is None:
            continue
        if link > 2 and lowers[link - 1] == "som" and texts[link - 2] == ",":
            link -= 2  # "X, som är ett projekt": the name ends at the comma
        sent_start, _ = ctx.sentence(link)
        start = ctx.first_word(sent_start, link)
        if start < link and _reads_as_name(ctx, start, link):
            found.append(Found(start, link, "apposition"))
            continue
        j = link
        while j > start and (texts[j - 1][:1].isupper() or texts[j - 1][:1].isdigit()) and link - j < 6:
            j -= 1
        sentence_case = j == link
        if sentence_case:
            j = _sentence_case_start(ctx, start, link)
        place = lowers[j - 1] in ctx.words.place_prepositions and not (
            sentence_case and lowers[j - 1] in ctx.words["purpose_prepositions"])
        if start < j < link and ctx.opens_name(j) and not place:
            found.append(Found(j, link, "apposition"))
    return found


def _sentence_case_start(ctx: Context, start: int, link: int) -> int:
    """The first word of a name with only its first word capitalised that ends at the
    link ("till Gröna vägar, ett projekt"): the nearest capitalised word inside the
    sentence, with words after it that may stand inside a name (no verb, stop word,
    punctuation or entity). ``link`` if there is none."""
    lowers, texts, words = ctx.table.lowers, ctx.table.texts, ctx.words
    if lowers[link - 1] in words["trailing_words"]:
        return link
    for j in range(link - 1, max(start, link - MAX_APPOSITION_TOKENS - 1), -1):
        if j in ctx.ent_at or not texts[j].isalnum() or words.finite_verb[lowers[j]] or lowers[j] in words["name_stops"] \
                or ctx.time_adverbial_at(j):
            return link
        if texts[j][:1].isupper():
            return j
    return link


def _link_before(ctx: Context, k: int) -> int | None:
    """The separator or linking verb before the predicate whose noun is token ``k``."""
    for i in range(k - 1, max(k - 6, 0), -1):
        if kind_predicate(ctx, i) == k:
            link = i - 1
            text, lower = ctx.table.texts[link], ctx.table.lowers[link]
            return link if text in SEPARATORS or lower in LINKING_VERBS else None
    return None


def _reads_as_name(ctx: Context, start: int, end: int) -> bool:
    """Do tokens [start, end), opening a sentence, read as a name: a capitalised first
    word that is no pronoun or generic subject, no verb, no clause punctuation?"""
    lowers, texts = ctx.table.lowers, ctx.table.texts
    if end - start > 10 or not ctx.opens_name(start) or lowers[start] in ctx.words["generic_subjects"]:
        return False
    for k in range(start, end):
        if (texts[k] in CLAUSE_ENDS and texts[k] not in ("–", "-")) or ctx.words.finite_verb[lowers[k]] \
                or lowers[k] in ctx.words["name_stops"] or ctx.words.name_noun[lowers[k]] or ctx.blocks_name(k):
            return False
    return lowers[end - 1] not in ctx.words["trailing_words"]


def run_by(ctx: Context) -> list[Found]:
    """'X drevs av Y', 'X och Z, drivet av Y' at the start of a sentence or list item."""
    lowers, texts = ctx.table.lowers, ctx.table.texts
    found = []
    for i in ctx.at(RUN_BY_CUE):
        if i + 1 >= ctx.n or lowers[i + 1] != "av":
            continue
        end = i - 1 if texts[i - 1] == "," else i
        start = ctx.first_word(ctx.sentence(i)[0], end)
        owner_name = _body_after(ctx, i + 2)
        if owner_name is None:
            continue  # "Aktionen genomfördes av olika nätverk": no body runs it
        for s, e in _split_names(ctx, start, end):
            if _reads_as_name(ctx, s, e):
                found.append(Found(s, e, "run_by", owner=owner_name))
    return found


def owned_by_title(ctx: Context) -> list[Found]:
    """'Projektägare för X är Y', 'Y är projektägare för X': the name after the title
    and 'för', owned by the body after the predicate or before it."""
    lowers = ctx.table.lowers
    found = []
    for k in ctx.at(OWNER_TITLE):
        if k + 2 >= ctx.n or lowers[k + 1] != "för" or not ctx.opens_name(k + 2):
            continue
        _, sent_end = ctx.sentence(k)
        end = ctx.name_end(k + 2, sent_end)
        owner = None
        if end < sent_end and lowers[end] == "är":
            owner = _body_after(ctx, end + 1)
        elif k >= 2 and lowers[k - 1] == "är" and (ent := ctx.ent_at.get(k - 2)) is not None and ent.label_ == "ORG":
            owner = ent._.normalized
        if owner is not None and end > k + 2:
            found.append(Found(k + 2, end, "owner_title", owner=owner))
    return found


def _body_after(ctx: Context, i: int) -> str | None:
    """The organisation named from token ``i`` on: an ORG entity or capitalised words."""
    ent = ctx.ent_at.get(i)
    if ent is not None:
        return ent._.normalized if ent.label_ == "ORG" and ent.start == i else None
    end = i
    while end < ctx.n and end - i < 6 and ctx.follows_on_line(end) and ctx.table.texts[end][:1].isupper() \
            and end not in ctx.ent_at:
        end += 1
    return organisation_named(ctx, i, end) if end > i else None


def _split_names(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """'X och Y' -> [X, Y] where a capitalised word follows the conjunction."""
    parts, s = [], start
    for k in range(start + 1, end - 1):
        if ctx.table.lowers[k] in ctx.words["name_joiners"] and ctx.table.texts[k + 1][:1].isupper():
            parts.append((s, k))
            s = k + 1
    parts.append((s, end))
    return [(a, b) for a, b in parts if b > a]


def run_objects(ctx: Context) -> list[Found]:
    """'Föreningen driver Gröna vägar', 'fått pengar för att starta Läxhjälpen': a
    capitalised name right after a verb of running it, in a text about projects."""
    if not ctx.speaks_of_projects:
        return []
    lowers, verbs = ctx.table.lowers, ctx.words["run_verbs"]
    found = []
    for i in [i for i, lower in enumerate(lowers) if lower in verbs]:
        if i > 0 and lowers[i - 1] != "att" and not _subject_before(ctx, i):
            continue  # "Mellan 2018 och 2021 bedrev X ...": after an adverbial the subject follows the verb
        end = _object_name_end(ctx, i + 1)
        if end is not None:
            found.append(Found(i + 1, end, "run_object"))
    return found


def grant_purposes(ctx: Context) -> list[Found]:
    """'Kommunen har fått 300 000 kronor för Gröna vägar', 'medel för X': a capitalised
    name after 'för' right after an amount or a noun of money given, in a text about
    projects (after 'till' stands the body that receives it)."""
    if not ctx.speaks_of_projects:
        return []
    lowers, grant_nouns = ctx.table.lowers, ctx.words["grant_nouns"]
    found = []
    for i in [i for i, lower in enumerate(lowers) if lower == "för" and i > 0]:
        money = ctx.ent_at.get(i - 1)
        if not (lowers[i - 1] in grant_nouns or (money is not None and money.label_ == "MONEY")):
            continue
        name_end = _object_name_end(ctx, i + 1)
        if name_end is not None:
            found.append(Found(i + 1, name_end, "purpose"))
    return found


def _object_name_end(ctx: Context, j: int) -> int | None:
    """The end of a capitalised name that opens at token ``j`` inside a sentence, cut
    before an entity ("Läxhjälpen i Norrby"); None if no name opens there or it is a
    body or place."""
    texts, lowers = ctx.table.texts, ctx.table.lowers
    if not ctx.follows_on_line(j) or j in ctx.ent_at or not ctx.opens_name(j) or ctx.table.sent_starts[j] \
            or not texts[j][:1].isupper():
        return None
    limit = ctx.name_end(j, ctx.sentence(j)[1])
    end = next((k for k in range(j, limit) if k in ctx.ent_at), limit)
    while end > j + 1 and lowers[end - 1] in ctx.words["trailing_words"]:
        end -= 1
    return end if end > j and not known_name(" ".join(texts[j:end])) else None


def _subject_before(ctx: Context, verb: int) -> bool:
    """Does the clause's subject stand right before the finite verb (a body, or the
    sentence's first word), so that what follows the verb is its object?"""
    ent = ctx.ent_at.get(verb - 1)
    if ctx.table.lowers[verb - 1] in ctx.words["name_stops"]:
        return False  # "Nu startar X": an adverb first, the subject after the verb
    if ent is not None:
        return ent.label_ == "ORG" and ent.start == ctx.first_word(ctx.sentence(verb)[0], verb)
    return ctx.first_word(ctx.sentence(verb)[0], verb) == verb - 1
