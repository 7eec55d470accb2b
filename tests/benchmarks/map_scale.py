"""Map size and load time for 100, 1,000 and 10,000 events (prints figures; not a timed test).

    python -m tests.benchmarks.map_scale [--sizes 100 1000 10000] [--out /tmp/geomap-map-scale]

Synthetic events (random type, one of 200 cities, a day within 90 days, a 200-character quote, one to
three sources) are rendered as a self-contained map and opened in headless Chromium with the network
closed; the time is from navigation until the page's script has drawn every event (load, parse, draw).
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from pathlib import Path

import gazetteer
from geomap.outputs.map import OUTLINE_TOLERANCE_DEG, render_page
from geomap.records import Certainty, DatePrecision, Document, Event, EventLocation, EventType, LocationRole, Quantity
from tests.browser import open_page

CITIES = ("Kyiv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Kherson", "Mykolaiv", "Sumy", "Poltava", "Lviv",
          "Kursk", "Belgorod", "Bryansk", "Moscow", "Rostov", "Donetsk", "Luhansk", "Mariupol", "Khartoum",
          "Omdurman", "Kassala", "Gaza", "Rafah", "Beirut", "Tyre", "Sidon", "Damascus", "Aleppo", "Idlib", "Homs",
          "Baghdad", "Mosul", "Basra", "Erbil", "Sanaa", "Aden", "Taiz", "Bamako", "Gao", "Timbuktu", "Niamey",
          "Ouagadougou", "Maiduguri", "Kano", "Abuja", "Lagos", "Mogadishu", "Kismayo", "Baidoa", "Nairobi", "Goma",
          "Bukavu", "Kinshasa", "Juba", "Addis", "Tripoli", "Benghazi", "Kabul", "Kandahar", "Peshawar", "Quetta",
          "Karachi", "Lahore", "Dhaka", "Yangon", "Mandalay", "Manila", "Marawi", "Bogota", "Cali", "Medellin",
          "Caracas", "Lima", "Quito", "Guayaquil", "Mexico", "Culiacan", "Tijuana", "Port-au-Prince", "Tbilisi",
          "Batumi", "Belgrade", "Paris", "Marseille", "Berlin", "London", "Istanbul", "Ankara", "Tehran")


def synthetic_events(n: int, gaz) -> tuple[list[Event], dict[str, Document]]:
    rng = random.Random(n)
    places = [c[0].place for c in (gaz.lookup(name, limit=1) for name in CITIES) if c]
    start = date(2024, 8, 1)
    events, documents = [], {}
    for i in range(n):
        place = rng.choice(places)
        day = start + timedelta(days=rng.randrange(90))
        doc_id = f"doc{i // 5}"
        documents.setdefault(doc_id, Document(doc_id, "", day, f"Report {i // 5} about {place.name}"))
        quote = (f"Officials said an incident was reported in {place.name} on that day, " * 4)[:200]
        events.append(Event(
            id=f"{doc_id}#e{i}", doc_id=doc_id, type=rng.choice(list(EventType)), sub_type="other",
            date_start=day, date_end=day, date_precision=DatePrecision.DAY, certainty=Certainty.REPORTED,
            actors=("Unit A", "Unit B"), quote=quote, quote_start=0, quote_end=len(quote),
            locations=(EventLocation(place, place.name, LocationRole.WHERE, 1),),
            quantities=(Quantity("people killed", rng.randrange(1, 50), "at least", "at least 3 people"),),
            sources=tuple(f"source {k}" for k in range(rng.randrange(1, 4))), doc_ids=(doc_id,)))
    return events, documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--out", type=Path, default=Path("/tmp/geomap-map-scale"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    gaz = gazetteer.open()
    outlines = gaz.country_outlines(OUTLINE_TOLERANCE_DEG)
    for n in args.sizes:
        events, documents = synthetic_events(n, gaz)
        started = time.perf_counter()
        page = render_page(events, documents, [], outlines, gaz.geometry, self_contained=True)
        rendered = time.perf_counter() - started
        path = args.out / f"map_{n}.html"
        path.write_text(page, encoding="utf-8")
        with open_page(path, serve_assets=False) as (browser_page, log):
            opened = browser_page.evaluate("() => performance.now()")  # ms since navigation began
            drawn = browser_page.evaluate("() => geomap.internal.drawnEvents().length")
            browser_page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            painted = browser_page.evaluate("() => performance.now()")
        print(f"{n:6d} events: {path.stat().st_size / 1e6:5.2f} MB, rendered in {rendered:5.2f} s, "
              f"opened in {opened / 1000:5.2f} s, painted by {painted / 1000:5.2f} s "
              f"({drawn} markers, page errors: {len(log.errors)})")


if __name__ == "__main__":
    main()
