"""Event evaluation: precision and recall of extracted events against an annotated JSONL corpus.

Corpus lines: `{"id", "published", "text", "events": [{"type", "sub_type", "date_start", "date_end",
"certainty", "place", "lat", "lon", "tol_km", "origin"?, ...}]}` (tests/data/events/README.md).

A predicted event matches a gold event when all three agree:
- type: the same ACLED event type (the "type family"; sub-types are reported separately);
- date window: the intervals overlap, with `DATE_SLACK_DAYS` of slack (an "overnight" strike is dated the
  night before by one reader and the morning after by another); an undated prediction never matches;
- place: one of the predicted event's where/destination places lies within the gold `tol_km` of the
  gold place.
Each gold event matches at most one prediction and vice versa (a maximum bipartite matching per
document), so a duplicate prediction counts against precision.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import gazetteer as gazetteer_package
from geomap.errors import InputError, Origin
from geomap.pipeline import parse_document
from geomap.places.geometry import great_circle_km
from geomap.records import Event, EventType, LocationRole
from geomap.text.ingest import document_from_json

DATE_SLACK_DAYS = 1


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: EventType
    sub_type: str
    start: date
    end: date
    certainty: str
    lat: float
    lon: float
    tol_km: float
    evidence: str


def gold_events(record: dict, where: Origin) -> list[GoldEvent]:
    out = []
    for i, e in enumerate(record.get("events", [])):
        try:
            out.append(GoldEvent(EventType(e["type"]), e["sub_type"], date.fromisoformat(e["date_start"]),
                                 date.fromisoformat(e["date_end"]), e["certainty"], float(e["lat"]),
                                 float(e["lon"]), float(e["tol_km"]), e.get("evidence", "")))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(where.file, where.line, f"event {i + 1} is not a gold event ({exc}); "
                             f"see tests/data/events/README.md") from exc
    return out


def agreement(gold: GoldEvent, event: Event) -> tuple[bool, bool, bool]:
    """Whether the type, the date window and the place agree."""
    slack = timedelta(days=DATE_SLACK_DAYS)
    dated = event.date_start is not None and event.date_end is not None and not (
        event.date_start > gold.end + slack or gold.start > event.date_end + slack)
    placed = any(loc.role is not LocationRole.ORIGIN
                 and great_circle_km(gold.lat, gold.lon, loc.place.lat, loc.place.lon) <= gold.tol_km
                 for loc in event.locations)
    return event.type is gold.type, dated, placed


def matches(gold: GoldEvent, event: Event) -> bool:
    return all(agreement(gold, event))


MISS_CAUSES = ("wrong place", "wrong date", "wrong type", "not found")


def miss_cause(gold: GoldEvent, unused: list[Event]) -> str:
    """Why a gold event found no match: a left-over prediction that agrees on two of type, date and place
    names the third; otherwise the event was not found."""
    for cause, index in (("wrong place", 2), ("wrong date", 1), ("wrong type", 0)):
        for event in unused:
            agreed = agreement(gold, event)
            if not agreed[index] and all(a for i, a in enumerate(agreed) if i != index):
                return cause
    return "not found"


def max_matching(gold: list[GoldEvent], predicted: list[Event]) -> list[tuple[int, int]]:
    """Maximum bipartite matching (Kuhn's augmenting paths; documents have a handful of events)."""
    edges = [[j for j, p in enumerate(predicted) if matches(g, p)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def evaluate_events(corpus: Path) -> dict:
    """Run the pipeline over an event-annotated corpus and return the metrics."""
    gaz = gazetteer_package.open()
    matched = gold_total = predicted_total = 0
    per_type: dict[str, Counter] = {}
    same_sub_type = same_certainty = 0
    seconds = 0.0
    documents = 0
    misses: list[dict] = []
    spurious: list[dict] = []
    for number, line in enumerate(corpus.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = Origin(str(corpus), number)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise where.error(f"not JSON ({exc})") from exc
        document = document_from_json(record, str(corpus), number)
        gold = gold_events(record, where)
        started = time.perf_counter()
        predicted = list(parse_document(document, gaz).events)
        seconds += time.perf_counter() - started
        documents += 1
        pairs = max_matching(gold, predicted)
        matched += len(pairs)
        gold_total += len(gold)
        predicted_total += len(predicted)
        for g in gold:
            per_type.setdefault(g.type.value, Counter())["gold"] += 1
        for p in predicted:
            per_type.setdefault(p.type.value, Counter())["predicted"] += 1
        for i, j in pairs:
            per_type[gold[i].type.value]["matched"] += 1
            same_sub_type += gold[i].sub_type == predicted[j].sub_type
            same_certainty += gold[i].certainty == predicted[j].certainty.value
        found = {i for i, _ in pairs}
        used = {j for _, j in pairs}
        unused = [p for j, p in enumerate(predicted) if j not in used]
        misses.extend({"doc": document.id, "type": g.type.value, "dates": f"{g.start}..{g.end}",
                       "evidence": g.evidence, "cause": miss_cause(g, unused)}
                      for i, g in enumerate(gold) if i not in found)
        spurious.extend({"doc": document.id, "type": p.type.value, "dates": f"{p.date_start}..{p.date_end}",
                         "places": ", ".join(loc.place.name for loc in p.locations), "quote": p.quote}
                        for j, p in enumerate(predicted) if j not in used)
    precision, recall = _ratio(matched, predicted_total), _ratio(matched, gold_total)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision and recall else None
    return {
        "corpus": str(corpus), "documents": documents, "gold_events": gold_total,
        "predicted_events": predicted_total, "matched": matched,
        "precision": precision, "recall": recall, "f1": f1,
        "sub_type_agreement": _ratio(same_sub_type, matched), "certainty_agreement": _ratio(same_certainty, matched),
        "per_type": {t: {"gold": c["gold"], "predicted": c["predicted"], "matched": c["matched"],
                         "precision": _ratio(c["matched"], c["predicted"]), "recall": _ratio(c["matched"], c["gold"])}
                     for t, c in sorted(per_type.items())},
        "docs_per_second": round(documents / seconds, 1) if seconds else None,
        "miss_causes": {cause: sum(m["cause"] == cause for m in misses) for cause in MISS_CAUSES},
        "missed": misses,
        "spurious": spurious,
    }


def format_event_summary(summary: dict, show_misses: bool = False) -> str:
    lines = [f"corpus: {summary['corpus']}  ({summary['documents']} documents, {summary['gold_events']} gold "
             f"events, {summary['predicted_events']} predicted)",
             f"events  P {summary['precision']}  R {summary['recall']}  F1 {summary['f1']}  "
             f"(matched {summary['matched']}; type + date window + place within tolerance)",
             f"on matched events: same sub-type {summary['sub_type_agreement']}, same certainty "
             f"{summary['certainty_agreement']}"]
    for name, row in summary["per_type"].items():
        lines.append(f"  {name:28s} gold {row['gold']:3d}  predicted {row['predicted']:3d}  matched "
                     f"{row['matched']:3d}  P {row['precision']}  R {row['recall']}")
    lines.append("missed gold events by cause: " + ", ".join(f"{cause} {count}" for cause, count
                                                           in summary["miss_causes"].items()))
    lines.append(f"docs_per_second  {summary['docs_per_second']}")
    if show_misses:
        lines.extend(f"  missed ({m['cause']}) {m['doc']} {m['type']} {m['dates']}: {m['evidence'][:100]}"
                     for m in summary["missed"])
        lines.extend(f"  spurious {m['doc']} {m['type']} {m['dates']} at {m['places']}: {m['quote'][:100]}"
                     for m in summary["spurious"])
    return "\n".join(lines)
