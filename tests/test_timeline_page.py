"""The timeline page: self-contained HTML, and its behaviour in headless Chromium."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

import browser
from mediespor.timeline.data import load_timeline
from mediespor.timeline.figure import build_figure
from mediespor.timeline.page import render_page
from timeline_db import HOSTILE_TITLES, build_demo

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
GENERATED = dt.datetime(2017, 8, 2, 9, 30, tzinfo=dt.UTC)


def _demo_page(tmp_path: Path, name: str, **kw) -> tuple[Path, object, dict]:
    store, ids = build_demo(None)
    data = load_timeline(store.con)
    store.close()
    tfig = build_figure(data, webgl_threshold=kw.pop("webgl_threshold", 3000))
    path = tmp_path / name
    path.write_text(render_page(data, tfig, generated=GENERATED, **kw), encoding="utf-8")
    return path, tfig, ids


def test_page_is_self_contained(tmp_path):
    path, _, _ = _demo_page(tmp_path, "t.html")
    html = path.read_text(encoding="utf-8")
    assert "<script src" not in html.lower() and "<link" not in html.lower()
    # plotly.js itself is embedded (it mentions its CDN internally; the browser test proves
    # that nothing is fetched).
    assert re.search(r"plotly\.js v\d", html)
    assert 'lang="da"' in html
    for title in HOSTILE_TITLES:
        assert title not in html  # raw markup of an item never appears in the document
    assert "senest indsamlet 1. aug. 2017 kl. 08.00" in html
    assert "1 emne uden dato vises ikke" in html


# --- browser tests ---------------------------------------------------------------------------

REQUIRE = os.environ.get("MEDIESPOR_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="module")
def chromium():
    reason = browser.missing_reason()
    if reason:
        if REQUIRE:
            pytest.fail(f"MEDIESPOR_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    with browser.chromium_context() as ctx:
        yield ctx


INIT = """
window.__opened = [];
window.open = function (url) { window.__opened.push(String(url)); return null; };
"""

POINT_XY = """(idx) => {
  const gd = document.getElementById('ms-plot');
  const t = gd._fullData.find(t => t.meta && t.meta.role === 'lane' && t.meta.offset <= idx
                                   && idx < t.meta.offset + t.x.length);
  const p = idx - t.meta.offset;
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const r = gd.getBoundingClientRect();
  return [r.left + xa._offset + xa.d2p(t.x[p]), r.top + ya._offset + ya.d2p(t.y[p])];
}"""


class Opened:
    """A loaded page plus every request the browser tried to make."""

    def __init__(self, ctx, path: Path, width: int = 1280):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = ctx.new_page()
        self.page.set_viewport_size({"width": width, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.add_init_script(INIT)
        self.url = path.as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function("window.__mediesporItemsReady !== undefined", timeout=30_000)

    def _route(self, route):
        self.requests.append(route.request.url)
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def point(self, tfig, item_id: str) -> tuple[float, float]:
        idx = next(n for n, i in enumerate(tfig.items) if i.item_id == item_id)
        return tuple(self.page.evaluate(POINT_XY, idx))

    def hover(self, tfig, item_id: str) -> str:
        x, y = self.point(tfig, item_id)
        self.page.mouse.move(1, 1)  # leave the plot so the previous tooltip goes away
        self.page.wait_for_selector("#ms-tooltip", state="hidden", timeout=5_000)
        self.page.mouse.move(x, y, steps=3)
        self.page.wait_for_selector("#ms-tooltip:not([hidden])", timeout=5_000)
        return self.page.inner_text("#ms-tooltip")

    def click(self, tfig, item_id: str) -> None:
        x, y = self.point(tfig, item_id)
        self.page.mouse.move(x, y, steps=2)
        # Plotly throttles hover handling; a click right after the move may find no point.
        self.page.wait_for_timeout(120)
        self.page.mouse.click(x, y)
        # Two clicks within plotly's double-click delay (300 ms) would reset the zoom instead.
        self.page.wait_for_timeout(350)

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Both variants, written once per module (each test still gets a fresh browser page)."""
    folder = tmp_path_factory.mktemp("pages")
    return {
        "svg": _demo_page(folder, "svg.html"),
        # WebGL lanes and a compressed item table, as for a big collection.
        "webgl": _demo_page(folder, "gl.html", webgl_threshold=0, compress_above=0),
    }


@pytest.fixture(params=["svg", "webgl"])
def opened(request, chromium, pages):
    path, tfig, ids = pages[request.param]
    page = Opened(chromium, path)
    yield page, tfig, ids, request.param
    assert page.errors == []
    page.close()


@pytest.mark.browser
def test_plot_renders_without_any_network_request(opened):
    page, tfig, _, mode = opened
    p = page.page
    assert p.locator(".main-svg").count() >= 1
    if mode == "svg":
        assert p.locator(".scatterlayer .point").count() == len(tfig.items)
    else:
        assert p.locator(".gl-canvas-context").count() >= 1
        assert p.evaluate("document.getElementById('ms-plot')._fullData[0].type") == "scattergl"
    assert p.locator(".annotation").count() == 4
    assert page.requests == [page.url]
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / f"timeline-1280-{mode}.png"), full_page=True)


@pytest.mark.browser
def test_hover_shows_tooltip_with_danish_date_events_and_lead(opened):
    page, tfig, ids, _ = opened
    text = page.hover(tfig, ids["demo_dr"])
    assert "Borgere demonstrerede foran Rådhuset" in text
    assert "DR · 28. jun. 2017 kl. 14.05 · artikel" in text
    assert "2. Demonstration foran Københavns Rådhus (0,62)" in text
    assert "3. Borgmesteren finder 13 millioner (0,35)" in text
    assert "Omkring 150 mennesker mødte op." in text


@pytest.mark.browser
def test_click_opens_url_and_archive_copy_for_gone_items(opened):
    page, tfig, ids, _ = opened
    page.click(tfig, ids["demo_dr"])
    page.click(tfig, ids["gone_pol"])
    assert page.page.evaluate("window.__opened") == [
        "https://www.dr.dk/nyheder/regionale/kbh/demo",
        "https://web.archive.org/web/2017/https://politiken.dk/indland/kobenhavn/art0",
    ]


@pytest.mark.browser
def test_hostile_titles_and_urls_never_execute(opened):
    page, tfig, ids, _ = opened
    for n, title in enumerate(HOSTILE_TITLES):
        text = page.hover(tfig, ids[f"hostile{n}"])
        assert title in text  # shown literally, as text
        page.click(tfig, ids[f"hostile{n}"])
    for key in ("jsurl", "dataurl"):
        assert "(intet link)" in page.hover(tfig, ids[key])
        page.click(tfig, ids[key])
    p = page.page
    assert p.evaluate("window.__pwned") is None
    assert (
        p.locator("#ms-tooltip img, #ms-tooltip script, #ms-tooltip a, #ms-tooltip b").count() == 0
    )
    assert p.evaluate("window.__opened") == [
        f"https://reformramtesvenner.example/post-{n}" for n in range(len(HOSTILE_TITLES))
    ]
    assert page.requests == [page.url]


@pytest.mark.browser
def test_legend_click_hides_a_lane(opened):
    page, tfig, _, _ = opened
    p = page.page
    box = p.locator(".legend .traces .legendtext").filter(has_text="Reformramtes").bounding_box()
    p.mouse.click(box["x"] + 5, box["y"] + box["height"] / 2)
    p.wait_for_timeout(700)  # plotly waits out its double-click delay before toggling
    lane = tfig.lanes.index("Reformramtes venner")
    visible = p.evaluate(
        "(lane) => document.getElementById('ms-plot')._fullData"
        ".filter(t => t.meta && t.meta.lane === lane).map(t => t.visible)",
        lane,
    )
    assert visible == ["legendonly", "legendonly"]  # the lane and its volume bars
    if p.locator(".scatterlayer .point").count():
        assert p.locator(".scatterlayer .point").count() == len(tfig.items) - 6


@pytest.mark.browser
def test_event_label_click_shows_description_and_items(opened):
    page, _, _, _ = opened
    p = page.page
    p.locator(".annotation").filter(has_text="Demonstration").first.click()
    panel = p.locator("#ms-event-panel")
    panel.wait_for(state="visible")
    text = panel.inner_text()
    assert "2. Demonstration foran Københavns Rådhus" in text
    assert "Beskrivelse af demonstration foran københavns rådhus." in text
    assert "28. jun. 2017 kl. 14.05 · DR: Borgere demonstrerede foran Rådhuset" in text
    assert "TV2 Lorry: Vrede borgere på Rådhuspladsen" in text
    assert panel.locator("li").count() == 2


@pytest.mark.browser
def test_search_filters_and_presets(opened):
    page, _tfig, _, _ = opened
    p = page.page
    p.fill("#ms-search", "allerslev")
    assert p.inner_text("#ms-search-count") == "1 træffer"
    selected = p.evaluate(
        "document.getElementById('ms-plot').data.filter(t => t.meta && t.meta.role === 'lane')"
        ".map(t => t.selectedpoints === null || t.selectedpoints === undefined ? null :"
        " Array.from(t.selectedpoints))"
    )
    # Lane traces: DR, DR off-topic, Politiken, Reformramtes venner, TV2 Lorry.
    assert selected == [[], [], [1], [], []]  # Politiken's 29 June item is the match
    p.fill("#ms-search", "")
    p.select_option("#ms-event", "2017-06-28-demo")
    shown = p.evaluate(
        "document.getElementById('ms-plot')._fullData.filter(t => t.meta && t.meta.role === 'lane')"
        ".map(t => Array.from(t.x).filter(v => !Number.isNaN(v) && v !== null).length)"
    )
    assert shown == [1, 0, 0, 0, 1]
    p.select_option("#ms-event", "")
    p.select_option("#ms-relevance", "off")
    shown = p.evaluate(
        "document.getElementById('ms-plot')._fullData.filter(t => t.meta && t.meta.role === 'lane')"
        ".map(t => Array.from(t.x).filter(v => !Number.isNaN(v) && v !== null).length)"
    )
    assert shown == [0, 1, 0, 0, 0]
    p.click("button.ms-preset[data-preset='2017']")
    p.wait_for_timeout(200)
    start = p.evaluate(
        "(() => { const r = document.getElementById('ms-plot')._fullLayout.xaxis.range[0];"
        " return typeof r === 'number' ? new Date(r).toISOString() : String(r); })()"
    )
    assert start.startswith("2017-01-01")


@pytest.mark.browser
def test_phone_width_is_readable(chromium, tmp_path):
    path, tfig, ids = _demo_page(tmp_path, "phone.html")
    page = Opened(chromium, path, width=375)
    p = page.page
    p.wait_for_timeout(400)
    assert p.evaluate("document.documentElement.scrollWidth") <= 375
    assert p.evaluate("document.getElementById('ms-plot')._fullLayout.legend.orientation") == "h"
    assert "Borgere demonstrerede" in page.hover(tfig, ids["demo_dr"])
    ARTIFACTS.mkdir(exist_ok=True)
    p.mouse.move(1, 1)
    p.screenshot(path=str(ARTIFACTS / "timeline-375.png"), full_page=True)
    assert page.requests == [page.url] and page.errors == []
    page.close()
