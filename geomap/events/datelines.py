"""Datelines: the "KHARKIV, Ukraine — " that opens a story says where it was filed. Their towns are read
here when the recognizer missed them (capitals and hyphens), and a round-up's next dateline starts a new
story, beyond which no event inherits a place."""

from __future__ import annotations

import re
from bisect import bisect_right

from gazetteer import Gazetteer, PlaceKind
from geomap.events.sites import SPELLED_OTHERWISE_SCORE
from geomap.records import Mention, Resolution, ResolutionBasis

_DATELINE_LINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z .'’/-]+(?:,\s+[A-Z][\w .'’-]+)?\s+[—–-]\s")
_DATELINE_NAME = re.compile(r"[ \t]*([A-Z][A-Z .'’-]+?)(?:,|\s+[—–-]\s)")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the text's datelines, in text order (none without a dash in the text)."""
    if not any(dash in text for dash in ("—", "–", " - ")):
        return []
    return [(d.start(), d.end()) for d in _DATELINE_LINE.finditer(text)]


def dateline_places(text: str, spans: list[tuple[int, int]], located: list[Resolution],
                    gazetteer: Gazetteer) -> list[Resolution]:
    """Dateline towns the recognizer left unread ("STOKE-ON-TRENT —", "GOMA, Democratic Republic of Congo —":
    capitals and hyphens) looked up as towns, added to `located` in text order."""
    added = []
    for start, end in spans:
        m = _DATELINE_NAME.match(text, start, end)
        if m is None or any(m.start(1) <= r.mention.start < m.end(1) for r in located):
            continue  # the dateline's town was read already
        name = m.group(1).strip()
        for c in gazetteer.lookup(name.title(), limit=1, fuzzy=False):
            if c.place.kind is PlaceKind.POPULATED_PLACE and c.score >= SPELLED_OTHERWISE_SCORE:
                mention = Mention(m.start(1), m.start(1) + len(name), name)
                added.append(Resolution(mention, c.place, (c,), c.score, f"dateline; {c.reason}",
                                        ResolutionBasis.DATELINE))
    return sorted([*located, *added], key=lambda r: r.mention.start) if added else located


def story_start(dateline_starts: list[int], offset: int) -> int:
    """Where the story that `offset` belongs to starts: its dateline ("STOKE-ON-TRENT — ..."), else 0."""
    i = bisect_right(dateline_starts, offset)
    return dateline_starts[i - 1] if i else 0
