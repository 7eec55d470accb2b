"""Atomic file writes: a temporary file in the target directory, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_atomic(path: Path, pieces: Iterable[bytes | str], text: bool) -> None:
    """Write `pieces` to a temporary file beside `path`, sync it, and rename it over `path`: readers see
    either the old file or the whole new one."""
    def write_pieces(fh: IO) -> None:
        for piece in pieces:
            fh.write(piece)
    _write_with(path, write_pieces, text)


def write_stream_atomic(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Let `write` write the file through a binary handle (an incremental writer), atomically."""
    _write_with(path, write, text=False)


def _write_with(path: Path, write: Callable[[IO], None], text: bool) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with (os.fdopen(fd, "w", encoding="utf-8", newline="\n") if text else os.fdopen(fd, "wb")) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_path_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Let `write` create the file by name at a temporary path beside `path`, then sync it and rename it over
    `path`: for writers that open their files themselves (GDAL). The temporary path ends in `path`'s suffix,
    from which such writers may take the format."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _unused_path_beside(path)
    try:
        write(tmp)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _unused_path_beside(path: Path) -> Path:
    """A name no file has, in `path`'s folder: a temporary file is made and removed again."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(fd)
    os.unlink(tmp)
    return Path(tmp)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically."""
    _write_atomic(path, (data,), text=False)


def write_chunks_atomic(path: Path, chunks: Iterable[str]) -> None:
    """Write text pieces (UTF-8) atomically, without holding the whole file in memory."""
    _write_atomic(path, chunks, text=True)


def write_text_atomic(path: Path, text: str) -> None:
    """UTF-8, `\\n` line endings, atomic."""
    write_bytes_atomic(path, text.encode("utf-8"))
