"""Word lists that more than one stage reads: common words that are never a place on their own, the
connectors allowed inside a place name, and the words that mark an organisation or a person."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lower-case words allowed inside multi-word place names ("Bosnia and Herzegovina", "Rostov-on-Don").
CONNECTORS = words("and of the de del der la le les al el on upon am an da do dos das di du en sur y e")

# Names that news uses for armed groups, agencies and weapons, each also the name of a place in the gazetteer
# (`gazetteer lookup NAME` shows it): without them "Hamas fighters attacked" is a town in Germany. Word -> what
# news means by it; which place shares the name (the reason it is listed).
NEWS_NAMESAKES: dict[str, str] = {
    "hamas": "the Palestinian group; an alternate name of Hamm, Germany",
    "taliban": "the Afghan movement; an alternate name of Bozhüyük, Turkey",
    "wagner": "the Russian mercenary group; Wagner is a town in Brazil and one in South Dakota",
    "nato": "the alliance, spelled 'Nato' by British papers; Nato is a village in the Philippines (two)",
    "tass": "the Russian news agency; Tass is a village in Hungary",
    "iskander": "the Russian missile; an alternate name of Iskandar, Uzbekistan",
    "bayraktar": "the Turkish drone; an alternate name of Karayazı, Turkey",
    "boko": "Boko Haram; Boko is a village in the Republic of the Congo (and in Kazakhstan)",
    "haram": "Boko Haram; Haram is a town in Norway",
    "fano": "the Amhara militia in Ethiopia; Fano is a town in Italy",
}

# Capitalised words that are also names of some village but are almost never meant as places in news,
# and the namesakes above.
COMMON_WORDS = frozenset(NEWS_NAMESAKES) | words("""
a an the i he she it we they you his her its our their this that these those there here
in on at by for from with as of to into over under after before about between during since until
and but or nor so yet if then than when while where who what which why how
all any each every some many most more much other such no not only also just even still very
agency said says say told tells according reported reports report news
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
president minister prime general colonel commander army police government ministry
north south east west northern southern eastern western central
city town village region province state district republic kingdom union island islands
new old great little upper lower saint san santa st mount lake river
one two three four five six seven eight nine ten first second third
time day week month year today yesterday tomorrow christmas easter
road street avenue center centre university college school hospital church court law station plaza
congress parliament senate capitol gang front homeland al
""")

# A name directly before one of these is part of an organisation or publication ("The New York Times").
ORG_SUFFIXES = words("""
times post journal herald tribune news agency press gazette telegraph guardian daily weekly review
university college school institute airlines airways airport bank group company corporation inc ltd
club fc united council committee party front ministry office center centre foundation
""")

# A name directly after one of these is a person ("President Volodymyr ...", "Mr. Jordan").
PERSON_TITLES = words("""
president minister mr mrs ms dr gen general col colonel lt sgt capt captain adm admiral sen senator
rep gov governor mayor king queen prince princess pope sheikh ambassador chancellor premier commander
spokesman spokeswoman spokesperson secretary rev judge justice coach
""")
