"""The situation map: a folium (Leaflet) page with one toggleable layer per event type and a places layer.

Every string that came from a document goes through `escape_text` before it reaches HTML.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import branca.element
import folium
import shapely
import shapely.geometry

from gazetteer.atomic import write_text_atomic
from geomap.link import PlaceLink
from geomap.records import Event, EventType, ParseResult

TYPE_COLOURS = {
    EventType.STRIKE: "#d62728",
    EventType.BATTLE: "#ff7f0e",
    EventType.DEPLOYMENT: "#1f77b4",
    EventType.PROTEST: "#9467bd",
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


def _event_popup(event: Event, result: ParseResult, place_name: str) -> str:
    doc = result.document
    when = event.date_start.isoformat() if event.date_start else "date unknown"
    if event.date_end and event.date_end != event.date_start:
        when += f" to {event.date_end.isoformat()}"
    rows = [
        f"<b>{escape_text(event.type.value)}</b>: {escape_text(event.sub_type)}",
        f"{escape_text(place_name)} &middot; {escape_text(when)} ({escape_text(event.date_precision.value)})"
        f" &middot; {escape_text(event.certainty.value)}",
    ]
    if event.actors:
        rows.append("Actors: " + escape_text(", ".join(event.actors)))
    rows.append(f"<blockquote>{escape_text(event.quote)}</blockquote>")
    source = doc.title or doc.id
    rows.append(f"Source: {escape_text(source)} ({escape_text(doc.id)})")
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


def build_map(results: Sequence[ParseResult], links: Sequence[PlaceLink],
              outlines: dict[str, shapely.Geometry] | None = None) -> folium.Map:
    """The folium map object (not yet written)."""
    fmap = folium.Map(location=DEFAULT_CENTER, zoom_start=5, tiles="OpenStreetMap", control_scale=True)
    if outlines:
        _outline_layer(outlines).add_to(fmap)
    layers = {t: folium.FeatureGroup(name=f"{t.value} events", show=True) for t in EventType}
    bounds: list[tuple[float, float]] = []
    used_types: set[EventType] = set()
    for result in results:
        for event in result.events:
            used_types.add(event.type)
            for loc in event.locations:
                folium.CircleMarker(
                    location=(loc.place.lat, loc.place.lon),
                    radius=8,
                    color=TYPE_COLOURS[event.type],
                    fill=True,
                    fill_opacity=0.7,
                    popup=folium.Popup(_event_popup(event, result, loc.place.name), max_width=360),
                    tooltip=folium.Tooltip(escape_text(f"{event.type.value}: {loc.place.name}")),
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


def write_map(path: Path, results: Sequence[ParseResult], links: Sequence[PlaceLink],
              outlines: dict[str, shapely.Geometry] | None = None) -> None:
    """Render the map to one HTML file, atomically and reproducibly."""
    with _deterministic_ids():
        page = build_map(results, links, outlines).get_root().render()
    write_text_atomic(path, page)
