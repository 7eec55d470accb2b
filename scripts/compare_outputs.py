"""Record or check the bytes of every output of `geomap build` on a set of inputs: a change that should not
change behaviour (a restructure, a faster writer) must leave them identical.

    python scripts/compare_outputs.py record BASELINE.json seeds ../shared/seeds/000_5b6f3de2cc2e325e.txt
    python scripts/compare_outputs.py check  BASELINE.json

`record` builds each input into a temporary folder and writes the SHA-256 of every file written (map.html,
the GeoJSON, GeoPackage, CSV, KML, failures and report) to BASELINE.json; `check` builds the same inputs
again and lists every file whose bytes differ (exit status 1), or says that all are identical.

map.html is compared without geomap's own code: its stylesheet and script (geomap/outputs/assets, embedded
as one `<style>` and one `<script>` element) are replaced by CODE_PLACEHOLDER before hashing. Code is not
output: a change to the map's script changes no data, and is tested in the browser (tests/test_map_browser.py).
Everything else in the page (the data block, the configuration handed to the script, folium's layers) is
still compared byte for byte. report.json lists the SHA-256 of the whole page, so it is compared with the
placeholder in place of that one value.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import geomap
from geomap.outputs.map import client_code

MAP_FILE = "map.html"
REPORT_FILE = "report.json"
CODE_PLACEHOLDER = "<!-- geomap's own stylesheet or script: code, not output -->"


def page_without_code(page: bytes) -> bytes:
    """The page with geomap's stylesheet and script elements replaced by CODE_PLACEHOLDER."""
    text = page.decode("utf-8")
    for element in client_code():
        if text.count(element) != 1:
            tag = element[1:element.index(">")]
            raise SystemExit(f"{MAP_FILE} holds {text.count(element)} copies of geomap's <{tag}> element instead "
                             f"of 1: the page embeds it differently (see geomap/outputs/map.py)")
        text = text.replace(element, CODE_PLACEHOLDER)
    return text.encode("utf-8")


def report_without_map_digest(report: bytes, page_digest: str) -> bytes:
    """report.json with the page's SHA-256 (which covers the code) replaced by CODE_PLACEHOLDER."""
    listed = f'"{MAP_FILE}": "{page_digest}"'.encode()
    if report.count(listed) != 1:
        raise SystemExit(f"{REPORT_FILE} does not list the SHA-256 of {MAP_FILE} once")
    return report.replace(listed, f'"{MAP_FILE}": "{CODE_PLACEHOLDER}"'.encode())


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def folder_digests(out: Path) -> dict[str, str]:
    """{file name: SHA-256} of a build's folder, map.html and report.json without geomap's code."""
    files = {path.name: path.read_bytes() for path in sorted(out.iterdir()) if path.is_file() and path.name[0] != "."}
    if MAP_FILE in files:
        page_digest = _sha256(files[MAP_FILE])
        files[MAP_FILE] = page_without_code(files[MAP_FILE])
        if REPORT_FILE in files:
            files[REPORT_FILE] = report_without_map_digest(files[REPORT_FILE], page_digest)
    return {name: _sha256(data) for name, data in files.items()}


def digests(inputs: list[str]) -> dict[str, dict[str, str]]:
    """{input: {file name: SHA-256}} of a build of each input on its own."""
    result = {}
    for name in inputs:
        with tempfile.TemporaryDirectory() as out:
            geomap.build([Path(name)], out)
            result[name] = folder_digests(Path(out))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["record", "check"])
    parser.add_argument("baseline", type=Path)
    parser.add_argument("inputs", nargs="*", help="folders or files to build (record only)")
    args = parser.parse_args()
    if args.mode == "record":
        args.baseline.write_text(json.dumps(digests(args.inputs), indent=1, sort_keys=True) + "\n")
        print(f"recorded {args.baseline}")
        return 0
    recorded = json.loads(args.baseline.read_text())
    now = digests(list(recorded))
    changed = [f"{name}: {file}" for name, files in recorded.items() for file in sorted(set(files) | set(now[name]))
               if files.get(file) != now[name].get(file)]
    for line in changed:
        print(f"differs: {line}")
    print("all outputs identical" if not changed else f"{len(changed)} files differ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
