"""Corroboration: the same event reported by several documents becomes one event with all its sources."""

from __future__ import annotations

import json
from datetime import date

import pytest

import geomap
from geomap.corroborate import merge_events

KYIV = "geonames:703448"


@pytest.fixture(autouse=True)
def _needs_gazetteer(gaz):
    """Every test here parses text."""


def _events(text: str, doc_id: str, published: str = "2024-10-27"):
    return list(geomap.parse(text, published=published, doc_id=doc_id).events)


def test_two_reports_of_one_strike_are_one_event_with_two_sources():
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
def test_different_events_stay_apart(second, why):
    first = _events("Russian drones struck Kyiv on Friday.", "wire-a")
    assert len(merge_events(first + _events(second, "wire-b"))) == 2, why


def test_build_writes_one_feature_with_source_count_two(tmp_path):
    seeds = tmp_path / "in"
    seeds.mkdir()
    (seeds / "a.txt").write_text("date 2024-10-27\nRussian drones struck Kyiv on Friday, the mayor said.\n")
    (seeds / "b.txt").write_text("date 2024-10-26\nDrones hit Kyiv on Friday, the air force reported.\n")
    result = geomap.build([seeds], tmp_path / "out")
    features = json.loads((tmp_path / "out" / "events.geojson").read_text())["features"]
    assert result.events == 1 and len(features) == 1
    props = features[0]["properties"]
    assert (props["source_count"], props["doc_ids"]) == (2, "a; b")
