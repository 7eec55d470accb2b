"""The map's JavaScript and CSS: which files the page loads, and inlining them for `--self-contained`.

folium writes `<script src=...>` and `<link rel="stylesheet" href=...>` tags for Leaflet and its plugins.
A self-contained page replaces each with the file's text, taken at run time from the installed
`folium-offline` package (folium's web assets, images already turned into data URIs, keyed by the URL
folium uses; it is pinned to the folium release it mirrors). Nothing is copied into this repository.
A URL the package does not carry is an error, never a silent network dependency.
"""

from __future__ import annotations

import re
from functools import lru_cache

import folium

from geomap.errors import GeomapError

# folium's default page assets that geomap's map does not use (Bootstrap, Font Awesome, Awesome Markers):
# dropping them keeps the page small and its offline copy free of font files it could not load.
_UNUSED = ("bootstrap", "awesome", "glyphicons", "fontawesome", "jquery")
_SCRIPT = re.compile(r'<script src="(?P<url>[^"]+)"></script>')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<url>[^"]+)"\s*/?>')


def trim_default_assets(fmap: folium.Map) -> None:
    """Keep only Leaflet itself among the map's default assets."""
    fmap.default_js = [(name, url) for name, url in fmap.default_js if not any(u in name for u in _UNUSED)]
    fmap.default_css = [(name, url) for name, url in fmap.default_css if not any(u in name for u in _UNUSED)]


@lru_cache(maxsize=1)
def _packaged() -> dict[str, str]:
    try:
        from offlinefolium.elements import _res  # the package's URL -> file text table
    except ImportError as exc:  # pragma: no cover - a broken install
        raise GeomapError("--self-contained needs the folium-offline package: pip install 'folium-offline'") from exc
    return _res


def asset_text(url: str) -> str:
    try:
        return _packaged()[url]
    except KeyError:
        raise GeomapError(f"no packaged copy of {url} for a self-contained map; folium and folium-offline "
                          f"releases must match (see pyproject.toml)") from None


def inline_assets(page: str) -> str:
    """The page with every external script and stylesheet replaced by its text."""
    def script(m: re.Match) -> str:
        return "<script>" + asset_text(m.group("url")).replace("</script", "<\\/script") + "</script>"

    def style(m: re.Match) -> str:
        return "<style>" + asset_text(m.group("url")).replace("</style", "<\\/style") + "</style>"

    return _STYLESHEET.sub(style, _SCRIPT.sub(script, page))


def external_urls(page: str) -> list[str]:
    """The scripts and stylesheets a page still loads from elsewhere."""
    return [m.group("url") for m in _SCRIPT.finditer(page)] + [m.group("url") for m in _STYLESHEET.finditer(page)]
