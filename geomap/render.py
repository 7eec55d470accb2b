"""The situation map: a folium (Leaflet) page with one toggleable layer per event type and a places layer.

Every string that came from a document goes through `escape_text` before it reaches HTML.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import branca.element
import folium
import shapely
import shapely.geometry

from gazetteer.atomic import write_text_atomic
from geomap.event_types import TYPE_LABELS, sub_type_label
from geomap.link import PlaceLink
from geomap.records import Document, Event, EventLocation, EventType

TYPE_COLOURS = {  # colour-blind-safe Okabe-Ito hues, one per ACLED type
    EventType.EXPLOSIONS: "#D55E00",
    EventType.BATTLES: "#E69F00",
    EventType.VIOLENCE_AGAINST_CIVILIANS: "#CC79A7",
    EventType.PROTESTS: "#009E73",
    EventType.RIOTS: "#F0E442",
    EventType.STRATEGIC: "#0072B2",
}
PLACE_COLOUR = "#555555"
OUTLINE_STYLE = {"color": "#7a7a7a", "weight": 0.8, "fillColor": "#f4f1ea", "fillOpacity": 0.6}
OUTLINE_TOLERANCE_DEG = 0.1  # about 10 km: outlines for orientation, not for analysis
DEFAULT_CENTER = (48.0, 35.0)


_JS_TEMPLATE_CHARACTERS = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def escape_text(text: object) -> str:
    """The single escaping function for document text entering the page.

    Beyond HTML escaping, folium places popup HTML inside a JavaScript template literal, so backticks,
    `${` and backslashes are turned into character references as well.
    """
    return html.escape(str(text), quote=True).translate(_JS_TEMPLATE_CHARACTERS)


@contextmanager
def _deterministic_ids() -> Iterator[None]:
    """folium names every element with random hex; a counter makes identical input give identical HTML.

    branca has no hook for this, so its id generator is swapped for the duration of one render.
    """
    counter = itertools.count(1)
    original = branca.element.Element.__dict__["_generate_id"]
    branca.element.Element._generate_id = classmethod(lambda cls: f"{next(counter):08x}")
    try:
        yield
    finally:
        branca.element.Element._generate_id = original


def _event_popup(event: Event, loc: EventLocation, documents: Mapping[str, Document]) -> str:
    when = event.date_start.isoformat() if event.date_start else "date unknown"
    if event.date_end and event.date_end != event.date_start:
        when += f" to {event.date_end.isoformat()}"
    rows = [
        f"<b>{escape_text(TYPE_LABELS[event.type])}</b>: {escape_text(sub_type_label(event.sub_type))}",
        f"{escape_text(loc.place.name)} ({escape_text(loc.role.value)}, precision {loc.precision})"
        f" &middot; {escape_text(when)} ({escape_text(event.date_precision.value)})"
        f" &middot; {escape_text(event.certainty.value)}",
    ]
    if loc.note:
        rows.append(f"<i>{escape_text(loc.note)}</i>")
    if event.actors:
        rows.append("Actors: " + escape_text(", ".join(event.actors)))
    if event.quantities:
        rows.append("Numbers: " + escape_text("; ".join(q.text for q in event.quantities)))
    if event.sources:
        rows.append("Says so: " + escape_text("; ".join(event.sources)))
    rows.append(f"<blockquote>{escape_text(event.quote)}</blockquote>")
    reports = []
    for doc_id in event.doc_ids or (event.doc_id,):
        doc = documents.get(doc_id)
        title = (doc.title if doc else None) or doc_id
        reports.append(f"{escape_text(title)} ({escape_text(doc_id)})")
    label = "Source" if len(reports) == 1 else f"Reported by {len(reports)} documents"
    rows.append(f"{label}: " + "; ".join(reports))
    return "<div class='geomap-popup'>" + "<br>".join(rows) + "</div>"


def _place_popup(link: PlaceLink) -> str:
    place = link.place
    return (f"<b>{escape_text(place.name)}</b> ({escape_text(place.kind.value)}, "
            f"{escape_text(place.country_code)})<br>{link.mentions} mention(s) in {len(link.doc_ids)} document(s), "
            f"{len(link.event_ids)} event(s)")


def _outline_layer(outlines: dict[str, shapely.Geometry]) -> folium.GeoJson:
    """Country outlines drawn under everything: the map stays readable when web tiles cannot load."""
    features = [{"type": "Feature", "properties": {"iso2": code}, "geometry": shapely.geometry.mapping(shape)}
                for code, shape in outlines.items()]
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="country outlines",
        style_function=lambda _: OUTLINE_STYLE,
        smooth_factor=1.5,
        control=True,
        interactive=False,
    )


def build_map(events: Sequence[Event], documents: Mapping[str, Document], links: Sequence[PlaceLink],
              outlines: dict[str, shapely.Geometry] | None = None) -> folium.Map:
    """The folium map object (not yet written)."""
    fmap = folium.Map(location=DEFAULT_CENTER, zoom_start=5, tiles="OpenStreetMap", control_scale=True)
    if outlines:
        _outline_layer(outlines).add_to(fmap)
    layers = {t: folium.FeatureGroup(name=TYPE_LABELS[t], show=True) for t in EventType}
    bounds: list[tuple[float, float]] = []
    used_types: set[EventType] = set()
    for event in events:
        used_types.add(event.type)
        for loc in event.locations:
            folium.CircleMarker(
                location=(loc.place.lat, loc.place.lon),
                radius=7 + min(event.source_count, 5),
                color=TYPE_COLOURS[event.type],
                fill=True,
                fill_opacity=0.7,
                popup=folium.Popup(_event_popup(event, loc, documents), max_width=380),
                tooltip=folium.Tooltip(escape_text(f"{TYPE_LABELS[event.type]}: {loc.place.name}")),
            ).add_to(layers[event.type])
            bounds.append((loc.place.lat, loc.place.lon))
    places = folium.FeatureGroup(name="places mentioned", show=True)
    for link in links:
        folium.CircleMarker(
            location=(link.place.lat, link.place.lon),
            radius=3 + min(link.mentions, 10),
            color=PLACE_COLOUR,
            weight=1,
            fill=True,
            fill_opacity=0.3,
            popup=folium.Popup(_place_popup(link), max_width=300),
            tooltip=folium.Tooltip(escape_text(link.place.name)),
        ).add_to(places)
        bounds.append((link.place.lat, link.place.lon))
    places.add_to(fmap)
    for event_type, layer in layers.items():
        if event_type in used_types:
            layer.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    if bounds:
        lats, lons = zip(*bounds, strict=True)
        fmap.fit_bounds([(min(lats), min(lons)), (max(lats), max(lons))], max_zoom=8)
    return fmap


def write_map(path: Path, events: Sequence[Event], documents: Mapping[str, Document], links: Sequence[PlaceLink],
              outlines: dict[str, shapely.Geometry] | None = None) -> None:
    """Render the map to one HTML file, atomically and reproducibly."""
    with _deterministic_ids():
        page = build_map(events, documents, links, outlines).get_root().render()
    write_text_atomic(path, page)
