"""reports/index.html: per-event coverage with reasons, outlet x month table, last collection."""

from __future__ import annotations

import datetime as dt

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from mediespor.date_interval import start_of
from mediespor.store.db import open_store
from mediespor.timeline.data import load_timeline
from mediespor.timeline.reports import SECTIONS, coverage_by_month, render_index
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


def test_index_lists_linked_items_in_date_order_with_danish_reasons(data):
    tree = HTMLParser(render_index(data, generated=GENERATED, timeline_href="timeline.html"))
    entries = section(tree, "2017-06-28-demo").css("ol.items li")
    metas = [li.css_first(".meta").text(strip=True) for li in entries]
    assert metas == [
        "28. jun. 2017 kl. 14.05 · DR · artikel",
        "28. jun. 2017 kl. 18.30 · TV2 Lorry · tv-indslag",
    ]
    assert entries[0].css_first(".why").text() == "Hvorfor koblet: samme dag som begivenheden."
    link = entries[0].css_first("a")
    assert link.attributes["href"] == "https://www.dr.dk/nyheder/regionale/kbh/demo"
    text = tree.body.text()
    # No raw scoring data or scores reach the activists' report.
    assert "0,62" not in text and "0.62" not in text and "delta_days" not in text
    # The analyst-rejected link of Politiken's item is not listed.
    assert "Allerslev finder" not in section(tree, "2017-06-28-demo").text()
    brev = section(tree, "2017-06-27-brev").css("ol.items li")
    assert brev[1].css_first(".why").text() == "Hvorfor koblet: tilføjet af en analytiker."
    assert brev[1].css_first("a").attributes["href"].startswith("https://web.archive.org/")
    mio = section(tree, "2017-06-29-mio")
    suggested = [li for li in mio.css("li") if li.css_first(".badge.suggested")]
    assert len(suggested) == 1 and "Vrede borgere" in suggested[0].text()
    assert "Hvorfor koblet: nævner 13 millioner." in suggested[0].text()
    anke = section(tree, "2017-07-anke").text()
    assert "Ingen omtale fundet endnu for denne begivenhed." in anke
    assert "ingen omtale endnu" in anke


def test_index_header_and_coverage_table(data):
    tree = HTMLParser(render_index(data, generated=GENERATED, timeline_href="timeline.html"))
    intro = tree.css_first("p").text()
    assert "Data senest indsamlet: 1. aug. 2017 kl. 08.00" in intro
    assert "12 omtaler i alt, heraf 1 uden dato" in intro
    head = [th.text() for th in tree.css("table.coverage thead th")]
    assert head == ["Medie", "jun. 2017", "I alt"]
    total = [td.text() for td in tree.css("table.coverage tr.total td")]
    assert total == ["10", "10"]


def test_sections_are_functions_a_new_one_can_join(data):
    def extra(d):
        return f"<h2>Ekstra</h2><p>{len(d.items)}</p>"

    html = render_index(
        data, generated=GENERATED, timeline_href="t.html", sections=(*SECTIONS, extra)
    )
    assert html.index("Begivenheder og deres omtale") < html.index("<h2>Ekstra</h2><p>12</p>")


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
    assert "aldrig (ingen omtale endnu)" in html and "Ingen begivenheder." in html


def test_needs_a_date_lists_undated_unlinked_relevant_items_with_a_hint(data):
    tree = HTMLParser(render_index(data, generated=GENERATED, timeline_href="timeline.html"))
    sec = tree.css_first("section#mangler-dato")
    assert sec.css_first("h2").text() == "Mangler dato"
    cells = [[td.text(strip=True) for td in r.css("td")] for r in sec.css("tbody tr")]
    undated = next(i for i in data.items if i.title == "Udateret blogindlæg")
    assert cells == [["Udateret blogindlæg", "Reformramtes venner", "blogindlæg", undated.item_id]]
    assert "1 blogindlæg uden dato og uden kobling" in sec.text()
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
    metas = section(HTMLParser(html), EVENTS[0][0]).css("ol.items .meta")
    assert [m.text() for m in metas] == ["2017 · DR · artikel"]  # a year-precision date
    link(store, waiting, EVENTS[0][0], None, status="added")
    html = render_index(load_timeline(store.con), generated=GENERATED, timeline_href="t.html")
    store.close()
    sec = HTMLParser(html).css_first("section#mangler-dato")
    assert sec.css("tr") == []
    assert "Ingen: alle relevante emner har en dato eller en kobling." in sec.text()
