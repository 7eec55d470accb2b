import geomap
from geomap.batch.link import link_places


def test_places_are_linked_to_the_events_and_documents_that_mention_them(gaz):
    a = geomap.parse("Drones struck Kyiv on Friday. Kyiv was calm later.", published="2024-10-27", doc_id="a")
    b = geomap.parse("Protesters rallied in Kyiv and Lviv.", published="2024-10-27", doc_id="b")
    links = {link.place.name: link for link in link_places([a, b])}
    assert links["Kyiv"].mentions == 3
    assert links["Kyiv"].doc_ids == ("a", "b")
    assert links["Kyiv"].event_ids == ("a#e1", "b#e1")
    assert links["Lviv"].event_ids == ("b#e2",)  # a protest in each city
    assert list(links) == sorted(links, key=lambda name: links[name].place.id)
