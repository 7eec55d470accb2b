# The two commands of the README's quick start. Each sets up everything it needs on a fresh machine.
#   make map   - virtual environment + install, then build output/map.html and the GeoJSON from seeds/
#   make test  - virtual environment + install (+ Chromium and QGIS for the browser and GIS tests), lint, all tests

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: map test lint install chromium qgis clean

map: $(STAMP)
	$(BIN)/geomap build seeds --out output

test: $(STAMP) chromium qgis lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "geomap needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

chromium:
	@test -x /usr/bin/chromium || scripts/install-chromium.sh

qgis:
	@/usr/bin/python3 -c "import qgis.core" 2>/dev/null || scripts/install-qgis.sh

clean:
	rm -rf $(VENV) output/*.html output/*.geojson output/*.jsonl output/*.json output/*.gpkg output/*.csv output/*.kml output/*.png
