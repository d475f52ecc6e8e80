"""AppTest of the Review page: off unless USMX_REVIEW turns it on (then in the menu); upload the
made-up report, then accept one candidate, merge one as corroboration and reject one, and the
dataset on disk validates with two sources; a stale page gets a conflict and keeps the
reviewer's edit; bad uploads each get their message and write nothing.

Always on a copy of the made-up fixture (tests/fixtures/review/) in a temporary folder, served
through USMX_DATASET; never the shipped data/.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import run_app
from usmx import review
from usmx.cli import main
from usmx.coding_rules import check_coding_rules
from usmx.dataset import DATA_DIR, load_dataset
from usmx.intake import add_source
from usmx.review import open_session
from usmx.sources import support
from usmx.ui.review_form import candidate_key

FIXTURE = Path(__file__).parent / "fixtures" / "review"
REPORT = FIXTURE / "new_report.en.txt"
SOURCE = "made_up_post_2026_02_06"
MADE_UP = b"MADE-UP TEST FIXTURE - not a real report.\n"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the made-up one-source corpus, served by the app; reviewing off."""
    shutil.copytree(FIXTURE, tmp_path / "corpus")
    dataset = tmp_path / "corpus" / "dataset.yaml"
    monkeypatch.setenv("USMX_DATASET", str(dataset))
    monkeypatch.delenv("USMX_REVIEW", raising=False)
    return dataset


@pytest.fixture
def editor(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("USMX_REVIEW", "1")
    return corpus


def tree(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, but the (empty) lock file a review leaves for the next one."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != review.LOCK_NAME
    }


def review_page(**query: str) -> AppTest:
    at = run_app("pages/review.py", **query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def menu(at: AppTest) -> list[str]:
    return [link.proto.page for link in at.get("page_link")]


def shown(messages) -> list[str]:
    # Messages quoting the reviewer's values are markdown-escaped: read them as displayed.
    return [m.value.replace("\\", "") for m in messages]


def upload(
    at: AppTest,
    name: str | None,
    data: bytes = b"",
    published: dt.date | None = dt.date(2026, 2, 6),
    outlet: str = "Made-up Post",
) -> AppTest:
    if name is not None:
        at.file_uploader(key="review_file").set_value((name, data, "text/plain"))
    if published is not None:
        at.date_input(key="review_published").set_value(published)
    at.text_input(key="review_outlet").set_value(outlet)
    at.button(key="review_add_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def candidate(dataset: Path, kind: str, words: str) -> str:
    session = open_session(dataset, SOURCE)
    (c,) = [
        c for c in session.candidates.candidates if c.kind == kind and words in c.selector.exact
    ]
    return c.id


def choose(at: AppTest, cid: str) -> AppTest:
    at.selectbox(key=candidate_key(SOURCE)).set_value(cid).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_reviewing_is_off_by_default_and_says_so(corpus: Path, lang: str) -> None:
    before = tree(corpus.parent)
    at = review_page(lang=lang)
    assert "review" not in menu(at)
    (note,) = at.info
    assert "USMX_REVIEW=1" in note.value
    assert not at.get("file_uploader")
    assert not [b for b in at.button if (b.key or "").startswith(("review", "rv_"))]
    assert tree(corpus.parent) == before  # nothing read into being, nothing written
    assert not (corpus.parent / "candidates").exists()


def test_the_setting_puts_the_page_in_the_menu(editor: Path) -> None:
    at = review_page(lang="en")
    assert "review" in menu(at)
    assert at.get("file_uploader")
    assert any("No source is awaiting review" in c.value for c in at.caption)


def test_a_single_source_dataset_says_to_migrate_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(DATA_DIR / "dataset.yaml", tmp_path / "dataset.yaml")
    shutil.copytree(DATA_DIR / "source", tmp_path / "source")
    monkeypatch.setenv("USMX_DATASET", str(tmp_path / "dataset.yaml"))
    monkeypatch.setenv("USMX_REVIEW", "1")
    before = tree(tmp_path)
    at = review_page(lang="en")
    assert any("migrate_sources" in i.value for i in at.info)
    assert not at.get("file_uploader")
    assert tree(tmp_path) == before


def test_upload_accept_merge_reject_end_to_end(editor: Path) -> None:
    at = upload(review_page(lang="en"), "report.txt", REPORT.read_bytes())
    assert any("Added source made_up_post_2026_02_06" in s for s in shown(at.success))
    assert at.selectbox(key="review_source").value == SOURCE
    assert (editor.parent / "sources" / f"{SOURCE}.en.txt").read_bytes() == REPORT.read_bytes()
    # The source's text with its candidates marked, beside the first candidate's card.
    htmls = [h.proto.body for h in at.get("html")]
    assert any(
        'class="usmx-rv-src"' in h
        and "raided a drug laboratory in Culiacán on February 5.</mark>" in h
        for h in htmls
    )
    assert any('class="usmx-rv-card"' in h for h in htmls)

    raid = candidate(editor, "event", "raided a drug laboratory")
    meeting = candidate(editor, "event", "Ana Ruiz met envoys")
    denial = candidate(editor, "event", "denied the raid")

    # Accept the raid, with the reviewer's translation, status and id.
    choose(at, raid)
    assert at.text_input(key=f"rv_date_{raid}").value == "2026-02-05"
    at.text_input(key=f"rv_title_zh_{raid}").set_value("錫那羅亞州警察突襲製毒實驗室")
    at.selectbox(key=f"rv_status_{raid}").set_value("occurred")
    at.text_input(key=f"rv_record_id_{raid}").set_value("police_raid_lab")
    click(at, f"rv_accept_{raid}")
    assert any("accepted as record police_raid_lab" in s for s in shown(at.success))

    # Merge the meeting into the event the assistant proposes. The app's data was reloaded
    # after the accept: the new event is one of the records it could corroborate.
    choose(at, meeting)
    into = at.selectbox(key=f"rv_into_{meeting}")
    assert into.value == "ruiz_meets_cartel_envoys"
    assert any("raided a drug laboratory" in option for option in into.options)
    click(at, f"rv_merge_{meeting}")
    assert any("as corroboration" in s for s in shown(at.success))

    choose(at, denial)
    at.text_input(key=f"rv_reason_{denial}").set_value("made up; coded later")
    click(at, f"rv_reject_{denial}")
    assert any("rejected" in s for s in shown(at.success))
    decided = next(h.proto.body for h in at.get("html") if "usmx-rv-decided" in h.proto.body)
    assert decided.count("<li>") == 3
    assert denial not in at.selectbox(key=candidate_key(SOURCE)).options

    ds = load_dataset(editor)
    assert [s.id for s in ds.sources] == ["times", SOURCE]
    assert check_coding_rules(ds) == []
    table = support(ds)
    assert table[("events", "ruiz_meets_cartel_envoys")].n_sources == 2
    assert table[("events", "police_raid_lab")].sources == (SOURCE,)
    assert ds.events_by_id["police_raid_lab"].title_zh == "錫那羅亞州警察突襲製毒實驗室"
    assert main(["validate", str(editor)]) == 0


def test_an_accept_with_gaps_says_which_fields_and_writes_nothing(editor: Path) -> None:
    add_source(editor, REPORT, published="2026-02-06", outlet="Made-up Post")
    raid = candidate(editor, "event", "raided a drug laboratory")
    at = choose(review_page(lang="zh-Hant"), raid)
    before = tree(editor.parent)
    click(at, f"rv_accept_{raid}")
    (error,) = at.error
    assert "中文標題" in error.value
    assert "狀態" in error.value
    assert tree(editor.parent) == before


def test_a_stale_page_gets_a_conflict_and_keeps_the_edit(editor: Path) -> None:
    add_source(editor, REPORT, published="2026-02-06", outlet="Made-up Post")
    raid = candidate(editor, "event", "raided a drug laboratory")
    denial = candidate(editor, "event", "denied the raid")
    at = choose(review_page(lang="en"), raid)  # reviewer A's page is drawn
    review.run(editor, SOURCE, "reject", candidate_id=denial)  # reviewer B, meanwhile
    after_b = tree(editor.parent)
    at.text_input(key=f"rv_title_zh_{raid}").set_value("突襲製毒實驗室")
    at.selectbox(key=f"rv_status_{raid}").set_value("occurred")
    at.text_input(key=f"rv_record_id_{raid}").set_value("raid_a")
    click(at, f"rv_accept_{raid}")
    assert any("the dataset changed since this page was drawn" in e for e in shown(at.error))
    assert any("changed since you listed it" in c.value for c in at.code)
    assert tree(editor.parent) == after_b  # A wrote nothing
    # A's edit is still in the form; the page now shows B's decision; A presses again.
    assert at.text_input(key=f"rv_title_zh_{raid}").value == "突襲製毒實驗室"
    assert at.selectbox(key=f"rv_status_{raid}").value == "occurred"
    assert denial not in at.selectbox(key=candidate_key(SOURCE)).options
    click(at, f"rv_accept_{raid}")
    assert any("accepted as record raid_a" in s for s in shown(at.success))
    assert load_dataset(editor).events_by_id["raid_a"].title_zh == "突襲製毒實驗室"


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
BAD_UPLOADS = [
    ("empty", "empty.txt", b"", {}, ["empty.txt: empty (no text)"]),
    ("binary", "image.txt", PNG, {}, ["a binary file"]),
    ("latin1", "latin1.txt", MADE_UP + "Año de México".encode("latin-1"), {}, ["not UTF-8"]),
    ("utf16", "utf16.txt", "made up".encode("utf-16"), {}, ["UTF-16"]),
    ("too big", "big.txt", MADE_UP + b"x" * 2_100_000, {}, ["2.1 MB is too large"]),
    ("no outlet", "report.txt", REPORT.read_bytes(), {"outlet": " "}, ["name the outlet"]),
    ("no date", "report.txt", REPORT.read_bytes(), {"published": None}, ["give the day"]),
    (
        "two problems",
        "image.txt",
        PNG,
        {"outlet": ""},
        ["Outlet: name the outlet", "image.txt: a binary file"],
    ),
    (
        "in the corpus",
        "copy.txt",
        (FIXTURE / "sources" / "times.en.txt").read_bytes(),
        {},
        ["already in the corpus as source times"],
    ),
    ("no file", None, b"", {}, ["Choose a .txt file"]),
]


@pytest.mark.parametrize(
    ("name", "data", "options", "messages"),
    [b[1:] for b in BAD_UPLOADS],
    ids=[b[0] for b in BAD_UPLOADS],
)
def test_a_bad_upload_gets_its_messages_and_writes_nothing(
    editor: Path, name: str | None, data: bytes, options: dict, messages: list[str]
) -> None:
    before = tree(editor.parent)
    at = upload(review_page(lang="en"), name, data, **options)
    errors = shown(at.error)
    for message in messages:
        assert any(message in e for e in errors), (message, errors)
    assert not at.success
    assert tree(editor.parent) == before
    assert not (editor.parent / "candidates").exists()
    # The form keeps what the reviewer typed.
    assert at.text_input(key="review_outlet").value == options.get("outlet", "Made-up Post")


def test_upload_problems_in_chinese(editor: Path) -> None:
    at = upload(review_page(lang="zh-Hant"), "empty.txt", b"", outlet="")
    errors = shown(at.error)
    assert "未加入這篇來源，也未寫入任何檔案：" in errors
    assert "empty.txt：空白檔案（沒有文字）" in errors
    assert "媒體：請填寫刊出這篇文字的媒體" in errors


def test_a_second_accept_is_in_the_app_data_at_once(editor: Path) -> None:
    add_source(editor, REPORT, published="2026-02-06", outlet="Made-up Post")
    raid = candidate(editor, "event", "raided a drug laboratory")
    denial = candidate(editor, "event", "denied the raid")
    quote = candidate(editor, "quote", "The corridor is closed.")
    at = review_page(lang="en")
    for cid, title_zh in ((raid, "突襲製毒實驗室"), (denial, "港口販毒集團否認突襲")):
        choose(at, cid)
        at.text_input(key=f"rv_title_zh_{cid}").set_value(title_zh)
        at.selectbox(key=f"rv_status_{cid}").set_value("occurred")
        click(at, f"rv_accept_{cid}")
        assert any("accepted as record" in s for s in shown(at.success))
    assert len(load_dataset(editor).events) == 3  # on disk: both written
    choose(at, quote)
    options = at.selectbox(key=f"rv_event_id_{quote}").options
    assert any("denied the raid" in option for option in options)  # the second accept's event
