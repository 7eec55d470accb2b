"""YAML front matter of .txt/.md documents (`---` ... `---`): plain `key: value` lines only.

PyYAML is pure Python and an alias bomb expands only when composed, so the front matter's size is bounded
(max_front_matter_chars) and its shape checked while it is composed: the first anchor or alias is refused,
and lists or mappings under keys geomap does not read are skipped unbuilt (at most max_json_depth deep).
"""

from __future__ import annotations

import functools
import re
from datetime import date

from geomap.errors import InputError, Origin
from geomap.limits import current, over_limit
from geomap.text.documents import checked_date

FRONT_MATTER_KEYS = ("date", "title", "url", "source", "id")  # the keys geomap reads
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def front_matter(text: str, file: str) -> tuple[dict, str]:
    """YAML front matter (`---` ... `---`) as a dict of plain values, and the text after it.

    Only `key: value` lines are read: the keys geomap reads (FRONT_MATTER_KEYS) must hold a scalar
    (string, number, date, boolean or null); other keys may hold lists or mappings, which are skipped
    unbuilt (nested at most max_json_depth deep). Anchors and aliases are refused wherever they are, so an
    alias bomb costs one event, and the front matter may have at most max_front_matter_chars characters
    (PyYAML is pure Python here)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    source = match.group(1)
    if len(source) > current().max_front_matter_chars:
        raise InputError(file, 2, over_limit("max_front_matter_chars", f"the front matter has {len(source):,} "
                                             "characters", "keep it to `key: value` lines"))
    try:
        meta = yaml.load(source, Loader=_plain_loader()) or {}  # a SafeLoader, narrowed further
    except _NotPlain as exc:
        raise InputError(file, exc.line + 2, f"the front matter must hold plain `key: value` lines "
                                             f"({', '.join(FRONT_MATTER_KEYS)}); {exc.problem}") from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
        raise InputError(file, line, "the front matter is not valid YAML; write `key: value` lines between "
                                     "two `---` lines") from None
    except ValueError as exc:  # YAML that parses but names an impossible date ("date: 2024-02-30")
        raise InputError(file, 2, f"the front matter has an impossible value ({exc}); dates are YYYY-MM-DD") \
            from None
    return meta, text[match.end():]


class _NotPlain(Exception):
    """Front matter that is more than `key: value` lines; `line` counts from 0 at the first YAML line."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


@functools.cache
def _plain_loader() -> type:
    """A yaml.SafeLoader that composes only a flat mapping of scalars (see `front_matter`)."""
    import yaml

    class PlainLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            if _is_unread_collection(self.peek_event(), parent, index):
                return _skip_value(self)
            return super().compose_node(parent, index)

    return PlainLoader


def _is_unread_collection(event, parent, index) -> bool:
    """Whether the node that `event` starts is a list or mapping under a key geomap does not read (to be
    skipped unbuilt); raises _NotPlain for anything else front matter may not hold."""
    import yaml

    _refuse_anchor(event)
    if parent is None:
        if not isinstance(event, yaml.MappingStartEvent):
            raise _NotPlain(event.start_mark.line, "it is not a list of `key: value` lines")
        return False
    if isinstance(event, yaml.ScalarEvent):
        return False
    if index is None:
        raise _NotPlain(event.start_mark.line, "a key must be a plain word")
    if str(index.value) in FRONT_MATTER_KEYS:
        raise _NotPlain(event.start_mark.line, f"`{index.value}` holds a list or mapping, not one value")
    return True


def _skip_value(loader):
    """Consume the list or mapping `loader` is at, without building it; a null node in its place."""
    import yaml

    start = loader.peek_event().start_mark
    depth = 0
    limit = current().max_json_depth
    while True:
        event = loader.get_event()
        _refuse_anchor(event)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > limit:
                raise _NotPlain(event.start_mark.line, over_limit(
                    "max_json_depth", f"a value nested {depth} levels deep", "flatten it"))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        if depth == 0:
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", start, event.end_mark)


def _refuse_anchor(event) -> None:
    """Raise _NotPlain at the first anchor or alias: an alias bomb expands only once composed."""
    import yaml

    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
        raise _NotPlain(event.start_mark.line, f"anchors and aliases (&{event.anchor}, *{event.anchor}) are not "
                                               f"read; write each value out")


def meta_date(value: object, origin: Origin) -> date | None:
    """A front matter or feed date: a date, a datetime, or an ISO string (time cut off), within
    FIRST_YEAR..LAST_YEAR."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return checked_date(value if type(value) is date else value.date(), origin)
    text = str(value).strip()
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        raise origin.error(f"date {text!r} is not YYYY-MM-DD") from None
    return checked_date(day, origin)


def meta_text(meta: dict, key: str) -> str | None:
    """Front matter value `key` as text (numbers and dates written out), None when absent or null."""
    value = meta.get(key)
    return None if value is None else str(value)
