"""Web pages: the article's main text, title, date and link, read by trafilatura (navigation, footers and the
like dropped).

A page over max_html_bytes, or with an element of more than max_html_attributes attributes (libxml2 builds
them in quadratic time), is refused before trafilatura runs.
"""

from __future__ import annotations

import re

from geomap.errors import InputError, Origin
from geomap.limits import current, over_limit
from geomap.records import Document
from geomap.text.decoding import decode
from geomap.text.documents import new_document
from geomap.text.front_matter import meta_date


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
    extracted = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    text = extracted.text if extracted is not None else None
    document = None
    if text and text.strip():
        text = re.sub(r"\n+", "\n\n", text.strip()) + "\n"  # paragraphs apart, headings not run into sentences
        published = meta_date(extracted.date, Origin(file)) if extracted.date else None
        document = new_document(doc_id, text, published=published, title=extracted.title, url=extracted.url,
                                source=extracted.sitename, file=file)
    if document is None or not document.text.strip():
        raise InputError(file, None, "no article text found in the page; save the article itself, or paste "
                                     "its text into a .txt file")
    return document


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
