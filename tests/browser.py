"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, with the network closed.

Requests for Leaflet's and jQuery's files are answered from installed XStatic packages, so the
map renders with no network; every other outside request (tiles, fonts, other CDN files) is aborted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


def _local_files() -> dict[str, Path]:
    """Leaflet and jQuery (folium's popups use it) from the installed XStatic packages."""
    import xstatic.pkg.jquery as jquery
    import xstatic.pkg.leaflet as leaflet

    leaflet_dir = Path(leaflet.BASE_DIR)
    return {"leaflet.js": leaflet_dir / "leaflet.js", "leaflet.css": leaflet_dir / "leaflet.css",
            "jquery-3.7.1.min.js": Path(jquery.BASE_DIR) / "jquery.min.js"}


@dataclass
class PageLog:
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@contextmanager
def open_page(html_file: Path, width: int = 1280, height: int = 800) -> Iterator[tuple[object, PageLog]]:
    """A Playwright page showing `html_file` offline; yields (page, log of page errors and blocked URLs)."""
    from playwright.sync_api import sync_playwright

    local = _local_files()
    log = PageLog()

    def route(route, request):
        url = request.url
        if url.startswith("file://"):
            return route.continue_()
        name = url.rsplit("/", 1)[-1].split("?", 1)[0]
        if name in local:
            content_type = "text/css" if name.endswith(".css") else "application/javascript"
            return route.fulfill(path=str(local[name]), content_type=content_type)
        log.blocked.append(url)
        return route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on("pageerror", lambda exc: log.errors.append(str(exc)))
            page.route("**/*", route)
            page.goto(html_file.resolve().as_uri(), wait_until="load")
            page.wait_for_function("typeof L !== 'undefined'")
            yield page, log
        finally:
            browser.close()
