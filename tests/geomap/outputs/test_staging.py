"""The output folder: files staged then moved in (report.json last, listing the others' SHA-256), leftovers
of killed builds removed, and folders that cannot be written reported as `Error: ...` with the fix."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import main
from geomap.outputs import staging
from geomap.outputs.staging import LOCK_FILE, STAGING_PREFIX, check_outputs

REPORT = "Russian drones struck Kyiv on Friday, officials said.\n"


@pytest.fixture()
def documents(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kyiv.txt").write_text("date 2024-10-27\n" + REPORT, encoding="utf-8")
    return folder


def _build(*args: str):
    return CliRunner().invoke(main, ["build", *args, "--workers", "1"])


def test_report_vouches_for_every_other_output(tmp_path, documents):
    out = tmp_path / "out"
    assert _build(str(documents), "--out", str(out)).exit_code == 0
    listed = json.loads((out / "report.json").read_text(encoding="utf-8"))["outputs"]
    assert {"map.html", "events.geojson", "situation.gpkg", "events.csv", "failures.jsonl"} <= set(listed)
    assert check_outputs(out, listed) == []
    (out / "events.csv").write_text("changed\n", encoding="utf-8")  # as if a later build died mid-swap
    assert check_outputs(out, listed) == ["events.csv"]
    assert not any(p.name.startswith(STAGING_PREFIX) for p in out.iterdir())


def test_leftovers_of_a_killed_build_are_removed(tmp_path, documents):
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{STAGING_PREFIX}dead").mkdir()
    (out / f"{STAGING_PREFIX}dead" / "map.html").write_text("half", encoding="utf-8")
    (out / ".map.html.k3j2.tmp").write_text("half", encoding="utf-8")
    (out / "notes.txt").write_text("the user's own file", encoding="utf-8")
    assert _build(str(documents), "--out", str(out)).exit_code == 0
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".geomap.lock"]
    assert (out / "notes.txt").read_text(encoding="utf-8") == "the user's own file"


def test_a_build_killed_while_writing_leaves_the_previous_outputs_whole(tmp_path, documents):
    out = tmp_path / "out"
    assert _build(str(documents), "--out", str(out)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}
    bigger = tmp_path / "more"
    bigger.mkdir()
    for i in range(400):  # enough work that the kill lands while the outputs are being written
        (bigger / f"d{i}.txt").write_text(f"date 2024-10-{1 + i % 27:02d}\nShelling hit Kharkiv {i}.\n" + REPORT,
                                          encoding="utf-8")
    command = [sys.executable, "-c", "from geomap.cli import main; main()", "build", str(bigger), "--out", str(out),
               "--workers", "1"]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        if any(p.name.startswith(STAGING_PREFIX) for p in out.iterdir()):
            break
        time.sleep(0.02)
    run.send_signal(signal.SIGKILL)
    run.wait()
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}
    assert after == before  # nothing of the killed build reached the folder
    listed = json.loads((out / "report.json").read_text(encoding="utf-8"))["outputs"]
    assert check_outputs(out, listed) == []


def test_out_under_a_file_is_an_error_with_the_fix(tmp_path, documents):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    result = _build(str(documents), "--out", str(blocker / "out"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"Error: cannot write the outputs into {blocker / 'out'}: ")
    assert "give a folder you can write to with --out" in result.output


def test_out_as_a_dangling_symlink_is_an_error_with_the_fix(tmp_path, documents):
    link = tmp_path / "out"
    os.symlink(tmp_path / "missing", link)
    result = _build(str(documents), "--out", str(link))
    assert result.exit_code == 1
    assert result.output == (f"Error: --out {link} is a symbolic link to {tmp_path / 'missing'}, which does not "
                             f"exist; create that folder or give another --out\n")


def test_read_only_out_is_an_error_with_the_fix(tmp_path, documents, monkeypatch):
    """In a folder the user may not write to, the lock file is the first thing a build writes, and taking the
    lock fails as filelock reports it for a read-only folder (PermissionError, EACCES, the lock's path).
    Simulated there, since root writes into read-only folders."""
    out = tmp_path / "out"
    out.mkdir()

    class ReadOnlyFolderLock(staging.FileLock):
        def acquire(self, *args, **kwargs):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), self.lock_file)

    monkeypatch.setattr(staging, "FileLock", ReadOnlyFolderLock)
    result = _build(str(documents), "--out", str(out))
    assert result.exit_code == 1
    assert result.output == (f"Error: cannot write the outputs into {out}: Permission denied "
                             f"({out / LOCK_FILE}); give a folder you can write to with --out\n")
    assert list(out.iterdir()) == []
