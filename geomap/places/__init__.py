"""Places: recognising place names in sentences and resolving them with the gazetteer."""
