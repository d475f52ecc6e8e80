"""Tests for the bench's own logic (bench/): the report, goals, script sections, workers.

No server and no browser: the measuring parts are exercised by `make bench` itself. Script
sections run real scripts written to a temporary folder, in a real subprocess.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench import report
from bench.__main__ import BUILT_IN, SCRIPTS, parse_args
from bench.context import ROOT, Bench, Goal, Page, Rendered, discover_pages
from bench.script_sections import ScriptSection, demote, run_script_section
from bench.sections import ORDER, section
from bench.sections import interaction as interaction_section
from bench.summaries import fmt_s, last_line, summary, table_cell
from bench.workers import COMMANDS, worker
from usmx.ui.navigation import PAGES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Title\n\n## Part\ntext # not a heading", "## Title\n\n### Part\ntext # not a heading"),
        ("## Title\n### Part", "## Title\n### Part"),
        ("no heading at all", "no heading at all"),
    ],
)
def test_demote_makes_the_top_heading_a_section(text, expected):
    assert demote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a \\| b"),
        ("Traceback\n  File x\nKeyError: 'actor'\n", "Traceback File x KeyError: 'actor'"),
        ("x" * 400, "x" * 300),
    ],
)
def test_table_cell_is_one_safe_line(text, expected):
    assert table_cell(text) == expected


def test_last_line_names_the_exception():
    assert last_line("Traceback\n  File x\nKeyError: 'actor'\n\n") == "KeyError: 'actor'"
    assert last_line("") == "no output"


@pytest.mark.parametrize(
    ("seconds", "expected"), [(None, "—"), (0.0042, "4.2 ms"), (0.25, "250 ms"), (2.5, "2.50 s")]
)
def test_fmt_s(seconds, expected):
    assert fmt_s(seconds) == expected


def test_summary():
    assert summary([]) is None
    assert summary([3.0, 1.0, 2.0]) == {"median": 2.0, "min": 1.0, "max": 3.0, "n": 3}


@pytest.mark.parametrize(("review", "has_review"), [("", False), ("1", True)])
def test_pages_are_the_menus(monkeypatch, review, has_review):
    """The registry's pages the menu lists: sections reach pages by their menu links."""
    monkeypatch.setenv("USMX_REVIEW", review)
    names = [p.name for p in discover_pages()]
    assert names[0] == "overview"
    readers = [spec.url_path for spec in PAGES if spec.path.exists() and not spec.editor]
    assert names[1:] == readers + (["review"] if has_review else [])


def test_every_section_has_the_protocol():
    for name in ORDER:
        module = section(name)
        assert name == module.NAME
        assert callable(module.measure)
        assert callable(module.render)
        # Not measured: renders nothing, claims no goal.
        assert module.render(Bench(runs=1, pages=[])) == Rendered()


def test_worker_commands_resolve_to_functions():
    import importlib

    for spec in COMMANDS.values():
        module, _, function = spec.partition(":")
        assert callable(getattr(importlib.import_module(module), function)), spec


def test_worker_runs_in_a_fresh_process_and_reports_failures():
    res = worker(["_modules", "no/such/script.py"], timeout=120)
    assert not res.timed_out
    assert res.returncode != 0
    assert res.records == []
    assert "no/such/script.py" in res.stderr


def test_sections_option_knows_built_in_and_script_sections():
    assert parse_args([]).wanted == [*BUILT_IN, *SCRIPTS]
    assert parse_args(["--sections", "cold, extraction"]).wanted == ["cold", "extraction"]
    with pytest.raises(SystemExit):
        parse_args(["--sections", "cold,nonsense"])


def _interaction(browser: dict, apptest: dict) -> list[Goal]:
    bench = Bench(runs=1, pages=[Page("overview", None), Page("map", "pages/map.py")])
    bench.results["interaction"] = {"browser": browser, "apptest": apptest}
    return interaction_section.render(bench).goals


FAST = {"median": 0.01, "min": 0.01, "max": 0.01, "n": 1}


def test_interaction_goals_met_when_every_page_is_fast():
    goals = _interaction(
        {"overview": {"select": FAST}, "map": {"select": FAST}},
        {"overview": {"rerun": FAST, "rerun_new": FAST}, "map": {"rerun": FAST, "rerun_new": FAST}},
    )
    assert [g.ok for g in goals] == [True, True, True]


def test_a_page_that_could_not_be_measured_fails_its_goal():
    goals = _interaction(
        {"overview": {"select": FAST}, "map": {"error": "NotSettled: timeout"}},
        {"overview": {"rerun": FAST, "rerun_new": FAST}, "map": {"error": "KeyError: 'actor'"}},
    )
    assert [g.ok for g in goals] == [False, False, False]
    assert all("not measured: map" in g.why for g in goals)


def _cold(app: float, bare: float, baseline: float | None = None) -> dict:
    def stages(drawn: float) -> dict:
        return {
            k: {**FAST, "median": v}
            for k, v in (("health", 0.5), ("finished", drawn - 0.3), ("drawn", drawn))
        }

    cold = {
        "overview_counts": {},
        "app": stages(app),
        "bare": stages(bare),
        "ratio": {**FAST, "median": app / bare},
        "ratio_of_medians": app / bare,
    }
    if baseline is not None:
        cold |= {"baseline": stages(baseline), "baseline_commit": "5d10298"}
        cold["baseline_ratio"] = baseline / bare
    return cold


@pytest.mark.parametrize(
    ("app", "baseline", "ok", "says"),
    [
        (2.26, None, True, None),
        (2.26, 2.24, True, "The tree at 5d10298, in the same runs: **1.48x**"),
        (3.2, 2.24, False, "this tree draws its first page in 3.20 s against 2.24 s"),
    ],
)
def test_cold_start_report_with_and_without_a_baseline(app, baseline, ok, says):
    from bench.sections import cold

    bench = Bench(runs=5, pages=[])
    bench.results["cold"] = _cold(app, 1.51, baseline)
    rendered = cold.render(bench)
    text = "\n".join(rendered.lines)
    assert [g.ok for g in rendered.goals] == [ok]
    assert ("dashboard.py at 5d10298" in text) is (baseline is not None)
    if says:
        assert says in text


def test_report_puts_machine_then_goals_then_sections():
    bench = Bench(runs=5, pages=[])
    bench.notes.append("Section x failed")
    parts = {
        "env": Rendered(["## Machine and versions", ""]),
        "cold": Rendered(["## Cold start", ""], [Goal("Cold start", "1.2x", True)]),
        "memory": Rendered(["## Memory", ""], [Goal("RSS", "300 MB", False, "caches")]),
    }
    text = report.render(bench, parts, [["## Extraction", "", "figures"]])
    order = ["## Machine", "> Section x failed", "## Goals", "## Cold start", "## Memory"]
    positions = [text.index(heading) for heading in [*order, "## Extraction"]]
    assert positions == sorted(positions)
    assert "| RSS | 300 MB | ❌ not met | caches |" in text
    assert [g.name for g in report.failed_goals(parts)] == ["RSS"]


def _script(tmp_path: Path, body: str) -> ScriptSection:
    script = tmp_path / "section.py"
    script.write_text(
        "import argparse, pathlib\n"
        "p = argparse.ArgumentParser(); p.add_argument('--out', type=pathlib.Path)\n"
        "out = p.parse_args().out\n" + body,
        encoding="utf-8",
    )
    return ScriptSection("made_up", str(script), str(tmp_path / "section.md"), timeout_s=60)


def test_script_section_markdown_is_included(tmp_path):
    lines = run_script_section(
        _script(tmp_path, "out.write_text('# Made up\\n\\n| a |\\n|---|\\n| 1 |\\n')")
    )
    assert lines[:3] == ["## Made up", "", "| a |"]
    assert (tmp_path / "section.md").exists()  # kept, readable on its own


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("raise SystemExit('broken measure')", "exit 1"),
        ("pass", "wrote no"),
        ("import time; time.sleep(120)", "killed at the cap"),
    ],
)
def test_script_section_failure_is_a_short_section(tmp_path, body, says):
    section_ = _script(tmp_path, body)
    if "sleep" in body:
        section_ = ScriptSection(section_.name, section_.script, section_.markdown, timeout_s=3)
    lines = run_script_section(section_)
    assert lines[0].startswith("## made_up")
    assert says in "\n".join(lines)


def test_bench_entry_rejects_unknown_sections():
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--sections", "nonsense"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "unknown sections" in proc.stderr
