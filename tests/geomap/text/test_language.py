"""Language identification: the right ISO 639-1 code on short news texts, None when a text is too short
to tell, the same answer every time, and only the start of a long text read.

Run as a script (`python tests/geomap/text/test_language.py`) it prints the accuracy and time a text on the
short texts of tests/data/languages (BENCHMARKS.md records the figures)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from geomap.text import language
from geomap.text.documents import new_document
from geomap.text.language import MAX_CHARS, identify

TEXTS = Path(__file__).parents[2] / "data" / "languages"


def short_texts() -> list[tuple[str, str]]:
    """(language code, text) for every line of tests/data/languages/<code>.txt."""
    return [(path.stem, line) for path in sorted(TEXTS.glob("*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_short_texts_cover_the_languages_news_arrives_in():
    languages = {code for code, _ in short_texts()}
    assert {"en", "de", "es", "fr", "pl", "it", "fi", "pt", "ja", "zh", "ru", "uk"} <= languages
    assert all(sum(code == lang for code, _ in short_texts()) >= 5 for lang in languages)


@pytest.mark.parametrize(("code", "text"), short_texts(), ids=lambda value: value[:24])
def test_no_short_text_gets_a_wrong_language(code, text):
    assert identify(text) in (code, None)  # None: not sure enough, read as English


def test_almost_every_short_text_gets_its_language():
    answers = [(code, identify(text)) for code, text in short_texts()]
    assert sum(code == got for code, got in answers) >= len(answers) - 2


@pytest.mark.parametrize("text", ["Protesters rallied in Tbilisi.", "Rioters torched vehicles in Nairobi.",
                                  "Drones struck Kyiv on Friday, officials said."])
def test_a_short_english_report_is_never_read_as_another_language(text):
    assert identify(text) in ("en", None)


@pytest.mark.parametrize(("text", "code"), [
    ("据警方称，冲突中有两", "zh"),  # told by its script: the compressed model reads it as English
    ("Die Regierung hat beschlossen", "de"),
])
def test_the_answer_is_always_a_two_letter_code(text, code):
    assert identify(text) == code


@pytest.mark.parametrize("text", ["", "Kyiv", "UPDATE 2 — 14:05", "12.10.2024 / 0800 / +++",
                                  "Berlin, Moskau", "北京", "据警方称"])
def test_a_text_too_short_to_tell_has_no_language(text):
    assert identify(text) is None


def test_only_the_start_of_a_long_text_is_read():
    english = "Drones struck an energy facility near Kharkiv overnight, the governor said. "
    german = "Die Regierung in Berlin hat am Montag neue Sanktionen gegen mehrere Unternehmen beschlossen. "
    text = english * (MAX_CHARS // len(english) + 1) + german * 500
    assert identify(text) == "en"
    assert identify(german * 500 + english) == "de"


def test_the_model_is_loaded_once_and_the_answer_is_the_same_every_time():
    text = "Tysiące ludzi wyszły na ulice stolicy, protestując przeciwko zmianom."
    first = identify(text)
    model = language._model
    assert [identify(text) for _ in range(3)] == [first] * 3 == ["pl"] * 3
    assert language._model is model


@pytest.mark.parametrize(("text", "code"), [
    ("東京で大規模な抗議デモが行われた。", "ja"), ("서울에서 대규모 시위가 열렸다고 경찰이 밝혔다.", "ko"),
    ("北京警方周一说，抗议活动中有五人被捕。", "zh")])
def test_east_asian_texts_are_told_by_their_script(text, code):
    assert identify(text) == code


def test_every_document_gets_its_language_from_new_document():
    assert new_document("a", "Le gouvernement a annoncé mardi de nouvelles mesures.").language == "fr"
    assert new_document("b", "Drones struck Kyiv on Friday, officials said.").language == "en"
    assert new_document("c", "Kyiv").language is None
    assert new_document("d", "Moskau", title="Tausende demonstrieren gegen die Regierung").language is None


def main() -> None:
    """Print accuracy and time a text on the short texts, whole and cut to their first five words."""
    texts = short_texts()
    identify("warm up: the model loads on first use")
    for label, cut in (("whole", None), ("first 5 words", 5)):
        sample = [(code, text if cut is None or code in ("ja", "zh") else " ".join(text.split()[:cut]))
                  for code, text in texts]
        start = time.perf_counter()
        right = sum(identify(text) == code for code, text in sample)
        seconds = (time.perf_counter() - start) / len(sample)
        wrong = [(code, identify(text), text) for code, text in sample if identify(text) != code]
        print(f"{label}: {right}/{len(sample)} right, {seconds * 1000:.3f} ms a text; wrong: {wrong}")


if __name__ == "__main__":
    main()
