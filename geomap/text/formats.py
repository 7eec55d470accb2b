"""The input formats geomap reads, by file suffix, and the module that reads each.

- .txt, .md: plain text, perhaps with a `date YYYY-MM-DD` first line or YAML front matter (`ingest`,
  `front_matter`); .jsonl: one JSON document a line (`ingest`)
- .html, .htm: web pages (`html_pages`); .json: a document object or a list of them (`json_files`)
- .xml, .rss, .atom: RSS and Atom feeds (`feeds`)

Every reader decodes bytes with `decoding`, builds its Documents with `documents.new_document` (text cleaned
by `clean`) and raises InputError with the fix, or yields a Failure per bad item of a file of many. Each
bound on hostile input comes from `geomap.limits` and is checked before the library that would suffer from
it runs.
"""

from __future__ import annotations

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl",)
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json",)
FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + FEED_SUFFIXES
