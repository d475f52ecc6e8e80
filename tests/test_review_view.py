"""Tests for usmx.review_view, what the Review page shows: the source with its candidates
marked (escaped), the candidate's card, merge choices, and the reviewer's form turned into
edits that usmx.review accepts. On a copy of the made-up review fixture (tests/fixtures/review/)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.review_fixture import FIXTURE, SOURCE, corpus_with_report
from usmx import review, review_view
from usmx.dataset import load_dataset
from usmx.extract.candidates import Candidates, EventCandidate, QuoteCandidate, SourceInfo, make
from usmx.intake import add_source
from usmx.problems import DatasetError
from usmx.review import open_session
from usmx.source_view import paragraphs
from usmx.sources import support


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return corpus_with_report(tmp_path)


def _candidate(dataset: Path, kind: str, words: str):
    session = open_session(dataset, SOURCE)
    (c,) = [
        c for c in session.candidates.candidates if c.kind == kind and words in c.selector.exact
    ]
    return session, c


class _Marks(HTMLParser):
    """The text of every <mark>, with its classes, and every <sup> number."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, str]] = []
        self.numbers: list[str] = []
        self._open: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._open.append(tag if tag != "mark" else f"mark:{dict(attrs).get('class', '')}")

    def handle_endtag(self, tag: str) -> None:
        self._open.pop()

    def handle_data(self, data: str) -> None:
        top = self._open[-1] if self._open else ""
        if top.startswith("mark:"):
            self.marks.append((top[5:], data))
        elif top == "sup":
            self.numbers.append(data)


def test_proposals_are_listed_and_mentions_only_on_request(corpus: Path) -> None:
    session = open_session(corpus, SOURCE)
    rows = review.list_candidates(session, everything=True)
    proposals = review_view.shown(rows, mentions=False)
    everything = review_view.shown(rows, mentions=True)
    assert {c.kind for c in proposals} == {"event", "quote"}  # places: the dataset has them
    assert {"actor_mention", "date", "place"} <= {c.kind for c in everything}
    assert len(everything) == len(rows)
    decided = [(c, "rejected" if c is proposals[0] else s) for c, s in rows]
    assert proposals[0] not in review_view.shown(decided, mentions=True)


def test_the_source_marks_every_listed_candidate_and_frames_the_selected(corpus: Path) -> None:
    session = open_session(corpus, SOURCE)
    rows = review.list_candidates(session, everything=True)
    listed = review_view.shown(rows, mentions=True)
    proposals = [c for c in listed if review_view.is_proposal(c)]
    numbers = {c.id: i for i, c in enumerate(proposals, 1)}
    raid = next(c for c in proposals if "raided" in c.selector.exact)
    html = review_view.source_html(session.text, listed, numbers, raid.id, "en", "en")
    parsed = _Marks()
    parsed.feed(html)
    # Every character of every listed candidate is inside a mark; text outside none is not.
    marked = "".join(text for _, text in parsed.marks)
    for c in listed:
        assert c.selector.exact.replace("\n", "") in session.text
    assert "raided a drug laboratory" in marked
    assert "MADE-UP TEST FIXTURE" not in marked
    selected = "".join(text for cls, text in parsed.marks if "rv-sel" in cls)
    assert selected == raid.selector.exact
    mentions = {text for cls, text in parsed.marks if "rv-mention" in cls}
    assert {"Sinaloa State Police", "February 5"} <= mentions
    assert sorted(map(int, parsed.numbers)) == list(range(1, len(proposals) + 1))


HOSTILE = "<script>window.__x=1</script><img src=x onerror=alert(1)> **bold** {{ 7*7 }}"


def test_hostile_source_text_is_shown_as_text() -> None:
    text = f"MADE-UP TEST FIXTURE. Ruiz said: {HOSTILE}\n"
    start = text.index("<script>")
    info = SourceInfo(sha256="0" * 64, language="en", published=dt.date(2026, 2, 6))
    quote = make(
        QuoteCandidate,
        text,
        start,
        len(text) - 1,
        confidence=0.9,
        rule="test",
        quote_kind="direct",
        marks='""',
    )
    event = make(
        EventCandidate,
        text,
        0,
        len(text) - 1,
        confidence=0.5,
        rule="test",
        event_type="statement",
        action="said",
        actors=[{"actor_id": "ruiz", "mention_id": "m"}],
    )
    cands = Candidates(extractor="test", source=info, candidates=[event, quote])
    html = review_view.source_html(
        text, [event, quote], {event.id: 1, quote.id: 2}, None, "en", "en"
    )
    ds = load_dataset(FIXTURE / "dataset.yaml")
    card = review_view.card_html(quote, 2, cands, ds, "en", "en")
    for out in (html, card):
        assert "<script>" not in out
        assert "<img" not in out
        assert "&lt;script&gt;" in out
        assert "{{" in out  # template syntax in the text is text, not evaluated
        assert "49" not in out


@pytest.mark.parametrize(
    ("kind", "form", "gaps"),
    [
        (
            "event",
            {"title_en": "x", "title_zh": "y", "summary_en": "z", "date": "2026"},
            ["status", "actors"],
        ),
        (
            "event",
            {
                "title_en": "x",
                "title_zh": " ",
                "summary_en": "z",
                "status": "occurred",
                "date": "2026",
                "actors": {"ruiz": "initiator"},
            },
            [],  # a blank is the reviewer's business: the dataset's own check refuses it
        ),
        ("quote", {"text_en": "x"}, ["speaker_id"]),
        ("quote", {"text_en": "x", "attribution_note": "officials"}, []),
        ("quote", {"speaker_id": "ruiz"}, ["text_en"]),
        ("new_actor", {"name_en": "Ana", "name_zh": ""}, ["name_zh"]),
        (
            "place",
            {"name_en": "x", "name_zh": "y", "place_kind": "city", "lat": 1.0, "lon": 2.0},
            ["precision"],
        ),
        ("new_alias", {}, []),
    ],
)
def test_missing_fields(kind: str, form: dict, gaps: list[str]) -> None:
    assert review_view.missing(kind, form) == gaps


def test_the_form_of_an_event_becomes_a_record_that_validates(corpus: Path) -> None:
    session, raid = _candidate(corpus, "event", "raided a drug laboratory")
    ds = load_dataset(corpus)
    defaults = review_view.form_defaults(raid, session.candidates, session.state.source, ds)
    assert defaults["date"] == "2026-02-05"
    assert defaults["date_text"] == "February 5"
    assert defaults["actors"] == {"state_police": "initiator"}
    assert defaults["status"] is None  # the status is the reviewer's reading
    assert defaults["title_zh"] == ""  # the assistant does not translate
    form = dict(defaults, title_zh="錫那羅亞州警察突襲製毒實驗室", status="occurred")
    form["actors"] = {"state_police": "initiator", "harbor_cartel": "target"}
    edits = review_view.edits_for("event", form, defaults)
    assert "date_basis" not in edits  # the reviewer kept the assistant's date
    # The sentence does not name the cartel: the coding rules want a note saying why.
    with pytest.raises(DatasetError, match=r"harbor_cartel .* is not named in the event"):
        review.run(corpus, SOURCE, "accept", candidate_id=raid.id, record_id="raid", edits=edits)
    form["note"] = "Made up: the Harbor Cartel ran the laboratory, as the next sentence says."
    edits = review_view.edits_for("event", form, defaults)
    review.run(corpus, SOURCE, "accept", candidate_id=raid.id, record_id="raid", edits=edits)
    event = load_dataset(corpus).events_by_id["raid"]
    assert [(a.actor_id, a.role.value) for a in event.actors] == [
        ("state_police", "initiator"),
        ("harbor_cartel", "target"),
    ]
    assert (event.status.value, event.date, event.place_ids) == (
        "occurred",
        "2026-02-05",
        ["culiacan"],
    )


def test_a_reviewer_date_drops_the_assistant_basis() -> None:
    defaults = {"date": "../2026-02-06"}
    edits = review_view.edits_for("event", {"date": "2026-02-01", "actors": {}}, defaults)
    assert edits["date"] == "2026-02-01"
    assert edits["date_basis"] == ""  # "" removes the field


def test_merge_choices_propose_the_assistant_corroboration(corpus: Path) -> None:
    session, meeting = _candidate(corpus, "event", "Ana Ruiz met envoys")
    ds = load_dataset(corpus)
    ids, labels, index = review_view.merge_choices(meeting, ds, "en")
    assert ids[index] == "ruiz_meets_cartel_envoys"
    assert labels[ids[index]].startswith("Ruiz meets envoys")
    card = review_view.card_html(meeting, 1, session.candidates, ds, "zh-Hant", "en")
    assert "盧伊斯在庫利亞坎會見港口販毒集團的使者" in card  # the event it corroborates, in Chinese
    assert "盧伊斯（發起者）、港口販毒集團（對象）" in card  # roles joined the Chinese way
    review.run(corpus, SOURCE, "merge", candidate_id=meeting.id, into=ids[index])
    assert support(load_dataset(corpus))[("events", "ruiz_meets_cartel_envoys")].n_sources == 2


def test_decided_lists_what_was_done(corpus: Path) -> None:
    session, denial = _candidate(corpus, "event", "denied the raid")
    review.run(corpus, SOURCE, "reject", candidate_id=denial.id, reason="coded <later>")
    session = open_session(corpus, SOURCE)
    rows = review.list_candidates(session, everything=True)
    html = review_view.decided_html(rows, session.state.decisions, "en", "en")
    assert "Rejected" in html
    assert "coded &lt;later&gt;" in html
    assert review_view.decided_html([], {}, "en", "en") == ""


def test_candidate_labels_are_short_and_numbered() -> None:
    c = SimpleNamespace(kind="event", selector=SimpleNamespace(exact="word " * 40))
    out = review_view.candidate_label(c, 3, "en")
    assert re.fullmatch(r"3 · Event · (word ){13}word…", out), out


def test_a_proposed_new_actor_is_named_until_accepted_then_filled_in(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "corpus")
    dataset = tmp_path / "corpus" / "dataset.yaml"
    zh = Path(__file__).parent / "fixtures" / "extract_zh.txt"  # made up, marked so
    added = add_source(
        dataset, zh, published="2026-02-03", outlet="Wire", today=dt.date(2026, 2, 10)
    )
    session = open_session(dataset, added.source_id)
    cands = session.candidates
    (actor,) = cands.of_kind("new_actor")
    (quote,) = [q for q in cands.of_kind("quote") if q.speaker_id == actor.proposed_id]
    numbers = {actor.id: 3}
    ds = load_dataset(dataset)
    assert review_view.new_actors_named(quote, cands, numbers, ds) == ["3 · Rodrigo Álvarez"]
    assert review_view.form_defaults(quote, cands, session.state.source, ds)["speaker_id"] is None
    review.run(dataset, added.source_id, "accept", candidate_id=actor.id)
    ds = load_dataset(dataset)
    assert review_view.new_actors_named(quote, cands, numbers, ds) == []
    defaults = review_view.form_defaults(quote, cands, session.state.source, ds)
    assert defaults["speaker_id"] == "rodrigo_alvarez"


class _Text(HTMLParser):
    """The text of each <p>, without the candidates' <sup> numbers."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in.append(tag)
        if tag == "p":
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in.pop()

    def handle_data(self, data: str) -> None:
        if "p" in self._in and "sup" not in self._in:
            self.paragraphs[-1] += data


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n"), max_size=60),
    spans=st.lists(
        st.tuples(
            st.integers(0, 60),
            st.integers(1, 20),
            st.sampled_from(["event", "quote", "actor_mention", "date"]),
        ),
        max_size=6,
    ),
)
def test_every_character_of_the_source_is_shown_once_in_order(text, spans) -> None:
    cands = [
        SimpleNamespace(id=f"c{i}", kind=kind, start=a, end=a + n)
        for i, (a, n, kind) in enumerate(spans)
        if a + n <= len(text)
    ]
    numbers = {c.id: i for i, c in enumerate(cands, 1)}
    html = review_view.source_html(text, cands, numbers, "c0", "en", "en")
    parsed = _Text()
    parsed.feed(html)
    parsed.close()
    expected = [p.text for p in paragraphs(text)]
    assert parsed.paragraphs == expected
