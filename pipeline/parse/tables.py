"""Table rows in plain text, written the way the HTML parser writes them: ``| a | b |``.

Text copied from a web page often loses the separators between a table's cells, so
a row of a grant table arrives as one glued line: "5041-2017Eskilstuna
FriidrottKunskap i det svenska språket153 000" (case number, organisation, project,
amount). Such a line is recognised by its shape, a number glued to the capital that
opens the next cell and an amount glued to the last word, on two or more lines of a
paragraph. Only in those lines are the cell boundaries restored: at the two glued
numbers and wherever a word runs into a capitalised one ("FriidrottKunskap",
"FLENNyckel"). Prose is never split: camel-case names ("PostNord", "FyrBoDal") are
left alone outside such rows.
"""
from __future__ import annotations

import re

_GLUED_START = re.compile(r"^\d[\d/-]*\d(?=[A-ZÅÄÖ])")  # case number or id glued to the next cell
_GLUED_AMOUNT = re.compile(r"(?<=[^\W\d_])(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d{4,})(?:[ \u00a0]?(?:kr|kronor|sek))?$")
_MIN_ROWS = 2


def is_glued_row(line: str) -> bool:
    return bool(_GLUED_START.match(line) and _GLUED_AMOUNT.search(line))


def unglue_table_rows(lines: list[str]) -> list[str]:
    """The lines of one paragraph, with glued table rows (and the glued header line
    just above them) split into cells; any other paragraph is returned as it is."""
    rows = [i for i, line in enumerate(lines) if is_glued_row(line)]
    if len(rows) < _MIN_ROWS:
        return lines
    out = list(lines)
    for i in rows:
        out[i] = _as_row(_row_cells(lines[i]))
    header = rows[0] - 1
    if header >= 0 and not any(c.isdigit() for c in lines[header]):
        cells = split_humps(lines[header])
        if len(cells) >= 3:  # "DiarienrOrganisationSökt insatsBeviljat belopp"
            out[header] = _as_row(cells)
    return out


def _row_cells(line: str) -> list[str]:
    start = _GLUED_START.match(line)
    amount = _GLUED_AMOUNT.search(line)
    middle = line[start.end():amount.start()]
    return [start.group(), *split_humps(middle), amount.group()]


def split_humps(text: str) -> list[str]:
    """Split where a word runs into a capitalised word: a lower-case letter before an
    upper-case one that starts a word ("FriidrottKunskap"), or an acronym glued to
    one ("FLENNyckel" -> "FLEN", "Nyckel")."""
    cuts = [0]
    for i in range(1, len(text) - 1):
        before, here, after = text[i - 1], text[i], text[i + 1]
        if not (here.isupper() and after.islower()):
            continue
        if before.islower() or (before.isupper() and i >= 2 and text[i - 2].isupper()):
            cuts.append(i)
    cuts.append(len(text))
    return [cell for a, b in zip(cuts, cuts[1:]) if (cell := text[a:b].strip())]


def _as_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
