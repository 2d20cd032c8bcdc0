"""Burst detection and event suggestions from unexplained coverage."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from mediespor.danish_dates import CPH
from mediespor.link.suggest import detect_bursts, load_suggestion, save_suggestions, suggest_events
from mediespor.models import ItemRecord
from mediespor.store.db import open_store
from mediespor.store.items import title_key, upsert_item

START = date(2017, 8, 1)
NOW = datetime(2026, 11, 23, tzinfo=UTC)


def test_a_three_day_burst_is_found_and_a_one_day_blip_is_not():
    counts = [1, 0, 1, 1, 0, 1, 0, 0, 1, 0] * 6  # 60 quiet days, ~0.5 items a day
    counts[30:33] = [7, 9, 6]  # a three-day burst
    counts[10] = 3  # a single busier day
    bursts = detect_bursts(counts, START)
    assert len(bursts) == 1
    b = bursts[0]
    assert (b.start, b.end) == (START + timedelta(30), START + timedelta(32))
    assert b.items == 22
    assert b.weight > 0


def test_no_bursts_in_a_flat_or_empty_series():
    assert detect_bursts([2] * 30, START) == []
    assert detect_bursts([], START) == []
    assert detect_bursts([0] * 10, START) == []


def _add(con, n, day, title, lead, outlet):
    for i in range(n):
        upsert_item(
            con,
            ItemRecord(
                outlet=outlet,
                title=f"{title} ({i})",
                via="feed",
                url=f"https://example.dk/{day.isoformat()}/{title_key(outlet)}/{title_key(title)}-{i}",
                lead=lead,
                published_at=datetime(day.year, day.month, day.day, 10, tzinfo=UTC),
            ),
            now=NOW,
            run_id=None,
            relevant=True,
            topic_terms=[],
        )


def _store_with_burst():
    store = open_store(None)
    with store.transaction() as con:
        for d in range(60):
            day = START + timedelta(d)
            if d % 3 == 0:
                _add(
                    con,
                    1,
                    day,
                    "Borgere kritiserer jobcentret",
                    "Lange sagsbehandlingstider.",
                    "DR",
                )
        for d, outlet in ((40, "DR"), (40, "Politiken"), (41, "TV2 Lorry"), (41, "DR")):
            _add(
                con, 3, START + timedelta(d),
                "Samråd om jobcentret i Folketinget",
                "Ministeren skal i samråd om førtidspension i København.", outlet,
            )  # fmt: skip
    return store


def test_suggestion_from_a_synthetic_burst_with_terms_and_items():
    with _store_with_burst() as store:
        found = suggest_events(store)
        assert len(found) == 1
        s = found[0]
        assert (s.date_start, s.date_end) == (START + timedelta(40), START + timedelta(41))
        assert len(s.item_ids) == 12
        assert s.outlets == 3
        assert "samråd" in s.top_terms
        assert s.title.startswith("Samråd om jobcentret")
        # Stable identity: the same data gives the same id.
        assert suggest_events(store)[0].suggestion_id == s.suggestion_id
        save_suggestions(store, found)
        assert load_suggestion(store, s.suggestion_id[:6]) == load_suggestion(
            store, s.suggestion_id
        )
        assert load_suggestion(store, s.suggestion_id).item_ids == s.item_ids


def test_linked_items_are_explained_and_do_not_make_a_burst():
    with _store_with_burst() as store:
        store.con.execute(
            "INSERT INTO item_events (item_id, event_id, status, linked_at)"
            " SELECT item_id, 'samraad', 'added', now() FROM items WHERE title LIKE 'Samråd%'"
        )
        assert suggest_events(store) == []
        # A rejected link explains nothing: the burst is back.
        store.con.execute("UPDATE item_events SET status = 'rejected'")
        assert len(suggest_events(store)) == 1


def test_month_dated_items_never_make_a_burst_on_the_first():
    store = open_store(None)
    with store.transaction() as con:
        for d in range(60):
            if d % 3 == 0:
                _add(
                    con, 1, START + timedelta(d), "Borgere kritiserer jobcentret", "Ventetid.", "DR"
                )
        for k, outlet in enumerate(("DR", "Politiken", "TV2 Lorry") * 4):
            upsert_item(
                con,
                ItemRecord(
                    outlet=outlet, title=f"Samråd om jobcentret ({k})", via="import",
                    url=f"https://example.dk/maaned/{k}", lead="Samråd om førtidspension.",
                    published_at=datetime(2017, 9, 1, tzinfo=CPH), published_precision="month",
                ),
                now=NOW, run_id=None, relevant=True, topic_terms=[],
            )  # fmt: skip
    assert suggest_events(store) == []
    # The same items known to the day do make one.
    store.con.execute("UPDATE items SET published_precision = 'day'")
    assert len(suggest_events(store)) == 1
    store.close()
