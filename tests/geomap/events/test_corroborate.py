"""Corroboration: the same event reported by several documents becomes one event with all its sources."""

from __future__ import annotations

import json
import random
import time
from dataclasses import replace
from datetime import date, timedelta

import pytest

import geomap
from gazetteer import Place, PlaceKind
from geomap.events.corroborate import (
    NEAR_KM,
    _combine_across_documents,
    _combine_in_document,
    merge_events,
    merge_repeated_reports,
    same_event_across_documents,
    same_event_in_document,
)
from geomap.places.geometry import distance_km
from geomap.records import Certainty, DatePrecision, Event, EventLocation, EventType, LocationRole

KYIV = "geonames:703448"


def _events(text: str, doc_id: str, published: str = "2024-10-27"):
    return list(geomap.parse(text, published=published, doc_id=doc_id).events)


def test_two_reports_of_one_strike_are_one_event_with_two_sources(gaz):
    first = _events("Russian drones struck Kyiv on Friday, the mayor said.", "wire-a")
    second = _events("A drone attack hit Kyiv overnight into Saturday, the air force reported.", "wire-b",
                     published="2024-10-26")
    [event] = merge_events(first + second)
    assert event.doc_ids == ("wire-a", "wire-b") and event.source_count == 2
    assert event.sources == ("the mayor", "the air force")
    assert event.merged_ids == ("wire-a#e1", "wire-b#e1")
    assert [loc.place.id for loc in event.locations] == [KYIV]
    assert event.date_start == date(2024, 10, 25) == event.date_end  # the more precise date


@pytest.mark.parametrize(("second", "why"), [
    ("Russian drones struck Kyiv on Monday.", "four days apart"),
    ("Russian drones struck Odesa on Friday.", "another city"),
    ("Protesters rallied in Kyiv on Friday.", "another type"),
    ("Russian drones are expected to strike Kyiv again on Friday.", "expected, not happened"),
])
def test_different_events_stay_apart(gaz, second, why):
    first = _events("Russian drones struck Kyiv on Friday.", "wire-a")
    assert len(merge_events(first + _events(second, "wire-b"))) == 2, why


def test_build_writes_one_feature_with_source_count_two(gaz, tmp_path):
    seeds = tmp_path / "in"
    seeds.mkdir()
    (seeds / "a.txt").write_text("date 2024-10-27\nRussian drones struck Kyiv on Friday, the mayor said.\n")
    (seeds / "b.txt").write_text("date 2024-10-26\nDrones hit Kyiv on Friday, the air force reported.\n")
    result = geomap.build([seeds], tmp_path / "out")
    features = json.loads((tmp_path / "out" / "events.geojson").read_text())["features"]
    assert result.events == 1 and len(features) == 1
    props = features[0]["properties"]
    assert (props["source_count"], props["doc_ids"]) == (2, "a; b")


# --- the indexed merge gives exactly what comparing every pair gives ------------------------------------


def _reference_merge(events, within_document=False):
    """The merge as first written: each report against every event kept so far (quadratic)."""
    same, combine = ((same_event_in_document, _combine_in_document) if within_document
                     else (same_event_across_documents, _combine_across_documents))
    merged = []
    for event in events:
        for i, kept in enumerate(merged):
            if same(kept, event):
                merged[i] = combine(kept, event)
                break
        else:
            merged.append(event)
    if within_document:
        merged = [replace(e, merged_ids=()) for e in merged]
    return merged


def _place(pid, kind, cc, admin1, lat, lon, bbox=None):
    return Place(pid, f"<b>{pid}</b>\u202e'\"", kind, cc, admin1, lat, lon, 1000, None, bbox)


def _places():
    """Towns a few km apart, 24-26 km apart (either side of NEAR_KM), across the date line and at a pole;
    countries, admin-1 units (one with the empty code), areas with boxes, a continent."""
    towns = [_place(f"t{i}", PlaceKind.POPULATED_PLACE, cc, a1, lat, lon) for i, (cc, a1, lat, lon) in enumerate([
        ("UA", "UA-63", 50.0, 36.2), ("UA", "UA-63", 50.0, 36.2 + 24.9 / 71.5),
        ("UA", "UA-63", 50.0, 36.2 + 25.1 / 71.5), ("UA", "UA-63", 50.1, 36.3),
        ("UA", "UA-14", 48.0, 37.8), ("UA", "UA-14", 48.2, 37.7),
        ("FJ", "", -16.5, 179.99), ("FJ", "", -16.5, -179.99), ("AQ", "", -89.99, 0.0), ("AQ", "", -89.99, 180.0),
        ("RU", "RU-KRS", 51.7, 36.2), ("RU", "RU-KRS", 51.73, 36.19), ("", "", 0.0, 0.0), ("SD", "SD-KH", 15.6, 32.5),
    ])]
    areas = [
        _place("c-UA", PlaceKind.COUNTRY, "UA", "", 49.0, 31.0),
        _place("c-RU", PlaceKind.COUNTRY, "RU", "", 61.0, 99.0),
        _place("c-FJ", PlaceKind.COUNTRY, "FJ", "", -17.0, 178.0),
        _place("a-UA-63", PlaceKind.ADMIN1, "UA", "UA-63", 49.5, 36.5),
        _place("a-UA-14", PlaceKind.ADMIN1, "UA", "UA-14", 48.0, 37.8),
        _place("a-empty", PlaceKind.ADMIN1, "FJ", "", -17.0, 178.0),
        _place("r-east", PlaceKind.DIRECTIONAL, "UA", "", 48.5, 37.0, (35.0, 46.0, 40.0, 51.0)),
        _place("r-kursk", PlaceKind.REGION, "RU", "RU-KRS", 51.5, 36.0, (35.0, 50.5, 38.0, 52.5)),
        _place("d-kharkiv", PlaceKind.ADMIN2, "UA", "UA-63", 50.0, 36.2, (35.9, 49.8, 36.6, 50.3)),
        _place("continent", PlaceKind.CONTINENT, "", "", 50.0, 20.0, (-25.0, 35.0, 60.0, 72.0)),
    ]
    return towns + areas


_SUB_TYPES = {EventType.EXPLOSIONS: ("air_drone_strike", "shelling_artillery_missile_attack"),
              EventType.BATTLES: ("armed_clash",),
              EventType.STRATEGIC: ("troop_deployment", "troop_movement", "arrests")}


def _random_events(rng, places, count, docs):
    """Reports with every field `same_event_*` and `_combine` read drawn at random, dates clustered so that
    many reports merge, some undated and some dated very widely (more than the index's spans)."""
    start = date(2024, 10, 1)
    events = []
    for n in range(count):
        kind = rng.choice(list(_SUB_TYPES))
        shape = rng.random()
        if shape < 0.08:
            first = last = None
            precision = DatePrecision.UNKNOWN
        elif shape < 0.6:
            first = last = start + timedelta(days=rng.randint(0, 12))
            precision = DatePrecision.DAY
        elif shape < 0.95:
            first = start + timedelta(days=rng.randint(0, 12))
            last = first + timedelta(days=rng.choice((1, 6, 30)))
            precision = rng.choice((DatePrecision.WEEK, DatePrecision.RANGE, DatePrecision.ON_OR_BEFORE))
        else:
            first = start - timedelta(days=rng.randint(400, 900))
            last = start + timedelta(days=rng.randint(0, 900))
            precision = DatePrecision.RANGE
        locations = tuple(EventLocation(place, place.name, rng.choice(list(LocationRole)), rng.randint(1, 7))
                          for place in rng.sample(places, rng.choice((1, 1, 1, 2, 3))))
        quote_start = rng.randrange(0, 3000)
        doc = f"doc-{rng.randrange(docs)}"
        events.append(Event(
            id=f"{doc}#e{n}", doc_id=doc, type=kind, sub_type=rng.choice(_SUB_TYPES[kind]),
            date_start=first, date_end=last, date_precision=precision,
            certainty=rng.choice(list(Certainty)), actors=(rng.choice(("<script>", "RSF", "")),),
            quote=f"report {n} =cmd|' /C calc'!A0", quote_start=quote_start,
            quote_end=quote_start + rng.randrange(0, 700), locations=locations,
            date_text=rng.choice(("", "on Friday")), sources=(rng.choice(("the mayor", "\x00", "witnesses")),),
            doc_ids=(doc,),
        ))
    return events


@pytest.mark.parametrize("within_document", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_indexed_merge_equals_the_pairwise_merge(seed, within_document):
    rng = random.Random(seed)
    events = _random_events(rng, _places(), 1500, docs=40)
    expected = _reference_merge(events, within_document)
    merge = merge_repeated_reports if within_document else merge_events
    assert merge(events) == expected
    assert len(expected) < len(events) * 0.8, "the random reports must merge often for the test to mean much"


def test_towns_just_inside_near_km_merge_across_the_date_line_and_the_pole():
    places = {p.id: p for p in _places()}

    def strike(pid, doc):
        return Event(f"{doc}#e1", doc, EventType.EXPLOSIONS, "air_drone_strike", date(2024, 10, 4),
                     date(2024, 10, 4), DatePrecision.DAY, Certainty.CONFIRMED, (), "q", 0, 10,
                     (EventLocation(places[pid], pid),), doc_ids=(doc,))

    for near, far in (("t0", "t1"), ("t6", "t7"), ("t8", "t9")):
        assert distance_km(places[near], places[far]) < NEAR_KM
        assert len(merge_events([strike(near, "a"), strike(far, "b")])) == 1, (near, far)
    assert NEAR_KM < distance_km(places["t0"], places["t2"]) < NEAR_KM + 0.2
    assert len(merge_events([strike("t0", "a"), strike("t2", "b")])) == 2


def test_merging_many_distinct_reports_is_about_linear():
    """20,000 reports of distinct events (the pairwise loop makes 200 million comparisons: minutes)."""
    towns = [_place(f"town{i}", PlaceKind.POPULATED_PLACE, "UA", "UA-63", -40.0 + i // 50, -100.0 + i % 50)
             for i in range(2000)]  # a degree apart: no two within NEAR_KM
    days = [date(2024, 1, 1) + timedelta(days=3 * (n // 2000)) for n in range(20_000)]  # 3 days: no slack
    events = [Event(f"d{n}#e1", f"d{n}", EventType.EXPLOSIONS, "air_drone_strike", days[n], days[n],
                    DatePrecision.DAY, Certainty.CONFIRMED, (), "q", 0, 10,
                    (EventLocation(towns[n % 2000], "x"),), doc_ids=(f"d{n}",)) for n in range(20_000)]
    started = time.perf_counter()
    merged = merge_events(events)
    assert len(merged) == 20_000
    assert time.perf_counter() - started < 10
