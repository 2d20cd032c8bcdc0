"""Danish analysis: stems, compound heads, mentioned dates (amounts: test_amounts)."""

from __future__ import annotations

from datetime import date

from mediespor.link.analyse import (
    analyse_item,
    mentioned_dates,
    stems,
    term_bag,
    with_heads,
)


def test_inflections_meet_in_one_stem():
    assert stems("førtidspensionen")[0] == stems("førtidspension")[0]
    assert stems("Demonstranterne")[0] == stems("demonstranter")[0]


def test_stopwords_are_dropped_and_order_kept():
    assert stems("Borgmesteren og udvalget i København") == stems("borgmesteren udvalget københavn")


def test_compound_heads_are_added():
    out = with_heads(stems("førtidspensionssager beskæftigelsesborgmester"))
    assert "førtidspension" in out
    assert "borgmest" in out


def test_mentioned_dates_resolve_year_and_relative_words():
    ref = date(2017, 6, 29)
    assert mentioned_dates("demonstrationen onsdag den 28. juni", ref) == [date(2017, 6, 28)]
    assert mentioned_dates("mødet i går", ref) == [date(2017, 6, 28)]
    assert mentioned_dates("d. 28/6-2017", None) == [date(2017, 6, 28)]
    # A January article's "28. juni" is last June.
    assert mentioned_dates("siden 28. juni", date(2018, 1, 10)) == [date(2017, 6, 28)]
    # "på fredag" is the coming Friday.
    assert mentioned_dates("på fredag", ref) == [date(2017, 6, 30)]


def test_analyse_item_weighs_title_and_keeps_amounts_in_the_bag():
    a = analyse_item("Allerslev finder 13 millioner", "Til klagesager.", None, date(2017, 6, 29))
    bag = term_bag(a)
    assert bag.count("allerslev") == 2  # title words count twice
    assert "amount:13000000" in bag
    assert a.local_date == date(2017, 6, 29)
