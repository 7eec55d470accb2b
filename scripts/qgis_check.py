"""Open geomap's exports in QGIS (Debian's python3-qgis) the way a GIS user would, and report.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/qgis_check.py OUTPUT_DIR

Runs under Debian's system Python, not geomap's environment. For every export layer it checks that QGIS
opens it as a valid vector layer in EPSG:4326, counts its features, checks every geometry with GEOS, and
collects every warning QGIS logs while doing so. Prints one JSON object; exits 1 when any check fails.
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import Qgis, QgsApplication, QgsVectorLayer
from qgis.PyQt.QtCore import QUrl

LAYERS = [("events.geojson", None), ("places.geojson", None), ("regions.geojson", None),
          ("situation.gpkg", "events"), ("situation.gpkg", "places"), ("situation.gpkg", "regions"),
          ("events.kml", None), ("events.csv", None)]


def uri(folder, name, layer):
    path = os.path.abspath(os.path.join(folder, name))
    if name.endswith(".csv"):  # QGIS's delimited-text provider, as a user adds a CSV with X/Y columns
        url = QUrl.fromLocalFile(path)
        url.setQuery("type=csv&xField=lon&yField=lat&crs=EPSG:4326&detectTypes=yes")
        return url.toString(), "delimitedtext"
    return (path + "|layername=" + layer if layer else path), "ogr"


class CapturedStderr:
    """GDAL prints its warnings ("may only be partially supported") on the C stderr, not to QGIS's log."""

    def __enter__(self):
        import tempfile
        sys.stderr.flush()
        self.file = tempfile.TemporaryFile()
        self.saved = os.dup(2)
        os.dup2(self.file.fileno(), 2)
        return self

    def __exit__(self, *exc):
        sys.stderr.flush()
        os.dup2(self.saved, 2)
        os.close(self.saved)
        self.file.seek(0)
        self.lines = [line for line in self.file.read().decode("utf-8", "replace").splitlines()
                      if "Warning" in line or "ERROR" in line]
        self.file.close()


def main(folder):
    app = QgsApplication([], False)
    app.initQgis()
    messages = []
    QgsApplication.messageLog().messageReceived.connect(
        lambda text, tag, level: messages.append((int(level), tag, text)))
    report = {"qgis": Qgis.QGIS_VERSION, "layers": [], "ok": True}
    for name, layer_name in LAYERS:
        before = len(messages)
        source, provider = uri(folder, name, layer_name)
        with CapturedStderr() as captured:
            layer = QgsVectorLayer(source, name + (":" + layer_name if layer_name else ""), provider)
            row = {"file": name, "layer": layer_name, "valid": layer.isValid()}
            if layer.isValid():
                invalid = 0
                for feature in layer.getFeatures():
                    geometry = feature.geometry()
                    if geometry.isNull() or not geometry.isGeosValid():
                        invalid += 1
                row.update(crs=layer.crs().authid(), features=layer.featureCount(), invalid_geometries=invalid,
                           error=layer.error().summary() if layer.error().messageList() else "")
            del layer
        warnings = [f"{tag}: {text}" for level, tag, text in messages[before:] if level >= int(Qgis.Warning)]
        row["warnings"] = warnings + captured.lines
        row["ok"] = bool(row["valid"] and row.get("crs") == "EPSG:4326" and row.get("invalid_geometries") == 0
                         and not row["warnings"])
        report["ok"] &= row["ok"]
        report["layers"].append(row)
    app.exitQgis()
    print(json.dumps(report, indent=1))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
