"""Hostile files: named pipes, devices and link loops are never opened, no read goes past its limit, and
JSON nested too deep is refused before `json.loads` recurses; each ends as a Failure or a skipped entry."""

from __future__ import annotations

import contextlib
import json
import os
import signal

from click.testing import CliRunner

from geomap.cli import main as geomap_main
from geomap.records import Failure
from geomap.text.ingest import read_inputs, read_jsonl_lines
from geomap.text.json_files import json_depth
from tests.geomap.text.inputs import jsonl, read_all, write

NOT_REGULAR = "not a regular file; geomap reads only regular files"


@contextlib.contextmanager
def within(seconds: int):
    """Fail instead of hanging: an alarm interrupts a read that blocks (a named pipe opened for reading)."""
    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_special_files_in_a_folder_are_skipped_with_their_reason_and_never_opened(tmp_path):
    folder = tmp_path / "in"
    write(folder / "a_good.txt", "Drones struck Kyiv.")
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dangling.md").symlink_to("missing.md")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "elsewhere").symlink_to(tmp_path)
    write(folder / "z_good.md", "Shelling hit Kharkiv.")
    skipped: list[str] = []
    with within(10):
        items = list(read_inputs([folder], skipped))
    assert [i.id for i in items] == ["a_good", "z_good"]
    assert skipped == [
        f"{folder / 'dangling.md'}: a symbolic link to 'missing.md', which does not exist; fix or remove the link",
        f"{folder / 'elsewhere'}: a symbolic link to a folder, not followed; name the folder itself to read it",
        f"{folder / 'loop.txt'}: a symbolic link loop; fix or remove the link",
        f"{folder / 'pipe.txt'}: a named pipe (FIFO), {NOT_REGULAR}",
        f"{folder / 'zero.txt'}: a character device, {NOT_REGULAR}",
    ]


def test_special_files_named_directly_are_failures_not_hangs(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop.jsonl").symlink_to("loop.jsonl")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    good = write(tmp_path / "good.txt", "Drones struck Kyiv.")
    with within(10):
        items = read_all(tmp_path / "pipe.txt", tmp_path / "loop.jsonl", tmp_path / "zero.txt", good)
    assert items[:3] == [
        Failure(str(tmp_path / "pipe.txt"), None, f"a named pipe (FIFO), {NOT_REGULAR}"),
        Failure(str(tmp_path / "loop.jsonl"), None, "a symbolic link loop; fix or remove the link"),
        Failure(str(tmp_path / "zero.txt"), None, f"a character device, {NOT_REGULAR}"),
    ]
    assert items[3].id == "good"


def test_the_read_stops_one_byte_past_the_file_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_MAX_FILE_BYTES", "1000")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # 64 GiB, sparse: only a read without a bound would notice
        handle.truncate(64 * 2**30)
    exact = write(tmp_path / "exact.txt", "Kyiv " * 200)
    with within(10):
        items = read_all(huge, exact, write(tmp_path / "over.jsonl", json.dumps({"id": "a", "text": "Kyiv " * 200})))
    assert items[0] == Failure(str(huge), None, f"the file has {64 * 2**30:,} bytes, more than 1,000 (limit "
                                                "max_file_bytes); split it, or set GEOMAP_MAX_FILE_BYTES higher")
    assert items[1].id == "exact"
    assert items[2].reason.startswith("the file has 1,023 bytes, more than 1,000 (limit max_file_bytes)")


def test_a_document_over_max_document_chars_is_a_failure_and_the_next_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_MAX_DOCUMENT_CHARS", "40")
    path = write(tmp_path / "long.txt", "date 2024-10-27\n" + "Drones struck Kyiv again. " * 2)
    lines = jsonl({"id": "a", "text": "x" * 41}, {"id": "b", "text": "Drones struck Kyiv."},
                  {"id": "c", "text": "\ufdfa" * 3})  # 3 characters that NFKC writes as 54
    items = read_all(path) + list(read_jsonl_lines(lines, "w.jsonl"))
    reason = ("the text has {} characters{}, more than 40 (limit max_document_chars); split the document, or set "
              "GEOMAP_MAX_DOCUMENT_CHARS higher")
    assert items == [Failure(str(path), None, reason.format(52, "")), Failure("w.jsonl", 1, reason.format(41, "")),
                     items[2], Failure("w.jsonl", 3, reason.format(54, " once normalised"))]
    assert items[2].id == "b"


def test_jsonl_nested_100000_deep_fails_alone_before_json_recurses():
    deep = "[" * 100_000 + "]" * 100_000
    lines = jsonl({"id": "a", "text": "Drones struck Kyiv."}, deep, '{"id": "x", "text": ' + "{" * 100_000,
                  {"id": "b", "text": "Shelling hit Kharkiv."})
    items = list(read_jsonl_lines(lines, "w.jsonl"))
    assert [(type(i).__name__, i.line) for i in items] == [("Document", 1), ("Failure", 2), ("Failure", 3),
                                                            ("Document", 4)]
    assert items[1].reason == ("JSON nested 100,000 levels deep, more than 64 (limit max_json_depth); give flat "
                               "objects, or set GEOMAP_MAX_JSON_DEPTH higher")
    assert items[2].reason.startswith("JSON nested 100,001 levels deep")


def test_jsonl_depth_counts_brackets_outside_strings_only(tmp_path):
    text = 'Kyiv ' + "[" * 500 + ' \\" {{ ' + "]" * 500
    nested = {"id": "c", "text": "Kyiv", "extra": json.loads("[" * 63 + "]" * 63)}  # 64 levels with the object
    path = write(tmp_path / "w.jsonl", "\n".join(jsonl({"id": "a", "text": text}, nested)))
    assert [d.id for d in read_all(path)] == ["a", "c"]
    assert json_depth('{"a": "[[[", "b": [{"c": "\\"]"}]}') == 3
    assert json_depth(b'"\\"\\"\\"' * 10_000) == 0  # an unterminated run of escaped quotes: one linear scan


def test_geomap_parse_jsonl_prints_an_error_record_for_a_deep_line(tmp_path, gaz):
    path = write(tmp_path / "w.jsonl", "\n".join(jsonl({"id": "a", "text": "Drones struck Kyiv on Friday.",
                                                         "published": "2024-10-27"}, "[" * 100_000 + "]" * 100_000,
                                                        {"id": "b", "text": "Shelling hit Kharkiv."})) + "\n")
    run = CliRunner().invoke(geomap_main, ["parse", "--jsonl", str(path)])
    assert run.exit_code == 1 and "Traceback" not in run.output
    assert 'Error: 1 input line(s) could not be parsed; see the "error" lines in the output' in run.output
    records = [json.loads(line) for line in run.output.splitlines() if line.startswith("{")]
    assert [r.get("id") or r["error"][:20] for r in records] == ["a", "JSON nested 100,000 ", "b"]
    assert records[1]["line"] == 2 and "GEOMAP_MAX_JSON_DEPTH" in records[1]["error"]
