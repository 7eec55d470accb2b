"""`geomap eval`: geoparsing metrics on an annotated corpus (definitions: docs/evaluation.md).

Recognition P/R/F1 (exact and overlapping spans, greedy one-to-one), end-to-end accuracy over all gold
toponyms (a hit is an overlapping predicted mention within 161 km, or the gold `tol_km`, or with the
same GeoNames id), resolution with gold spans, acc@161 over matched toponyms, mean/median error, AUC
of the error curve, documents per second and peak memory. Distances are the pipeline's own
(`geometry.great_circle_km`, haversine on a 6,371 km sphere); geopy's great_circle, measured before, gave
the same figures on both corpora.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import resource
import statistics
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import gazetteer as gazetteer_package
from gazetteer import Place
from geomap.errors import InputError
from geomap.pipeline import parse_document
from geomap.places.geometry import great_circle_km
from geomap.places.resolve import resolve_mentions
from geomap.records import Mention, Resolution
from geomap.text.clean import clean_offset
from geomap.text.ingest import document_from_json

ACC_KM = 161.0
HELDOUT_MODULUS = 5  # one document in five is held out: sha1(id) % 5 == 0
SPLITS = ("all", "dev", "heldout")


def split_of(doc_id: str) -> str:
    """'heldout' for the fixed fifth of documents kept aside from tuning, else 'dev' (stable across runs)."""
    digest = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16)
    return "heldout" if digest % HELDOUT_MODULUS == 0 else "dev"
EARTH_HALF_CIRCUMFERENCE_KM = 20039.0
NON_GOLD_TYPES = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"})


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    phrase: str
    lat: float
    lon: float
    geonameid: int | None
    tol_km: float


@dataclass(frozen=True, slots=True)
class Predicted:
    start: int
    end: int
    place: Place


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Scores:
    """Accumulates per-document counts; `summary()` turns them into the reported metrics."""

    documents: int = 0
    gold: int = 0
    exact: list[int] = field(default_factory=lambda: [0, 0, 0])
    overlap: list[int] = field(default_factory=lambda: [0, 0, 0])
    end_to_end_hits: int = 0
    gold_span_hits: int = 0
    matched_hits: int = 0
    errors_km: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict:
        matched = len(self.errors_km)
        return {
            "documents": self.documents,
            "gold_toponyms": self.gold,
            "recognition_exact": PRF(*self.exact).as_dict(),
            "recognition_overlap": PRF(*self.overlap).as_dict(),
            "end_to_end_accuracy": _ratio(self.end_to_end_hits, self.gold),
            "gold_span_accuracy": _ratio(self.gold_span_hits, self.gold),
            "matched": matched,
            "acc161_matched": _ratio(self.matched_hits, matched),
            "mean_error_km": round(statistics.fmean(self.errors_km), 1) if matched else None,
            "median_error_km": round(statistics.median(self.errors_km), 1) if matched else None,
            "auc": round(error_auc(self.errors_km), 4) if matched else None,
            "docs_per_second": round(self.documents / self.seconds, 1) if self.seconds else None,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None




def error_auc(errors_km: Sequence[float]) -> float:
    """Area under the sorted log-error curve, normalised to [0, 1] (Jurgens 2015; lower is better)."""
    ys = [math.log(1 + e) / math.log(EARTH_HALF_CIRCUMFERENCE_KM) for e in sorted(errors_km)]
    if len(ys) == 1:
        return ys[0]
    area = sum((a + b) / 2 for a, b in itertools.pairwise(ys))
    return area / (len(ys) - 1)


def match_spans(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]],
                exact: bool) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: each gold span takes the first free predicted span that matches."""
    used: set[int] = set()
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(predicted):
            if pi in used:
                continue
            if (ps, pe) == (gs, ge) if exact else ps < ge and gs < pe:
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def is_hit(gold: Gold, place: Place) -> bool:
    if gold.geonameid is not None and place.geonameid == gold.geonameid:
        return True
    return great_circle_km(gold.lat, gold.lon, place.lat, place.lon) <= gold.tol_km


def gold_toponyms(record: dict) -> list[Gold]:
    """The gold toponyms of one corpus record that count (with coordinates, not a non-toponym type)."""
    out = []
    for t in record.get("toponyms", []):
        if t.get("lat") is None or t.get("lon") is None or t.get("type") in NON_GOLD_TYPES:
            continue
        gid = t.get("geonameid")
        out.append(Gold(t["start"], t["end"], t["phrase"], float(t["lat"]), float(t["lon"]),
                        int(gid) if gid not in (None, "") and str(gid).isdigit() else None,
                        float(t.get("tol_km") or ACC_KM)))
    return sorted(out, key=lambda g: (g.start, g.end))


def score_document(scores: Scores, gold: list[Gold], resolutions: Iterable[Resolution],
                   gold_span_places: Sequence[Place | None]) -> None:
    """Add one document's predictions to the running scores."""
    predicted = sorted((Predicted(r.mention.start, r.mention.end, r.place) for r in resolutions
                        if r.place is not None), key=lambda p: (p.start, p.end))
    gold_spans = [(g.start, g.end) for g in gold]
    pred_spans = [(p.start, p.end) for p in predicted]
    scores.documents += 1
    scores.gold += len(gold)
    for counts, exact in ((scores.exact, True), (scores.overlap, False)):
        tp = len(match_spans(gold_spans, pred_spans, exact))
        counts[0] += tp
        counts[1] += len(predicted) - tp
        counts[2] += len(gold) - tp
    for g in gold:
        if any(p.start < g.end and g.start < p.end and is_hit(g, p.place) for p in predicted):
            scores.end_to_end_hits += 1
    for gi, pi in match_spans(gold_spans, pred_spans, exact=False):
        g, p = gold[gi], predicted[pi]
        scores.errors_km.append(great_circle_km(g.lat, g.lon, p.place.lat, p.place.lon))
        scores.matched_hits += is_hit(g, p.place)
    scores.gold_span_hits += sum(1 for g, place in zip(gold, gold_span_places, strict=True)
                                 if place is not None and is_hit(g, place))


def evaluate(corpus: Path, split: str = "all") -> dict:
    """Run the pipeline over an annotated JSONL corpus and return the metrics.

    `split`: "dev" (the documents tuning may look at), "heldout" (a fixed fifth kept aside), or "all".
    """
    if split not in SPLITS:
        raise InputError(f"split {split!r} is not one of {', '.join(SPLITS)}")
    gaz = gazetteer_package.open()
    scores = Scores()
    lines = corpus.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            document = document_from_json(record, str(corpus), number)
            gold = [replace(g, start=clean_offset(record["text"], g.start), end=clean_offset(record["text"], g.end))
                    for g in gold_toponyms(record)]  # gold offsets count the text as written; geomap reads it cleaned
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise InputError(str(corpus), number, f"not a corpus record ({exc}); see docs/evaluation.md") from exc
        if split != "all" and split_of(document.id) != split:
            continue
        started = time.perf_counter()
        result = parse_document(document, gaz)
        scores.seconds += time.perf_counter() - started
        gold_mentions = [Mention(g.start, g.end, document.text[g.start:g.end]) for g in gold]
        gold_span_places = [r.place for r in resolve_mentions(gold_mentions, gaz, document.text)]
        score_document(scores, gold, result.resolutions, gold_span_places)
    return {"corpus": str(corpus), "split": split, **scores.summary()}


def format_summary(summary: dict) -> str:
    """The human-readable table `geomap eval` prints."""
    lines = [f"corpus: {summary['corpus']}  split: {summary['split']}  ({summary['documents']} documents, "
             f"{summary['gold_toponyms']} gold)"]
    for key in ("recognition_exact", "recognition_overlap"):
        r = summary[key]
        lines.append(f"{key:22s} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")
    for key in ("end_to_end_accuracy", "gold_span_accuracy", "acc161_matched", "mean_error_km",
                "median_error_km", "auc", "docs_per_second", "peak_rss_mb"):
        lines.append(f"{key:22s} {summary[key]}")
    return "\n".join(lines)

