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
from timeline_db import HOSTILE_TITLES, build_busy, build_demo

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
GENERATED = dt.datetime(2017, 8, 2, 9, 30, tzinfo=dt.UTC)


def _demo_page(tmp_path: Path, name: str, **kw) -> tuple[Path, object, dict]:
    store, ids = kw.pop("store", None) or build_demo(None)
    data = load_timeline(store.con)
    store.close()
    tfig = build_figure(data, bin_threshold=kw.pop("bin_threshold", 3000))
    path = tmp_path / name
    path.write_text(render_page(data, tfig, generated=GENERATED, **kw), encoding="utf-8")
    return path, tfig, ids


def test_page_is_self_contained(tmp_path):
    path, _, _ = _demo_page(tmp_path, "t.html")
    html = path.read_text(encoding="utf-8")
    assert "<script src" not in html.lower() and "<link" not in html.lower()
    # plotly.js itself is embedded (it mentions its CDN internally; the browser test proves
    # that nothing is fetched).
    assert re.search(r"plotly\.js \(basic - minified\) v\d", html)
    assert len(html.encode("utf-8")) < 1_500_000
    assert 'lang="da"' in html
    for title in HOSTILE_TITLES:
        assert title not in html  # raw markup of an item never appears in the document
    assert "senest indsamlet 1. aug. 2017 kl. 08.00" in html
    assert "1 blogindlæg uden dato vises ikke" in html
    assert "11 omtaler fra 4 medier" in html
    assert "emner" not in html.replace("emner på", "")


# --- browser tests: what a person sees and does ----------------------------------------------

REQUIRE = os.environ.get("MEDIESPOR_REQUIRE_BROWSER") == "1"
DESK = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def chromium():
    reason = browser.missing_reason()
    if reason:
        if REQUIRE:
            pytest.fail(f"MEDIESPOR_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    with browser.chromium_browser() as b:
        yield b


#: Opening a source must go through the card's link, never window.open from a click on the plot.
INIT = """
window.__opened = [];
window.open = function (url) { window.__opened.push(String(url)); return null; };
"""

POINT_XY = """(idx) => {
  const gd = document.getElementById('ms-plot');
  // A binned lane drawing single items names them in customdata; others are item blocks.
  const at = t => t.meta.binned ? Array.from(t.customdata || []).indexOf(idx)
                                : (t.meta.offset <= idx && idx < t.meta.offset + t.x.length
                                   ? idx - t.meta.offset : -1);
  const t = gd._fullData.find(t => t.meta && t.meta.role === 'lane' && at(t) >= 0);
  const p = at(t);
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const r = gd.getBoundingClientRect();
  return [r.left + xa._offset + xa.d2p(t.x[p]), r.top + ya._offset + ya.d2p(t.y[p])];
}"""


def shoot(page, name: str) -> None:
    """Keep a screenshot of a state for people to look at (tests/artifacts, git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


class Opened:
    """A loaded page in its own browser context, plus every request and error it produced."""

    def __init__(self, chromium, path: Path, viewport=DESK, phone: bool = False):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.ctx = chromium.new_context(viewport=viewport, has_touch=phone, is_mobile=phone)
        self.page = self.ctx.new_page()
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.add_init_script(INIT)
        self.url = path.as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function("window.__mediesporItemsReady !== undefined", timeout=30_000)
        self.settle()

    def _route(self, route):
        self.requests.append(route.request.url)
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def settle(self) -> None:
        # Bands are placed in an animation frame after each change.
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")

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

    def click_point(self, tfig, item_id: str) -> str:
        """Click a dot as a person does; return the details card's text."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        x, y = self.point(tfig, item_id)
        # Plotly throttles hover handling, and a loaded machine can miss the point under a
        # click that follows the move at once: like a person, try again.
        for _ in range(3):
            self.page.mouse.move(x, y, steps=2)
            self.page.wait_for_timeout(150)
            self.page.mouse.click(x, y)
            try:
                self.page.wait_for_selector("#ms-card:not([hidden])", timeout=2_000)
                break
            except PlaywrightTimeout:
                self.page.wait_for_timeout(350)  # past plotly's double-click window
        return self.page.inner_text("#ms-card")

    def tap_point(self, tfig, item_id: str) -> str:
        """Tap a dot with a finger; return the details card's text."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        _, y = self.point(tfig, item_id)
        self.page.evaluate("(y) => window.scrollBy(0, y - window.innerHeight / 2)", y)
        x, y = self.point(tfig, item_id)
        for _ in range(3):  # a person taps again when the first tap does not register
            self.page.touchscreen.tap(x, y)
            try:
                self.page.wait_for_selector("#ms-card:not([hidden])", timeout=2_000)
                break
            except PlaywrightTimeout:
                self.page.wait_for_timeout(350)
        return self.page.inner_text("#ms-card")

    def close_card(self) -> None:
        self.page.locator("#ms-card .ms-close").click()
        self.page.wait_for_selector("#ms-card", state="hidden", timeout=5_000)

    def close(self) -> None:
        self.ctx.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Both variants, written once per module (each test still gets a fresh browser page)."""
    folder = tmp_path_factory.mktemp("pages")
    return {
        "svg": _demo_page(folder, "svg.html"),
        # Binned lanes and a compressed item table, as for a big collection (the view holds
        # few items, so the page draws them singly again).
        "binned": _demo_page(folder, "binned.html", bin_threshold=0, compress_above=0),
    }


@pytest.fixture(scope="module")
def busy_page(tmp_path_factory):
    """200 items in June and July 2017."""
    folder = tmp_path_factory.mktemp("busy")
    return _demo_page(folder, "busy.html", store=(build_busy(None, 200), {}))


@pytest.fixture(params=["svg", "binned"])
def opened(request, chromium, pages):
    path, tfig, ids = pages[request.param]
    page = Opened(chromium, path)
    yield page, tfig, ids, request.param
    assert page.errors == []
    page.close()


def visible_text(page, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(f"{selector}:visible").all_inner_texts()]


@pytest.mark.browser
def test_opens_on_the_coverage_with_headlines_and_event_labels(opened):
    page, tfig, _, mode = opened
    p = page.page
    assert p.locator(".main-svg").count() >= 1
    if mode == "svg":
        assert p.locator(".scatterlayer .point").count() == len(tfig.items)
    else:
        assert p.get_attribute("#ms-plot", "data-marks") == "items"
        assert p.locator(".scatterlayer .point").count() == len(tfig.items)
        assert p.locator(".gl-canvas-context").count() == 0
    # The view hugs the coverage (20-30 June), so the three June events are labelled in full.
    labels = visible_text(p, ".ms-ev")
    assert len(labels) == 3
    assert any("Demonstration foran Københavns Rådhus" in t for t in labels)
    # Nearly every dated item of this small collection can be read without hovering; the
    # note says how many are left for zooming in (eleven items in four days share the room).
    headlines = visible_text(p, ".ms-hl")
    assert len(headlines) >= len(tfig.items) - 2
    if len(headlines) < len(tfig.items):
        note = f"Viser {len(headlines)} af {len(tfig.items)} overskrifter"
        assert note in p.inner_text("#ms-note")
    assert any("Borgere demonstrerede foran Rådhuset" in t and "DR" in t for t in headlines)
    assert browser.overlapping_pairs(p.evaluate(browser.VISIBLE_LABELS_JS)) == 0
    assert page.requests == [page.url]
    shoot(p, f"timeline-1400-{mode}")


@pytest.mark.browser
def test_hover_shows_tooltip_without_scores(opened):
    page, tfig, ids, _ = opened
    text = page.hover(tfig, ids["demo_dr"])
    assert "Borgere demonstrerede foran Rådhuset" in text
    assert "DR · 28. jun. 2017 kl. 14.05 · artikel" in text
    assert "Omkring 150 mennesker mødte op." in text
    assert "0,62" not in text and "Double-click" not in text


@pytest.mark.browser
def test_click_on_a_dot_shows_the_card_and_never_leaves_the_page(opened):
    page, tfig, ids, mode = opened
    text = page.click_point(tfig, ids["demo_dr"])
    assert "Borgere demonstrerede foran Rådhuset" in text
    assert "Begivenhed: Demonstration foran Københavns Rådhus" in text
    assert "samme dag som begivenheden" in text  # why, in Danish
    link = page.page.locator("#ms-card a.ms-open")
    assert link.inner_text() == "Åbn kilden"
    assert link.get_attribute("href") == "https://www.dr.dk/nyheder/regionale/kbh/demo"
    shoot(page.page, f"timeline-card-{mode}")
    page.close_card()
    page.click_point(tfig, ids["gone_pol"])
    href = page.page.locator("#ms-card a.ms-open").get_attribute("href")
    assert href == "https://web.archive.org/web/2017/https://politiken.dk/indland/kobenhavn/art0"
    assert page.page.evaluate("window.__opened") == [] and page.page.url == page.url


@pytest.mark.browser
def test_hostile_titles_and_urls_never_execute(opened):
    page, tfig, ids, _ = opened
    p = page.page
    for n, title in enumerate(HOSTILE_TITLES):
        assert title in page.hover(tfig, ids[f"hostile{n}"])  # shown literally, as text
        assert title in page.click_point(tfig, ids[f"hostile{n}"])
        page.close_card()
    for key in ("jsurl", "dataurl"):
        assert "Der er intet link til kilden." in page.click_point(tfig, ids[key])
        assert p.locator("#ms-card a.ms-open").count() == 0
        page.close_card()
    assert p.evaluate("window.__pwned") is None
    for box in ("#ms-tooltip", "#ms-card", "#ms-headlines"):
        assert p.locator(f"{box} img, {box} script, {box} b, {box} i").count() == 0
    assert any(HOSTILE_TITLES[0] in t for t in visible_text(p, ".ms-hl"))
    assert page.requests == [page.url]


@pytest.mark.browser
def test_legend_click_hides_a_lane_and_its_headlines(opened):
    page, tfig, _, _ = opened
    p = page.page
    before = len(visible_text(p, ".ms-hl"))
    box = p.locator(".legend .traces .legendtext").filter(has_text="Reformramtes").bounding_box()
    p.mouse.click(box["x"] + 5, box["y"] + box["height"] / 2)
    p.wait_for_timeout(700)  # plotly waits out its double-click delay before toggling
    page.settle()
    lane = tfig.lanes.index("Reformramtes venner")
    visible = p.evaluate(
        "(lane) => document.getElementById('ms-plot')._fullData"
        ".filter(t => t.meta && t.meta.lane === lane).map(t => t.visible)",
        lane,
    )
    assert visible == ["legendonly", "legendonly"]  # the lane and its weekly counts
    assert before >= 9
    others = [i for i in tfig.items if i.outlet != "Reformramtes venner"]
    assert len(visible_text(p, ".ms-hl")) == len(others)  # room for all of the rest
    assert not any("Reformramtes" in t for t in visible_text(p, ".ms-hl"))
    # No English plotly tip pops up.
    assert "Double-click" not in p.inner_text("body")


@pytest.mark.browser
def test_event_list_entries_open_the_panel(opened):
    page, _, _, mode = opened
    p = page.page
    p.locator(".ms-event-btn").filter(has_text="Demonstration foran").click()
    panel = p.locator("#ms-event-panel")
    panel.wait_for(state="visible")
    text = panel.inner_text()
    assert "Demonstration foran Københavns Rådhus" in text
    assert "Beskrivelse af demonstration foran københavns rådhus." in text
    assert "Omtale (2 omtaler)" in text
    assert (
        "Borgere demonstrerede foran Rådhuset" in text and "Vrede borgere på Rådhuspladsen" in text
    )
    assert "Hvorfor: samme dag som begivenheden" in text
    shoot(p, f"timeline-event-{mode}")
    # Suggested coverage is marked as a suggestion, with why.
    p.locator(".ms-event-btn").filter(has_text="13 millioner").click()
    text = panel.inner_text()
    assert "Foreslået omtale (1 tv-indslag)" in text and "forslag" in text
    assert "Hvorfor: nævner 13 millioner" in text
    # An event nobody covered says so.
    p.locator(".ms-event-btn").filter(has_text="Ankestyrelsens").click()
    assert "Ingen omtale fundet endnu for denne begivenhed." in panel.inner_text()
    # From the panel, a title opens the details card.
    p.locator(".ms-event-btn").filter(has_text="Demonstration foran").click()
    panel.locator(".ms-cov-title").first.click()
    assert "Borgere demonstrerede" in p.inner_text("#ms-card")


@pytest.mark.browser
def test_event_labels_and_headlines_on_the_plot_open_panel_and_card(opened):
    page, _, _, _ = opened
    p = page.page
    p.locator(".ms-ev:visible").filter(has_text="Fire borgergrupper").click()
    p.wait_for_selector("#ms-event-panel:not([hidden])")
    assert "Fire borgergrupper sender 16 krav" in p.inner_text("#ms-event-panel")
    p.locator(".ms-hl:visible").filter(has_text="Vrede borgere").click()
    p.wait_for_selector("#ms-card:not([hidden])")
    card = p.inner_text("#ms-card")
    assert "Vrede borgere på Rådhuspladsen" in card and "TV2 Lorry" in card and "forslag" in card


def lane_counts(p) -> list[int]:
    return p.evaluate(
        "document.getElementById('ms-plot')._fullData.filter(t => t.meta && t.meta.role === 'lane')"
        ".map(t => Array.from(t.x).filter(v => !Number.isNaN(v) && v !== null).length)"
    )


def weekly_total(p) -> int:
    return p.evaluate(
        "document.getElementById('ms-plot')._fullData.filter(t => t.meta && t.meta.role === 'volume')"
        ".reduce((s, t) => s + Array.from(t.y).reduce((a, b) => a + b, 0), 0)"
    )


@pytest.mark.browser
def test_search_filters_and_presets(opened):
    page, _tfig, _, _ = opened
    p = page.page
    assert weekly_total(p) == 10  # relevant dated items
    p.fill("#ms-search", "allerslev")
    page.settle()
    assert p.inner_text("#ms-search-count") == "1 træffer"
    # Headlines and the weekly counts follow the search.
    assert visible_text(p, ".ms-hl") == [t for t in visible_text(p, ".ms-hl") if "Allerslev" in t]
    assert len(visible_text(p, ".ms-hl")) == 1
    assert weekly_total(p) == 1
    p.fill("#ms-search", "")
    p.select_option("#ms-event", "2017-06-28-demo")
    page.settle()
    # Lane traces: DR, DR off-topic, Politiken, Reformramtes venner, TV2 Lorry.
    assert lane_counts(p) == [1, 0, 0, 0, 1]
    assert weekly_total(p) == 2 and len(visible_text(p, ".ms-hl")) == 2
    p.select_option("#ms-event", "2017-07-anke")
    page.settle()
    assert "Ingen omtale fundet endnu for denne begivenhed" in p.inner_text("#ms-note")
    p.select_option("#ms-event", "")
    p.select_option("#ms-relevance", "off")
    page.settle()
    assert lane_counts(p) == [0, 1, 0, 0, 0]
    assert weekly_total(p) == 1
    ticks = p.evaluate(
        "Array.from(document.querySelectorAll('.yaxislayer-above .y2tick text'))"
        ".map(t => t.textContent)"
    )
    assert ticks and all(t.isdigit() for t in ticks)  # whole numbers only
    p.select_option("#ms-relevance", "")
    p.click("button.ms-preset[data-preset='2017']")
    page.settle()
    start = p.evaluate(
        "(() => { const r = document.getElementById('ms-plot')._fullLayout.xaxis.range[0];"
        " return typeof r === 'number' ? new Date(r).toISOString() : String(r); })()"
    )
    assert start.startswith("2017-01-01")
    assert browser.overlapping_pairs(p.evaluate(browser.VISIBLE_LABELS_JS)) == 0


@pytest.mark.browser
def test_busy_june_july_shows_many_headlines_without_overlap(chromium, busy_page):
    path, _, _ = busy_page
    page = Opened(chromium, path)
    p = page.page
    p.click("button.ms-preset[data-preset='juni–juli 2017']")
    page.settle()
    headlines = visible_text(p, ".ms-hl")
    assert len(headlines) >= 20
    assert browser.overlapping_pairs(p.evaluate(browser.VISIBLE_LABELS_JS)) == 0
    assert "zoom ind for at se flere" in p.inner_text("#ms-note")
    shoot(p, "timeline-busy-junjul-1400")
    # Zooming in re-places the headlines: fewer items in view, more of them readable.
    p.evaluate(
        "Plotly.relayout(document.getElementById('ms-plot'),"
        " {'xaxis.range': ['2017-06-10', '2017-06-17']})"
    )
    page.settle()
    week = visible_text(p, ".ms-hl")
    assert week and all("jun." in t for t in week)
    assert browser.overlapping_pairs(p.evaluate(browser.VISIBLE_LABELS_JS)) == 0
    assert page.errors == []
    page.close()


@pytest.mark.browser
def test_phone_tap_shows_the_card_and_stays_on_the_page(chromium, pages):
    path, tfig, ids = pages["svg"]
    page = Opened(chromium, path, viewport=PHONE, phone=True)
    p = page.page
    assert p.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert p.evaluate("document.getElementById('ms-plot')._fullLayout.legend.orientation") == "h"
    help_text = p.locator(".ms-help").first.inner_text()
    assert help_text.startswith("Tryk på") and "musen" not in help_text
    shoot(p, "timeline-390")
    p.locator(".ms-hl:visible").filter(has_text="Borgere demonstrerede").tap()
    card = p.locator("#ms-card")
    card.wait_for(state="visible")
    assert "Borgere demonstrerede foran Rådhuset" in card.inner_text()
    button = card.locator("a.ms-open")
    assert button.is_visible() and button.inner_text() == "Åbn kilden"
    box = button.bounding_box()
    assert box["height"] >= 32 and box["width"] >= 150  # a thumb-sized button
    shoot(p, "timeline-390-card")
    card.locator(".ms-close").tap()
    card.wait_for(state="hidden")
    # A tap on a dot shows the card too; nothing navigates away.
    page.tap_point(tfig, ids["mio_pol"])
    assert "Allerslev finder 13 millioner" in card.inner_text()
    assert p.evaluate("window.__opened") == [] and p.url == page.url
    card.locator(".ms-close").tap()
    p.locator(".ms-event-btn").filter(has_text="Demonstration foran").tap()
    p.wait_for_selector("#ms-event-panel:not([hidden])")
    assert "Vrede borgere på Rådhuspladsen" in p.inner_text("#ms-event-panel")
    assert p.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert browser.overlapping_pairs(p.evaluate(browser.VISIBLE_LABELS_JS)) == 0
    assert page.requests == [page.url] and page.errors == []
    page.close()


DRAWN_IN_RANGE = """([lo, hi]) => {
  const gd = document.getElementById('ms-plot');
  let marks = 0, items = [];
  gd._fullData.filter(t => t.meta && t.meta.binned && t.visible === true).forEach(t => {
    marks += t.x.length;
    Array.from(t.customdata || []).forEach((idx, p) => {
      if (t.x[p] >= lo && t.x[p] <= hi) items.push(idx);
    });
  });
  return [marks, items];
}"""


@pytest.mark.browser
def test_large_collection_draws_bins_then_single_items_of_a_zoomed_week(chromium, tmp_path):
    # 4,000 items over June-July with the thresholds lowered to 1,000: the same page logic as
    # 100k items at the default thresholds, fast enough for a test.
    path, tfig, _ = _demo_page(
        tmp_path, "large.html", store=(build_busy(None, 4000), {}), bin_threshold=1000,
        detail_max=1000, compress_above=0,
    )  # fmt: skip
    assert tfig.binned
    assert "plotly.js (basic - minified)" in path.read_text(encoding="utf-8")
    page = Opened(chromium, path)
    p = page.page
    p.wait_for_function("document.getElementById('ms-plot').dataset.marks === 'bins'")
    marks, singles = p.evaluate(DRAWN_IN_RANGE, [0, 1e15])
    assert 0 < marks < 1000 and singles == []  # far fewer marks than items
    assert p.locator(".gl-canvas-context").count() == 0
    assert "4.000 omtaler i den viste periode" in p.inner_text("#ms-note")
    shoot(p, "timeline-large-bins")
    assert weekly_total(p) == 4000

    # The event filter leaves few enough items to draw singly; the weekly counts follow it.
    first_event = p.evaluate("document.querySelectorAll('#ms-event option')[2].value")
    p.select_option("#ms-event", first_event)
    p.wait_for_function("document.getElementById('ms-plot').dataset.marks === 'items'")
    page.settle()
    _, drawn = p.evaluate(DRAWN_IN_RANGE, [0, 1e15])
    assert 0 < weekly_total(p) == len(drawn) < 1000
    p.select_option("#ms-event", "")
    p.wait_for_function("document.getElementById('ms-plot').dataset.marks === 'bins'")
    page.settle()
    assert weekly_total(p) == 4000

    # Zoom into one week, as the mouse wheel or a pinch does.
    week = [dt.datetime(2017, 6, 12), dt.datetime(2017, 6, 19)]
    p.evaluate(
        "(r) => Plotly.relayout(document.getElementById('ms-plot'), {'xaxis.range': r})",
        [w.isoformat(sep=" ") for w in week],
    )
    p.wait_for_function("document.getElementById('ms-plot').dataset.marks === 'items'")
    page.settle()
    ms = [(w - dt.datetime(1970, 1, 1)).total_seconds() * 1000 for w in week]
    _, drawn = p.evaluate(DRAWN_IN_RANGE, ms)
    in_week = {
        n for n, i in enumerate(tfig.items)
        if week[0] <= i.published_local.replace(tzinfo=None) <= week[1]
    }  # fmt: skip
    assert in_week and set(drawn) == in_week
    some = tfig.items[min(in_week)]
    assert some.title.split(" ")[0] in page.hover(tfig, some.item_id)
    shoot(p, "timeline-large-week")
    assert page.errors == []
    page.close()
