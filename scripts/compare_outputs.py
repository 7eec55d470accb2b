"""Record or check the bytes of every output of `geomap build` on a set of inputs: a change that should not
change behaviour (a restructure, a faster writer) must leave them identical.

    python scripts/compare_outputs.py record BASELINE.json seeds ../shared/seeds/000_5b6f3de2cc2e325e.txt
    python scripts/compare_outputs.py check  BASELINE.json

`record` builds each input into a temporary folder and writes the SHA-256 of every file written (map.html,
the GeoJSON, GeoPackage, CSV, KML, failures and report) to BASELINE.json; `check` builds the same inputs
again and lists every file whose bytes differ (exit status 1), or says that all are identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import geomap


def digests(inputs: list[str]) -> dict[str, dict[str, str]]:
    """{input: {file name: SHA-256}} of a build of each input on its own."""
    result = {}
    for name in inputs:
        with tempfile.TemporaryDirectory() as out:
            geomap.build([Path(name)], out)
            result[name] = {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
                            for path in sorted(Path(out).iterdir()) if path.is_file() and path.name[0] != "."}
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
