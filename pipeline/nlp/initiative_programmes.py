"""National programmes that releases name without a cue: "Svenska från dag ett",
"Tidiga insatser för asylsökande".

A state programme runs across the country for years, so a release takes for granted
that its reader knows the name ("Studieförbunden erbjuder Svenska från dag ett") and
writes no project noun, quotation marks or owner beside it. Its words are common
Swedish words, so the name counts only when written in full with its capital
(``national_programmes`` in initiative_words.json); in lower case it is a description
("tidiga insatser för asylsökande behövs").
"""
from __future__ import annotations

from pipeline.nlp.initiative_context import Context, Found


def national_programmes(ctx: Context) -> list[Found]:
    """Each mention of a national programme's name, written in full and capitalised."""
    lowers, texts = ctx.table.lowers, ctx.table.texts
    by_first = ctx.words.national_programmes
    found = []
    for i, lower in enumerate(lowers):
        for words in by_first.get(lower, ()):
            if texts[i][:1].isupper() and tuple(lowers[i:i + len(words)]) == words:
                found.append(Found(i, i + len(words), "programme"))
                break
    return found
