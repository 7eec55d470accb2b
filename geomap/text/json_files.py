""".json files (one document object, or a list of them) and the nesting bound on every JSON text.

`json.loads` recurses once per level and raises RecursionError near a thousand, so a text nested deeper
than max_json_depth is refused before it is parsed (`json_too_deep`, for .jsonl lines too).
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Iterator
from itertools import accumulate

from geomap.errors import InputError
from geomap.limits import current, over_limit
from geomap.records import Document, Failure
from geomap.text.decoding import decode

# A JSON string, or an unterminated one up to the end: matched from its first quote only, so the scan is
# linear even for a run of escaped quotes.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_JSON_BRACKETS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # +1 and -1 as signed bytes
_NOT_JSON_BRACKETS = bytes(b for b in range(256) if b not in b"[{]}")


def json_depth(data: bytes | str) -> int:
    """How deep the brackets of a JSON text nest (strings skipped), found without recursion: `json.loads`
    recurses once per level and raises RecursionError near a thousand."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    steps = array("b", _JSON_STRING.sub(b"", raw).translate(_JSON_BRACKETS, _NOT_JSON_BRACKETS))
    return max(accumulate(steps), default=0)


def json_too_deep(data: bytes | str, limit: int) -> str | None:
    """The reason a JSON text nests deeper than `limit` (max_json_depth), or None when it does not."""
    depth = json_depth(data)
    if depth <= limit:
        return None
    return over_limit("max_json_depth", f"JSON nested {depth:,} levels deep", "give flat objects")


def load_json(text: str, depth_limit: int, fix: str = "") -> tuple[object, str | None, int | None]:
    """(value, None, None) for a JSON text, or (None, reason, line) when it nests deeper than `depth_limit`
    (checked before parsing) or is not JSON (`line`: the text's own line of the error; `fix` is added to
    that reason)."""
    too_deep = json_too_deep(text, depth_limit)
    if too_deep:
        return None, too_deep, None
    try:
        return json.loads(text), None, None
    except json.JSONDecodeError as exc:
        return None, f"invalid JSON ({exc.msg} at column {exc.colno}){fix}", exc.lineno


def json_documents(data: bytes, name: str, document_from_json) -> Iterator[Document | Failure]:
    """A .json file: one document object, or a list of them (each like a JSONL line)."""
    try:
        text = decode(data, name)
    except InputError as exc:
        yield Failure(exc.file, exc.line, exc.reason)
        return
    parsed, problem, line = load_json(text, current().max_json_depth)
    if problem:
        yield Failure(name, line, problem)
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    for index, record in enumerate(records, start=1):
        try:
            yield document_from_json(record, name, None, item=index if isinstance(parsed, list) else None)
        except InputError as exc:
            yield Failure(exc.file, exc.line, exc.reason)
