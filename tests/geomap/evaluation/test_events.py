"""geomap eval-events: matching rules and metrics on hand-computed examples."""

from __future__ import annotations

import json
from datetime import date

import pytest

from geomap.evaluation.events import GoldEvent, evaluate_events, matches, max_matching
from geomap.records import EventType

KYIV = (50.45, 30.52)


def gold(event_type=EventType.EXPLOSIONS, start=date(2024, 10, 25), end=date(2024, 10, 25), at=KYIV, tol=50.0):
    return GoldEvent(event_type, "air_drone_strike", start, end, "confirmed", at[0], at[1], tol, "")


@pytest.fixture(scope="module")
def kyiv_strike(gaz):
    import geomap

    [event] = geomap.parse("Russian drones struck Kyiv on Friday.", published="2024-10-27").events
    return event


def test_a_prediction_matches_on_type_date_window_and_place(kyiv_strike):
    assert matches(gold(), kyiv_strike)
    assert not matches(gold(event_type=EventType.BATTLES), kyiv_strike)
    assert matches(gold(start=date(2024, 10, 26), end=date(2024, 10, 26)), kyiv_strike)  # one day of slack
    assert not matches(gold(start=date(2024, 10, 27), end=date(2024, 10, 27)), kyiv_strike)
    assert not matches(gold(at=(49.99, 36.23)), kyiv_strike)  # Kharkiv, 400 km away
    assert matches(gold(at=(49.99, 36.23), tol=500.0), kyiv_strike)


def test_matching_is_one_to_one_and_maximal(monkeypatch):
    # gold 0 can take predictions 0 or 1, gold 1 only prediction 0: the maximum matching pairs both,
    # where a greedy first-fit would give gold 0 prediction 0 and leave gold 1 unmatched.
    golds, preds = ["g0", "g1"], ["p0", "p1"]
    edges = {("g0", "p0"), ("g0", "p1"), ("g1", "p0")}
    monkeypatch.setattr("geomap.evaluation.events.matches", lambda g, p: (g, p) in edges)
    assert max_matching(golds, preds) == [(0, 1), (1, 0)]


def test_precision_recall_on_a_two_document_corpus(tmp_path, gaz):
    corpus = tmp_path / "events.jsonl"
    records = [
        {"id": "a", "published": "2024-10-27", "text": "Russian drones struck Kyiv on Friday.",
         "events": [{"type": "explosions_remote_violence", "sub_type": "air_drone_strike",
                     "date_start": "2024-10-25", "date_end": "2024-10-25", "certainty": "confirmed",
                     "place": "Kyiv", "lat": 50.45, "lon": 30.52, "tol_km": 50},
                    {"type": "protests", "sub_type": "peaceful_protest", "date_start": "2024-10-26",
                     "date_end": "2024-10-26", "certainty": "confirmed", "place": "Lviv", "lat": 49.84,
                     "lon": 24.03, "tol_km": 50}]},
        {"id": "b", "published": "2024-10-27", "text": "Protesters rallied in Tbilisi on Saturday. "
                                                       "Troops arrived in Kharkiv on Friday.",
         "events": [{"type": "protests", "sub_type": "peaceful_protest", "date_start": "2024-10-26",
                     "date_end": "2024-10-26", "certainty": "confirmed", "place": "Tbilisi", "lat": 41.69,
                     "lon": 44.80, "tol_km": 50}]},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    summary = evaluate_events(corpus)
    # predicted: Kyiv strike, Tbilisi protest, Kharkiv arrival = 3; matched 2 of 3 gold
    assert (summary["gold_events"], summary["predicted_events"], summary["matched"]) == (3, 3, 2)
    assert (summary["precision"], summary["recall"]) == (0.6667, 0.6667)
    assert [m["evidence"] for m in summary["missed"]] == [""]
    assert [s["places"] for s in summary["spurious"]] == ["Kharkiv"]
