"""The pipeline: stages of one shape, run in order by one loop that names the stage that failed."""

from __future__ import annotations

import pytest

from geomap.errors import StageError
from geomap.pipeline import STAGES, Mentions, Resolutions, Sentences, StageContext, parse_document
from geomap.records import Document, ParseResult

DOCUMENT = Document("d", "Drones struck Kyiv on Friday. Fighting went on near Kharkiv.")


def test_the_stages_run_document_sentences_mentions_resolutions_events():
    assert [name for name, _ in STAGES] == ["sentences", "recognize", "resolve", "events"]


def test_each_stage_turns_the_previous_output_into_its_own_record(gaz):
    context = StageContext(DOCUMENT, gaz, lambda: None)
    outputs = []
    output = DOCUMENT
    for _, stage in STAGES:
        output = stage(context, output)
        outputs.append(output)
    assert [type(o) for o in outputs] == [Sentences, Mentions, Resolutions, ParseResult]
    sentences, mentions, resolutions, result = outputs
    assert sentences.spans == ((0, 29), (30, 60))
    assert [m.text for m in mentions.mentions] == ["Kyiv", "Kharkiv"]
    assert [r.mention for r in resolutions.resolutions] == list(mentions.mentions)
    assert result == parse_document(DOCUMENT, gaz)


def test_a_failing_stage_is_a_stage_error_naming_it_and_the_document(gaz, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("geomap.pipeline.resolve_mentions", broken)
    with pytest.raises(StageError) as info:
        parse_document(DOCUMENT, gaz)
    assert str(info.value) == "stage 'resolve' failed on document 'd': ZeroDivisionError: division by zero"
    assert (info.value.stage, info.value.doc_id) == ("resolve", "d")
    assert isinstance(info.value.__cause__, ZeroDivisionError)
