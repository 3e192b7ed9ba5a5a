"""Named events as initiatives: "Kulturnatten", "Konstrundan", "Integrationsveckan".

Swedish writes the name of a recurring event or activity as one capitalised compound
whose last part says what kind of event it is (-natten, -rundan, -veckan, -marknaden:
``event_heads`` in initiative_words.json). Written in lower case the same word is a
common noun ("kulturnatten i Norrby"), so a word counts only when the text never writes
it in lower case, and only when it stands inside a sentence somewhere: a capital at a
sentence's start says nothing.
"""
from __future__ import annotations

from pipeline.nlp.initiative_context import Context, Found, known_names

MIN_PREFIX = 3  # "Kultur|natten": a compound, not the head alone ("Natten", "Dagen")


def event_names(ctx: Context) -> list[Found]:
    """Each mention of a capitalised event compound that the text names as one."""
    texts, starts = ctx.table.texts, ctx.table.sent_starts
    heads = tuple(ctx.words["event_heads"])
    candidates = [i for i, text in enumerate(texts) if _event_shaped(text, heads)]
    if not candidates:
        return []
    lower = ctx.table.lower_case_words
    inside = {texts[i] for i in candidates if not starts[i] and not ctx.table.newline_before[i]}
    return [Found(i, i + 1, "event") for i in candidates
            if texts[i] in inside and texts[i].lower() not in lower and i not in ctx.ent_at
            and not known_names()[texts[i]]]


def _event_shaped(text: str, heads: tuple[str, ...]) -> bool:
    if not (text[:1].isupper() and text[1:].islower() and text.isalpha()):
        return False
    lower = text.lower()
    return lower.endswith(heads) and any(lower.endswith(h) and len(lower) - len(h) >= MIN_PREFIX for h in heads)
