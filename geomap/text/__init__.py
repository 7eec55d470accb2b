"""Text in: reading files, feeds and pages into documents, and cutting them into sentences."""
