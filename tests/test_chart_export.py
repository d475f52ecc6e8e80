"""Tests for usmx.chart_export and `usmx export-charts`: real files rendered by Chromium.

These need Chromium (kaleido drives it). On a developer machine without it they skip; under
CI=true a missing Chromium fails, because CI must run them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import struct
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import plotly.graph_objects as go
import pytest

from usmx import chart_export as X
from usmx import cli
from usmx.charts.frame import export_frame
from usmx.charts.registry import CHARTS
from usmx.filenames import MAX_FILENAME, export_filename
from usmx.filters import Filters
from usmx.model import Dataset

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def chromium() -> str:
    try:
        return X.chromium_path()
    except X.ChromiumMissing as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{exc}: CI must run the chart export tests")
        pytest.skip(f"{exc} (these tests render real images)")


@pytest.fixture(scope="module")
def figures(ds: Dataset) -> dict[str, dict[str, go.Figure]]:
    return {lang: X.chart_figures(ds, None, lang) for lang in ("en", "zh-Hant")}


def record(request: pytest.FixtureRequest, **seconds: float) -> None:
    """Keep timings with the test's report (shown by `pytest -rP`); never asserted."""
    for name, value in seconds.items():
        request.node.user_properties.append((name, round(value, 3)))
        print(f"{name}: {value:.3f}")


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which always comes first."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_png_has_the_requested_size(chromium, figures, request):
    fig = figures["en"]["timeline"]
    start = time.perf_counter()
    first = X.figure_to_bytes(fig, "png", width=1200, height=700)
    first_s = time.perf_counter() - start
    assert png_size(first) == (1200, 700)
    start = time.perf_counter()
    second = X.figure_to_bytes(figures["en"]["events_by_type"], "png", width=900, height=450)
    second_s = time.perf_counter() - start
    assert png_size(second) == (900, 450)
    scaled = X.figure_to_bytes(
        figures["en"]["events_by_type"], "png", width=300, height=200, scale=2
    )
    assert png_size(scaled) == (600, 400)
    # Recorded, not asserted: the persistent server makes later images fast.
    record(request, png_first_seconds=first_s, png_second_seconds=second_s)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh-Hant", ["事件時間線", "墨西哥", "辛鮑姆與特朗普通話", "資料來源", "紐約時報", "狀態"]),
        ("en", ["Timeline of events", "Mexico", "Sheinbaum and Trump speak by phone",
                "Source: a news article", "The New York Times", "Status"]),
    ],
)  # fmt: skip
def test_svg_is_xml_with_the_labels_in_the_language(chromium, ds, figures, lang, expected, request):
    start = time.perf_counter()
    svg = X.figure_to_bytes(figures[lang]["timeline"], "svg", width=1400, height=800)
    record(request, svg_seconds=time.perf_counter() - start)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = svg.decode("utf-8")
    for word in expected:  # titles, event labels, the legend, the source
        assert word in text
    assert export_frame(ds, None, lang).caption in text  # what the filter shows


def test_html_is_self_contained(figures, request):
    start = time.perf_counter()
    page = X.figure_to_bytes(figures["zh-Hant"]["timeline"], "html", width=1, height=1)
    record(request, html_seconds=time.perf_counter() - start)
    text = page.decode("utf-8")
    assert text.lstrip().lower().startswith("<html") or "<!doctype html" in text[:200].lower()
    assert not re.search(r"<script[^>]+src=", text)  # nothing fetched
    # The only CDN address is plotly.js's default for map outlines, which no chart here uses.
    cdn = [m.start() for m in re.finditer(r"cdn\.plot\.ly", text)]
    assert all('topojsonURL:{valType:"string"' in text[i - 80 : i] for i in cdn)
    assert len(page) > 1_000_000  # plotly.js itself is inlined
    assert '"customdata"' in text  # the interactive figure, ids and all
    # plotly writes the figure's JSON with non-ASCII escaped; either form is the label.
    for label in ("事件時間線", "辛鮑姆與特朗普通話", "資料來源"):
        assert label in text or json.dumps(label)[1:-1] in text
    assert "Timeline of events" not in text  # zh-Hant labels only


def test_pdf_is_a_pdf(chromium, figures):
    data = X.figure_to_bytes(figures["en"]["events_by_type"], "pdf", width=900, height=450)
    assert data.startswith(b"%PDF-")


def test_unknown_format_is_refused(figures):
    with pytest.raises(ValueError, match="gif"):
        X.figure_to_bytes(figures["en"]["timeline"], "gif", width=100, height=100)


def test_threads_never_get_each_others_images(chromium, figures):
    fig = figures["en"]["events_by_type"]
    sizes = [(400 + 10 * i, 300 + 10 * i) for i in range(4)]
    results: dict[int, tuple[int, int]] = {}

    def work(i: int) -> None:
        w, h = sizes[i]
        results[i] = png_size(X.figure_to_bytes(fig, "png", width=w, height=h))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(sizes))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert results == dict(enumerate(sizes))


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (None, "timeline_en.png"),
        (Filters(), "timeline_en.png"),
        (
            Filters(
                actors=("sheinbaum",),
                date_from=dt.date(2026, 1, 1),
                date_to=dt.date(2026, 1, 31),
            ),
            "timeline_actor-sheinbaum_2026-01-01_2026-01-31_en.png",
        ),
        (Filters(actors=("trump", "sheinbaum")), "timeline_actor-trump-sheinbaum_en.png"),
    ],
)
def test_export_filename_examples(filters, expected):
    assert export_filename("timeline", filters, "en", "png") == expected


@pytest.mark.parametrize(
    ("chart_id", "filters", "lang", "ext"),
    [
        ("../../etc/passwd", Filters(actors=("a/b", "..")), "en", "png"),
        ("時間線", Filters(event_types=("軍事 行動",)), "zh-Hant", ".svg"),
        ("timeline", Filters(actors=tuple(f"actor_{i:03d}" for i in range(60))), "en", "html"),
        ("a b\x00c", Filters(places=("<script>",), statuses=("x;rm -rf",)), "e n", "p/n/g"),
        ("", None, "", ""),
    ],
)
def test_export_filename_is_safe(chart_id, filters, lang, ext):
    name = export_filename(chart_id, filters, lang, ext)
    assert re.fullmatch(r"[A-Za-z0-9._-]+", name)
    assert len(name) <= MAX_FILENAME
    assert not name.startswith(".")
    assert ".." not in name.split(".")[0]
    assert "/" not in name


def test_long_filters_keep_distinct_names():
    many = tuple(f"actor_{i:03d}" for i in range(60))
    a = export_filename("timeline", Filters(actors=many), "en", "png")
    b = export_filename("timeline", Filters(actors=(*many[:-1], "someone_else")), "en", "png")
    assert a != b
    assert len(a) <= MAX_FILENAME
    assert a.endswith("_en.png")


def test_export_charts_writes_every_chart_and_format(chromium, ds, tmp_path):
    paths = X.export_charts(ds, Filters(actors=("trump",)), tmp_path, ["png", "svg"], "zh-Hant")
    assert len(paths) == 2 * len(CHARTS)
    assert {p.name for p in tmp_path.iterdir()} == {p.name for p in paths}
    for chart_id in CHARTS:
        assert (tmp_path / f"{chart_id}_actor-trump_zh-Hant.png").stat().st_size > 1000
    with pytest.raises(ValueError, match="bmp"):
        X.export_charts(ds, None, tmp_path, ["png", "bmp"], "en")


def test_exported_timeline_has_its_figure_height(chromium, ds, tmp_path):
    X.export_charts(ds, None, tmp_path, ["png"], "en")
    width, height = png_size((tmp_path / "timeline_en.png").read_bytes())
    fig = X.chart_figures(ds, None, "en", chart_ids=["timeline"])["timeline"]
    assert (width, height) == (CHARTS["timeline"].width, fig.layout.height)


# --- the command ------------------------------------------------------------------------------


def test_cli_export_charts_for_sheinbaum_in_english(chromium, tmp_path, capsys):
    out = tmp_path / "charts"
    status = cli.main(
        [
            "export-charts",
            "--out",
            str(out),
            "--format",
            "png,svg,html",
            "--actor",
            "sheinbaum",
            "--lang",
            "en",
        ]
    )
    err = capsys.readouterr().err
    assert status == 0, err
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 3 * len(CHARTS)
    assert all(re.fullmatch(r"[a-z_]+_actor-sheinbaum_en\.(png|svg|html)", f) for f in files)
    for name in files:
        size = (out / name).stat().st_size
        assert f"{name} ({size:,} bytes)" in err
    assert re.search(rf"{3 * len(CHARTS)} files in \d+\.\d s", err)


def test_cli_unknown_actor_fails_cleanly(tmp_path, capsys, ds):
    out = tmp_path / "charts"
    status = cli.main(["export-charts", "--out", str(out), "--actor", "sheinbaum", "nobody"])
    err = capsys.readouterr().err
    assert status == 1
    assert "'nobody'" in err
    assert f"{len(ds.actors)} actor ids" in err
    assert "Traceback" not in err
    assert not out.exists()  # nothing half-written


def test_cli_unknown_format_is_a_usage_error(tmp_path, capsys):
    status = cli.main(["export-charts", "--out", str(tmp_path), "--format", "png,gif"])
    assert status == 2
    assert "gif" in capsys.readouterr().err


def test_chart_export_does_not_import_streamlit():
    import subprocess
    import sys

    code = (
        "import sys, usmx.chart_export; print('streamlit' in sys.modules, 'kaleido' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path.cwd()
    )
    assert out.stdout.split() == ["False", "False"]
