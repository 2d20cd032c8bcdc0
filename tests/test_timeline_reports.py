"""reports/index.html: per-event coverage with reasons, outlet x month table, last collection."""

from __future__ import annotations

import datetime as dt

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from mediespor.date_interval import start_of
from mediespor.store.db import open_store
from mediespor.timeline.data import load_timeline
from mediespor.timeline.reports import coverage_by_month, render_index
from timeline_db import EVENTS, HOSTILE_TITLES, add_event, add_item, build_demo, link

GENERATED = dt.datetime(2017, 8, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def data():
    store, _ = build_demo(None)
    yield load_timeline(store.con)
    store.close()


def section(tree, event_id):
    return tree.css_first(f"section#{event_id}")


def test_coverage_counts_relevant_dated_items_per_outlet_and_month(data):
    months, counts = coverage_by_month(data)
    assert months == [(2017, 6)]
    assert counts == {
        "DR": {(2017, 6): 1}, "Politiken": {(2017, 6): 2},
        "Reformramtes venner": {(2017, 6): 6}, "TV2 Lorry": {(2017, 6): 1},
    }  # fmt: skip


def test_index_lists_linked_items_in_date_order_with_reasons(data):
    tree = HTMLParser(render_index(data, generated=GENERATED, timeline_href="timeline.html"))
    rows = section(tree, "2017-06-28-demo").css("tbody tr")
    cells = [[td.text(strip=True) for td in r.css("td")] for r in rows]
    assert [c[1] for c in cells] == ["DR", "TV2 Lorry"]
    assert cells[0][0] == "28. jun. 2017 kl. 14.05"
    assert cells[0][2] == "artikel" and cells[1][2] == "tv-indslag"
    assert cells[0][4] == "0,62 (automatisk)"
    assert cells[0][5] == "score: 0.62; time: (delta_days: 0); mark: (hit: demonstrant, protest)"
    link = rows[0].css_first("a")
    assert link.attributes["href"] == "https://www.dr.dk/nyheder/regionale/kbh/demo"
    # The analyst-rejected link of Politiken's item is not listed.
    assert "Allerslev finder" not in section(tree, "2017-06-28-demo").text()
    brev = section(tree, "2017-06-27-brev").css("tbody tr")
    assert brev[1].css("td")[4].text(strip=True) == "– (tilføjet)"
    assert brev[1].css_first("a").attributes["href"].startswith("https://web.archive.org/")
    assert "Ingen omtale koblet endnu." in section(tree, "2017-07-anke").text()


def test_index_header_and_coverage_table(data):
    tree = HTMLParser(render_index(data, generated=GENERATED, timeline_href="timeline.html"))
    intro = tree.css_first("p").text()
    assert "Data senest indsamlet: 1. aug. 2017 kl. 08.00" in intro
    assert "12 emner i alt, heraf 1 uden dato" in intro
    head = [th.text() for th in tree.css("table.coverage thead th")]
    assert head == ["Medie", "jun. 2017", "I alt"]
    total = [td.text() for td in tree.css("table.coverage tr.total td")]
    assert total == ["10", "10"]


def test_hostile_titles_are_text_and_bad_urls_are_not_links(data):
    html = render_index(data, generated=GENERATED, timeline_href="timeline.html")
    tree = HTMLParser(html)
    assert tree.css("script") == [] and tree.css("img") == []
    assert HOSTILE_TITLES[0] in section(tree, "2017-06-27-brev").text()
    assert all(a.attributes["href"].startswith(("https://", "timeline")) for a in tree.css("a"))


def test_empty_database_still_renders():
    from mediespor.store.db import open_store

    store = open_store(None)
    html = render_index(load_timeline(store.con), generated=GENERATED, timeline_href="t.html")
    store.close()
    assert "aldrig (ingen emner endnu)" in html and "Ingen begivenheder." in html


def test_needs_a_date_lists_undated_unlinked_relevant_items_with_a_hint(data):
    tree = HTMLParser(render_index(data, generated=GENERATED, timeline_href="timeline.html"))
    sec = tree.css_first("section#mangler-dato")
    assert sec.css_first("h2").text() == "Mangler dato"
    cells = [[td.text(strip=True) for td in r.css("td")] for r in sec.css("tbody tr")]
    undated = next(i for i in data.items if i.title == "Udateret blogindlæg")
    assert cells == [["Udateret blogindlæg", "Reformramtes venner", "blogindlæg", undated.item_id]]
    assert "1 emne uden dato og uden kobling" in sec.text()
    assert "mediespor link add EMNE-ID BEGIVENHED" in sec.text()


def test_needs_a_date_links_to_the_source_and_says_when_none_are_left():
    store = open_store(None)
    add_event(store, *EVENTS[0])
    waiting = add_item(store, "DR", None, "Uden dato", url="https://www.dr.dk/uden-dato")
    yearly = add_item(
        store, "DR", start_of(dt.date(2017, 1, 1), "year"), "Kun et år",
        url="https://www.dr.dk/aar", published_precision="year",
    )  # fmt: skip
    link(store, yearly, EVENTS[0][0], 0.5)
    html = render_index(load_timeline(store.con), generated=GENERATED, timeline_href="t.html")
    sec = HTMLParser(html).css_first("section#mangler-dato")
    assert sec.css_first("a").attributes["href"] == "https://www.dr.dk/uden-dato"
    assert waiting in sec.text()
    rows = section(HTMLParser(html), EVENTS[0][0]).css("tbody tr")
    assert [r.css("td")[0].text() for r in rows] == ["2017"]  # a year-precision date
    link(store, waiting, EVENTS[0][0], None, status="added")
    html = render_index(load_timeline(store.con), generated=GENERATED, timeline_href="t.html")
    store.close()
    sec = HTMLParser(html).css_first("section#mangler-dato")
    assert sec.css("tr") == []
    assert "Ingen: alle relevante emner har en dato eller en kobling." in sec.text()
