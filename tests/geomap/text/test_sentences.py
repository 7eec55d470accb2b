from geomap.text.sentences import split_sentences


def test_lines_are_separate_sentences_and_offsets_are_characters():
    text = "Kyïv’s mayor said “drones” hit. Then another one!\n\nCaption without full stop\nLast é."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Kyïv’s mayor said “drones” hit.", "Then another one!", "Caption without full stop", "Last é.",
    ]


def test_blank_text_has_no_sentences():
    assert split_sentences("\n \n") == []
