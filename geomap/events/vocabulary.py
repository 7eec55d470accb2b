"""The event vocabulary: ACLED's event types and sub-types, their CAMEO root codes, and trigger words.

Types and sub-types follow ACLED's codebook. ACLED files troop movements and arrivals under "Strategic
developments / Other"; analysts asked for them by name, so Strategic developments has three extra
sub-types, `troop_deployment`, `troop_movement` and `arrival` (each maps to ACLED's `other`, see
`ACLED_SUB_TYPE`).

CAMEO: the root code (two digits) and, where one fits, the base code, so the events can be joined with
GDELT-style data. The mapping is ours, read from the CAMEO manual's category definitions.

Triggers are regular expressions over a clause; they are tried in order and a sub-type is chosen per
type, so the specific patterns come before the general ones. A trigger word alone is not an event:
`events` also needs a place for it and drops clauses that deny it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from geomap.records import EventType

SUB_TYPES: dict[EventType, tuple[str, ...]] = {
    EventType.BATTLES: ("armed_clash", "government_regains_territory", "non_state_actor_overtakes_territory"),
    EventType.EXPLOSIONS: ("air_drone_strike", "shelling_artillery_missile_attack", "remote_explosive_landmine_ied",
                           "suicide_bomb", "grenade", "chemical_weapon"),
    EventType.VIOLENCE_AGAINST_CIVILIANS: ("attack", "abduction_forced_disappearance", "sexual_violence"),
    EventType.PROTESTS: ("peaceful_protest", "protest_with_intervention", "excessive_force_against_protesters"),
    EventType.RIOTS: ("violent_demonstration", "mob_violence"),
    EventType.STRATEGIC: ("troop_deployment", "troop_movement", "arrival", "base_established", "agreement",
                          "arrests", "looting_property_destruction", "other"),
}

TYPE_LABELS: dict[EventType, str] = {
    EventType.BATTLES: "Battles",
    EventType.EXPLOSIONS: "Explosions/Remote violence",
    EventType.VIOLENCE_AGAINST_CIVILIANS: "Violence against civilians",
    EventType.PROTESTS: "Protests",
    EventType.RIOTS: "Riots",
    EventType.STRATEGIC: "Strategic developments",
}


def sub_type_label(sub_type: str) -> str:
    """ "air_drone_strike" -> "air drone strike"."""
    return sub_type.replace("_", " ")


# Our extra Strategic-development sub-types, as ACLED would file them.
ACLED_SUB_TYPE = {"troop_deployment": "other", "troop_movement": "other", "arrival": "other"}

# sub-type -> CAMEO code (root + base where one fits).
CAMEO: dict[str, str] = {
    "armed_clash": "190",  # use conventional military force
    "government_regains_territory": "192",  # occupy territory
    "non_state_actor_overtakes_territory": "192",
    "air_drone_strike": "195",  # employ aerial weapons
    "shelling_artillery_missile_attack": "194",  # fight with artillery and tanks
    "remote_explosive_landmine_ied": "183",  # conduct non-military bombing
    "suicide_bomb": "1831",  # carry out suicide bombing
    "grenade": "183",
    "chemical_weapon": "2042",  # use chemical, biological or radiological weapons
    "attack": "180",  # use unconventional violence
    "abduction_forced_disappearance": "181",  # abduct, hijack, take hostage
    "sexual_violence": "1821",  # sexually assault
    "peaceful_protest": "141",  # demonstrate or rally
    "protest_with_intervention": "141",
    "excessive_force_against_protesters": "175",  # use tactics of violent repression
    "violent_demonstration": "145",  # protest violently, riot
    "mob_violence": "145",
    "troop_deployment": "154",  # mobilise or increase armed forces
    "troop_movement": "15",  # exhibit military posture
    "arrival": "15",
    "base_established": "15",
    "agreement": "057",  # sign formal agreement
    "arrests": "173",  # arrest, detain
    "looting_property_destruction": "171",  # seize or damage property
    "other": "",
}

# Sub-types that one real event can be reported as (troops "sent to" and "moved into" a place): events of
# the same group, place and time are the same event. Arrivals stay apart: a commander's arrival is not
# the deployment of his troops.
MERGE_GROUP = {"troop_deployment": "deployment", "troop_movement": "deployment"}


def merge_group(sub_type: str) -> str:
    return MERGE_GROUP.get(sub_type, sub_type)


@dataclass(frozen=True, slots=True)
class Trigger:
    type: EventType
    sub_type: str
    pattern: re.Pattern[str]  # lowercase: search the lowercased clause
    keywords: tuple[str, ...]  # lowercase strings of which the pattern cannot match without one; "word$": whole
    movement: bool = False  # its places have origin and destination roles
    weak: bool = False  # a bare "strike"/"explosion": dropped when the clause has another reading


_TROOPS = (r"(?:troops|soldiers|forces|personnel|units|contingents?|brigades?|battalions?|fighters|servicemen|"
           r"reinforcements|warships?|tanks|fleet|vessels|gendarmes|instructors|peacekeepers|mercenaries|marines|"
           r"paratroopers|commandos|armou?red vehicles|columns?|convoys?)")
_MILITARY_TARGET = (r"(?:positions?|troops|soldiers|forces|bases?|convoys?|checkpoints?|outposts?|barracks|patrols?|"
                    r"(?:military|army|police|gendarmerie) (?:posts?|stations?|camps?|schools?)|police officers|"
                    r"mercenaries|servicemen)")
# Who an attack on civilians names as its victims ("gunmen killed six villagers"): the one list that the
# attack trigger and the rule telling such an attack from a battle (`clauses`) are built from. The last two
# lines are what each of them adds to the shared words.
CIVILIANS = ("civilians", "villagers", "residents", "worshippers", "farmers", "students", "passengers", "people",
             "children", "women", "families", "shoppers", "mourners", "herders", "displaced")
ATTACKED_CIVILIANS = (*CIVILIANS, "fishermen", "traders", "miners", "pilgrims", "teachers")  # "beheaded four fishermen"
NAMED_CIVILIANS = (*CIVILIANS, "diners", "patients")  # "opened fire on diners": not an attack on a military post


def alternation(words: tuple[str, ...]) -> str:
    """A non-capturing regular-expression group matching any of the words (plain lowercase words)."""
    return "(?:" + "|".join(words) + ")"


_CIVILIANS = alternation(ATTACKED_CIVILIANS)


def _t(event_type: EventType, sub_type: str, keywords: str, pattern: str, movement: bool = False,
       weak: bool = False) -> Trigger:
    # Patterns are lowercase and run on the lowercased clause: about twice as fast as IGNORECASE.
    return Trigger(event_type, sub_type, re.compile(pattern), tuple(keywords.split("|")), movement, weak)


# "took the village of", "took town of": the verb and the word after it, which few sentences share
# (a keyword "village of" alone ran the territory pattern on every "the village of" in the news).
_TAKEN_KEYWORDS = "|".join(f"{verb} {word}" for verb in ("taken", "took", "take")
                           for word in ("the", "village", "town", "city", "settlement", "hamlet", "district", "base",
                                        "airport"))
B, X, V, P, R, S = (EventType.BATTLES, EventType.EXPLOSIONS, EventType.VIOLENCE_AGAINST_CIVILIANS,
                    EventType.PROTESTS, EventType.RIOTS, EventType.STRATEGIC)

TRIGGERS: tuple[Trigger, ...] = (
    # Riots before protests, protests before battles: "protesters clashed with police" is a riot.
    _t(R, "mob_violence", "mob$|mobs$|lynch|hunted down|to death|burned alive",
       r"\b(mobs?|lynch\w*|hunted down|beaten to death|beat \w+ to death|burned alive)\b"),
    _t(R, "violent_demonstration",
       "riot|violent protest|violent demonstration|protesters|demonstrators|crowd|rioters|youths|supporters|"
       "mob$|mobs$|loot|burning barricades|young men|young people",
       r"\b(riot(s|ed|ing|ers)?(?! (police|gear|shields|squad|control))|violent (protests?|demonstrations?)|"
       r"(protesters|demonstrators|crowds?|rioters|youths|supporters|young (men|people)|mobs?)\b.{0,90}"
       r"\b(threw|hurled|pelted|torched|set fire|burned(?! tyres| tires)|looted|stormed|smashed|clashed|attacked|"
       r"vandali[sz]ed|"
       r"pulled down|tore down|toppled|spray-painted|defaced|damaged)|"
       r"burning barricades)\b"),
    _t(P, "excessive_force_against_protesters", "protester|demonstrator|marchers|live ammunition",
       r"\b((fired|opened fire|shot|killed|beat|beating|kicked|kicking|clubbed|dragged)\b.{0,40}\b(protesters?|"
       r"demonstrators?|marchers)|(protesters?|demonstrators?) (was|were) (shot|killed|beaten)|live ammunition"
       r"\b.{0,60}\b(protest\w*|demonstrat\w*|marchers|marching|crowds?|supporters))\b"),
    _t(P, "protest_with_intervention",
       "protest|demonstrat|rall|marche|marching|dispers|broke up|break up|tear gas|water cannon|rubber bullets|"
       "pepper|stun grenades|baton|detained|arrested",
       r"\b(protest\w*|demonstrat\w*|rall(y|ies)|march\w*)\b.{0,80}\b(dispersed|tear gas|water cannon|broke up|"
       r"detained|arrested|baton)|\b(dispers\w*|broke up|break up|tear gas|water cannons?|rubber bullets|"
       r"pepper[- ]spray|stun grenades|batons)\b.{0,60}"
       r"\b(protest\w*|demonstrat\w*|rall(y|ies)|crowds?|marchers|marching|marched|supporters|students|farmers|"
       r"workers|residents)\b"),
    # "march" is also the month, lowercased here ("from April 15 to March 31", "held on 10 March"): the protest
    # march is read only where the month cannot be, as "marched"/"marches", "a (similar) march" after a verb of
    # holding ("would hold a similar march in Madrid"), and "would/will march".
    _t(P, "peaceful_protest",
       "protest|demonstrat|rall|marche|sit-in|vigil|picket|took to the streets|went on strike|walkout|"
       "walk-out|walked out|walk out|strike|block|gathered|chanted|converged|massed|packed|filled|stopped traffic|"
       "halted traffic|a march|similar march|would march|will march",
       r"\b(protest(s|ed|ing)?|demonstrat(ion|ions|ed|ing)|rall(y|ies|ied)|marched|marches|sit-ins?|"
       r"(protesters|demonstrators|crowds?|thousands?|hundreds?)\b.{0,50}\b(gathered|rallied|chanted|converged|"
       r"massed|packed|filled|blocked)|block(ed|ing|ade|ades)? (\w+ )?(roads?|highways?|border crossings?|"
       r"streets?|traffic|bridges?|ports?)|(stopped|halted|blocked) traffic|"
       r"vigils?|picket\w*|took to the streets|went on strike|walk-?outs?|walked out|strikers|"
       r"(hold|held|holding|stage|staged|organi[sz]e|organi[sz]ed|called for) ((a |an )?([\w-]+ ){0,2}"
       r"(rally|protest|demonstration|strike|sit-in|vigil)|a (similar )?march)|"
       r"(would|will) march|(would|will|to|plan to|plans to) (rally|protest|demonstrate)\b|"
       r"(general|labou?r|nationwide|national|hunger|teachers'?|workers'?|doctors'?|nurses'?|\d+-(hour|day)) strikes?|"
       r"strikes? by (\w+ )?(workers|teachers|doctors|nurses|drivers|miners|unions?|staff|employees))\b"),
    _t(X, "suicide_bomb", "suicide", r"\bsuicide ((car|truck) )?(bomb\w*|attacks?|blasts?|vests?)\b"),
    _t(X, "chemical_weapon",
       "chemical|chlorine|sarin|nerve agent",
       r"\b(chemical (weapons?|attacks?)|chlorine|sarin|nerve agent)\b"),
    _t(X, "remote_explosive_landmine_ied",
       "bomb|ied|improvised explosive|land mine|landmine|mine blast|mine explosion|explosive device|"
       "packed with explosives|explosive",
       r"\b((roadside|car|truck|parcel) bombs?|ieds?|improvised explosive|land ?mines?|mine (blast|explosion)|"
       r"bombs? (exploded|went off|blast)|bomb blasts?|explosive devices?|packed with explosives|"
       r"(explosives?|bombs?) (blew up|detonated))\b"),
    _t(X, "grenade", "grenade", r"\bgrenades?\b(?! launchers?)"),
    _t(X, "air_drone_strike",
       "drone|air strike|airstrike|air raid|aerial|warplane|jets|aircraft|helicopter|bomber|glide bomb|"
       "bomb|guided|dropped",
       r"\b(drone (strikes?|attacks?|raids?|barrages?)|air ?strikes?|air raids?|"
       r"aerial (bombardment|attacks?|bombs?)|"
       r"guided (aerial )?bombs?|drones? to drop|drones? dropped|dropped (an |a )?(explosives?|bombs?|grenades?)|"
       r"drone-dropped|"
       r"drones?\b.{0,50}\b(struck|strike|hit|hits|attacked|targeted|slammed|crashed into|damaged|exploded)|"
       r"(warplanes?|jets|aircraft|helicopters?|bombers?)\b.{0,40}\b(struck|bombed|hit|pounded|attacked|"
       r"targeted)|glide bombs?|bombed|bombing|bombings)\b"),
    _t(X, "shelling_artillery_missile_attack", "missile|rocket|artillery|mortar|shell|launched|fired|bombard|pounded",
       r"\b((missile|rocket|artillery|mortar) (strikes?|attacks?|fire|barrages?|salvos?)|shell(ing|ed|s)\b|"
       r"(missiles?|rockets?|shells|mortars?)\b.{0,50}\b(struck|strike|hit|hits|slammed|landed|fired|launched|"
       r"exploded|pounded)|(launched|fired)\b.{0,30}\b(missiles?|rockets?)|bombard\w*|pounded)\b"),
    _t(X, "shelling_artillery_missile_attack", "explosion|blast|strike|struck",
       r"\b(explosions?|blasts?|(strikes?|struck)\b(?! (a|the) (deal|balance|chord|tone|note|agreement)))",
       weak=True),
    _t(V, "abduction_forced_disappearance", "abduct|kidnap|hostage",
       r"\b(abduct(ed|ing|ion|ions|s)?(?! (gang|ring|syndicate|suspects?))|kidnap(ped|ping|pings|s)?"
       r"(?! (gang|ring|syndicate|suspects?))|taken hostage|"
       r"(took|taking|seized|seizing|held|holding)\b.{0,20}\bhostages?)\b"),
    _t(V, "sexual_violence", "rape|sexual", r"\b(rap(e|ed|es)|sexual (violence|assaults?|abuse))\b"),
    _t(V, "attack",
       "killed|shot|executed|massacre|stabbed|attacked|slaughtered|hacked|burned|opened fire|stormed|raided|"
       "beheaded|decapitated|lynched|shot dead|settlers|gunmen|attackers|torched|set fire",
       rf"\b((killed|shot|executed|massacred|stabbed|attacked|slaughtered|hacked|burned|beheaded|decapitated|"
       rf"lynched)\b.{{0,40}}\b{_CIVILIANS}|"
       rf"{_CIVILIANS}\b.{{0,25}}\b(were|was|had been|have been) (killed|shot dead|massacred|executed|stabbed)|"
       rf"(attacked|stormed|raided|torched)\b.{{0,30}}\b(village|villages|town|homes|houses|neighbou?rhoods?|market|"
       rf"school|hospital|mosque|church|camp for displaced|displacement camp)|"
       rf"shot dead\b.{{0,30}}\b(men|man|woman|driver|drivers|workers|journalists?|people|civilians)|"
       rf"(settlers|gunmen|attackers|mob)\b.{{0,40}}\b(set fire|torched|burned)|"
       rf"massacres?|(gunmen|militants|attackers|assailants|fighters|gangs?|gang members|armed men|militiamen)\b"
       rf".{{0,40}}\b(killed|opened fire|attacked|"
       rf"stormed|raided)|opened fire on\b.{{0,20}}\b{_CIVILIANS})\b"),
    _t(B, "government_regains_territory",
       "recaptur|retook|retaken|regain|liberat|drove|driven|dislodg|expelled|pushed|forced",
       r"\b(recaptur\w*|retook|retaken|regain\w*|liberat(ed|ing|ion)|(pushed|drove|driven|forced) (\w+ ){0,3}out of|"
       r"(drove|driven|expelled|pushed back)\b.{0,40}"
       r"\b(militants|militia|insurgents|rebels|fighters|jihadists|forces|troops|gunmen)|dislodg\w*)\b"),
    _t(B, "non_state_actor_overtakes_territory",
       "captur|seiz|took control|taken control|lost control|consolidat|tightened|tightening|extended|extending|"
       "overran|overrun|fell to|lost the|" + _TAKEN_KEYWORDS,
       r"\b(captur(ed|ing|e)|seiz(ed|ing|e)(?! (\w+ ){0,2}(weapons|rifles|arms|drugs|ammunition|guns|cash|"
       r"vehicles|documents|assets|cocaine|grenades?|explosives|passports|phones))|took control|taken control|"
       r"overr(an|un)|fell to|"
       r"(consolidat\w*|tightened|tightening|extended|extending) (their |its )?control|"
       r"lost (control of|the (town|city|village|base|district|province|state) of)|"
       r"(taken|took|take) (the )?(village|town|city|settlement|hamlet|district|base|airport) of)\b"),
    # "counter-offensive" only with its hyphen, as "offensive" starts a word there: the closed spelling was
    # never read, and reading it finds history ("Ukraine's counteroffensive in the summer of 2023 failed").
    _t(B, "armed_clash",
       "battl|clash|fighting|fought|firefight|gunfight|gun battle|gunbattle|ambush|"
       "offensive|skirmish|engaged in combat|repel|repuls|attacked|assaulted|stormed|raided|exchange|gunfire|"
       "shot down|swept|pushed|advanced|killed|attack on|attacks on",
       rf"\b((?<!political )(?<!legal )(?<!court )(?<!uphill )(?<!tactical )battl(e|es|ed|ing)(?! (over|for votes|"
       rf"against (inflation|cancer)|(the |a )?(blaze|fire|flames|wildfires?|illness|disease|cancer|injury)))|"
       rf"clash(es|ed)?|(?<!forces )(?<!troops )(?<!soldiers )(?<!units )(?<!fighters )fighting|fought|"
       rf"firefights?|gunfights?|gun ?battles?|exchanged (gun)?fire|"
       rf"ambush\w*|(counter-)?offensives?|skirmish\w*|engaged in combat|repel(led|s)?|repuls\w*|"
       rf"(attacked|assaulted|stormed|raided|killed|ambushed)\b.{{0,50}}\b{_MILITARY_TARGET}|"
       rf"attacks? on\b.{{0,30}}\b{_MILITARY_TARGET}|exchanges? of (gun)?fire|heavy gunfire|gunfire|"
       rf"shot down\b.{{0,30}}\b(jets?|planes?|aircraft|helicopters?|fighter|fighter-bombers?|su-\d+|mig-?\d*|"
       rf"bombers?)|"
       rf"(swept|pushed|stormed|advanced)( \w+)? into)\b"),
    # A deal with its article or a verb after it ("struck a deal", "the deal was signed"): "struck a record
    # $944 million deal with a broadcaster" is business.
    _t(S, "agreement", "ceasefire|truce|peace|agreement|prisoner exchange|prisoner swap|a deal|the deal|deal was|"
       "deal is|deal has|accord$",
       r"\b((sign|signs|signed|signing|agreed|reached|brokered|sealed|negotiated|struck)\b.{0,30}\b(ceasefire|truce|"
       r"(a|the) deal|agreement|accord|peace)|"
       r"((a|the) deal|deal (was|is|has)|agreement|accord|truce|ceasefire)\b.{0,15}\b(agreed|signed|reached|brokered)|"
       r"(ceasefire|truce)\b.{0,30}\b(took effect|came into force|agreed|announced|holds?)|"
       r"prisoner (exchange|swap)s?)\b"),
    _t(S, "base_established", "set up|established|built|constructing|opened|building",
       r"\b(set up|established|building|built|opened|constructing)\b.{0,20}\b(a |an |new |military |air |naval )*"
       r"(base|outpost|camp|headquarters)\b"),
    _t(S, "arrests",
       "arrest|detain|custody|rounded up",
       r"\b(arrest(ed|s|ing)?|detain(ed|ing)?|taken into custody|rounded up)\b"),
    _t(S, "looting_property_destruction",
       "loot|torched|burned|burnt|demolish|bulldoz|vandali|ransacked|destroyed|blew up|tore up|razed|set ablaze|"
       "set fire",
       r"\b(loot(ed|ing)|torched|burned down|demolish(ed|es|ing)|bulldoz(ed|ing)|vandali[sz]ed|ransacked|"
       r"(destroyed|blew up|tore up|razed|set ablaze|burned|burnt|set fire to)\b.{0,40}\b(towers?|roads?|pipes?|"
       r"bridges?|houses|homes|"
       r"buildings|shops|schools|clinics|crops|mosques?|churches|villages?|markets?|power lines?))\b"),
    # The bare verb "move" only before what is moved ("will move additional army units", "move 3,000 troops"):
    # "the separatists move far more easily than armoured columns do" moves nobody. "March" after troops is
    # the month ("troops deployed in March"): only "marched" and "marching" are read there.
    _t(S, "troop_movement",
       "move|moving|massed|massing|redeployed|withdr|pulled|relocated|transfer|crossed|advanced|headed|heading|"
       "marched|marching|retreated|pullout|raid",
       rf"\b({_TROOPS}\b.{{0,60}}\b(moved|moving|massed|massing|redeployed|withdr(ew|awn)|pulled (back|out)|"
       rf"relocated|transferred|crossed|advanced|headed|heading|marched|marching|retreated)|"
       rf"(moves|moved|moving|redeployed|transferred|transfer|withdrew|pulled)\b.{{0,40}}\b{_TROOPS}|"
       rf"move (additional |more |extra |[\d,]+ )?([\w-]+ )?{_TROOPS}|"
       rf"(withdrawal|pullout|movement) of\b.{{0,30}}\b{_TROOPS}|"
       rf"(launched|carried out|conducted|mounted)\b.{{0,30}}\braids? (on|in|into|across))\b", movement=True),
    _t(S, "troop_deployment", "deploy|dispatch|reinforc|sent|send|presence|flown in|airlifted|rushed|is expected|"
       "are expected|is due|are due|fly in|flew in|took up positions|take up positions|taking up positions|"
       "positioned",
       rf"\b(deploy(ed|ing|s|ment|ments)?|dispatch(ed|ing|es)?|reinforc\w*|flown in|airlifted|"
       rf"rushed (in|to)|{_TROOPS}\b.{{0,40}}\b(is|are) (expected|due) (in|at|to arrive)|"
       rf"(fly|flew|flown) (in|into)|(took|take|taking) up positions|positioned|"
       rf"(sent|send|sending)\b.{{0,40}}\b{_TROOPS}|{_TROOPS}\b.{{0,30}}\b(were|was|have been|had been|being) sent|"
       rf"presence of\b.{{0,40}}\b{_TROOPS})\b", movement=True),
    _t(S, "arrival", "arriv|reached|landed", r"\b(arriv(e|ed|es|ing|al)|"
       rf"({_TROOPS}|police|officers|delegation|contingent)\b.{{0,40}}\blanded (in|at)|"
       rf"{_TROOPS}\b.{{0,40}}\breached|convoys?\b.{{0,40}}\breached)\b", movement=True),
)

def _keyword_automaton() -> ahocorasick.Automaton:
    """Every trigger keyword -> the indices of the triggers that need it at the start of a word, and of
    those that need it as a whole word (a keyword written "accord$": "according to" is no accord). A
    prefilter: the regular expressions run only on clauses that contain one of their keywords."""
    needed: dict[str, tuple[list[int], list[int]]] = {}
    for index, trigger in enumerate(TRIGGERS):
        for keyword in trigger.keywords:
            whole = keyword.endswith("$")
            needed.setdefault(keyword.removesuffix("$"), ([], []))[whole].append(index)
    automaton = ahocorasick.Automaton()
    for keyword, (starting, whole) in needed.items():
        automaton.add_word(keyword, (len(keyword), tuple(starting), tuple(whole)))
    automaton.make_automaton()
    return automaton


KEYWORDS = _keyword_automaton()


def keyword_hits(text: str, lower: str | None = None) -> list[tuple[int, tuple[int, ...]]]:
    """(offset, trigger indices) for every trigger keyword that starts a word of `text` (or, for a whole-word
    keyword, is one), in text order. `lower`: text.lower(), when the caller has it already."""
    lower = text.lower() if lower is None else lower
    hits = []
    for end, (length, found, whole) in KEYWORDS.iter(lower):
        start = end - length + 1
        if start and lower[start - 1].isalpha():
            continue
        if whole and (end + 1 == len(lower) or not lower[end + 1].isalnum()):
            found += whole
        if found:
            hits.append((start, found))
    hits.sort()
    return hits


def candidate_triggers(clause: str) -> list[Trigger]:
    """The triggers whose keywords start a word of the clause, in TRIGGERS order."""
    return triggers_of(keyword_hits(clause))


def triggers_of(hits: list[tuple[int, tuple[int, ...]]]) -> list[Trigger]:
    return [TRIGGERS[i] for i in sorted({i for _, found in hits for i in found})]


# Cues that a clause denies or only discusses the event rather than reporting one.
NEGATION = re.compile(r"\b(denied|deny|denies|no (sign|evidence|reports?) of|did not|didn't|has not|have not|"
                      r"would not|will not|won't|postponed|called off|cancell?ed|"
                      r"had not yet|hadn't|never|rejected claims|false claims?|rumou?rs? of|no (arrests|injuries|"
                      r"casualties|deaths|damage)|"
                      r"end (to )?(the )?(fighting|war|violence|hostilities)|hopes? (of|for)|risk of|"
                      r"fears? of|threat of|"
                      r"threaten(s|ed|ing)? (to|a|an|further|more|new)|ha(s|ve) threatened)\b")  # lowercase
_NEGATION_HINTS = ("den", "no ", "not", "n't", "never", "reject", "false", "rumo", "end ",
                   "hope", "risk", "fear", "threat", "postponed", "called off", "cancel")
_HABITUAL_HINTS = ("nightly", "daily", "regular", "routinely", "frequent", "stepped up", "faced",
                   "campaign", "wave after", "since ", "has killed", "have killed", "has displaced", "have displaced",
                   "past", "last ", "count", "recorded", "multiplied", "increased", "intensified", "escalated",
                   "grown", "surged")


def denied_or_habitual(clause: str) -> bool:
    """The clause denies the event, or describes a pattern or a tally rather than one event (substring
    hints first: the regular expressions are the costlier test)."""
    lower = clause.lower()
    return (any(hint in lower for hint in _NEGATION_HINTS) and NEGATION.search(lower) is not None) or (
        any(hint in lower for hint in _HABITUAL_HINTS) and HABITUAL.search(lower) is not None)


# Patterns and tallies rather than one event: "has faced near-nightly drone attacks", "killed since the
# protests began".
HABITUAL = re.compile(r"\b(near-nightly|nightly|almost daily|daily|regularly|routinely|frequent(ly)?|"
                      r"stepped up|ha(s|ve) faced|campaign of|wave after wave|by (the|one|its) count|"
                      r"recorded (more than |over |at least |nearly )?\d|since (the )?[\w'’]+ arrival|"
                      r"ha(s|ve) killed (more than |over |at least |nearly |some |about |an estimated )?"
                      r"\d{1,3}(,\d{3})+|"
                      r"ha(s|ve) (multiplied|increased|intensified|"
                      r"escalated|grown|surged)|ha(s|ve) been (killed|displaced|wounded|"
                      r"injured|detained|arrested)\b.{0,60}\bsince|(hundreds|thousands|dozens) of\b.{0,40}\b(over|in|"
                      r"during) the (past|last) (year|months?|weeks?)|ha(s|ve) (killed|displaced) (thousands|"
                      r"hundreds|tens of thousands|millions)|since (the )?(protests?|fighting|war|"
                      r"conflict|unrest|clashes|invasion|crisis) (began|started|erupted))\b")
# An arrival for talks is diplomacy, not a deployment.
DIPLOMACY = re.compile(r"\b(for talks|talks with|state visit|official visit|a visit|summit|negotiations|"
                       r"to meet|meeting with|conference)\b")
# Clauses about sport, fires and weather: their "battles", "clashes" and "strikes" are not events.
NOT_CONFLICT = re.compile(r"\b(match(es)?|league|cup|season|tournament|striker|goals?|scored|coach|squad|"
                          r"injur(y|ies)|players?|stadium|championship|firefighters|blaze|collapse[ds]?|crash(es|ed)?|"
                          r"accidents?|accidental(ly)?|landslides?|derail\w*|gas (explosion|leak|cylinder|blast)|"
                          r"wildfires?|earthquake|quake|storm|hurricane|typhoon|cyclone|flood\w*|lightning|tornado|"
                          r"virus|pandemic|outbreak|recession|markets?|shares|stocks|prices)\b")
