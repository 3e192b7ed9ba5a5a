"""Lookups over a document's entities, built once per document.

The grant finder asks, per sentence, list line or table row, which entity starts at
a token, whether an amount lies in a range and which year a sentence names. Scanning
every entity for each question makes a table of thousands of rows quadratic (a
4,000-row table took 16 s); these indexes answer in constant or logarithmic time.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Span


@dataclass
class EntityIndex:
    parties: dict[int, Span] = field(default_factory=dict)  # ORG/LOC by start token
    dates: dict[int, Span] = field(default_factory=dict)    # DATE by start token
    spans: set[tuple[int, int]] = field(default_factory=set)  # (start, end) of every entity
    money_starts: list[int] = field(default_factory=list)    # sorted
    year_starts: list[int] = field(default_factory=list)     # sorted starts of DATEs with a date
    years: list[int] = field(default_factory=list)           # their years, in the same order
    orgs: list[Span] = field(default_factory=list)           # ORG spans, by start
    org_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, ents: list[Span]) -> "EntityIndex":
        index = cls()
        for ent in ents:
            label = ent.label_
            index.spans.add((ent.start, ent.end))
            if label in ("ORG", "LOC"):
                index.parties.setdefault(ent.start, ent)
                if label == "ORG":
                    index.orgs.append(ent)
            elif label == "MONEY":
                index.money_starts.append(ent.start)
            elif label == "DATE":
                index.dates.setdefault(ent.start, ent)
                if ent._.date is not None:
                    index.year_starts.append(ent.start)
                    index.years.append(int(ent._.date[:4]))
        index.money_starts.sort()
        index.orgs.sort(key=lambda span: span.start)
        index.org_starts = [span.start for span in index.orgs]
        order = sorted(range(len(index.year_starts)), key=index.year_starts.__getitem__)
        index.year_starts = [index.year_starts[k] for k in order]
        index.years = [index.years[k] for k in order]
        return index

    def has_money(self, start: int, end: int) -> bool:
        """Does an amount start in tokens [start, end)?"""
        k = bisect.bisect_left(self.money_starts, start)
        return k < len(self.money_starts) and self.money_starts[k] < end

    def first_year(self, start: int, end: int) -> int | None:
        """The year of the first dated DATE that starts in tokens [start, end)."""
        k = bisect.bisect_left(self.year_starts, start)
        return self.years[k] if k < len(self.year_starts) and self.year_starts[k] < end else None

    def orgs_in(self, start: int, end: int) -> list[Span]:
        """ORG spans that start in tokens [start, end), in order."""
        return self.orgs[bisect.bisect_left(self.org_starts, start):bisect.bisect_left(self.org_starts, end)]
