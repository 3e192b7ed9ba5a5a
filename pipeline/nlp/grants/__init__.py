"""Grants: who gives how much to whom, and what for.

One module per job: :mod:`.clauses` (grant statements proposed by rules), :mod:`.cues`
(what says an amount is no grant), :mod:`.roles` (the funder and recipient of a
statement), :mod:`.names` and :mod:`.subjects` (recipients no finder marked),
:mod:`.purpose` (what the money is for); for sentences with an amount and no statement
of their own, :mod:`.labels` ("Finansiering: …"), :mod:`.breakdown` (bulleted parts
under a statement), :mod:`.continued` (figures that continue a statement),
:mod:`.phrases` ("Med 800 000 kronor från X …") and :mod:`.lists` (beneficiary lists
and tables); :mod:`.funder` (the document's funder), :mod:`.dedupe` (one row per
grant), and :mod:`.component`, the spaCy component that runs them in that order. Money
only proposed or open for applications is skipped; a grant whose parties the sentence
does not name is kept with nulls, for its amount.
"""
from pipeline.nlp.grants.component import GrantFinder, make_grant_finder

__all__ = ["GrantFinder", "make_grant_finder"]
