"""Map load benchmark (prints figures; not a timed test).

    python -m tests.benchmarks.map_load output/map.html

Opens the map in headless Chromium (network closed, Leaflet from the installed package) and prints the
file size and the time until every marker is drawn.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tests.browser import open_page


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "output/map.html")
    started = time.perf_counter()
    with open_page(path) as (page, log):
        page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length > 0")
        elapsed = time.perf_counter() - started
        drawn = page.locator("path.leaflet-interactive").count()
    print(f"{path}: {path.stat().st_size / 1e6:.2f} MB, {drawn} drawn paths, "
          f"loaded in {elapsed:.2f} s (including browser start), page errors: {len(log.errors)}")


if __name__ == "__main__":
    main()
