"""The cached index: corrupt files are rebuilt with a warning, never a crash; lookups need no network."""

import socket

import pytest

import gazetteer
from gazetteer import CacheWarning
from gazetteer.index import index_paths, load_index
from gazetteer.sources import sources_fingerprint


def _block_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_corrupt_cache_is_rebuilt_offline_with_a_warning(tmp_path, monkeypatch):
    _block_network(monkeypatch)
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    index_path = index_paths(sources_fingerprint())[0]
    index_path.parent.mkdir(parents=True, exist_ok=True)
    index_path.write_bytes(b"not a pickle")
    with pytest.warns(CacheWarning, match="unusable"):
        data = load_index()
    assert len(data.ids) > 200_000
    assert index_path.stat().st_size > 1_000_000
    assert load_index().fingerprint == data.fingerprint  # second load reads the rebuilt file


def test_lookup_works_with_the_network_disabled(gaz, monkeypatch):
    _block_network(monkeypatch)
    assert gaz.lookup("Kharkiv")[0].place.country_code == "UA"
    assert gaz.geometry(gaz.lookup("eastern Ukraine")[0].place.id).area > 0
    assert gazetteer.open() is gaz


def test_a_changed_source_file_changes_the_fingerprint(tmp_path, monkeypatch):
    import gazetteer.sources as sources

    before = sources_fingerprint()
    original = sources.data_file

    def edited(name):
        if name != sources.CURATED_FILE:
            return original(name)
        copy = tmp_path / name
        copy.write_bytes(original(name).read_bytes() + b"\n# an edit\n")
        return copy

    monkeypatch.setattr(sources, "data_file", edited)
    assert sources_fingerprint() != before
