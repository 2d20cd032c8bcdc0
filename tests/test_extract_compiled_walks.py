"""Loading the compiled walks, and saying which run (``mediespor.extract.compiled_walks``)."""

from __future__ import annotations

import dataclasses
import importlib
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compiled import random_page, require_compiled
from mediespor.extract import compiled_walks, content, extract
from mediespor.extract.compiled_walks import (
    SWITCHES,
    load,
    python_only,
    python_walks,
    summary,
)

ALL = ("box_walk", "lexbor_attrs", "lexbor_walk", "text_walk")
FETCHED_AT = datetime(2017, 7, 1, 8, 0, tzinfo=UTC)


def _all_compiled() -> bool:
    return not python_walks()


def test_a_module_this_install_lacks_loads_as_none():
    assert load("no_such_walk", "<p>x</p>") is None


def test_a_walk_whose_check_fails_loads_as_none():
    require_compiled(_all_compiled(), "every compiled walk")
    # A page that shows none of what the walk reads proves nothing: its check fails.
    assert load("lexbor_walk", "<html><body><p>x</p></body></html>") is None
    assert load("box_walk", "<html><body><p>x</p></body></html>", content.A) is None


def test_a_walk_whose_check_cannot_run_loads_as_none():
    require_compiled(_all_compiled(), "every compiled walk")
    # box_walk's check needs the anchor's tag id: called without it, it raises.
    assert load("box_walk", "<p>x</p>") is None


def test_a_walk_whose_check_passes_is_the_module():
    require_compiled(_all_compiled(), "every compiled walk")
    module = load("text_walk", "<html><body><p>a <b>b</b> <i>\u00e9</i></p></body></html>")
    assert module is importlib.import_module("mediespor.extract.text_walk")


def test_every_switch_holds_its_module_when_compiled():
    require_compiled(_all_compiled(), "every compiled walk")
    for holder, switch, name in SWITCHES:
        held = getattr(importlib.import_module(holder), switch)
        assert held is importlib.import_module(f"mediespor.extract.{name}"), (holder, switch)
    assert summary() == "compiled"


def test_the_summary_names_the_walks_switched_off(monkeypatch):
    require_compiled(_all_compiled(), "every compiled walk")
    monkeypatch.setattr(content, "_text_walk", None)
    monkeypatch.setattr(content, "_box_walk", None)
    assert summary() == "python: box_walk, text_walk"
    # One reader of the attribute reads switched off is enough to name them.
    monkeypatch.setattr(importlib.import_module("mediespor.extract.byline"), "_compiled", None)
    assert python_walks() == ["box_walk", "lexbor_attrs", "text_walk"]


def test_every_switch_off_names_every_walk(monkeypatch):
    for holder, switch, _ in SWITCHES:
        monkeypatch.setattr(importlib.import_module(holder), switch, None)
    assert summary() == "python: " + ", ".join(ALL)


@pytest.mark.parametrize("holder, switch, name", SWITCHES)
def test_every_switch_is_a_module_attribute(holder, switch, name):
    # A switch renamed in its module without SWITCHES would read as missing here, not as off.
    assert hasattr(importlib.import_module(holder), switch)
    assert name in ALL and compiled_walks.SWITCHES.count((holder, switch, name)) == 1


def _everything(page: bytes) -> dict[str, object]:
    """Every field of the Article the extractor makes of ``page``."""
    return dataclasses.asdict(extract(page, "https://example.dk/sag/1", FETCHED_AT))


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(rng=st.randoms(use_true_random=False), broken=st.lists(st.integers(0, 10**6), max_size=2))
def test_random_pages_give_the_same_article_with_every_walk_compiled_or_none(rng, broken):
    """Made-up nested pages (names, marking attributes, metadata, links in links, odd
    whitespace, a few bytes that are not UTF-8) through the whole extractor with all four
    compiled walks and with none: the same Article, field by field."""
    require_compiled(_all_compiled(), "every compiled walk")
    page = bytearray(random_page(rng).encode())
    for at in broken:  # a stray byte that is not UTF-8 (selectolax reads U+FFFD there)
        page[at % len(page)] = 0xFF
    compiled = _everything(bytes(page))
    with python_only():
        assert summary() == "python: " + ", ".join(ALL)
        in_python = _everything(bytes(page))
    assert compiled == in_python
