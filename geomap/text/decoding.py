"""Bytes to text: UTF-8 (with or without a byte order mark), UTF-16 with one, or the encoding that
charset-normalizer detects; binary files are refused whatever their name."""

from __future__ import annotations

import re

from geomap.errors import InputError

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
BINARY_CONTROL_SHARE = 0.05  # more control bytes than this in the first 4 KB: not a text file


def decode(data: bytes, file: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else the encoding charset-normalizer detects.

    A file with NUL bytes or many control characters is binary, whatever its name, and is refused."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte order mark
        try:
            return _newlines(data.decode("utf-16").lstrip("\ufeff"))
        except UnicodeDecodeError:
            raise InputError(file, None, "broken UTF-16 text; save the file as UTF-8") from None
    if b"\x00" in head or (head and len(_CONTROL.findall(head)) / len(head) > BINARY_CONTROL_SHARE):
        raise InputError(file, None, "a binary file, not text; give geomap text, HTML, JSON or a feed")
    try:
        return _newlines(data.decode("utf-8").lstrip("\ufeff"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        line = data[:first_bad].count(b"\n") + 1
        raise InputError(file, line, f"not UTF-8 and no other text encoding fits (byte {first_bad}); "
                                     f"save the file as UTF-8")
    return _newlines(str(best).lstrip("\ufeff"))


def _newlines(text: str) -> str:
    """Windows and old Mac line ends as "\n": document offsets count one character per line end."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
