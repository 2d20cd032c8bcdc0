"""Promoting a suggestion into events.yaml: valid YAML, comments kept, round trip."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from mediespor.config.events import load_events
from mediespor.errors import ConfigError, UsageError
from mediespor.link.promote import promote
from mediespor.link.suggest import Suggestion

REPO = Path(__file__).resolve().parents[1]

SUGGESTION = Suggestion(
    suggestion_id="0123456789ab",
    date_start=date(2017, 9, 8),
    date_end=date(2017, 9, 9),
    peak_day=date(2017, 9, 8),
    title='Samråd: "Hvad sker der i jobcentret?" # ministeren svarer',
    top_terms=("samråd", "ministeren", "jobcentret"),
    item_ids=("a", "b", "c", "d"),
    outlets=3,
    weight=12.5,
)


@pytest.fixture
def events_file(tmp_path):
    p = tmp_path / "events.yaml"
    shutil.copy(REPO / "events.yaml", p)
    return p


def test_promotion_round_trips_and_keeps_the_file(events_file):
    before = events_file.read_text(encoding="utf-8")
    done = promote(events_file, SUGGESTION, who="ane", today=date(2026, 11, 23))
    after = events_file.read_text(encoding="utf-8")
    assert after.startswith(before)  # comments and every existing entry untouched
    assert "# Promoted from suggestion 0123456789ab by ane on 2026-11-23" in after
    events = load_events(events_file)
    assert len(events) == 12
    new = events[-1]
    assert new == done.event
    assert new.event_id == "2017-09-08-samraad-ministeren"
    assert (new.date_start, new.date_end) == (date(2017, 9, 8), date(2017, 9, 9))
    assert new.title == SUGGESTION.title  # quotes, colon and '#' survive
    assert new.anchors == (
        "samråd + ministeren", "samråd + jobcentret", "ministeren + jobcentret",
    )  # fmt: skip
    assert new.kind == "other"


def test_given_id_title_and_kind_are_used_and_ids_stay_unique(events_file):
    promote(events_file, SUGGESTION, event_id="2017-09-08-samraad", title="Samråd", kind="meeting")
    again = promote(events_file, SUGGESTION)
    ids = [e.event_id for e in load_events(events_file)]
    assert "2017-09-08-samraad" in ids
    assert again.event.event_id == "2017-09-08-samraad-ministeren"
    third = promote(events_file, SUGGESTION)
    assert third.event.event_id == "2017-09-08-samraad-ministeren-2"
    with pytest.raises(UsageError, match="already"):
        promote(events_file, SUGGESTION, event_id="2017-06-28-demonstration")


def test_a_bad_id_leaves_the_file_as_it_was(events_file):
    before = events_file.read_text(encoding="utf-8")
    with pytest.raises(ConfigError):
        promote(events_file, SUGGESTION, event_id="Not A Valid Id")
    assert events_file.read_text(encoding="utf-8") == before
    assert list(events_file.parent.glob(".events.yaml.*")) == []
