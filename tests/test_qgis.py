"""A GIS user's real client: every export opens in QGIS 3.22 LTS (Debian's python3-qgis, GDAL 3.6) as a
valid layer in EPSG:4326 with valid geometries and no warnings (scripts/qgis_check.py, run headless)."""

import json
import os
import subprocess
from pathlib import Path

import pytest

import geomap

pytestmark = pytest.mark.qgis
SYSTEM_PYTHON = "/usr/bin/python3"
CHECK = Path(__file__).resolve().parents[1] / "scripts" / "qgis_check.py"


def test_every_export_opens_in_qgis_without_warnings(tmp_path, seed_article):
    has_qgis = subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True).returncode == 0
    if not has_qgis:
        pytest.fail("Debian's python3-qgis is missing: `make test` installs it (or: apt-get install python3-qgis)")
    geomap.build([seed_article], tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([SYSTEM_PYTHON, str(CHECK), str(tmp_path)], capture_output=True, text=True, env=env,
                         timeout=300)
    report = json.loads(run.stdout)
    assert run.returncode == 0 and report["ok"], json.dumps(report, indent=1)
    assert report["qgis"].startswith("3.22")
    assert len(report["layers"]) == 8 and all(layer["features"] > 0 for layer in report["layers"])
