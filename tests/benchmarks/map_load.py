"""Map load benchmark (prints figures; not a timed test).

    python -m tests.benchmarks.map_load output/map.html

Opens a built map in headless Chromium with the network closed (a map built without --self-contained
gets Leaflet and its plugins from the installed folium-offline package) and prints the file size and the
time from navigation until the page's script has drawn every event.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.browser import open_page


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "output/map.html")
    with open_page(path) as (page, log):
        opened = page.evaluate("() => performance.now()")
        drawn = page.evaluate("() => geomap.internal.drawnEvents().length")
    print(f"{path}: {path.stat().st_size / 1e6:.2f} MB, {drawn} event markers, drawn {opened / 1000:.2f} s after "
          f"navigation, page errors: {len(log.errors)}")


if __name__ == "__main__":
    main()
