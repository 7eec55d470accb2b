from geomap.places.resolve import resolve_mention, resolve_mentions
from geomap.records import Mention, ResolutionBasis


def test_resolution_keeps_candidates_score_and_reason(gaz):
    r = resolve_mention(Mention(0, 5, "Paris"), gaz)
    assert r.place.country_code == "FR"
    assert len(r.candidates) > 1 and r.candidates[0].place == r.place
    assert 0 < r.score <= 1 and "population" in r.reason


def test_unknown_name_resolves_to_no_place_with_reason(gaz):
    r = resolve_mention(Mention(0, 11, "Qwxzzyplace"), gaz)
    assert r.place is None and r.candidates == () and r.score == 0.0
    assert r.reason == "no place in the gazetteer has this name"


def test_one_sense_per_document(gaz):
    mentions = [Mention(0, 8, "Pokrovsk"), Mention(40, 48, "Pokrovsk")]
    first, second = resolve_mentions(mentions, gaz)
    assert first.place == second.place
    assert second.reason.startswith("same phrase earlier in the document")


def _mentions(text: str, *names: str) -> list[Mention]:
    return [Mention(text.index(n), text.index(n) + len(n), n) for n in names]


def test_a_hamlet_sharing_a_common_word_is_no_evidence_for_its_state(gaz):
    # "English" alone names only a hamlet in Indiana (630 people); it must not pull "Liverpool" to the
    # Indiana town that GeoNames also lists under that name.
    text = "Coaches in Liverpool teach the boys in English."
    liverpool, _english = resolve_mentions(_mentions(text, "Liverpool", "English"), gaz, text)
    assert liverpool.place.country_code == "GB"


# --- the basis of each resolution: one test per ResolutionBasis that resolve_mentions gives ----------------


def _in_order(text: str, *names: str) -> list[Mention]:
    """Mentions of `names` in `text`, each found after the one before (a name may repeat)."""
    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append(Mention(start, start + len(name), name))
        pos = start + len(name)
    return out


def test_basis_lookup_for_a_phrase_with_candidates(gaz):
    text = "Shells fell on Kharkiv at dawn."
    [kharkiv] = resolve_mentions(_in_order(text, "Kharkiv"), gaz, text)
    assert kharkiv.basis is ResolutionBasis.LOOKUP and kharkiv.place.name == "Kharkiv"
    assert kharkiv.candidates[0].place == kharkiv.place


def test_basis_repeated_for_the_same_phrase_again(gaz):
    text = "Pokrovsk was shelled; later Pokrovsk was shelled again."
    first, second = resolve_mentions(_in_order(text, "Pokrovsk", "Pokrovsk"), gaz, text)
    assert (first.basis, second.basis) == (ResolutionBasis.LOOKUP, ResolutionBasis.REPEATED)
    assert second.place == first.place
    assert second.reason == "same phrase earlier in the document: " + first.reason


def test_basis_inner_name_for_an_unknown_phrase_holding_a_place_name(gaz):
    text = "Shells fell on the Kharkiv Qwxzzy Park."
    [park] = resolve_mentions(_in_order(text, "Kharkiv Qwxzzy Park"), gaz, text)
    assert park.basis is ResolutionBasis.INNER_NAME and park.place.name == "Kharkiv"
    assert park.reason.startswith("no place is called 'Kharkiv Qwxzzy Park'; the name 'Kharkiv' inside it: ")


def test_basis_local_focus_at_the_town_named_nearby(gaz):
    # Odesa is the document's focus (named twice), but Lviv is named just before the street.
    text = "Odesa and Odesa were named. Police in Lviv said the Qwxzzy Street fire began at night."
    *_, lviv, street = resolve_mentions(_in_order(text, "Odesa", "Odesa", "Lviv", "Qwxzzy Street"), gaz, text)
    assert street.basis is ResolutionBasis.LOCAL_FOCUS and street.place == lviv.place
    assert street.reason == "no place is called 'Qwxzzy Street'; a local feature, placed at the local focus Lviv"


def test_basis_local_focus_at_the_document_focus_when_no_town_is_near(gaz):
    text = "Odesa and Odesa were named. " + "Nothing else happened. " * 30 + "The Qwxzzy Street was hit."
    *_, street = resolve_mentions(_in_order(text, "Odesa", "Odesa", "Qwxzzy Street"), gaz, text)
    assert street.basis is ResolutionBasis.LOCAL_FOCUS and street.place.name == "Odesa"
    assert street.reason == "no place is called 'Qwxzzy Street'; a local feature, placed at the document's focus Odesa"


def test_basis_unresolved_for_no_place_even_when_repeated(gaz):
    text = "Qwxzzyplace was named, and Qwxzzyplace again."
    first, second = resolve_mentions(_in_order(text, "Qwxzzyplace", "Qwxzzyplace"), gaz, text)
    assert (first.place, second.place) == (None, None)
    assert (first.basis, second.basis) == (ResolutionBasis.UNRESOLVED, ResolutionBasis.UNRESOLVED)
    assert second.reason == "same phrase earlier in the document: no place in the gazetteer has this name"
