"""The situation map: a folium (Leaflet) page.

Layers: one per ACLED event type (a GeoJSON layer of circle markers, colour per type), places mentioned
(size by number of events), regions (admin units solid, vague areas dashed and paler), movement arrows,
country outlines under everything (the basemap when web tiles cannot load). Controls: layer switcher,
legend, date filter (our own: two range inputs, because leaflet.timeline cannot drive layers that the
layer switcher also toggles), an event list that zooms to an event, place search, fullscreen.

Document text never passes through a template engine. folium and branca render every element's output
*again* as a Jinja2 template (branca wraps each macro's output in `Element(template=...)`), so any text
embedded by an element's template would be evaluated (`{{ 6*7 }}` became 42, `{% endif` broke the build,
a crafted expression ran shell commands). Therefore the layers are created empty, and everything that
came from documents (features of every layer, the table of document titles and links) is written into one
JSON block *after* folium has rendered the page, replacing a marker that no escaped string can contain
(geomap.outputs.map_data). The page's own script (assets/geomap_map.js) parses it, adds the features to
their layers and escapes every string when it builds a popup. `escape_text` is for the
few strings written into HTML on the Python side (the title): it escapes braces too, as HTML entities.
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
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

from gazetteer.atomic import write_chunks_atomic
from geomap.errors import GeomapError
from geomap.events.vocabulary import TYPE_LABELS
from geomap.outputs.geojson import feature_collection
from geomap.outputs.map_assets import inline_assets, trim_default_assets
from geomap.outputs.map_data import DATA_MARKER, data_block_chunks
from geomap.outputs.map_features import (
    DEFAULT_TITLE,
    document_table,
    event_markers_by_type,
    movement_arrows,
    place_markers,
    region_outlines,
)
from geomap.records import Document, Event, EventType, PlaceLink, WherePrecision

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

_TEMPLATE_CHARACTERS = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"})
def escape_text(text: object) -> str:
    """HTML-escape text written into the page on the Python side: markup characters, and also backticks,
    `$` and backslashes (JavaScript template literals) and braces (every Jinja2 tag opens with one), so the
    text is inert for every engine that reads the page."""
    return html.escape(str(text), quote=True).translate(_TEMPLATE_CHARACTERS)


def _asset(name: str) -> str:
    return resources.files("geomap.outputs").joinpath("assets", name).read_text(encoding="utf-8")


def client_code() -> tuple[str, str]:
    """geomap's own stylesheet and script (assets/) as the page embeds them: a `<style>` and a `<script>`
    element, every `</` in the script written `<\\/` so that nothing in it ends the element."""
    script = _asset("geomap_map.js").replace("</", "<\\/")
    return f"<style>{_asset('geomap_map.css')}</style>", f"<script>{script}</script>"


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
            {{ this.style }}
            {{ this.script }}
        {% endmacro %}
        {% macro html(this, kwargs) %}
            <!--geomap-data-->
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
        self.style, self.script = client_code()


class _PlaceSearch(folium.plugins.Search):
    """folium's place search over a layer whose features the page's script adds (see the module's docstring):
    folium's own check reads the label from the first embedded feature, which an empty layer lacks, so the
    label is checked here against the features the layer will get."""

    def __init__(self, layer: folium.GeoJson, features: list[dict], search_label: str, **options):
        if any(search_label not in f["properties"] for f in features):
            raise ValueError(f"every place feature needs the search label {search_label!r}")
        super().__init__(layer=layer, search_label=search_label, **options)

    def render(self, **kwargs):
        self.test_params(keys=None)
        super(folium.plugins.Search, self).render(**kwargs)  # its scripts and styles, without the check


def _js(name: str) -> folium.JsCode:
    return folium.JsCode(f"geomap.{name}")


def _outline_layer(outlines: dict[str, shapely.Geometry]) -> folium.GeoJson:
    features = [{"type": "Feature", "properties": {"iso2": code}, "geometry": shapely.geometry.mapping(shape)}
                for code, shape in outlines.items()]
    return folium.GeoJson({"type": "FeatureCollection", "features": features}, name="country outlines",
                          style_function=lambda _: OUTLINE_STYLE, smooth_factor=1.5, interactive=False)


def _base_map(outlines: dict[str, shapely.Geometry] | None) -> folium.Map:
    """The map with Leaflet's own assets only and, under everything, the country outlines."""
    fmap = folium.Map(location=DEFAULT_CENTER, zoom_start=5, tiles="OpenStreetMap", control_scale=True,
                      prefer_canvas=True, max_zoom=MAX_ZOOM)
    trim_default_assets(fmap)
    if outlines:  # gazetteer shapes, no document text: folium may embed them itself
        _outline_layer(outlines).add_to(fmap)
    return fmap


def _add_data_layer(fmap: folium.Map, layers: list[dict], name: str, features: list[dict], style: str | None = None,
                    **options) -> folium.GeoJson:
    """A GeoJSON layer that folium renders with no features; its features go to `layers` (the data block's
    list, in drawing order), from which the page's script adds them. `style`: a style of the script's."""
    layer = folium.GeoJson(feature_collection([]), name=name, **options)
    layer.add_to(fmap)
    entry = {"layer": layer.get_name(), "data": feature_collection(features)}
    if style is not None:
        entry["style"] = style
    layers.append(entry)
    return layer


def _add_event_layers(fmap: folium.Map, layers: list[dict], per_type: dict[EventType, list[dict]]) -> list[str]:
    """One layer per event type used, in EventType's order, coloured by type; their folium names."""
    names = []
    for event_type in EventType:
        if not per_type.get(event_type):
            continue
        colour = TYPE_COLOURS[event_type]
        marker = folium.CircleMarker(radius=7, color="#222222", weight=1, fill=True, fill_color=colour,
                                     fill_opacity=0.85)
        layer = _add_data_layer(fmap, layers, TYPE_LABELS[event_type], per_type[event_type],
                                on_each_feature=_js("bindEvent"), marker=marker)
        names.append(layer.get_name())
    return names


def _add_controls(fmap: folium.Map, place_layer: folium.GeoJson, places: list[dict]) -> None:
    """The layer switcher, fullscreen, and the place search when there are places."""
    folium.LayerControl(collapsed=False).add_to(fmap)
    folium.plugins.Fullscreen(position="topright").add_to(fmap)
    if places:
        _PlaceSearch(place_layer, places, search_label="name", placeholder="Find a place", collapsed=True,
                     position="topright").add_to(fmap)


def _client_config(fmap: folium.Map, events: Sequence[Event], event_layers: list[str],
                   movement_layer: folium.GeoJson | None, types_used: Iterable[EventType]) -> dict:
    """What the page's script is told: geomap's own labels, names and numbers only, since it goes through
    folium's templates. Days count from 1970 (`first`, `last`: the span of the events' dates)."""
    used = set(types_used)
    days = sorted(d for e in events for d in (e.date_start, e.date_end) if d is not None)
    return {
        "map": fmap.get_name(), "layers": event_layers,
        "movements": movement_layer.get_name() if movement_layer is not None else None,
        "types": {t.value: {"label": TYPE_LABELS[t], "colour": TYPE_COLOURS[t], "used": t in used}
                  for t in EventType},
        "styles": {"region": REGION_COLOUR, "movement": MOVEMENT_COLOUR},
        "precision": {int(p): p.label for p in WherePrecision},  # UCDP where_prec
        "first": days[0].toordinal() - _EPOCH if days else None,
        "last": days[-1].toordinal() - _EPOCH if days else None,
    }


def _lat_lon(position: list[float]) -> tuple[float, float]:
    lon, lat = position
    return lat, lon


def _frame(fmap: folium.Map, per_type: dict[EventType, list[dict]], arrows: list[dict], places: list[dict]) -> None:
    """Fit the view to the events and the movements' origins ("from North Korea"), or with no events to the
    places, leaving room for the panels: the event list (top left), the layer control and legend (right)."""
    bounds = [_lat_lon(f["geometry"]["coordinates"]) for features in per_type.values() for f in features]
    bounds += [_lat_lon(arrow["geometry"]["coordinates"][0][0]) for arrow in arrows]
    if not bounds:
        bounds = [_lat_lon(f["geometry"]["coordinates"]) for f in places]
    if bounds:
        lats, lons = zip(*bounds, strict=True)
        fmap.fit_bounds([(min(lats), min(lons)), (max(lats), max(lons))], max_zoom=8,
                        padding_top_left=(330, 30), padding_bottom_right=(330, 60))


def build_map(events: Sequence[Event], documents: Mapping[str, Document], links: Sequence[PlaceLink],
              outlines: dict[str, shapely.Geometry] | None = None, geometry=None,
              title: str = DEFAULT_TITLE) -> tuple[folium.Map, dict]:
    """The folium map object (not yet written) and the data its script adds to the layers (see the module's
    docstring: never given to folium). `geometry(place_id)`: outlines for region layers.

    Layers are drawn in the order they are added: regions, places, movements, then the events by type."""
    fmap = _base_map(outlines)
    layers: list[dict] = []
    regions = region_outlines(events, geometry) if geometry is not None else []
    if regions:
        _add_data_layer(fmap, layers, "regions (admin units solid, vague areas dashed)", regions, style="region",
                        on_each_feature=_js("bindRegion"), smooth_factor=1.0)
    places = place_markers(links, events)
    place_marker = folium.CircleMarker(radius=4, color=PLACE_COLOUR, weight=1, fill=True, fill_color=PLACE_COLOUR,
                                       fill_opacity=0.3)
    place_layer = _add_data_layer(fmap, layers, "places mentioned", places, on_each_feature=_js("bindPlace"),
                                  marker=place_marker)
    arrows = movement_arrows(events)
    movement_layer = _add_data_layer(fmap, layers, "movements (origin to destination)", arrows, style="movement",
                                     on_each_feature=_js("bindMovement")) if arrows else None
    per_type = event_markers_by_type(events)
    event_layers = _add_event_layers(fmap, layers, per_type)
    _add_controls(fmap, place_layer, places)
    _Client(_client_config(fmap, events, event_layers, movement_layer, per_type), title).add_to(fmap)
    _frame(fmap, per_type, arrows, places)
    return fmap, {"layers": layers, "documents": document_table(events, documents)}


_EPOCH = 719163  # date(1970, 1, 1).toordinal(): the page counts days since 1970 as the browser's Date does


def render_page(events: Sequence[Event], documents: Mapping[str, Document], links: Sequence[PlaceLink],
                outlines: dict[str, shapely.Geometry] | None = None, geometry=None, title: str = DEFAULT_TITLE,
                self_contained: bool = True) -> str:
    return "".join(render_page_chunks(events, documents, links, outlines, geometry, title, self_contained))


def render_page_chunks(events: Sequence[Event], documents: Mapping[str, Document], links: Sequence[PlaceLink],
                       outlines: dict[str, shapely.Geometry] | None = None, geometry=None,
                       title: str = DEFAULT_TITLE, self_contained: bool = True) -> Iterator[str]:
    """The page in pieces: the rendered folium page around the data block, which is streamed."""
    with _deterministic_ids():
        fmap, data = build_map(events, documents, links, outlines, geometry, title)
        figure = fmap.get_root()
        figure.title = escape_text(title)  # branca writes it as given
        page = figure.render()
    if self_contained:
        page = inline_assets(page)
    if page.count(DATA_MARKER) != 1:  # a folium change that drops or repeats our element: never guess
        raise GeomapError(f"the map page has {page.count(DATA_MARKER)} data markers instead of 1; "
                          f"folium {folium.__version__} may render elements differently (see pyproject.toml)")
    before, after = page.split(DATA_MARKER)
    yield before
    yield from data_block_chunks(data)
    yield after


def write_map(path: Path, events: Sequence[Event], documents: Mapping[str, Document], links: Sequence[PlaceLink],
              outlines: dict[str, shapely.Geometry] | None = None, geometry=None, title: str = DEFAULT_TITLE,
              self_contained: bool = True) -> None:
    """Render the map to one HTML file, atomically and reproducibly."""
    write_chunks_atomic(path, render_page_chunks(events, documents, links, outlines, geometry, title,
                                                 self_contained))


def page_config(page: str) -> dict:
    """The configuration the page hands its script (for tests)."""
    start = page.index("geomap.init({") + len("geomap.init(")
    return json.loads(page[start:page.index(");", start)])
