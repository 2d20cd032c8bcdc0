"""Curated, title-only items: suggested links on the event's day, and the shipped list end to end."""

from __future__ import annotations

from datetime import date

import duckdb

from mediespor.config.events import Event
from mediespor.link.analyse import analyse_item
from mediespor.link.score import Idf, event_profile, prepare_event
from mediespor.link.suggest_curated import DAY_AFTER, SAME_DAY, curated_suggestions

DEMO_ID = "2017-06-28-demonstration"
MONEY_ID = "2017-06-29-13-millioner"


def _event(event_id, day, subject, end=None):
    return Event(event_id, day, end or day, "Titel", "", "other", subject, None, ("x + y",))


EVENTS = [
    _event("letter", date(2017, 6, 27), ("jobcenter", "førtidspension")),
    _event("demo", date(2017, 6, 28), ("førtidspension", "jobcenter")),
    _event("money", date(2017, 6, 29), ("sagsbehandling",)),
    _event("range", date(2017, 7, 10), ("ressourceforløb",), end=date(2017, 7, 21)),
]


def _suggest(title, day, precision=None):
    idf = Idf()
    prepared = [prepare_event(event_profile(e), idf) for e in EVENTS]
    return curated_suggestions(prepared, "x", analyse_item(title, None, None, day, precision))


def test_same_day_with_subject_overlap_is_suggested_and_beats_the_day_before():
    got = _suggest("Kampen om førtidspension i København", date(2017, 6, 28))
    assert [s.event_id for s in got] == ["demo"]  # not the letter of the day before
    assert got[0].reasons["suggested"]["reason"] == SAME_DAY
    assert got[0].reasons["suggested"]["shared"] == ["førtidspension"]


def test_evening_broadcast_the_day_after():
    got = _suggest("Førtidspension: hvad nu?", date(2017, 6, 30))
    assert [s.event_id for s in got] == []  # 29 June has no førtidspension subject
    got = _suggest("Sagsbehandlingen under lup", date(2017, 6, 30))
    assert [(s.event_id, s.reasons["suggested"]["reason"]) for s in got] == [("money", DAY_AFTER)]


def test_no_word_overlap_coarse_dates_and_no_date_suggest_nothing():
    assert _suggest("Sommer i byen", date(2017, 6, 28)) == []
    assert _suggest("Kampen om førtidspension", date(2017, 6, 1), "month") == []
    assert _suggest("Kampen om førtidspension", None) == []


def test_every_day_of_a_range_event_counts():
    for day in (date(2017, 7, 10), date(2017, 7, 15), date(2017, 7, 22)):
        assert [s.event_id for s in _suggest("Ressourceforløb i fokus", day)] == ["range"]
    assert _suggest("Ressourceforløb i fokus", date(2017, 7, 23)) == []


def _links(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT i.title, strftime(i.published_at AT TIME ZONE 'Europe/Copenhagen', '%Y-%m-%d'),"
            " l.event_id, l.status FROM items i JOIN item_events l ON l.item_id = i.item_id"
            " ORDER BY 2, 3"
        ).fetchall()
    finally:
        con.close()


def test_shipped_known_coverage_links_to_the_right_events_only(project, run_cli):
    """After a run with the shipped files, the 28 June segment is suggested for the
    demonstration, the 29 June segment linked to the 13 million, and nothing else linked."""
    result = run_cli("run", "--no-render", cwd=project)
    assert result.code == 0, result.err
    db = project / "data" / "mediespor.duckdb"
    links = _links(db)
    assert [(day, ev, status) for _title, day, ev, status in links] == [
        ("2017-06-28", DEMO_ID, "suggested"),
        ("2017-06-29", MONEY_ID, "auto"),
    ]
    item = links[0][0]
    con = duckdb.connect(str(db), read_only=True)
    item_id = con.execute("SELECT item_id FROM items WHERE title = ?", [item]).fetchone()[0]
    con.close()
    explained = run_cli("link", "--explain", item_id, cwd=project)
    assert explained.code == 0, explained.err
    assert SAME_DAY in explained.out
    assert "relevans: omtaler København" in explained.out
    # An analyst confirms the suggestion; the next linking pass keeps it.
    confirmed = run_cli("link", "confirm", item_id, DEMO_ID, "--by", "ane", cwd=project)
    assert confirmed.code == 0, confirmed.err
    assert "was suggested" in confirmed.out
    relinked = run_cli("link", cwd=project)
    assert relinked.code == 0, relinked.err
    # The linker still suggests it, but the analyst's row is kept as it is.
    assert "1 automatic links and 1 suggested" in relinked.out
    assert "1 analyst decisions kept" in relinked.out
    assert ("2017-06-28", DEMO_ID, "confirmed") in [(d, e, s) for _t, d, e, s in _links(db)]
