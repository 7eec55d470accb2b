"""Web pages: the article's main text, title, date and link, read by trafilatura (navigation, footers,
related links, comments, tables and captions dropped), then without the furniture lines trafilatura leaves
(`boilerplate.drop_furniture`). A page whose text is too short to be an article is kept with a warning.

A page over max_html_bytes, or with an element of more than max_html_attributes attributes (libxml2 builds
them in quadratic time), is refused before trafilatura runs.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geomap.errors import InputError, Origin
from geomap.limits import current, over_limit
from geomap.records import Document
from geomap.text.boilerplate import drop_furniture
from geomap.text.decoding import decode
from geomap.text.documents import new_document
from geomap.text.front_matter import meta_date

# Below this many characters of body (the headline not counted) a page is more likely a caption, a teaser, a
# gallery or a paywall stub than the article: one paragraph of news reporting runs 200-300 characters and the
# shortest wire brief (three sentences: what, where and when, who says so) about 400, while a caption or a
# standfirst is one sentence of 100-250. Such a page is kept, since a teaser can still name the place, but
# it is flagged for the reader to check.
MIN_ARTICLE_CHARS = 400

# trafilatura's options, measured on tests/data/pages (what each changes there, and its cost):
# - include_tables=False: table rows came out as "| Paiporta | 45 |" fragments, no sentence to code an event
#   from, and layout tables carry menus; include_comments=False: readers' comments are not the report;
# - include_links and include_images stay off (their defaults): link targets and image sources are not text;
# - favor_precision stays off: its one gain there, dropping a paywall box kept in a plain <div>, is also made
#   by drop_furniture, and it made extraction 20% slower (9 -> 11 ms on long_report.html, 71 -> 84 ms on a
#   320 kB page), against the bound of no slower than before;
# - deduplicate stays off: its cache is shared by every page in the process, so a paragraph seen in an
#   earlier page would vanish from a later one, and the output would depend on the order pages are read in.
_EXTRACTION = {"favor_precision": False, "include_comments": False, "include_tables": False,
               "include_links": False, "include_images": False, "deduplicate": False}


def html_document(data: bytes, doc_id: str, file: str) -> Document:
    """The main text of a web page, without navigation, footers and the like (trafilatura).

    Pages over max_html_bytes, and pages with an element of more than max_html_attributes attributes
    (libxml2 builds them in quadratic time: 300,000 take minutes), are refused before trafilatura runs."""
    import trafilatura

    if len(data) > current().max_html_bytes:
        raise InputError(file, None, over_limit("max_html_bytes", f"the page has {len(data):,} bytes",
                                                "save the article alone"))
    page = decode(data, file)
    check_attributes(page, Origin(file))
    extracted = trafilatura.bare_extraction(page, with_metadata=True, **_EXTRACTION)
    text = drop_furniture(extracted.text) if extracted is not None and extracted.text else None
    document = None
    if text and text.strip():
        text = re.sub(r"\n+", "\n\n", text.strip()) + "\n"  # paragraphs apart, headings not run into sentences
        published = meta_date(extracted.date, Origin(file)) if extracted.date else None
        document = new_document(doc_id, text, published=published, title=extracted.title, url=extracted.url,
                                source=extracted.sitename, file=file)
    if document is None or not document.text.strip():
        raise InputError(file, None, "no article text found in the page; save the article itself, or paste "
                                     "its text into a .txt file")
    return with_length_warning(document)


def body_chars(document: Document) -> int:
    """Characters of the document's text without its headline (trafilatura often repeats the title as the
    first paragraph), whitespace runs counted as one."""
    paragraphs = [line.strip() for line in document.text.split("\n") if line.strip()]
    if paragraphs and document.title and paragraphs[0] == document.title:
        paragraphs = paragraphs[1:]
    return len(re.sub(r"\s+", " ", " ".join(paragraphs)))


def with_length_warning(document: Document) -> Document:
    """`document`, with a warning when its body is shorter than MIN_ARTICLE_CHARS: kept, but flagged."""
    chars = body_chars(document)
    if chars >= MIN_ARTICLE_CHARS:
        return document
    warning = (f"the page's article text is only {chars:,} characters (an article has at least "
               f"{MIN_ARTICLE_CHARS:,}): perhaps a caption, a teaser or a paywall stub; check the page")
    return replace(document, warnings=(*document.warnings, warning))


class _AttributeCount:
    """An lxml parser target that keeps only the most attributes one element has: no tree is built, so
    the count is linear where building the element is not."""

    def __init__(self) -> None:
        self.most = 0
        self.tag = ""

    def start(self, tag: str, attrib) -> None:
        if len(attrib) > self.most:
            self.most, self.tag = len(attrib), tag

    def close(self) -> tuple[int, str]:
        return self.most, self.tag


def check_attributes(html: str, origin: Origin) -> None:
    """Raise InputError when an element of `html` has more than max_html_attributes attributes (read by
    the same libxml2 tokenizer that trafilatura and lxml.html use, so no markup trick hides one)."""
    import lxml.etree

    parser = lxml.etree.HTMLParser(target=_AttributeCount())
    parser.feed(html)
    most, tag = parser.close()
    if most > current().max_html_attributes:
        raise origin.error(over_limit("max_html_attributes", f"a <{tag}> element has {most:,} attributes",
                                      "save the article's text"))
