"""One row per grant, when a text states the same grant more than once."""
from __future__ import annotations


def dedupe(grants: list[dict]) -> list[dict]:
    """The same figure for the same recipient stated twice is one grant (the annotation
    guide): a statement that leaves the funder, the recipient or the year unsaid adds
    nothing to one that says it, and a second statement that names another funder for
    the same figure and recipient ("från EU", then "från Europeiska socialfonden")
    restates the first. Different years are different grants."""
    def key(grant):
        return grant["funder"], grant["recipient"], grant["amount_sek"], grant["year"]

    complete = [key(g) for g in grants]
    seen, years, unique = {}, {}, []  # seen: where each grant kept is stated; years: (year, where) by (recipient, amount)
    for grant in grants:
        k = key(grant)
        if k in seen and seen[k] == grant["start_char"]:  # "vardera": one statement, one grant per recipient
            unique.append(grant)
            continue
        if k in seen or subsumed(k, complete) or restated(k, grant["start_char"], years):
            continue
        seen[k] = grant["start_char"]
        years.setdefault(k[1:3], set()).add((k[3], grant["start_char"]))
        unique.append(grant)
    return unique


def restated(k: tuple, where: int, years: dict[tuple, set]) -> bool:
    """Whether a grant kept from another statement already gives the same figure to
    the same named recipient in the same year (or a year one of them leaves unsaid);
    one statement may name two funders of equal sums ("500 000 kronor från A och
    500 000 kronor från B")."""
    _, recipient, amount, year = k
    kept = years.get((recipient, amount), set()) if recipient is not None else set()
    return any(at != where and (year is None or y is None or y == year) for y, at in kept)


def subsumed(k: tuple, complete: list[tuple]) -> bool:
    """Whether another statement says all that ``k`` says and more."""
    funder, recipient, amount, year = k
    return any(c != k and (funder is None or c[0] == funder) and (recipient is None or c[1] == recipient)
               and c[2] == amount and (year is None or c[3] == year)
               and (funder is None and c[0] or recipient is None and c[1] or year is None and c[3] is not None)
               for c in complete)
