"""The words the grant finder reads, loaded once from ``grant_verbs.json``.

Every module of the grant finder takes this one object, so a word list has one
source (the data file) and one parsed form (sets and patterns built here).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline import resources


@dataclass(frozen=True)
class GrantVocabulary:
    give: frozenset[str]                  # verbs whose subject is the funder ("beviljar")
    receive: frozenset[str]               # verbs whose subject is the recipient ("får")
    destination: frozenset[str]           # verbs whose subject is the money ("går till", "tillfaller")
    distribution_passives: frozenset[str]  # "fördelades", "delas ut": the body hands out
    each_words: frozenset[str]            # "vardera": the amount goes to each recipient named
    each_words_before: frozenset[str]     # "vardera" before the amount
    subordinators: frozenset[str]         # "när", "eftersom": another clause begins
    funder_prepositions: frozenset[str]   # "från", "av": the actor after one is the funder
    recipient_prepositions: frozenset[str]  # "till", "åt"
    prepositions: frozenset[str]          # an actor after one is no subject or object
    infinitives: frozenset[str]           # verb forms with no subject of their own
    v2_openers: frozenset[str]            # adverbials that put the subject after the verb
    home_subjects: frozenset[str]         # "projektet", "vi": the body the text is about
    pronoun_subjects: frozenset[str]      # of those, the ones that need not open the sentence
    part_of_amount: frozenset[str]        # "varav": a part of the amount stated before
    whole_prepositions: frozenset[str]    # "ur": "X ur en pott på Y", Y is the whole X came from
    total_words: frozenset[str]           # "summa": a list line that sums the others
    total_openers: frozenset[str]         # "totalt" opening a line: the same
    funding_words: frozenset[str]         # "stöd", "finansieras": before "från X", X funds
    funding_prepositions: frozenset[str]  # "från", "av", "hos"
    government_words: frozenset[str]      # "regeringen": no named funder
    rate: re.Pattern                      # "per person": an amount that is a rate
    not_a_grant: re.Pattern               # money only proposed or open for applications
    not_a_grant_exceptions: tuple[str, ...]  # purposes that read like such a cue ("för att fördela")
    task_cues: frozenset[str]             # "att fördela" after "fick": a task, no plan
    application_cues: frozenset[str]      # "har ansökt" before "och fått": granted
    coordinators: frozenset[str]          # "men": a clause of its own
    ceiling_qualifiers: frozenset[str]    # "upp till": a ceiling, no grant
    decision_words: frozenset[str]        # "beslutade" before "att fördela": a decision to give
    support_verbs: frozenset[str]         # "stötta X med <amount>": giving
    future_auxiliaries: frozenset[str]    # "ska" before an infinitive: money to come
    hope_verbs: frozenset[str]            # "hoppas" before an infinitive: money hoped for
    conditionals: frozenset[str]          # "om" opening the clause of the verb: money on a condition
    grant_refs: frozenset[str]            # "Stödet uppgår till …": the figure of the grant stated before
    adverb_phrases: frozenset[str]        # "i går": an adverb, its "går" no verb
    adverbial_openers: frozenset[str]     # "med", "tack vare": "Med 800 000 kronor från X …"
    passed_on_refs: frozenset[str]        # "av summan": a part of the money granted before
    municipal_organs: frozenset[str]      # "kommunstyrelsen": acts for the municipality
    municipal_organ_endings: tuple[str, ...]  # "-nämnden": the same
    purpose_skip: frozenset[str]          # words between an amount and its purpose
    purpose_openers: frozenset[str]       # "för", "till": open the purpose phrase
    purpose_stops: frozenset[str]         # "vilket", "men": end it
    recipient_groups: frozenset[str]      # "föreningar", "kommuner": who receives, not what for
    destination_groups: frozenset[str]    # "projekt": "går till projekt", a grant to no one named
    not_names: frozenset[str]             # capitalised words that open no name (not_name_words.txt)
    org_heads: tuple[str, ...]            # organisation head words (org_forms.json)
    negations: frozenset[str]             # "inte", "varken": a denied transfer
    negation_limiters: frozenset[str]     # "bara": "inte bara" limits, denies nothing
    change_words: frozenset[str]          # "ökning": "en ökning med X" is a difference
    comparatives: frozenset[str]          # "mer": "X mer än förra året" is a difference
    measure_heads: tuple[str, ...]        # "budget": "en totalbudget på X" measures, gives nothing
    price_verbs: frozenset[str]           # "kostar": a price
    owed_words: tuple[str, ...]           # "skadestånd": "ett skadestånd på X", "X i skadestånd" is owed
    funding_labels: frozenset[str]        # "finansiering": a line "Finansiering: X kr" states a grant
    own_funding: frozenset[str]           # "privat": a part the owner pays itself
    payout_verbs: frozenset[str]          # "betalade": a transfer only with "ut" in its clause

    def is_transfer(self, lower: str) -> bool:
        return lower in self.give or lower in self.receive or lower in self.destination

    def pays_out(self, lowers: list[str], i: int, end: int) -> bool:
        """A verb that needs no particle, or "betala" with "ut" among the next words of
        its clause ("betalade ut", "betalades 385 miljoner kronor ut")."""
        if lowers[i] not in self.payout_verbs:
            return True
        return "ut" in lowers[i + 1:min(end, i + 7)]


def _words_pattern(words: list[str], opening: str) -> re.Pattern:
    return re.compile(opening + r"(?:" + "|".join(map(re.escape, words)) + r")\b")


@functools.cache
def grant_vocabulary(name: str = "grant_verbs.json", not_name_words: str = "not_name_words.txt",
                     org_forms: str = "org_forms.json") -> GrantVocabulary:
    """The vocabulary of the data files named (in pipeline/resources, or paths)."""
    data = resources.read_json(name)
    return GrantVocabulary(
        give=frozenset(data["give"]),
        receive=frozenset(data["receive"]),
        destination=frozenset(data["destination"]),
        distribution_passives=frozenset(data["distribution_passives"]),
        each_words=frozenset(data["each_words"]),
        each_words_before=frozenset(data["each_words_before"]),
        subordinators=frozenset(data["subordinators"]),
        funder_prepositions=frozenset(data["funder_prepositions"]),
        recipient_prepositions=frozenset(data["recipient_prepositions"]),
        prepositions=frozenset(data["prepositions"]),
        infinitives=frozenset(data["infinitives"]),
        v2_openers=frozenset(data["v2_openers"]),
        home_subjects=frozenset(data["home_subjects"]),
        pronoun_subjects=frozenset(data["pronoun_subjects"]),
        part_of_amount=frozenset(data["part_of_amount_words"]),
        whole_prepositions=frozenset(data["whole_prepositions"]),
        total_words=frozenset(data["total_words"]),
        total_openers=frozenset(data["total_openers"]),
        funding_words=frozenset(data["funding_words"]),
        funding_prepositions=frozenset(data["funding_prepositions"]),
        government_words=frozenset(data["government_words"]),
        rate=_words_pattern(data["rate_words"], r"^\s*"),
        not_a_grant=_words_pattern(data["not_a_grant"], r"\b"),
        not_a_grant_exceptions=tuple(data["not_a_grant_exceptions"]),
        task_cues=frozenset(data["task_cues"]),
        application_cues=frozenset(data["application_cues"]),
        coordinators=frozenset(data["coordinators"]),
        ceiling_qualifiers=frozenset(data["ceiling_qualifiers"]),
        decision_words=frozenset(data["decision_words"]),
        support_verbs=frozenset(data["support_verbs"]),
        future_auxiliaries=frozenset(data["future_auxiliaries"]),
        hope_verbs=frozenset(data["hope_verbs"]),
        conditionals=frozenset(data["conditionals"]),
        grant_refs=frozenset(data["grant_refs"]),
        adverb_phrases=frozenset(data["adverb_phrases"]),
        adverbial_openers=frozenset(data["adverbial_openers"]),
        passed_on_refs=frozenset(data["passed_on_refs"]),
        municipal_organs=frozenset(data["municipal_organs"]),
        municipal_organ_endings=tuple(data["municipal_organ_endings"]),
        purpose_skip=frozenset(data["purpose_skip"]),
        purpose_openers=frozenset(data["purpose_openers"]),
        purpose_stops=frozenset(data["purpose_stops"]),
        recipient_groups=frozenset(data["recipient_groups"]),
        destination_groups=frozenset(data["destination_groups"]),
        not_names=frozenset(resources.read_word_list(not_name_words)),
        org_heads=tuple(resources.org_forms(org_forms)["head_words"]),
        negations=frozenset(data["negations"]),
        negation_limiters=frozenset(data["negation_limiters"]),
        change_words=frozenset(data["change_words"]),
        comparatives=frozenset(data["comparatives"]),
        measure_heads=tuple(data["measure_heads"]),
        price_verbs=frozenset(data["price_verbs"]),
        owed_words=tuple(data["owed_words"]),
        funding_labels=frozenset(data["funding_labels"]),
        own_funding=frozenset(data["own_funding"]),
        payout_verbs=frozenset(data["payout_verbs"]),
    )
