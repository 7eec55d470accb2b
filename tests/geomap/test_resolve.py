from geomap.records import Mention
from geomap.resolve import resolve_mention, resolve_mentions


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
