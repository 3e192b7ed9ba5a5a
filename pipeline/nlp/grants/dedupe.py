"""One row per grant, when a text states the same grant more than once."""
from __future__ import annotations


def dedupe(grants: list[dict]) -> list[dict]:
    """The same figure for the same parties and year stated twice is one grant, and a
    statement that leaves a party unnamed adds nothing to one that names it."""
    def key(grant):
        return grant["funder"], grant["recipient"], grant["amount_sek"], grant["year"]

    complete = {key(g) for g in grants}
    seen, unique = set(), []
    for grant in grants:
        k = key(grant)
        subsumed = (grant["funder"] is None and any(c[1:] == k[1:] and c[0] for c in complete)) or \
                   (grant["recipient"] is None and any(c[0] == k[0] and c[2:] == k[2:] and c[1] for c in complete))
        if k not in seen and not subsumed:
            seen.add(k)
            unique.append(grant)
    return unique
