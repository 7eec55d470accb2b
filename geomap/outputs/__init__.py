"""What geomap writes: the map page, GeoJSON, GeoPackage, CSV, KML and the parse JSON."""
