"""Lines of page furniture that trafilatura leaves in an article's text when a site writes them as plain
paragraphs inside the article (class names give trafilatura nothing to go on): "Read more:" and "Related:"
link lines and the headline lists under "Most read", bylines, photo credits and captions, cookie banners,
newsletter and paywall notices, share prompts.

trafilatura already drops such blocks when their markup names them (`<aside class="related">`,
`<div class="paywall">`, `<figcaption>`, `<div class="byline">`): this filter is only for what it leaves.
It is conservative: each pattern matches a whole line of a known kind, never a sentence of reporting that
merely contains a word like "related" or "photo", and a line longer than MAX_FURNITURE_CHARS is always kept.
"""

from __future__ import annotations

import re

# A paragraph of reporting can be long; the furniture lines below are short. No line over this is dropped,
# so a real paragraph that happens to begin like one ("Related protests ...", "By Monday ...") survives.
MAX_FURNITURE_CHARS = 300

_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al|el|bin))*"  # "Jane Doe", "Ana de Souza"
_NAMES = rf"{_NAME}(?:\s*(?:,|&|\band\b)\s*{_NAME})*"  # "Nino Beridze and Levan Kapanadze"
# What follows a byline's names: a role or a place, never a clause ("By Monday, the river had risen").
_ROLE = (r"(?:(?:[\w-]+\s+){0,3}(?:correspondent|reporter|editor|writer|journalist|staff|contributor|"
         r"columnist|analyst|producer|bureau|desk|agencies)|in\s+" + _NAME + r"|for\s+" + _NAME + ")")

_FURNITURE = [re.compile(pattern, re.IGNORECASE) for pattern in (
    # Link lines: a label alone ("Most read:", "See also") or a label, a separator and a headline
    # ("Read more: Looters ransack shops in ..."). The headline is another story: its place and event
    # are not this article's. The separator is required after the label, so "Related protests took place"
    # and "Watch officials said ..." are kept.
    r"(?:read|see|watch|listen)(?:\s+(?:more|also|next|this|now))?(?:\s*[:|»›>–—-].*)?|"
    r"(?:also read|related(?: articles?| stories| content| coverage| news)?|more on this(?: story| topic)?|"
    r"more from \w+|recommended(?: for you)?|most (?:read|popular|viewed|shared)|trending(?: now)?|"
    r"top stories|editor'?s picks?|you (?:may|might) also like)(?:\s*[:|»›>–—-].*)?",
)] + [re.compile(pattern) for pattern in (  # case matters: names are capitalised
    # Bylines: "By Jane Doe", "By Jane Doe and John Roe, Europe correspondents", "By Reuters".
    rf"(?i:by)\s+{_NAMES}(?:\s*,?\s*(?i:{_ROLE}))?\.?",
    # A name and a role alone on a line: "Olena Marchuk, Staff reporter".
    rf"{_NAMES},\s*(?i:{_ROLE})",
)] + [re.compile(pattern, re.IGNORECASE) for pattern in (
    # Time stamps of the page, not of the events: "Updated 12 May 2024, 18:02", "Published 3 hours ago",
    # "4 min read". They carry dates the event coder would read as the events' dates.
    r"(?:updated|published|last updated|first published|posted)\b[^.]{0,60}\d[^.]{0,40}|\d+\s*min(?:ute)?s?\s+read",
    # Photo credits alone: "Photo: Giorgi Abashidze / Caucasus Daily", "Credit: AFP", "(Reuters/Jane Doe)".
    r"(?:photo(?:graph)?s?|pictures?|images?|video|graphic|illustration|credit)(?:\s+credit)?\s*:\s*[^.]{1,100}|"
    r"\((?:[^()]*\b(?:photo|reuters|ap|afp|epa|getty|anadolu|xinhua|tass)\b[^()]*/[^()]*|photo:[^()]*)\)",
    # Newsletter and subscription offers addressed to the reader: "Sign up for our newsletter ...".
    r"(?:sign up|subscribe|register)\b.*\b(?:newsletter|inbox|to (?:continue|keep) reading|for free|"
    r"unlimited|today|now)\b.*|"
    r"get (?:unlimited|full|digital) access\b.*|(?:log|sign) in to (?:continue|read)\b.*|continue reading",
    # Share prompts: "Share this story", "Share this article: Facebook X Email", a row of network names.
    r"share(?: this(?: article| story| page| post)?| on \w+| via \w+)?(?:\s*[:|].*)?|"
    r"(?:(?:facebook|twitter|x|whatsapp|linkedin|email|e-mail|print|copy link|telegram)\s*[|,·]?\s*){2,}",
    # Tag lines under an article: "Topics: Ukraine War".
    r"(?:topics|tags|filed under)\s*:.*",
)]

# Captions: a line ending with a credit ("... in Paiporta on Wednesday. Photo: Lucas Ferrer/Courier",
# "... on Friday morning. (Reuters/Jane Doe)"): a caption describes a picture, not what was reported.
# Searched at the end of the line only (`$`), so a sentence that merely mentions a photo is kept.
_CAPTION = re.compile(r"[.!?]\s*(?:\|\s*)?(?:photo(?:graph)?|picture|image|credit)\s*:\s*[^.]{1,80}$|"
                      r"[.!?]\s*\((?:[^()]*\b(?:photo|reuters|ap|afp|epa|getty|anadolu|xinhua|tass)\b[^()]*/[^()]*|"
                      r"photo:[^()]*)\)$", re.IGNORECASE)

# Notices found anywhere in a line, each behind a plain word test (Python's re has no fast scan for a set of
# phrases; the test makes the filter about ten times faster on a long page).
_NOTICES = [(words, re.compile(pattern, re.IGNORECASE)) for words, pattern in (
    # Cookie and consent banners: cookies together with the site's own use of them or the reader's consent.
    (("cookie",), r"cookies?\b.*\b(?:you (?:accept|agree|consent)|accept(?: all)?|manage (?:preferences|cookies|"
                  r"settings)|cookie (?:policy|settings|preferences))\b|"
                  r"(?:we use|we and our partners use|this (?:site|website) uses) cookies\b"),
    # Paywall notices: "This article is for subscribers only.", "Already a subscriber? Log in."
    (("subscri", "reading", "journalism", "account"),
     r"\bfor subscribers only|subscribers-only|already (?:a subscriber|have an account)|to continue reading|"
     r"support (?:our|independent) journalism"),
)]

# A label line with nothing after it ("Most read:", "Related"): the list items right under it are headlines.
_LIST_LABEL = re.compile(r"(?:related(?: \w+)?|more on this(?: \w+)?|most (?:read|popular|viewed|shared)|"
                         r"recommended(?: for you)?|trending(?: now)?|top stories|read more|see also|"
                         r"editor'?s picks?|you (?:may|might) also like)\s*:?", re.IGNORECASE)
_LIST_ITEM = re.compile(r"\s*(?:[-*•]|\d+[.)])\s+.*")  # how trafilatura writes a list item: "- Headline"


def is_furniture(line: str) -> bool:
    """Whether `line` (one paragraph of extracted text) is page furniture of a kind listed above."""
    line = line.strip()
    if len(line) > MAX_FURNITURE_CHARS:
        return False
    if any(pattern.fullmatch(line) for pattern in _FURNITURE) or _CAPTION.search(line):
        return True
    lower = line.lower()
    return any(any(word in lower for word in words) and pattern.search(line) for words, pattern in _NOTICES)


def drop_furniture(text: str) -> str:
    """`text` without its furniture lines, and without the list items right under a "Most read:" or
    "Related" label (headlines of other stories). Every other line is kept as it is, in order."""
    kept: list[str] = []
    in_list = False
    for line in text.split("\n"):
        if in_list and _LIST_ITEM.fullmatch(line):
            continue
        in_list = bool(_LIST_LABEL.fullmatch(line.strip()))
        if not is_furniture(line):
            kept.append(line)
    return "\n".join(kept)
