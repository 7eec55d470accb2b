"""The situation map: a folium (Leaflet) page.

Layers: one per ACLED event type (a GeoJSON layer of circle markers, colour per type), places mentioned
(size by number of events), regions (admin units solid, vague areas dashed and paler), movement arrows,
country outlines under everything (the basemap when web tiles cannot load). Controls: layer switcher,
legend, date filter (our own: two range inputs, because leaflet.timeline cannot drive layers that the
layer switcher also toggles), an event list that zooms to an event, place search, fullscreen.

Document text reaches the page only as GeoJSON properties; the page's own script
(assets/geomap_map.js) escapes it when building popups (see map_features for why the embedding is safe).
`escape_text` remains for the few strings written into HTML on the Python side (the title).
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import branca.element
import folium
import folium.plugins
import shapely
import shapely.geometry
from branca.element import MacroElement
from jinja2 import Template

from gazetteer.atomic import write_text_atomic
from geomap.event_types import TYPE_LABELS
from geomap.link import PlaceLink
from geomap.map_assets import inline_assets, trim_default_assets
from geomap.map_features import (
    DEFAULT_TITLE,
    document_table,
    event_features,
    movement_features,
    place_features,
    region_features,
)
from geomap.records import Document, Event, EventType

TYPE_COLOURS = {  # colour-blind-safe Okabe-Ito hues, one per ACLED type
    EventType.EXPLOSIONS: "#D55E00",
    EventType.BATTLES: "#E69F00",
    EventType.VIOLENCE_AGAINST_CIVILIANS: "#CC79A7",
    EventType.PROTESTS: "#009E73",
    EventType.RIOTS: "#F0E442",
    EventType.STRATEGIC: "#0072B2",
}
PLACE_COLOUR = "#555555"
REGION_COLOUR = "#785090"
MOVEMENT_COLOUR = "#0072B2"
OUTLINE_STYLE = {"color": "#7a7a7a", "weight": 0.8, "fillColor": "#f4f1ea", "fillOpacity": 0.6}
OUTLINE_TOLERANCE_DEG = 0.1  # about 10 km: outlines for orientation, not for analysis
DEFAULT_CENTER = (48.0, 35.0)
MAX_ZOOM = 18
PRECISION_LABELS = {  # UCDP where_prec, as geomap uses it (event_places)
    1: "the place itself", 2: "near a named place", 3: "a district or county", 4: "a province or oblast",
    5: "part of a country larger than a province", 6: "the country", 7: "wider than a country",
}

_JS_TEMPLATE_CHARACTERS = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def escape_text(text: object) -> str:
    """HTML-escape text written into the page on the Python side (backticks, `${` and backslashes too, for
    strings that end up in a JavaScript template literal)."""
    return html.escape(str(text), quote=True).translate(_JS_TEMPLATE_CHARACTERS)


def _asset(name: str) -> str:
    return resources.files("geomap").joinpath("assets", name).read_text(encoding="utf-8")


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


class _Client(MacroElement):
    """Our script and style in the page header, and the call that wires them to the map's layers."""

    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
            <script>{{ this.js }}</script>
        {% endmacro %}
        {% macro html(this, kwargs) %}
            <div class="geomap-title">{{ this.title }}</div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            geomap.init({{ this.config|tojson }});
        {% endmacro %}
    """)

    def __init__(self, config: dict, title: str):
        super().__init__()
        self._name = "GeomapClient"
        self.config = config
        self.title = escape_text(title)
        self.css = _asset("geomap_map.css")
        self.js = _asset("geomap_map.js").replace("</", "<\\/")


def _js(name: str) -> folium.JsCode:
    return folium.JsCode(f"geomap.{name}")


def _outline_layer(outlines: dict[str, shapely.Geometry]) -> folium.GeoJson:
    features = [{"type": "Feature", "properties": {"iso2": code}, "geometry": shapely.geometry.mapping(shape)}
                for code, shape in outlines.items()]
    return folium.GeoJson({"type": "FeatureCollection", "features": features}, name="country outlines",
                          style_function=lambda _: OUTLINE_STYLE, smooth_factor=1.5, interactive=False)


def _collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def build_map(events: Sequence[Event], documents: Mapping[str, Document], links: Sequence[PlaceLink],
              outlines: dict[str, shapely.Geometry] | None = None, geometry=None,
              title: str = DEFAULT_TITLE) -> folium.Map:
    """The folium map object (not yet written). `geometry(place_id)`: outlines for region layers."""
    fmap = folium.Map(location=DEFAULT_CENTER, zoom_start=5, tiles="OpenStreetMap", control_scale=True,
                      prefer_canvas=True, max_zoom=MAX_ZOOM)
    trim_default_assets(fmap)
    if outlines:
        _outline_layer(outlines).add_to(fmap)
    bounds: list[tuple[float, float]] = []
    if geometry is not None:
        regions = region_features(events, geometry)
        if regions:
            folium.GeoJson(_collection(regions), name="regions (admin units solid, vague areas dashed)",
                           style_function=lambda f: {
                               "color": REGION_COLOUR, "weight": 2, "fillColor": REGION_COLOUR,
                               "fillOpacity": 0.18 if f["properties"]["p"] <= 4 else 0.07,
                               "dashArray": None if f["properties"]["p"] <= 4 else "6 6"},
                           on_each_feature=_js("bindRegion"), smooth_factor=1.0).add_to(fmap)
    places = place_features(links, events)
    place_layer = folium.GeoJson(
        _collection(places), name="places mentioned", on_each_feature=_js("bindPlace"),
        marker=folium.CircleMarker(radius=4, color=PLACE_COLOUR, weight=1, fill=True, fill_color=PLACE_COLOUR,
                                   fill_opacity=0.3))
    place_layer.add_to(fmap)
    arrows = movement_features(events, documents)
    movement_layer = None
    if arrows:
        movement_layer = folium.GeoJson(
            _collection(arrows), name="movements (origin to destination)",
            style_function=lambda _: {"color": MOVEMENT_COLOUR, "weight": 3, "opacity": 0.85},
            on_each_feature=_js("bindMovement"))
        movement_layer.add_to(fmap)
    layer_names = []
    per_type = event_features(events, documents)
    for event_type in EventType:
        features = per_type.get(event_type)
        if not features:
            continue
        colour = TYPE_COLOURS[event_type]
        layer = folium.GeoJson(
            _collection(features), name=TYPE_LABELS[event_type], on_each_feature=_js("bindEvent"),
            marker=folium.CircleMarker(radius=7, color="#222222", weight=1, fill=True, fill_color=colour,
                                       fill_opacity=0.85))
        layer.add_to(fmap)
        layer_names.append(layer.get_name())
        bounds.extend((f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0]) for f in features)
    for arrow in arrows:  # the origins too: "from North Korea"
        (lon, lat), _ = arrow["geometry"]["coordinates"][0]
        bounds.append((lat, lon))
    folium.LayerControl(collapsed=False).add_to(fmap)
    folium.plugins.Fullscreen(position="topright").add_to(fmap)
    if places:
        folium.plugins.Search(layer=place_layer, search_label="name", placeholder="Find a place",
                              collapsed=True, position="topright").add_to(fmap)
    days = sorted(d for e in events for d in (e.date_start, e.date_end) if d is not None)
    config = {
        "map": fmap.get_name(), "layers": layer_names,
        "movements": movement_layer.get_name() if movement_layer is not None else None,
        "types": {t.value: {"label": TYPE_LABELS[t], "colour": TYPE_COLOURS[t], "used": t in per_type}
                  for t in EventType},
        "precision": PRECISION_LABELS, "documents": document_table(events, documents),
        "first": days[0].toordinal() - _EPOCH if days else None,
        "last": days[-1].toordinal() - _EPOCH if days else None,
    }
    _Client(config, title).add_to(fmap)
    if not bounds:  # no events: frame the places
        bounds = [(f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0]) for f in places]
    if bounds:
        lats, lons = zip(*bounds, strict=True)
        # room for the panels: the event list (top left), the layer control and legend (right)
        fmap.fit_bounds([(min(lats), min(lons)), (max(lats), max(lons))], max_zoom=8,
                        padding_top_left=(330, 30), padding_bottom_right=(330, 60))
    return fmap


_EPOCH = 719163  # date(1970, 1, 1).toordinal(): the page counts days since 1970 as the browser's Date does


def render_page(events: Sequence[Event], documents: Mapping[str, Document], links: Sequence[PlaceLink],
                outlines: dict[str, shapely.Geometry] | None = None, geometry=None, title: str = DEFAULT_TITLE,
                self_contained: bool = False) -> str:
    with _deterministic_ids():
        figure = build_map(events, documents, links, outlines, geometry, title).get_root()
        figure.title = escape_text(title)  # branca writes it as given
        page = figure.render()
    return inline_assets(page) if self_contained else page


def write_map(path: Path, events: Sequence[Event], documents: Mapping[str, Document], links: Sequence[PlaceLink],
              outlines: dict[str, shapely.Geometry] | None = None, geometry=None, title: str = DEFAULT_TITLE,
              self_contained: bool = False) -> None:
    """Render the map to one HTML file, atomically and reproducibly."""
    write_text_atomic(path, render_page(events, documents, links, outlines, geometry, title, self_contained))


def page_config(page: str) -> dict:
    """The configuration the page hands its script (for tests)."""
    start = page.index("geomap.init(") + len("geomap.init(")
    return json.loads(page[start:page.index(");", start)])
