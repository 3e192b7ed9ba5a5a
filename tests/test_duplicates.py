"""Near-duplicates: a republished release is found, two releases of one publisher are not."""
from __future__ import annotations

from datetime import date

from pipeline.dataset.duplicates import MIN_OVERLAP, Signed, find_duplicates, signature

RELEASE = (
    "Solby kommun får 1,2 miljoner kronor till språkcafé för nyanlända\n\n"
    "Länsstyrelsen i Exempellän har beviljat Solby kommun 1,2 miljoner kronor för att under två år driva "
    "språkcaféer, läxhjälp och samhällsorientering för nyanlända. Projektet sker i samarbete med "
    "studieförbunden och biblioteket. Varje vecka ska det finnas tre träffar där deltagarna kan öva svenska "
    "med frivilliga. – Vi ser att många vill lära sig språket snabbare, och det här ger fler tillfällen att "
    "prata, säger Kim Exempel, integrationssamordnare i Solby kommun. Projektet startar i september och "
    "pågår till och med juni nästa år. Under våren planeras också en kurs för föräldrar om hur skolan fungerar."
)
CONTACT = ("\n\nFör mer information, kontakta:\nKim Exempel, integrationssamordnare\nTelefon: 010-000 00 00\n"
           "E-post: kim.exempel@solby.example\n\nOm Solby kommun: Solby är en kommun med 25 000 invånare "
           "vid kusten, med närhet till skog och hav.")
OTHER = (
    "Nytt äldreboende öppnar i Solby\n\nSolby kommuns nya äldreboende vid Parkvägen tar emot sina första "
    "boende i mars. Boendet har 60 platser fördelade på sex avdelningar, med egen trädgård och ett café som "
    "är öppet för anhöriga. – Vi har byggt för att de boende ska kunna vara ute så mycket som möjligt, säger "
    "Robin Exempel, förvaltningschef. Byggnaden är certifierad enligt Miljöbyggnad silver och har solceller på taket."
)


def signed(doc_id: str, text: str, published: date | None = None) -> Signed:
    return Signed(doc_id, published, **signature(text))


def test_a_release_republished_with_other_page_furniture_is_a_copy_of_the_earliest():
    original = signed("kommunen", "Nyheter | Solby kommun\n\n" + RELEASE + CONTACT, date(2024, 3, 1))
    paper = signed("tidningen", "Lokaltidningen – Startsida\n\nPublicerad 2024-03-02\n\n" + RELEASE
                   + "\n\nLäs också: Fler nyheter från Solby", date(2024, 3, 2))
    board = signed("lansstyrelsen", RELEASE + "\n\nPresskontakt Länsstyrelsen i Exempellän", date(2024, 3, 1))
    assert find_duplicates([paper, board, original]) == {"tidningen": "kommunen", "lansstyrelsen": "kommunen"}


def test_a_copy_cut_short_is_still_a_copy():
    full = signed("full", RELEASE + CONTACT, date(2024, 3, 1))
    cut = signed("cut", RELEASE[: len(RELEASE) * 2 // 3], date(2024, 3, 5))
    assert find_duplicates([full, cut]) == {"cut": "full"}


def test_two_releases_of_one_publisher_with_the_same_contact_block_are_not_copies():
    assert find_duplicates([signed("a", RELEASE + CONTACT), signed("b", OTHER + CONTACT)]) == {}


def test_a_stub_is_never_a_copy():
    assert find_duplicates([signed("a", "Kort notis."), signed("b", "Kort notis.")]) == {}


def test_the_signature_is_stable_and_json_shaped():
    first, again = signature(RELEASE), signature(RELEASE)
    assert first == again and isinstance(first["n"], int) and all(isinstance(v, int) for v in first["minhash"])
    assert MIN_OVERLAP > 0.15  # above the overlap of different releases (see the module docstring)


def test_many_identical_texts_are_grouped_without_comparing_every_pair():
    """A bucket of 3,000 copies costs its size: each member is compared with the first only."""
    copies = [signed(f"d{i:04d}", RELEASE, date(2024, 1, 1)) for i in range(3000)]
    found = find_duplicates(copies)
    assert len(found) == 2999 and set(found.values()) == {"d0000"}
