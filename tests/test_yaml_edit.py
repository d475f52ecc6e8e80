"""Tests for usmx.yaml_edit: edits to hand-written YAML keep every other byte."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from usmx.dataset import _Loader
from usmx.yaml_edit import EditError, append_record_item, append_top_item

FILE = """\
# A hand-written file: comments and layout must survive.
sources:
  - id: times   # the first
    path: sources/times.txt
include: [records/a.yaml]

events:
  - id: one
    title_en: >-
      A folded title
      on two lines
    evidence:
      - exact: first span
      - {source: wire, exact: second span}
    # a comment after the evidence
  - id: two
    evidence: [{exact: flow span}]

quotes: []
"""


def load(text: str) -> dict:
    return yaml.load(text, Loader=_Loader)


@pytest.mark.parametrize(
    ("edit", "path", "expected"),
    [
        (
            lambda t: append_top_item(t, "include", "records/b.yaml"),
            ("include",),
            ["records/a.yaml", "records/b.yaml"],
        ),
        (lambda t: append_top_item(t, "quotes", {"id": "q"}), ("quotes",), [{"id": "q"}]),
        (lambda t: append_top_item(t, "claims", {"id": "c"}), ("claims",), [{"id": "c"}]),
        (
            lambda t: append_record_item(t, "events", "one", "evidence", {"exact": "new"}),
            ("events", 0, "evidence", 2),
            {"exact": "new"},
        ),
        (
            lambda t: append_record_item(t, "events", "two", "evidence", {"exact": "new"}),
            ("events", 1, "evidence", 1),
            {"exact": "new"},
        ),
        (
            lambda t: append_record_item(t, "events", "two", "aliases", "x"),
            ("events", 1, "aliases"),
            ["x"],
        ),
    ],
)
def test_an_edit_changes_only_what_it_adds(edit, path, expected) -> None:  # type: ignore[no-untyped-def]
    new = edit(FILE)
    value = load(new)
    for key in path:
        value = value[key]
    assert value == expected
    before, after = load(FILE), load(new)
    # Every other table loads as before, and the edit only inserted characters: the old text
    # is a subsequence of the new one (comments, layout and all).
    assert {k: v for k, v in after.items() if k != path[0]} == {
        k: v for k, v in before.items() if k != path[0]
    }
    base = FILE.replace(f"{path[0]}: []", f"{path[0]}:")  # an empty flow list becomes a block
    chars = iter(new)
    assert all(ch in chars for ch in base)


def test_the_comment_after_a_record_stays_after_the_new_evidence() -> None:
    new = append_record_item(FILE, "events", "one", "evidence", {"exact": "new"})
    assert new.index("exact: new") < new.index("# a comment after the evidence")
    assert new.index("second span") < new.index("exact: new")


@pytest.mark.parametrize(
    ("text", "call", "words"),
    [
        (
            "events: {a: 1}\n",
            lambda t: append_top_item(t, "events", {"id": "x"}),
            "expected a list",
        ),
        ("events:\n", lambda t: append_top_item(t, "events", {"id": "x"}), "write `events: []`"),
        (
            FILE,
            lambda t: append_record_item(t, "events", "zzz", "evidence", {}),
            "no events record",
        ),
        ("a: [\n", lambda t: append_top_item(t, "a", 1), "not valid YAML"),
    ],
)
def test_a_file_of_another_shape_is_an_error(text: str, call, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EditError, match=re.escape(words)):
        call(text)


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
    st.sampled_from(["one", "two"]),
)
def test_any_text_round_trips_as_new_evidence(exact: str, record: str) -> None:
    new = append_record_item(FILE, "events", record, "evidence", {"source": "wire", "exact": exact})
    index = 0 if record == "one" else 1
    assert load(new)["events"][index]["evidence"][-1] == {"source": "wire", "exact": exact}
