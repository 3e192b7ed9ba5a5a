"""Grants: who gives how much to whom, and what for.

One module per job: :mod:`.clauses` (grant statements proposed by rules), :mod:`.roles`
(the funder and recipient of a statement), :mod:`.purpose` (what the money is for),
:mod:`.lists` (beneficiary lists and tables), :mod:`.funder` (the document's funder),
:mod:`.dedupe` (one row per grant), and :mod:`.component`, the spaCy component that
runs them in that order. Money only proposed or open for applications is skipped; a
grant whose parties the sentence does not name is kept with nulls, for its amount.
"""
from pipeline.nlp.grants.component import GrantFinder, make_grant_finder

__all__ = ["GrantFinder", "make_grant_finder"]
