"""The HTML reader keeps the article and nothing else: pages under tests/data/pages are written by us with
the furniture of newsroom pages (navigation, cookie banners, bylines, captions, "Read more:" lines, related
lists, newsletter and paywall boxes, share prompts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.pipeline import parse_document
from geomap.records import EventType
from geomap.text import html_pages
from geomap.text.boilerplate import drop_furniture, is_furniture
from geomap.text.html_pages import MIN_ARTICLE_CHARS, html_document

PAGES = Path(__file__).resolve().parents[2] / "data" / "pages"


def read_page(name: str):
    path = PAGES / name
    return html_document(path.read_bytes(), path.stem, str(path))


# Per page: sentences of the article that must be in the text, and furniture lines that must not.
CASES = {
    "flood_valencia.html": (
        ["Torrential rain swept through the region of Valencia on Tuesday night",
         "At least 62 people have died, according to the regional emergency service",
         "Soldiers from the emergency military unit were deployed to Paiporta on Wednesday",
         "The regional president said that the government would ask for emergency funds"],
        ["Read more", "Looters ransack shops", "We use cookies", "Accept all cookies", "Marta Quiroga",
         "Europe correspondent", "Residents wade through", "Photo: Lucas Ferrer", "Storm Boris",
         "Most read", "Ten recipes", "Morning Briefing", "newsletter", "Share this article", "Facebook",
         "All rights reserved", "Privacy policy", "| Paiporta | 45 |", "Deaths reported by town"]),
    "kharkiv_strike_paywall.html": (
        ["A Russian drone struck an apartment block in Kharkiv on Friday, killing two people",
         "firefighters needed four hours to put out the blaze",
         "Among the wounded were two children"],
        ["Olena Marchuk", "Staff reporter", "4 min read", "Firefighters at the damaged building", "Reuters/",
         "See also", "grain terminal in Odesa", "subscribers only", "Subscribe to continue reading",
         "Already a subscriber", "unlimited access", "Topics:", "Farmers block border crossing",
         "Cookie settings"]),
    "tbilisi_protest_inline.html": (
        ["Tens of thousands of people marched through central Tbilisi on Saturday evening",
         "walked along Rustaveli Avenue to the parliament building",
         "several protesters were briefly held on Friday night after clashes near the parliament",
         "Critics say it copies a Russian law that has been used against the press."],
        ["We and our partners use cookies", "manage your preferences", "By Nino Beridze", "Levan Kapanadze",
         "Updated 12 May 2024", "Photo: Giorgi Abashidze", "Riot police outside the parliament building",
         "Tamar Gelashvili", "Related:", "general strike", "Share this story", "Sign up for our newsletter",
         "Most read", "Wine exports", "Kakheti", "Reproduction without permission"]),
    "quiet_article.html": (
        ["Negotiators from Qatar, Egypt and the United States met in Doha on Thursday",
         "An Israeli delegation arrived in the Qatari capital on Wednesday evening",
         "large gaps remained between the two sides."],
        ["Gulf Observer", "Middle East"]),
    "long_report.html": (
        ["Week of strikes across eastern Ukraine: a day-by-day account",
         "the regional administration said in report number 1,",
         "the regional administration said in report number 90,"],
        ["Read more", "without power", "This site uses cookies", "By Olena Marchuk", "More on this story",
         "Headline of a related story", "Section 12"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_article_is_kept_and_the_furniture_dropped(name):
    document = read_page(name)
    kept, dropped = CASES[name]
    for sentence in kept:
        assert sentence in document.text, sentence
    for furniture in dropped:
        assert furniture not in document.text, furniture


def test_every_report_paragraph_of_the_long_page_survives():
    document = read_page("long_report.html")
    assert document.text.count("the regional administration said in report number") == 90


def test_page_metadata_is_kept():
    document = read_page("flood_valencia.html")
    assert (document.title, document.published.isoformat(), document.url, document.source) == (
        "Floods cut off villages south of Valencia", "2024-10-30",
        "https://courier.example.org/world/2024/10/30/valencia-floods", "Harbour Courier")


def test_a_page_of_a_caption_is_kept_with_a_warning():
    document = read_page("teaser_caption.html")
    assert "Volunteers stack sandbags along the banks of the Oder in Opole" in document.text
    assert document.warnings == (
        "the page's article text is only 111 characters (an article has at least 400): perhaps a caption, "
        "a teaser or a paywall stub; check the page",)


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_article_page_has_no_warning(name):
    assert read_page(name).warnings == ()


def test_the_warning_counts_the_body_not_the_headline(monkeypatch):
    monkeypatch.setattr(html_pages, "MIN_ARTICLE_CHARS", 112)  # the teaser's body is 111 characters
    assert read_page("teaser_caption.html").warnings != ()
    monkeypatch.setattr(html_pages, "MIN_ARTICLE_CHARS", 111)
    assert read_page("teaser_caption.html").warnings == ()
    assert MIN_ARTICLE_CHARS == 400


def test_a_page_reads_the_same_every_time():  # no cache shared between pages drops a paragraph seen before
    assert read_page("flood_valencia.html") == read_page("flood_valencia.html") == read_page("flood_valencia.html")


def test_a_read_more_line_gives_no_event_and_the_article_s_event_is_found(monkeypatch):
    result = parse_document(read_page("flood_valencia.html"))
    places = {location.name for event in result.events for location in event.locations}
    assert "Marseille" not in places and EventType.RIOTS not in {event.type for event in result.events}
    assert any(event.sub_type == "troop_deployment" and "Paiporta" in {loc.name for loc in event.locations}
               for event in result.events)
    monkeypatch.setattr(html_pages, "drop_furniture", lambda text: text)  # without the filter: the riot is back
    unfiltered = parse_document(read_page("flood_valencia.html"))
    assert any(event.type is EventType.RIOTS and "Marseille" in {loc.name for loc in event.locations}
               for event in unfiltered.events)


FURNITURE = [
    "Read more: Looters ransack shops in Marseille during riots", "READ MORE | Markets slide again",
    "Related: Opposition leaders call for a general strike", "See also: Missile attack damages a port",
    "Most read:", "More on this story", "You may also like", "Watch: Floodwater sweeps cars away",
    "By Jane Doe", "By Jane Doe in Kyiv", "By Nino Beridze and Levan Kapanadze", "By Reuters",
    "By Marta Quiroga, Europe correspondent", "Olena Marchuk, Staff reporter", "Ana de Souza, Senior writer",
    "Updated 12 May 2024, 18:02", "Published 3 hours ago", "4 min read",
    "Photo: Giorgi Abashidze / Caucasus Daily", "Credit: AFP", "(Reuters/Jane Doe)", "(AP Photo/Efrem Lukatsky)",
    "Firefighters at the damaged building on Friday morning. (Reuters/Vyacheslav Madiyevskyy)",
    "Residents wade through a flooded street in Paiporta. Photo: Lucas Ferrer/Harbour Courier",
    "We use cookies to improve your experience. By continuing to browse you accept our use of cookies.",
    "This site uses cookies.", "Sign up for our newsletter to get the latest news in your inbox.",
    "Subscribe now for unlimited access", "This article is for subscribers only.",
    "Subscribe to continue reading. Already a subscriber? Log in.", "Get unlimited access for 1 euro a month",
    "Support independent journalism", "Continue reading", "Share this story", "Share this article: Facebook X Email",
    "Facebook Twitter Email", "Topics: Ukraine War",
]
REPORTING = [  # sentences of reporting that begin or end like furniture: all kept
    "Related protests took place in Batumi on Sunday.", "By Monday, the river had burst its banks.",
    "By Tuesday evening the water had receded in Paiporta.", "Share prices fell sharply in Moscow on Friday.",
    "Watch towers along the border were destroyed, officials said.", "Readers in Kyiv reported blasts overnight.",
    "Published figures show 12 people died in Chiva.", "Aid agencies demanded unlimited access to Gaza.",
    "See the map below for the areas worst hit.", "The bakery sold cookies at the market, witnesses said.",
    "A photograph published by Reuters showed the damage in Kharkiv.", "Police, in riot gear, closed the street.",
    "Registered voters can cast their ballots until Sunday.", "Most residents had left before the shelling.",
    "Subscribers to the local paper received a warning about the flood.",
    "Read the full statement, the ministry said, and judge for yourself.",
    "Photographers were detained near the parliament on Friday, Reuters reported.",
    "By " + "Jane Doe and " * 40 + "John Roe",  # a furniture shape, but longer than MAX_FURNITURE_CHARS
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_lines_are_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", REPORTING)
def test_reporting_lines_are_kept(line):
    assert not is_furniture(line)


def test_a_headline_list_under_a_label_is_dropped_and_other_lists_kept():
    text = ("Police said three people were detained.\nMost read:\n- Wine exports reach a record high\n"
            "- Five places to visit this summer\nThe casualties were:\n- two soldiers in Sumy\n"
            "- a driver in Kharkiv")
    assert drop_furniture(text) == ("Police said three people were detained.\nThe casualties were:\n"
                                    "- two soldiers in Sumy\n- a driver in Kharkiv")
