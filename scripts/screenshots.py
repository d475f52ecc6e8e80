"""Regenerate the README's screenshots (docs/screenshots/) from the real app in headless Chromium.

Run with `make screenshots`. Starts `streamlit run dashboard.py` on a free loopback port, opens
every page in both languages with a representative filter, and writes PNGs. Also used by
developers to look at what they built.

The ACLED shots (ACLED_SHOTS) show a layer of MADE-UP rows (bench/generate_acled.py; ACLED's
terms do not allow shipping its data), imported into a temporary data folder served by a
second server, with the page's layer toggle switched on.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness.browser import chromium, wait_drawn, wait_map_drawn
from harness.server import running_server

# (file name, URL path and query): the README shows the English ones.
SHOTS = [
    ("overview_en", "?lang=en"),
    ("timeline_en", "timeline?lang=en"),
    ("timeline_zh", "timeline"),
    ("timeline_sheinbaum_zh", "timeline?actor=sheinbaum"),
    ("story_en", "story?lang=en&actor=sheinbaum&event=sheinbaum_trump_call"),
    ("map_en", "map?lang=en"),
    ("map_zh", "map"),
    ("quotes_zh", "quotes"),
    ("actors_en", "actors?lang=en&actor=sheinbaum"),
    ("source_en", "source?lang=en&span=1134-1156"),
    ("network_en", "network?lang=en&node=us_government"),
    ("claims_en", "claims?lang=en"),
]
# (file name, URL path and query, the layer toggle's key), with a made-up ACLED layer stored.
ACLED_SHOTS = [
    ("map_acled_en", "map?lang=en", "map_acled"),
    ("timeline_acled_en", "timeline?lang=en", "timeline_acled"),
]
ACLED_ROWS = 100_000
# Thin lines and small labels blur in JPEG: these are PNG, in a taller window so the chart
# (or several cards) is in the picture.
TALL_PNG = {
    "network_en": 1500,
    "claims_en": 1500,
    # The whole labelled January 2026 detail, under the overview strip.
    "timeline_en": 2000,
    "timeline_zh": 1750,
    "timeline_sheinbaum_zh": 1150,
    # One step: card, the article's words, quotes, its map and where it sits.
    "story_en": 1700,
    "map_acled_en": 1000,
}
# Scrolled to this element before the capture (the band under the labelled timeline).
SCROLL_TO = {"timeline_acled_en": ".st-key-timeline_acled_band"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", nargs="*", help="names of shots to take (default: all)")
    parser.add_argument(
        "--url", nargs="*", default=[], metavar="NAME=PATH", help="ad-hoc shots, e.g. x=map?lang=en"
    )
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full-page", action="store_true", help="capture the whole page")
    parser.add_argument("--png", action="store_true", help="write PNG instead of JPEG")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    shots = [tuple(u.split("=", 1)) for u in args.url] or [
        s for s in SHOTS if not args.only or s[0] in args.only
    ]
    acled = [] if args.url else [s for s in ACLED_SHOTS if not args.only or s[0] in args.only]
    if shots:
        with running_server() as server, chromium() as browser:
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            for name, path in shots:
                take(page, server.url, name, path, args)
    if acled:
        with tempfile.TemporaryDirectory(prefix="usmx-shots-acled-") as data:
            made_up_layer(Path(data))
            env = {"USMX_DATA_DIR": data}
            with running_server(env=env) as server, chromium() as browser:
                page = browser.new_page(viewport={"width": args.width, "height": args.height})
                for name, path, toggle in acled:
                    take(page, server.url, name, path, args, toggle=toggle)
    return 0


def made_up_layer(data: Path) -> None:
    """ACLED_ROWS made-up rows (bench/generate_acled.py), imported into `data`."""
    from bench.generate_acled import generate
    from usmx.acled_import import import_acled

    csv_path = generate(ACLED_ROWS, data / "made_up_acled.csv")
    import_acled(csv_path, data)


def take(page, url: str, name: str, path: str, args, toggle: str | None = None) -> None:
    height = TALL_PNG.get(name, args.height)
    page.set_viewport_size({"width": args.width, "height": height})
    page.goto(f"{url}/{path}")
    wait_drawn(page)  # every chart's SVG, the map's canvas, every image
    if toggle:
        page.locator(f".st-key-{toggle} label").first.click()
        wait_drawn(page)
    if page.locator('[data-testid="stDeckGlJsonChart"]').count():
        wait_map_drawn(page)  # the map's own signal: canvas and boundaries loaded
    if name in SCROLL_TO:
        page.locator(SCROLL_TO[name]).first.evaluate("e => e.scrollIntoView({block: 'center'})")
    # Two animation frames: what was drawn last is painted before the capture.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    # JPEG keeps the README's pictures small; pass --png for lossless ones.
    png = args.png or name in TALL_PNG or toggle is not None
    ext = "png" if png else "jpg"
    target = args.out / f"{name}.{ext}"
    options = {} if png else {"type": "jpeg", "quality": 72}
    page.screenshot(path=target, full_page=args.full_page, **options)
    print(f"{target}  {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    raise SystemExit(main())
