"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, with the network closed.

A page built with `--self-contained` needs nothing from outside. A page built without it loads Leaflet
and plugins from the web; those requests are answered from the installed folium-offline package (the
same table `--self-contained` inlines from), so both kinds of page render here. Every other outside
request (tiles above all) is aborted and listed in the log.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from geomap.errors import GeomapError
from geomap.outputs.map_assets import asset_text

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


@dataclass
class PageLog:
    errors: list[str] = field(default_factory=list)  # uncaught script errors
    console: list[str] = field(default_factory=list)  # console errors and warnings
    blocked: list[str] = field(default_factory=list)  # outside requests that were refused
    served: list[str] = field(default_factory=list)  # outside requests answered from the installed package


@contextmanager
def open_page(html_file: Path, width: int = 1280, height: int = 800,
              serve_assets: bool = True) -> Iterator[tuple[object, PageLog]]:
    """A Playwright page showing `html_file` offline; yields (page, log)."""
    from playwright.sync_api import sync_playwright

    log = PageLog()

    def route(route, request):
        url = request.url
        if url.startswith(("file://", "data:")):
            return route.continue_()
        if serve_assets:
            try:
                body = asset_text(url)
            except GeomapError:
                body = None
            if body is not None:
                log.served.append(url)
                content_type = "text/css" if url.endswith(".css") else "application/javascript"
                return route.fulfill(body=body, content_type=content_type)
        log.blocked.append(url)
        return route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on("pageerror", lambda exc: log.errors.append(str(exc)))
            page.on("console", lambda m: log.console.append(f"{m.type}: {m.text}")
                    if m.type in ("error", "warning") else None)
            page.route("**/*", route)
            page.goto(html_file.resolve().as_uri(), wait_until="load")
            page.wait_for_function("typeof L !== 'undefined' && typeof geomap !== 'undefined'")
            yield page, log
        finally:
            browser.close()


def is_tile(url: str) -> bool:
    """A basemap tile request (the only outside request a self-contained map makes; refused offline)."""
    return url.endswith(".png") and "/tile" in url
