from gazetteer.names import fold, is_latin, name_key


def test_fold_keeps_length_so_offsets_stay_valid():
    text = "Kyïv’s Zaporizhzhia — Łódź Straße"
    assert len(fold(text)) == len(text)
    assert fold(text) == "kyiv's zaporizhzhia - lodz strase"


def test_name_key_collapses_whitespace_and_case():
    assert name_key("  Bila   Tserkva ") == "bila tserkva"
    assert name_key("KHARKIV") == name_key("Kharkiv")


def test_is_latin_rejects_cyrillic_and_accepts_diacritics():
    assert is_latin("Zaporizhzhia") and is_latin("Dnipró")
    assert not is_latin("Київ")
