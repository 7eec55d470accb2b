"""Feeds as newsrooms get them (our fixtures under tests/data/feeds/): the headline is the first line of
each entry's text, a headline alone is a report, and dates written in the feed's language are read, or the
entry is kept undated with a warning that names it."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

import geomap
from geomap.records import Document, Failure
from geomap.text.feeds import feed_documents, read_written_date
from geomap.text.ingest import read_inputs

FEEDS = Path(__file__).parents[2] / "data" / "feeds"


def read(name: str) -> list[Document | Failure]:
    return list(read_inputs([FEEDS / name]))


def rss(items: str) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
            .encode())


def test_each_rss_entry_reads_its_headline_then_its_body_with_its_localized_date():
    docs = read("multilingual.rss")
    assert all(isinstance(d, Document) for d in docs)
    assert [(d.id, d.published) for d in docs] == [
        ("bw-en-1", date(2024, 12, 3)), ("bw-pt-1", date(2018, 9, 24)), ("bw-de-1", date(2024, 12, 3)),
        ("bw-fr-1", date(2024, 12, 2)), ("bw-es-1", date(2024, 12, 4)), ("bw-en-2", date(2024, 12, 4)),
        ("bw-en-3", None), ("bw-en-4", date(2024, 12, 5))]
    english, portuguese, german, french, spanish = docs[:5]
    assert english.text == ("Floods cut off villages near Valencia\n\nRescue teams used boats on Monday to reach three "
                            "villages west of the city after a night of heavy rain.\n")
    assert english.title == "Floods cut off villages near Valencia"
    assert portuguese.text.startswith("Incêndio florestal chega aos arredores de Coimbra\n\nOs bombeiros")
    assert german.text.startswith("Tausende protestieren in Leipzig gegen Kürzungen\n\nDer Zug")
    assert (french.title, spanish.title) == ("Grève des transports à Lyon", "Inundaciones en las calles de Málaga")
    assert all(d.warnings == () for d in docs if d.id != "bw-en-3")


def test_a_headline_only_entry_is_a_document_whose_text_is_its_headline():
    odesa = next(d for d in read("multilingual.rss") if d.id == "bw-en-2")
    assert (odesa.text, odesa.title, odesa.url) == ("Explosion reported at fuel depot in Odesa\n",
                                                    "Explosion reported at fuel depot in Odesa",
                                                    "https://wire.example.org/en/odesa-depot")


def test_an_unreadable_date_keeps_the_entry_undated_with_a_warning_naming_it():
    geneva = next(d for d in read("multilingual.rss") if d.id == "bw-en-3")
    assert geneva.published is None
    assert geneva.text == "Talks resume in Geneva\n\nDelegations met behind closed doors, a spokesman said.\n"
    assert geneva.warnings == ("entry 7: the date 'sometime before the weekend' could not be read; "
                               "the entry is undated",)


def test_a_body_that_repeats_its_headline_is_not_given_the_headline_twice():
    kharkiv = next(d for d in read("multilingual.rss") if d.id == "bw-en-4")
    assert kharkiv.title == "Shelling hits Kharkiv suburbs"
    assert kharkiv.text == "Shelling hits  Kharkiv suburbs overnight, the regional governor said, damaging a school.\n"


def test_atom_entries_html_headlines_localized_dates_and_an_entry_with_nothing():
    palmyra, porto, blank, sevilla = read("desk.atom")
    assert palmyra.text == "Syria: militants blow up ancient temple in Palmyra\n"
    assert palmyra.published == date(2024, 12, 3)
    assert (porto.title, porto.published) == ("Power cut across Porto", date(2024, 12, 3))  # "Ter, 3 Dez 2024"
    assert porto.text == "Power cut across Porto\n\nTraffic lights went dark in the city centre for two hours.\n"
    assert blank == Failure(str(FEEDS / "desk.atom"), None, "entry 3 has no text (no title, content or summary)")
    assert (sevilla.published, sevilla.text.splitlines()[0]) == (date(2024, 12, 1), "Marcha en Sevilla por la vivienda")


def test_a_headline_that_names_a_town_yields_the_place_at_its_offset_in_the_text(gaz):
    palmyra = read("desk.atom")[0]
    result = geomap.parse_document(palmyra, gaz)
    found = {(r.mention.text, r.place.name, r.place.country_code) for r in result.resolutions if r.place}
    assert ("Palmyra", "Tadmur", "SY") in found
    for resolution in result.resolutions:
        mention = resolution.mention
        assert palmyra.text[mention.start:mention.end] == mention.text
    odesa = next(d for d in read("multilingual.rss") if d.id == "bw-en-2")
    assert {r.place.name for r in geomap.parse_document(odesa, gaz).resolutions if r.place} == {"Odesa"}


@pytest.mark.parametrize(("written", "day"), [
    ("Seg, 24 Set 2018", date(2018, 9, 24)),  # Portuguese
    ("Di, 3 Dez 2024", date(2024, 12, 3)),  # German
    ("Dienstag, 3. Dezember 2024", date(2024, 12, 3)),
    ("lun., 2 déc. 2024", date(2024, 12, 2)),  # French
    ("mardi 3 décembre 2024 à 10h30", date(2024, 12, 3)),
    ("mié, 4 dic 2024 08:30:00 +0100", date(2024, 12, 4)),  # Spanish
    ("3 de dezembro de 2024", date(2024, 12, 3)),
    ("Seg, 24 Set 2018 23:30:00 -0300", date(2018, 9, 25)),  # in UTC, as feedparser's dates are
    ("03/12/2024", date(2024, 12, 3)),  # day first
    ("yesterday", None), ("3 days ago", None),  # nothing is read from the clock
    ("Dec 2024", None), ("Mai 2024", None),  # a month is not a day
    ("31 Feb 2024", None), ("sometime before the weekend", None), ("xyz", None),
])
def test_written_dates_in_the_feeds_languages(written, day):
    assert read_written_date(written) == day


def test_a_localized_date_outside_1900_2100_fails_its_entry_as_other_dates_do():
    items = rss("<item><title>Kyiv</title><guid>a</guid><pubDate>Seg, 24 Set 2150</pubDate></item>"
                "<item><title>Lviv</title><guid>b</guid><pubDate>Di, 3 Dez 2024</pubDate></item>")
    late, fine = feed_documents(items, "wire.rss")
    assert late == Failure("wire.rss", None, "entry 1: the publication date 2150-09-24 is outside 1900-2100; give the "
                                             "day the document was published (YYYY-MM-DD), or leave the date out")
    assert (fine.id, fine.published, fine.text) == ("b", date(2024, 12, 3), "Lviv\n")


def test_a_huge_date_string_is_not_parsed_and_the_warning_shows_its_start():
    items = rss(f"<item><title>Kyiv</title><guid>a</guid><pubDate>{'Di 3 ' * 20_000}</pubDate></item>")
    start = time.perf_counter()
    [doc] = feed_documents(items, "wire.rss")
    assert time.perf_counter() - start < 2
    assert doc.published is None
    assert doc.warnings == (f"entry 1: the date '{'Di 3 ' * 12}...' could not be read; the entry is undated",)


def test_a_body_that_only_begins_with_the_headlines_letters_still_gets_the_headline():
    items = rss("<item><title>Kyiv</title><guid>a</guid><description>Kyivstar's network went down.</description></item>"
                "<item><title>Drones hit  Lviv</title><guid>b</guid><description>drones hit Lviv.</description></item>")
    kyiv, lviv = feed_documents(items, "wire.rss")
    assert kyiv.text == "Kyiv\n\nKyivstar's network went down.\n"
    assert lviv.text == "drones hit Lviv.\n"  # the headline again, up to case and spaces
