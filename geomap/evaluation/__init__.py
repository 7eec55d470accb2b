"""Scoring against gold corpora: places (accuracy at 161 km) and events (precision and recall)."""
