"""usmx.render: templates escape what they are given; one stylesheet, no other <style>."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from usmx.palette import RECORD_COLORS
from usmx.render import environment, render, stylesheet

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = "<script>alert(1)</script>\"'&"


@pytest.mark.parametrize("template", sorted(environment().list_templates(extensions=["j2"])))
def test_every_template_escapes_by_default(template):
    env = environment()
    assert env.autoescape(template) is True
    source = env.loader.get_source(env, template)[0]
    # |safe and autoescape off would let dataset text through as markup: never in templates.
    assert "|safe" not in source.replace(" ", "")
    assert "autoescape false" not in source


def test_values_are_escaped():
    out = render("headline.html.j2", items=[(PAYLOAD, 1)], lang="en")
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&#39;&amp;" in out


def test_a_missing_value_fails_loudly():
    with pytest.raises(jinja2.UndefinedError):
        render("headline.html.j2", items=[("x", 1)])  # no lang


def test_one_stylesheet_with_every_record_colour():
    css = stylesheet()
    assert css.startswith("<style>")
    assert css.endswith("</style>")
    assert css.count("<style") == 1
    for record_type, color in RECORD_COLORS.items():
        assert f"mark.ev-{record_type}" in css
        assert color in css


def test_no_module_carries_its_own_style_block():
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in [*(ROOT / "usmx").rglob("*.py"), *(ROOT / "pages").glob("*.py")]
        if path.name != "render.py" and re.search(r"<style", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
