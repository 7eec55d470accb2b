"""Document ids: one scheme tells apart documents that share an id, for `read_inputs` and the store.

A repeated id gets the name of its file appended (`kyiv@kyiv.md`), then a counter (`kyiv@kyiv.md~2`);
`base_id` takes both off again.
"""

from __future__ import annotations

import re
from collections.abc import Container
from pathlib import Path


def unique_id(doc_id: str, file: str, taken: Container[str]) -> str:
    """`doc_id` if it is not taken, else the first of `doc_id@NAME`, `doc_id@NAME~2`, ... that is not
    (NAME: the file's name)."""
    if doc_id not in taken:
        return doc_id
    base = f"{doc_id}@{Path(file).name}"
    new_id, n = base, 1
    while new_id in taken:
        n += 1
        new_id = f"{base}~{n}"
    return new_id


def base_id(doc_id: str, file: str) -> str:
    """`doc_id` without what `unique_id` appended for `file`."""
    return re.sub(rf"@{re.escape(Path(file).name)}(~\d+)?$", "", doc_id) if file else doc_id
