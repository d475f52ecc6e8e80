"""The URL ⇄ view-state contract: what a shared link reproduces, with one encoding per value.

Every piece of view state a user would share lives in the URL's query and is read and written
only through `ViewState`: the shared filter, the language, and what a page has open (the
selected event or story step, the actor profile, the article span, a single quote, the
timeline's detail window, the network's chosen actor or relation and the relations it draws). `usmx.ui.url` is the only code that touches `st.query_params`; it
parses the URL with `parse()` and writes `ViewState.to_params()` back.

Encodings (stable ids, never display labels, so a link works in either language):

    actor=trump&actor=sheinbaum     repeated ids (the same for type, place, status, src)
    dates=../2026-01-10             one EDTF interval (usmx.dates.parse_range); `..` = open
    lang=en                         zh-Hant (default, omitted) or en
    event=ID  profile=ID  quote=ID  a record id of the dataset
    span=START-END                  code-point offsets into the article, end exclusive
    focus=2026-01-01/2026-01-16     the timeline's detail window, an EDTF interval
    pick=place:sinaloa              what a click on the map picked: a place id, or an arc
    pick=arc:US>venezuela           (initiators' country > target place; usmx.maps.selection)
    node=ID                         the actor chosen on the Network page
    edge=FROM~TO~RELATION           the relation chosen there (actor ids and a relation)
    relations=pressure&relations=refusal  the relations the network draws (absent: default)

Anything unusable is dropped and reported as a `Notice` (shown to the user, never raised).
Links written before the EDTF encoding (`dates=A&dates=B`) still read as the range A..B.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace

from usmx.dates import format_range, parse_range
from usmx.filters import Choices, Filters
from usmx.i18n import DEFAULT_LANG, LANGS
from usmx.relations import Relation

P_ACTORS = "actor"
P_DATES = "dates"
P_TYPES = "type"
P_PLACES = "place"
P_STATUSES = "status"
P_SOURCES = "src"
P_LANG = "lang"
P_EVENT = "event"
P_PROFILE = "profile"
P_SPAN = "span"
P_QUOTE = "quote"
P_FOCUS = "focus"
P_PICK = "pick"
P_NODE = "node"
P_EDGE = "edge"
P_RELATIONS = "relations"
FILTER_PARAMS = (P_ACTORS, P_DATES, P_TYPES, P_PLACES, P_STATUSES, P_SOURCES)
PAGE_PARAMS = (
    P_EVENT,
    P_PROFILE,
    P_SPAN,
    P_QUOTE,
    P_FOCUS,
    P_PICK,
    P_NODE,
    P_EDGE,
    P_RELATIONS,
)
EDGE_SEPARATOR = "~"  # not in record ids ([a-z0-9_]) and left as is in a URL
ALL_PARAMS = (*FILTER_PARAMS, P_LANG, *PAGE_PARAMS)
# Which page keeps which of its own parameters; a link to a page carries only its own.
PAGE_OWN = {
    "timeline": (P_EVENT, P_FOCUS),
    "story": (P_EVENT,),
    "actors": (P_PROFILE,),
    "source": (P_SPAN,),
    "quotes": (P_QUOTE,),
    "map": (P_PICK,),
    "network": (P_NODE, P_EDGE, P_RELATIONS),
}
MAX_PARAM_VALUES = 50  # more values than there are records: refuse the excess, not the page
MAX_VALUE_CHARS = 100
_SPAN = re.compile(r"([0-9]{1,7})-([0-9]{1,7})", re.ASCII)
_FACETS = (
    (P_ACTORS, "actors"),
    (P_TYPES, "event_types"),
    (P_PLACES, "places"),
    (P_STATUSES, "statuses"),
    (P_SOURCES, "sources"),
)


@dataclass(frozen=True)
class Notice:
    """A URL parameter value that was ignored, and why (shown to the user, never raised)."""

    param: str
    value: str
    reason: str  # unknown, bad_date, too_many, reversed, too_long, bad_lang, bad_span, bad_edge


@dataclass(frozen=True)
class ViewState:
    filters: Filters = field(default_factory=Filters)
    lang: str = DEFAULT_LANG
    event: str | None = None  # the selected event: the timeline's card, the story's step
    profile: str | None = None  # the actor shown on the Actors page
    span: tuple[int, int] | None = None  # the focused article span on the Source page
    quote: str | None = None  # the one quote a link opens on the Quotes page
    focus: tuple[dt.date, dt.date] | None = None  # the timeline's detail window
    pick: str | None = None  # the map's picked place or arc ("place:ID", "arc:CC>ID")
    node: str | None = None  # the actor chosen on the Network page
    edge: tuple[str, str, str] | None = None  # (from, to, relation) chosen there
    relations: tuple[str, ...] | None = None  # relations the network draws; None: default

    def to_params(self) -> dict[str, list[str]]:
        """Query parameters, one encoding per value; defaults are left out."""
        params = filter_params(self.filters)
        if self.lang != DEFAULT_LANG:
            params[P_LANG] = [self.lang]
        for name, value in self.page_values().items():
            params[name] = _format_page_value(name, value)
        return params

    def page_values(self) -> dict[str, object]:
        """The set page-own values, by parameter name."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name in PAGE_PARAMS and getattr(self, f.name) not in (None, ())
        }

    def for_page(self, page: str, **own: object) -> ViewState:
        """The state a link to `page` carries: filter and language, plus `own` values that
        belong to that page (the timeline's event, the source's span...)."""
        allowed = PAGE_OWN.get(page, ())
        unknown = set(own) - set(allowed)
        if unknown:
            raise ValueError(f"page {page!r} has no parameter {sorted(unknown)}")
        return ViewState(filters=self.filters, lang=self.lang, **own)  # type: ignore[arg-type]

    def with_values(self, **values: object) -> ViewState:
        return replace(self, **values)  # type: ignore[arg-type]


def filter_params(filters: Filters) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for param, attr in _FACETS:
        if values := getattr(filters, attr):
            params[param] = list(values)
    if filters.date_from or filters.date_to:
        params[P_DATES] = [format_range(filters.date_from, filters.date_to)]
    return params


def _format_page_value(name: str, value: object) -> list[str]:
    if name == P_SPAN:
        start, end = value  # type: ignore[misc]
        return [f"{start}-{end}"]
    if name == P_FOCUS:
        lo, hi = value  # type: ignore[misc]
        return [format_range(lo, hi)]
    if name == P_EDGE:
        return [EDGE_SEPARATOR.join(value)]  # type: ignore[arg-type]
    if name == P_RELATIONS:
        return list(value)  # type: ignore[call-overload]
    return [str(value)]


# --- parsing -------------------------------------------------------------------------------


def _values(raw: str | Iterable[str] | None) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    return [str(v) for v in raw]


def _clip(value: str) -> str:
    return value[:MAX_VALUE_CHARS] + "…" if len(value) > MAX_VALUE_CHARS else value


def _pick(
    param: str, raw: list[str], allowed: Iterable[str], notices: list[Notice]
) -> tuple[str, ...]:
    allowed = set(allowed)
    picked: list[str] = []
    for value in raw:
        if len(value) > MAX_VALUE_CHARS:
            notices.append(Notice(param, _clip(value), "too_long"))
        elif value == "":
            continue
        elif value not in allowed:
            notices.append(Notice(param, value, "unknown"))
        elif len(picked) >= MAX_PARAM_VALUES:
            notices.append(Notice(param, value, "too_many"))
        elif value not in picked:
            picked.append(value)
    return tuple(picked)


def _parse_dates(raw: list[str], notices: list[Notice]) -> tuple[dt.date | None, dt.date | None]:
    raw = [v for v in raw if v != ""]
    if not raw:
        return None, None
    if len(raw) == 2 and "/" not in raw[0] + raw[1]:
        # A link from before the EDTF encoding: `dates=A&dates=B` meant A..B.
        text = f"{raw[0]}/{raw[1]}"
    else:
        text = raw[0]
        notices.extend(Notice(P_DATES, _clip(v), "too_many") for v in raw[1:])
    try:
        return parse_range(text)
    except ValueError as exc:
        reason = "reversed" if "before it starts" in str(exc) else "bad_date"
        notices.append(Notice(P_DATES, _clip(text), reason))
        return None, None


def _parse_id(
    param: str, raw: list[str], allowed: Iterable[str], notices: list[Notice]
) -> str | None:
    picked = _pick(param, raw[:1], allowed, notices)
    notices.extend(Notice(param, _clip(v), "too_many") for v in raw[1:])
    return picked[0] if picked else None


def parse_span(value: str, article_length: int) -> tuple[int, int] | None:
    """`START-END` within the article (end exclusive, non-empty), else None."""
    match = _SPAN.fullmatch(value.strip()) if len(value) <= 15 else None
    if not match:
        return None
    start, end = int(match[1]), int(match[2])
    return (start, end) if 0 <= start < end <= article_length else None


def _parse_range_param(param: str, raw: list[str], notices: list[Notice]):
    if not raw or raw[0] == "":
        return None
    try:
        start, end = parse_range(raw[0])
    except ValueError:
        notices.append(Notice(param, _clip(raw[0]), "bad_date"))
        return None
    if start is None or end is None:
        notices.append(Notice(param, _clip(raw[0]), "bad_date"))
        return None
    return start, end


_PICK = re.compile(r"(place:[a-z0-9_]+|arc:[A-Z]{2}>[a-z0-9_]+)", re.ASCII)


def _parse_pick(raw: list[str], choices: Choices, notices: list[Notice]) -> str | None:
    """`place:ID` or `arc:CC>ID` naming a place of the dataset (see usmx.maps.selection)."""
    notices.extend(Notice(P_PICK, _clip(v), "too_many") for v in raw[1:])
    if not raw or raw[0] == "":
        return None
    value = raw[0]
    match = _PICK.fullmatch(value) if len(value) <= MAX_VALUE_CHARS else None
    place_id = re.split(r"[:>]", value)[-1] if match else ""
    if place_id not in choices.places:
        notices.append(Notice(P_PICK, _clip(value), "unknown"))
        return None
    return value


def parse_edge(value: str, actors: Iterable[str]) -> tuple[str, str, str] | None:
    """`FROM~TO~RELATION` naming two known actors and a relation, else None."""
    parts = value.split(EDGE_SEPARATOR) if len(value) <= 3 * MAX_VALUE_CHARS else []
    if len(parts) != 3:
        return None
    source, target, relation = parts
    known = set(actors)
    valid = source in known and target in known and source != target
    return (source, target, relation) if valid and relation in set(Relation) else None


def _parse_edge(raw: list[str], choices: Choices, notices: list[Notice]):
    if not raw or raw[0] == "":
        return None
    notices.extend(Notice(P_EDGE, _clip(v), "too_many") for v in raw[1:])
    edge = parse_edge(raw[0], choices.actors)
    if edge is None:
        notices.append(Notice(P_EDGE, _clip(raw[0]), "bad_edge"))
    return edge


def parse_lang(raw: list[str], notices: list[Notice]) -> str:
    if raw and raw[0] in LANGS:
        return raw[0]
    if raw and raw[0]:
        notices.append(Notice(P_LANG, _clip(raw[0]), "bad_lang"))
    return DEFAULT_LANG


def parse_filters(
    params: Mapping[str, str | Iterable[str]], choices: Choices
) -> tuple[Filters, list[Notice]]:
    """The shared filter from URL parameters, and what was ignored."""
    notices: list[Notice] = []

    def get(name: str) -> list[str]:
        return _values(params.get(name))

    date_from, date_to = _parse_dates(get(P_DATES), notices)
    facets = {
        attr: _pick(param, get(param), getattr(choices, attr), notices) for param, attr in _FACETS
    }
    return Filters(date_from=date_from, date_to=date_to, **facets), notices


def parse(
    params: Mapping[str, str | Iterable[str]], choices: Choices
) -> tuple[ViewState, list[Notice]]:
    """The view state from URL parameters; anything unusable is dropped and reported."""
    filters, notices = parse_filters(params, choices)

    def get(name: str) -> list[str]:
        return _values(params.get(name))

    lang = parse_lang(get(P_LANG), notices)
    span = None
    if raw_span := get(P_SPAN):
        span = parse_span(raw_span[0], choices.article_length)
        if span is None and raw_span[0]:
            notices.append(Notice(P_SPAN, _clip(raw_span[0]), "bad_span"))
    state = ViewState(
        filters=filters,
        lang=lang,
        event=_parse_id(P_EVENT, get(P_EVENT), choices.events, notices),
        profile=_parse_id(P_PROFILE, get(P_PROFILE), choices.actors, notices),
        span=span,
        quote=_parse_id(P_QUOTE, get(P_QUOTE), choices.quotes, notices),
        focus=_parse_range_param(P_FOCUS, get(P_FOCUS), notices),
        pick=_parse_pick(get(P_PICK), choices, notices),
        node=_parse_id(P_NODE, get(P_NODE), choices.actors, notices),
        edge=_parse_edge(get(P_EDGE), choices, notices),
        relations=_pick(P_RELATIONS, get(P_RELATIONS), (r.value for r in Relation), notices)
        or None,
    )
    return state, notices
