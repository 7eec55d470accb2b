"""geomap.evaluation.places: the metrics of docs/evaluation.md, checked on examples computed by hand."""

from __future__ import annotations

import json
import math

import pytest

from gazetteer import Place, PlaceKind
from geomap.errors import InputError
from geomap.evaluation.places import PRF, Gold, error_auc, evaluate, gold_toponyms, is_hit, match_spans
from geomap.places.geometry import great_circle_km

LN_20039 = 9.905436  # ln(1 + half the Earth's circumference in km), the AUC normaliser
KM_PER_DEGREE = 111.1949  # 6371.0 km * pi / 180: one degree of a great circle

KYIV = Place(id="geonames:703448", name="Kyiv", kind=PlaceKind.POPULATED_PLACE, country_code="UA", admin1="12",
             lat=50.45466, lon=30.5238, population=2_952_301, geonameid=703448)


def gold(lat: float, lon: float, geonameid: int | None = None, tol_km: float = 161.0) -> Gold:
    return Gold(0, 4, "Kyiv", lat, lon, geonameid, tol_km)


# --- match_spans ----------------------------------------------------------------------------------


def test_exact_match_needs_identical_spans():
    assert match_spans([(0, 4)], [(0, 5)], exact=True) == []
    assert match_spans([(0, 4)], [(0, 4)], exact=True) == [(0, 0)]


def test_overlap_match_accepts_any_shared_character():
    assert match_spans([(0, 4)], [(3, 9)], exact=False) == [(0, 0)]


def test_touching_spans_do_not_overlap():
    assert match_spans([(0, 4)], [(4, 8)], exact=False) == []


def test_matching_pairs_gold_index_with_predicted_index_in_any_order():
    assert match_spans([(0, 4), (10, 14)], [(10, 14), (0, 4)], exact=True) == [(0, 1), (1, 0)]


def test_each_predicted_span_matches_at_most_one_gold_span():
    assert match_spans([(0, 10), (2, 4)], [(2, 4)], exact=False) == [(0, 0)]


def test_matching_is_greedy_in_gold_order_not_optimal():
    # gold 0 takes the first overlapping span (2, 4), which gold 1 needed; (6, 8) overlaps only gold 0
    assert match_spans([(0, 10), (2, 4)], [(2, 4), (6, 8)], exact=False) == [(0, 0)]


def test_no_spans_no_matches():
    assert match_spans([], [(0, 4)], exact=False) == []
    assert match_spans([(0, 4)], [], exact=False) == []


# --- PRF ------------------------------------------------------------------------------------------


def test_precision_recall_f1_from_counts():
    prf = PRF(tp=2, fp=1, fn=3)
    assert prf.precision == pytest.approx(2 / 3)
    assert prf.recall == pytest.approx(2 / 5)
    assert prf.f1 == pytest.approx(0.5)  # 2 * (2/3) * (2/5) / (2/3 + 2/5)


def test_prf_as_dict_rounds_to_four_places():
    assert PRF(2, 1, 3).as_dict() == {"tp": 2, "fp": 1, "fn": 3, "precision": 0.6667, "recall": 0.4, "f1": 0.5}


@pytest.mark.parametrize("counts", [(0, 0, 0), (0, 3, 0), (0, 0, 3)])
def test_prf_with_no_true_positives_is_zero_not_an_error(counts):
    prf = PRF(*counts)
    assert (prf.precision, prf.recall, prf.f1) == (0.0, 0.0, 0.0)


# --- error_auc ------------------------------------------------------------------------------------


def test_auc_of_a_single_zero_error_is_zero():
    assert error_auc([0]) == 0.0


def test_auc_of_one_error_is_its_normalised_log():
    assert error_auc([5000]) == pytest.approx(math.log(5001) / LN_20039, abs=1e-6)  # 0.85987
    assert error_auc([5000]) == pytest.approx(0.85987, abs=1e-5)


def test_auc_from_zero_to_half_the_earth_is_one_half():
    # y = [ln(1)/ln(20039), ln(20039)/ln(20039)] = [0, 1]; trapezoid (0 + 1) / 2 over 1 interval
    assert error_auc([0, 20038]) == pytest.approx(0.5, abs=1e-9)


def test_auc_of_three_errors_sorts_them_first():
    # sorted: 0, 100, 20038 -> y = 0, ln(101)/ln(20039) = 0.465918, 1
    # area = (0 + 0.465918)/2 + (0.465918 + 1)/2 = 0.965918; divided by n - 1 = 2 -> 0.482959
    assert error_auc([20038, 0, 100]) == pytest.approx(0.482959, abs=1e-6)


# --- distance and hits ----------------------------------------------------------------------------


def test_distance_of_one_degree_along_the_equator():
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(KM_PER_DEGREE, abs=1e-3)


def test_same_geonames_id_is_a_hit_however_far_the_gold_point():
    assert is_hit(gold(0.0, 0.0, geonameid=703448), KYIV)


def test_point_within_161_km_is_a_hit_without_an_id():
    assert is_hit(gold(50.0, 30.0), KYIV)


def test_point_within_distance_is_a_hit_even_with_another_id():
    assert is_hit(gold(50.45, 30.52, geonameid=1), KYIV)


def test_point_beyond_161_km_is_a_miss():
    assert not is_hit(gold(49.99, 36.23), KYIV)  # Kharkiv, about 410 km away


def test_gold_tolerance_replaces_161_km():
    assert is_hit(gold(49.99, 36.23, tol_km=500.0), KYIV)


def test_distance_equal_to_tolerance_is_a_hit():
    place = Place("p", "P", PlaceKind.POPULATED_PLACE, "XX", "", 0.0, 1.0, 0, None)
    assert is_hit(gold(0.0, 0.0, tol_km=111.196), place)
    assert not is_hit(gold(0.0, 0.0, tol_km=111.194), place)


# --- gold_toponyms --------------------------------------------------------------------------------


def test_gold_toponyms_keep_located_toponyms_sorted_by_offset():
    record = {"toponyms": [
        {"start": 10, "end": 14, "phrase": "Kyiv", "lat": 50.45, "lon": 30.52, "geonameid": "703448"},
        {"start": 0, "end": 6, "phrase": "Russia", "lat": "58.2", "lon": "44.7", "geonameid": None, "tol_km": 500},
        {"start": 50, "end": 54, "phrase": "Lviv", "lat": 49.84, "lon": 24.03, "geonameid": ""},
    ]}
    assert gold_toponyms(record) == [
        Gold(0, 6, "Russia", 58.2, 44.7, None, 500.0),
        Gold(10, 14, "Kyiv", 50.45, 30.52, 703448, 161.0),
        Gold(50, 54, "Lviv", 49.84, 24.03, None, 161.0),
    ]


@pytest.mark.parametrize("toponym_type", ["Non_Toponym", "Literal_Expression", "Non_Lit_Expression"])
def test_gold_toponyms_skip_non_toponym_types(toponym_type):
    record = {"toponyms": [{"start": 0, "end": 6, "phrase": "Moscow", "lat": 55.75, "lon": 37.62,
                            "type": toponym_type}]}
    assert gold_toponyms(record) == []


@pytest.mark.parametrize(("lat", "lon"), [(None, 30.52), (50.45, None), (None, None)])
def test_gold_toponyms_skip_toponyms_without_coordinates(lat, lon):
    record = {"toponyms": [{"start": 0, "end": 4, "phrase": "Kyiv", "lat": lat, "lon": lon}]}
    assert gold_toponyms(record) == []


def test_record_without_toponyms_has_no_gold():
    assert gold_toponyms({"id": "a", "text": "Kyiv"}) == []


# --- evaluate -------------------------------------------------------------------------------------


def write_corpus(path, *records: dict):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory, gaz):
    """Kyiv, gold at the gazetteer's own point (error 0 km); Russia, gold 2 degrees due south of the
    gazetteer's point (error 2 * 111.195 = 222.39 km, beyond 161 km, so a miss)."""
    return write_corpus(
        tmp_path_factory.mktemp("eval") / "corpus.jsonl",
        {"id": "d1", "text": "Drones struck Kyiv on Friday.", "published": "2024-10-27", "toponyms": [
            {"start": 14, "end": 18, "phrase": "Kyiv", "lat": 50.45466, "lon": 30.5238, "geonameid": "703448"},
            {"start": 22, "end": 28, "phrase": "Friday", "lat": None, "lon": None}]},
        {"id": "d2", "text": "Russia massed troops near the border.", "toponyms": [
            {"start": 0, "end": 6, "phrase": "Russia", "lat": gaz.country("RU").lat - 2.0,
             "lon": gaz.country("RU").lon, "geonameid": None},
            {"start": 14, "end": 20, "phrase": "troops", "lat": 1.0, "lon": 1.0, "type": "Non_Toponym"}]},
    )


@pytest.fixture(scope="module")
def summary(tiny_corpus, gaz) -> dict:
    return evaluate(tiny_corpus)


def test_evaluate_counts_documents_and_located_gold(summary, tiny_corpus):
    assert (summary["corpus"], summary["documents"], summary["gold_toponyms"]) == (str(tiny_corpus), 2, 2)


def test_evaluate_recognition_finds_both_gold_spans_exactly(summary):
    perfect = {"tp": 2, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert summary["recognition_exact"] == perfect
    assert summary["recognition_overlap"] == perfect


def test_evaluate_end_to_end_accuracy_counts_the_kyiv_hit_and_the_russia_miss(summary):
    assert summary["end_to_end_accuracy"] == 0.5
    assert summary["gold_span_accuracy"] == 0.5
    assert (summary["matched"], summary["acc161_matched"]) == (2, 0.5)


def test_evaluate_errors_and_auc_from_hand_computed_distances(summary):
    assert summary["mean_error_km"] == 111.2  # (0 + 222.39) / 2
    assert summary["median_error_km"] == 111.2
    assert summary["auc"] == 0.273  # (0 + ln(223.39) / ln(20039)) / 2 = 0.27303


def test_evaluate_reports_speed_and_memory(summary):
    assert summary["docs_per_second"] > 0
    assert summary["peak_rss_mb"] > 0


def test_evaluate_names_the_corpus_line_that_is_not_a_record(tmp_path, gaz):
    corpus = write_corpus(tmp_path / "corpus.jsonl", {"id": "d1", "text": "Kyiv.", "toponyms": []},
                          {"id": "d2", "text": "Kyiv.", "toponyms": [{"start": 0, "lat": 1.0, "lon": 1.0}]})
    with pytest.raises(InputError) as info:
        evaluate(corpus)
    assert str(info.value) == f"{corpus}:2: not a corpus record ('end'); see docs/evaluation.md"
