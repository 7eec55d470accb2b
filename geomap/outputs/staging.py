"""The output folder of a build: every file is written into a staging folder inside it, then moved into
place, report.json last, so a killed build never leaves a new map beside old tables.

- Under the folder's lock (two builds into one folder take turns), staging folders and temporary files
  that killed builds left behind are removed first.
- The files are moved with `os.replace` one after the other (microseconds for the whole set, against
  minutes of writing); report.json, moved last, lists the SHA-256 of every other output of its build, so a
  reader can tell that a folder holds one build's files (`check_outputs`).
- A folder that cannot be written (read-only, a file in the way, a symlink to nothing) is a GeomapError
  naming the folder and the fix, never a traceback.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from geomap.errors import GeomapError

LOCK_FILE = ".geomap.lock"
STAGING_PREFIX = ".geomap-staging-"
LOCK_TIMEOUT_S = 3600  # another build of the same folder: wait for it, but not forever


def _unwritable(out: Path, exc: OSError) -> GeomapError:
    if out.is_symlink() and not out.exists():
        return GeomapError(f"--out {out} is a symbolic link to {os.readlink(out)}, which does not exist; create "
                           f"that folder or give another --out")
    reason = exc.strerror or type(exc).__name__
    return GeomapError(f"cannot write the outputs into {out}: {reason} ({exc.filename or out}); give a folder "
                       f"you can write to with --out")


def prepare_folder(out: Path) -> None:
    """Create `out` if needed; a GeomapError with the fix when it cannot be a writable folder."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _unwritable(out, exc) from None
    if not out.is_dir():
        raise GeomapError(f"--out {out} is not a folder; give a folder (created when missing)")


def _remove_leftovers(out: Path, names: Sequence[str]) -> None:
    """Staging folders and temporary files (`.NAME.*.tmp`, the atomic writer's) of killed builds."""
    for entry in out.iterdir():
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.endswith(".tmp") and any(entry.name.startswith(f".{name}.") for name in names):
            entry.unlink(missing_ok=True)


def file_digest(path: Path) -> str:
    """SHA-256 of a file, hex."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the folder's build lock (a GeomapError with the fix when it cannot be taken)."""
    prepare_folder(out)
    lock = FileLock(out / LOCK_FILE)
    try:
        lock.acquire(timeout=LOCK_TIMEOUT_S)
    except Timeout:
        raise GeomapError(f"another build has held {out / LOCK_FILE} for over {LOCK_TIMEOUT_S} s; wait for it "
                          f"or give another --out") from None
    except OSError as exc:
        raise _unwritable(out, exc) from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def staged(out: Path, names: Sequence[str]) -> Iterator[Path]:
    """A fresh staging folder inside `out` (hold `locked(out)`); on success the files it holds are moved
    into `out` in the order of `names` (those not written are skipped), on failure it is removed."""
    try:
        _remove_leftovers(out, names)
        stage = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    except OSError as exc:
        raise _unwritable(out, exc) from None
    try:
        yield stage
        for name in names:
            if (stage / name).exists():
                os.replace(stage / name, out / name)
    except OSError as exc:
        raise _unwritable(out, exc) from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def check_outputs(out: Path, listed: dict[str, str]) -> list[str]:
    """The outputs whose bytes differ from what report.json lists (`listed`: name -> SHA-256): empty when
    the folder holds one build's files."""
    return [name for name, digest in sorted(listed.items())
            if not (out / name).is_file() or file_digest(out / name) != digest]
