"""The page's item table: columns, safe URLs, lead budget, compression."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json

import pytest

from mediespor.date_interval import start_of
from mediespor.store.db import open_store
from mediespor.timeline.data import load_timeline
from mediespor.timeline.figure import build_figure
from mediespor.timeline.payload import LEAD_CHARS_MAX, build_table, encode, lead_limit
from timeline_db import HOSTILE_TITLES, add_item, build_demo


@pytest.fixture
def table_and_ids():
    store, ids = build_demo(None)
    data = load_timeline(store.con)
    store.close()
    tf = build_figure(data)
    return build_table(tf.items, data.events), tf, ids


def test_columns_follow_figure_order(table_and_ids):
    table, tf, ids = table_and_ids
    assert len(table["t"]) == len(tf.items) == 11
    pos = {i.item_id: n for n, i in enumerate(tf.items)}
    dr = pos[ids["demo_dr"]]
    assert table["t"][dr] == "Borgere demonstrerede foran Rådhuset"
    assert table["u"][dr] == "https://www.dr.dk/nyheder/regionale/kbh/demo"
    # [event number, suggested?, reason sentence ids]: no scores reach the activists' page.
    assert table["e"][dr] == [[1, 0, [0]], [2, 0, []]]
    assert table["sentences"][0] == "samme dag som begivenheden"
    lorry = table["e"][pos[ids["demo_lorry"]]]
    assert lorry[1][:2] == [2, 1] and table["sentences"][lorry[1][2][0]] == "nævner 13 millioner"
    assert table["kinds"][table["k"][pos[ids["demo_lorry"]]]] == "tv-indslag"
    assert table["r"][pos[ids["offtopic"]]] == 0 and table["r"][dr] == 1
    assert table["p"][dr] == 0 and table["p"][pos[ids["mio_pol"]]] == 1


def test_only_http_urls_survive(table_and_ids):
    table, tf, ids = table_and_ids
    pos = {i.item_id: n for n, i in enumerate(tf.items)}
    assert table["u"][pos[ids["jsurl"]]] == ""
    assert table["u"][pos[ids["dataurl"]]] == ""
    assert table["u"][pos[ids["gone_pol"]]].startswith("https://web.archive.org/")


def test_titles_stay_raw_for_textcontent_but_cannot_break_the_script(table_and_ids):
    table, _, _ = table_and_ids
    assert HOSTILE_TITLES[0] in table["t"]
    payload = encode(table)
    assert payload.encoding == "json"
    assert "<" not in payload.text and "</script" not in payload.text.lower()
    assert json.loads(payload.text) == table


def test_compressed_payload_round_trips(table_and_ids):
    table, _, _ = table_and_ids
    payload = encode(table, compress_above=0)
    assert payload.encoding == "gzip-base64"
    assert set(payload.text) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
    )
    assert json.loads(gzip.decompress(base64.b64decode(payload.text))) == table


def test_lead_budget_shrinks_with_item_count():
    assert lead_limit(100) == LEAD_CHARS_MAX
    assert lead_limit(10_000) == 280
    assert lead_limit(100_000) == 30
    assert lead_limit(10_000_000) == 0


def test_precision_codes_tell_the_page_month_and_year_apart():
    # Dates before the test store's "now" (1 Aug 2017): later ones are refused as in the future.
    store = open_store(None)
    for precision in ("time", "day", "month", "year"):
        add_item(
            store, "DR", start_of(dt.date(2017, 4, 12), precision), f"Emne {precision}",
            url=f"https://www.dr.dk/{precision}", published_precision=precision,
        )  # fmt: skip
    data = load_timeline(store.con)
    store.close()
    table = build_table(build_figure(data).items, data.events)
    codes = dict(zip(table["t"], table["p"], strict=True))
    assert codes == {"Emne time": 0, "Emne day": 1, "Emne month": 2, "Emne year": 3}
