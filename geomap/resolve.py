"""Resolution: choose a place for each mention among the gazetteer's candidates.

First version (issue 2): the gazetteer's prior ranking (kind, population, name quality), with one
document-level rule: a name resolved once keeps that place for the whole document (one sense per
document). A mention with no candidate resolves to "no place" with the reason.
"""

from __future__ import annotations

from gazetteer import Gazetteer
from geomap.records import Mention, Resolution

CANDIDATE_LIMIT = 5


def resolve_mentions(mentions: list[Mention], gazetteer: Gazetteer) -> list[Resolution]:
    """One Resolution per mention, in the same order."""
    chosen: dict[str, Resolution] = {}
    resolutions = []
    for mention in mentions:
        key = mention.text.casefold()
        earlier = chosen.get(key)
        if earlier is not None:
            resolutions.append(Resolution(mention, earlier.place, earlier.candidates, earlier.score,
                                          "same name earlier in the document: " + earlier.reason))
            continue
        resolution = resolve_mention(mention, gazetteer)
        chosen[key] = resolution
        resolutions.append(resolution)
    return resolutions


def resolve_mention(mention: Mention, gazetteer: Gazetteer) -> Resolution:
    """Resolve one mention on its own, by the gazetteer's ranking."""
    candidates = tuple(gazetteer.lookup(mention.text, limit=CANDIDATE_LIMIT))
    if not candidates:
        return Resolution(mention, None, (), 0.0, "no place in the gazetteer has this name")
    best = candidates[0]
    return Resolution(mention, best.place, candidates, best.score, best.reason)
