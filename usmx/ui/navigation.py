"""The app's pages, in menu order: used by dashboard.py, the tests, the benchmark and screenshots."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class PageSpec:
    title_key: str  # catalog key of the title, which follows the language switch
    script: str  # relative to the repository root
    url_path: str
    icon: str
    # An editor's page (it writes the dataset): in the menu only when usmx.settings turns it
    # on; its address still answers, with a note that it is off.
    editor: bool = False

    @property
    def path(self) -> Path:
        return ROOT / self.script


OVERVIEW = PageSpec("page.overview", "dashboard.py", "overview", ":material/dashboard:")
PAGES = (
    PageSpec("page.timeline", "pages/timeline.py", "timeline", ":material/timeline:"),
    PageSpec("page.story", "pages/story.py", "story", ":material/auto_stories:"),
    PageSpec("page.map", "pages/map.py", "map", ":material/map:"),
    PageSpec("page.quotes", "pages/quotes.py", "quotes", ":material/format_quote:"),
    PageSpec("page.actors", "pages/actors.py", "actors", ":material/groups:"),
    PageSpec("page.network", "pages/network.py", "network", ":material/hub:"),
    PageSpec("page.claims", "pages/claims.py", "claims", ":material/fact_check:"),
    PageSpec("page.source", "pages/source.py", "source", ":material/article:"),
    PageSpec("page.acled", "pages/acled.py", "acled", ":material/layers:"),
    PageSpec("page.review", "pages/review.py", "review", ":material/rate_review:", editor=True),
)


def in_menu(page: PageSpec) -> bool:
    """Whether the page menu lists `page` on this server (editor pages only when turned on)."""
    from usmx import settings

    return not page.editor or settings.review_enabled()
