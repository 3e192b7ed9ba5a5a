"""Names given in a labelled field of a form-like page: "Projektnamn: X",
"Projektets namn: X", or the label on a line of its own above the name
("Projektnamn" / "X"), as grant decisions and project pages list them.

The page delimits the name (the rest of the line), so it may hold a place or a body
("Projektnamn: Vägen till Arbetsförmedlingen").
"""
from __future__ import annotations

from pipeline.nlp.initiative_context import Context, Found

MAX_LABELLED_TOKENS = 14
SENTENCE_ENDS = frozenset({".", "!", "?"})


def labelled_names(ctx: Context) -> list[Found]:
    """The name after each project-name label that opens a line."""
    lowers = ctx.table.lowers
    found = []
    for line in ctx.line_starts:
        k = ctx.first_word(line, ctx.line_end(line))
        label = next((lab for lab in ctx.words.name_labels if tuple(lowers[k:k + len(lab)]) == lab), None)
        if label is None:
            continue
        start = _value_start(ctx, k + len(label))
        if start is None:
            continue
        end = _value_end(ctx, start)
        if 0 < end - start <= MAX_LABELLED_TOKENS and ctx.opens_name(start, any_word=True):
            found.append(Found(start, end, "label", quoted=start > 0 and ctx.table.texts[start - 1] in ctx.words.quote_marks))
    return found


def _value_start(ctx: Context, after: int) -> int | None:
    """Where the field's value starts: after the label's colon on the same line, or on
    the next line when the label stands alone ("Projektnamn" / "X")."""
    texts = ctx.table.texts
    if after < ctx.n and texts[after] == ":":
        after += 1
    while after < ctx.n and texts[after].isspace() and not ctx.table.newline_before[after]:
        after += 1
    if after < ctx.n and texts[after].isspace():  # the label ends its line: the value is the next line
        line_end = ctx.line_end(after)
        after = ctx.first_word(line_end, ctx.line_end(line_end)) if line_end < ctx.n else ctx.n
    if after < ctx.n and texts[after] in ctx.words.quote_marks:
        after += 1
    return after if after < ctx.n else None


def _value_end(ctx: Context, start: int) -> int:
    """The value runs to the end of its line, a sentence's end or a closing quotation mark."""
    texts = ctx.table.texts
    end, line_end = start, ctx.line_end(start)
    while end < line_end and texts[end] not in SENTENCE_ENDS and texts[end] not in ctx.words.quote_marks \
            and not texts[end].isspace():
        end += 1
    return end
