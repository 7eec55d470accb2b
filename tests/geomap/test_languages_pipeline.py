"""Documents not in English: their language is identified, the events stage gives none and says so, their
language's function words never become places, and the places they name (in that language's spelling)
are still found. English documents are read as before.

The paragraphs are written by us for these tests."""

from __future__ import annotations

import pytest

import geomap
from geomap.pipeline import function_words, parse_document
from geomap.places.recognize import find_mentions
from geomap.records import Document

PARAGRAPHS = {
    "de": ("Die Polizei in Berlin hat am Samstag mehrere Demonstranten festgenommen. Der Protest richtete sich "
           "gegen die neuen Gesetze. Bei den Zusammenstößen wurden zwei Beamte verletzt, teilte die Behörde mit. "
           "Aus Protest gegen die Festnahmen zogen am Abend Hunderte vor das Rathaus. Viele Teilnehmer reisten "
           "aus Moskau an, um sich dem Protest anzuschließen. Die Regierung in Brüssel schwieg."),
    "es": ("Sin previo aviso, la policía desalojó el sábado la plaza central de Madrid. Para los manifestantes, "
           "la decisión fue un ataque contra la libertad. Los disturbios dejaron cinco heridos, según las "
           "autoridades. Por la noche, miles de personas marcharon en protesta hacia el ayuntamiento. El "
           "ministro viajará a Moscú la próxima semana."),
    "fr": ("Il a fallu plusieurs heures aux pompiers pour maîtriser l'incendie près de Berlin. Le feu avait pris "
           "dans un entrepôt. Selon la préfecture, deux personnes ont été blessées. Par ailleurs, des milliers de "
           "manifestants ont défilé à Madrid contre la réforme. Les négociations reprendront à Moscou."),
    "pl": ("W sobotę policja zatrzymała kilku demonstrantów. Na ulicach stolicy tysiące ludzi protestowały "
           "przeciwko nowemu prawu. Po południu doszło do starć, w których rannych zostało dwóch policjantów. "
           "Jak podały władze, sytuacja jest już spokojna. Warszawa i Kraków ogłosiły żałobę."),
    "it": ("Il governo ha approvato ieri un decreto per aiutare le famiglie colpite dall'alluvione. Migliaia di "
           "persone hanno manifestato a Berlino e a Madrid contro la guerra. Secondo la polizia, due uomini sono "
           "stati arrestati. La delegazione partirà per Mosca la prossima settimana. Ma la situazione resta tesa."),
}
# Each paragraph's function words that the gazetteer holds as places (Singapore, Pará, Lagos, Illinois, ...),
# and the places it does name.
FUNCTION_WORDS = {
    "de": {"Die", "Der", "Bei", "Aus"},
    "es": {"Sin", "Para", "Los", "Por", "El"},
    "fr": {"Il", "Le", "Par", "Les"},
    "pl": {"W", "Na", "Po", "Jak"},
    "it": {"Il", "La", "Ma"},
}
PLACES = {
    "de": {"Berlin": "Berlin", "Moskau": "Moscow", "Brüssel": "Brussels"},
    "es": {"Madrid": "Madrid", "Moscú": "Moscow"},
    "fr": {"Berlin": "Berlin", "Madrid": "Madrid", "Moscou": "Moscow"},
    "pl": {"Warszawa": "Warsaw", "Kraków": "Kraków"},
    "it": {"Berlino": "Berlin", "Madrid": "Madrid", "Mosca": "Moscow"},
}
WARNING = "language {}: geomap extracts events from English text only; places are still read"


def places_of(result) -> dict[str, str | None]:
    return {r.mention.text: r.place.name if r.place else None for r in result.resolutions}


@pytest.mark.parametrize("language", sorted(PARAGRAPHS))
def test_a_news_paragraph_gets_its_language_no_event_and_a_warning(language):
    result = geomap.parse(PARAGRAPHS[language], published="2024-10-27")
    assert result.document.language == language
    assert result.events == ()
    assert result.document.warnings == (WARNING.format(language),)


@pytest.mark.parametrize("language", sorted(PARAGRAPHS))
def test_no_function_word_becomes_a_place_and_the_places_named_are_found(language):
    places = places_of(geomap.parse(PARAGRAPHS[language], published="2024-10-27"))
    assert not FUNCTION_WORDS[language] & set(places)
    assert {name: places.get(name) for name in PLACES[language]} == PLACES[language]


@pytest.mark.parametrize("language", sorted(PARAGRAPHS))
def test_the_same_paragraph_read_as_english_would_give_those_function_words_as_places(language, gaz):
    """The refusal is what keeps them out: without the language's list some are places."""
    text = PARAGRAPHS[language]
    found = {m.text for m in find_mentions(text, gaz)}
    assert FUNCTION_WORDS[language] & found
    assert not FUNCTION_WORDS[language] & {m.text for m in find_mentions(
        text, gaz, function_words=function_words(language))}


def test_the_german_protest_is_no_event_though_english_patterns_would_read_one(gaz):
    text = PARAGRAPHS["de"]
    as_english = parse_document(Document("de", text, language="en"), gaz)
    assert any(e.type.value == "protests" for e in as_english.events)  # "Protest" is an English word too
    assert parse_document(Document("de", text, language="de"), gaz).events == ()


@pytest.mark.parametrize(("text", "language"), [
    ("政府は月曜日、洪水の被害を受けた地域への新たな支援策を発表した。警察によると、二人が負傷した。", "ja"),
    ("政府星期一宣布了一项新的援助计划，帮助受洪水影响的地区。据警方称，冲突中有两人受伤。", "zh"),
])
def test_a_japanese_or_chinese_text_gets_its_language_and_a_warning_not_silence(text, language):
    result = geomap.parse(text, published="2024-10-27")
    assert result.document.language == language
    assert result.document.warnings == (WARNING.format(language),)
    assert result.events == ()


def test_an_english_text_is_read_as_before():
    result = geomap.parse("Drones struck Kyiv on Friday, officials said. Fighting went on near Kharkiv.",
                          published="2024-10-27")
    assert result.document.language == "en"
    assert result.document.warnings == ()
    assert [e.type.value for e in result.events] and set(places_of(result)) == {"Kyiv", "Kharkiv"}


def test_a_document_made_directly_has_no_language_and_is_read_as_english(gaz):
    document = Document("d", "Drones struck Kyiv on Friday. Fighting went on near Kharkiv.")
    result = parse_document(document, gaz)
    assert document.language is None
    assert result.document == document and result.events


def test_english_and_unknown_languages_refuse_no_extra_words():
    assert function_words("en") == frozenset() == function_words(None) == function_words("xx")
    assert {"die", "der", "bei", "aus"} <= function_words("de")
    assert "fur" in function_words("de")  # folded like the text it is compared with ("für")
