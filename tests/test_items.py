"""Item versions: a real content change makes a version, a cosmetic one does not."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta

import pytest

from extract_pages import PARAS, page
from mediespor.danish_dates import CPH
from mediespor.extract import extract
from mediespor.extract.to_record import article_to_record
from mediespor.models import ItemRecord
from mediespor.store.db import open_store
from mediespor.store.items import upsert_item

URL = "https://www.avisen.dk/indland/vrede-over-nye-regler"
T0 = datetime(2017, 6, 29, 12, 0, tzinfo=UTC)


@pytest.fixture
def con(tmp_path):
    store = open_store(tmp_path / "t.duckdb")
    yield store.con
    store.close()


def _record(title: str, text: str, fetch_id: int, lead: str | None = "Ingress.") -> ItemRecord:
    return ItemRecord(
        outlet="Avisen", title=title, via="crawl", url=URL, source="avisen", lead=lead,
        text=text, fetch_id=fetch_id,
    )  # fmt: skip


def _versions(con):
    return con.execute(
        "SELECT version, fetch_id, title FROM item_versions ORDER BY version"
    ).fetchall()


def test_edited_headline_creates_version_two(con):
    text = "\n\n".join(PARAS)
    first = upsert_item(
        con,
        _record("Vrede over regler", text, 1),
        now=T0,
        run_id=None,
        relevant=None,
        topic_terms=None,
    )
    second = upsert_item(
        con, _record("Vrede over nye regler", text, 2), now=T0 + timedelta(days=1),
        run_id=None, relevant=None, topic_terms=None,
    )  # fmt: skip
    assert first.created and not second.created
    assert second.new_version
    assert _versions(con) == [(1, 1, "Vrede over regler"), (2, 2, "Vrede over nye regler")]
    assert con.execute("SELECT title, last_fetch_id FROM items").fetchall() == [
        ("Vrede over nye regler", 2)
    ]


def test_whitespace_changes_are_not_versions(con):
    text = "\n\n".join(PARAS)
    upsert_item(
        con,
        _record("Vrede over regler", text, 1),
        now=T0,
        run_id=None,
        relevant=None,
        topic_terms=None,
    )
    spaced = "\n\n\n".join("  " + p.replace(" ", "  ") + " " for p in PARAS)
    again = upsert_item(
        con, _record(" Vrede  over regler\n", spaced, 2), now=T0 + timedelta(days=1),
        run_id=None, relevant=None, topic_terms=None,
    )  # fmt: skip
    assert not again.new_version
    assert [v[0] for v in _versions(con)] == [1]


def test_refetched_page_with_a_sentence_removed_is_a_version(con):
    text = "\n\n".join(PARAS)
    upsert_item(
        con, _record("Vrede", text, 1), now=T0, run_id=None, relevant=None, topic_terms=None
    )
    shorter = "\n\n".join(PARAS[:2])
    again = upsert_item(
        con, _record("Vrede", shorter, 2), now=T0 + timedelta(days=1),
        run_id=None, relevant=None, topic_terms=None,
    )  # fmt: skip
    assert again.new_version
    assert con.execute("SELECT text FROM items").fetchone()[0] == shorter


def test_feed_teaser_after_full_text_is_a_sighting_not_a_version(con):
    upsert_item(
        con,
        _record("Vrede", "\n\n".join(PARAS), 1),
        now=T0,
        run_id=None,
        relevant=None,
        topic_terms=None,
    )
    teaser = ItemRecord(outlet="Avisen", title="Vrede", via="rss", url=URL, lead="Kort teaser.")
    again = upsert_item(con, teaser, now=T0, run_id=None, relevant=None, topic_terms=None)
    assert not again.new_version
    assert con.execute("SELECT count(*) FROM item_sightings").fetchone()[0] == 2


def test_tracking_markup_change_on_refetch_is_not_a_version(con):
    """The same page re-fetched with new tracking pixels and ad markup: one version."""
    fetched = datetime(2017, 6, 30, tzinfo=UTC)
    html1 = page(after='<img src="https://t.example/px?id=1" width="1" height="1">')
    html2 = page(
        head="<script>window.dataLayer=[{'session':'abc123'}];</script>",
        after='<div class="ad-slot"><span>Annonce</span></div><img src="https://t.example/px?id=2">',
    ).replace("<p>", "<p  >")
    for fetch_id, html in ((1, html1), (2, html2)):
        art = extract(html, URL, fetched)
        rec = article_to_record(
            art, outlet="Avisen", source="avisen", via="crawl", fetch_id=fetch_id
        )
        upsert_item(con, rec, now=fetched, run_id=None, relevant=None, topic_terms=None)
    assert [v[:2] for v in _versions(con)] == [(1, 1)]
    assert con.execute("SELECT last_fetch_id FROM items").fetchone()[0] == 2


def test_shorter_archive_capture_does_not_replace_the_live_text(con):
    text = "\n\n".join(PARAS)
    upsert_item(
        con, _record("Vrede", text, 1), now=T0, run_id=None, relevant=None, topic_terms=None
    )
    capture = ItemRecord(
        outlet="Avisen", title="Vrede", via="wayback", url=URL, source="wayback",
        archive_url="https://web.archive.org/web/20170630id_/" + URL,
        text="\n\n".join(PARAS[:1]), fetch_id=2,
    )  # fmt: skip
    again = upsert_item(con, capture, now=T0, run_id=None, relevant=None, topic_terms=None)
    assert not again.new_version
    assert con.execute("SELECT text FROM items").fetchone()[0] == text


def _dated(when: datetime | None, precision: str | None, source: str) -> ItemRecord:
    return ItemRecord(
        outlet="Avisen", title="Ny kurs", via=source, url=URL, published_at=when,
        published_precision=precision, date_source=source if when else None,
    )  # fmt: skip


def _date_row(con):
    con.execute("SET TimeZone = 'Europe/Copenhagen'")
    return con.execute(
        "SELECT strftime(published_at, '%Y-%m-%d %H:%M'), published_precision, date_source"
        " FROM items"
    ).fetchone()


@pytest.mark.parametrize(
    ("first", "then", "stored"),
    [
        # A month from a list, then the page's own time inside it: the finer date wins.
        ((datetime(2017, 6, 1, tzinfo=CPH), "month", "linklist"),
         (datetime(2017, 6, 28, 14, 5, tzinfo=CPH), "time", "jsonld"),
         ("2017-06-28 14:05", "time", "jsonld")),
        ((datetime(2017, 1, 1, tzinfo=CPH), "year", "import"),
         (datetime(2017, 6, 1, tzinfo=CPH), "month", "import:danish-month"),
         ("2017-06-01 00:00", "month", "import:danish-month")),
        ((datetime(2017, 6, 28, tzinfo=CPH), "day", "import"),
         (datetime(2017, 6, 28, 18, 30, tzinfo=CPH), "time", "jsonld"),
         ("2017-06-28 18:30", "time", "jsonld")),
        # Outside the stored span: a disagreement, not a refinement; the stored date stays.
        ((datetime(2017, 6, 1, tzinfo=CPH), "month", "linklist"),
         (datetime(2017, 7, 2, 9, 0, tzinfo=CPH), "time", "jsonld"),
         ("2017-06-01 00:00", "month", "linklist")),
        # Coarser than what is stored: never replaces it.
        ((datetime(2017, 6, 28, 14, 5, tzinfo=CPH), "time", "jsonld"),
         (datetime(2017, 6, 1, tzinfo=CPH), "month", "import"),
         ("2017-06-28 14:05", "time", "jsonld")),
        # Undated, then dated: the date fills the gap.
        ((None, None, "import"),
         (datetime(2017, 6, 1, tzinfo=CPH), "month", "import:danish-month"),
         ("2017-06-01 00:00", "month", "import:danish-month")),
    ],
)  # fmt: skip
def test_a_finer_date_inside_the_stored_span_replaces_it(con, first, then, stored):
    for when, precision, source in (first, then):
        upsert_item(con, _dated(when, precision, source), now=T0, run_id=None, relevant=True,
                    topic_terms=[])  # fmt: skip
    assert _date_row(con) == stored


def test_an_unknown_precision_never_refines_and_never_crashes(con):
    when = datetime(2017, 6, 28, 14, 5, tzinfo=CPH)
    upsert_item(con, _dated(when, "fortnight", "x"), now=T0, run_id=None, relevant=True,
                topic_terms=[])  # fmt: skip
    upsert_item(con, _dated(when, "time", "jsonld"), now=T0, run_id=None, relevant=True,
                topic_terms=[])  # fmt: skip
    assert _date_row(con) == ("2017-06-28 14:05", "fortnight", "x")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC), "ligger i fremtiden"),
        (datetime(1970, 1, 1, tzinfo=UTC), "er for gammel til at være troværdig"),
    ],
)
def test_list_item_with_a_date_out_of_range_is_stored_undated_with_a_note(con, value, reason):
    # No URL: the item is keyed by outlet, day and title, where 9999-12-31 used to overflow.
    listed = ItemRecord(
        outlet="Avisen", title="Vrede over nye regler", via="linklist", source="liste",
        published_at=value, published_precision="day", date_source="linklist",
    )  # fmt: skip
    res = upsert_item(con, listed, now=T0, run_id=None, relevant=None, topic_terms=None)
    assert res.created
    row = con.execute(
        "SELECT item_key, published_at, published_precision, date_source, provenance FROM items"
    ).fetchone()
    assert row[0] == "synthetic:avisen/udateret/vrede-over-nye-regler"
    assert row[1:4] == (None, None, None)
    provenance = json.loads(row[4])
    assert provenance["undated"] is True
    assert provenance["dates_rejected"] == [f"published_at: {value.isoformat()} {reason}"]


def test_an_item_stored_under_a_trailing_slash_is_found_by_the_folded_url(con):
    # Databases from before trailing slashes were folded hold "/x/" keys; "/x" is that item.
    import dataclasses

    text = "\n\n".join(PARAS)
    old = dataclasses.replace(_record("Vrede over regler", text, 1), url=URL + "/")
    first = upsert_item(con, old, now=T0, run_id=None, relevant=None, topic_terms=None)
    again = upsert_item(con, _record("Vrede over regler", text, 2), now=T0 + timedelta(days=1),
                        run_id=None, relevant=None, topic_terms=None)  # fmt: skip
    assert first.created and not again.created and again.item_id == first.item_id
    assert con.execute("SELECT count(*) FROM items").fetchone() == (1,)


LONG = " ".join(["Syge borgere venter længe på svar om førtidspension i København."] * 5)


def _at(url: str, text: str = LONG, fetch_id: int | None = 1, **kw) -> ItemRecord:
    return ItemRecord(outlet="Avisen", title="Samme sag", via="crawl", url=url, source="avisen",
                      lead="Ingress.", text=text, fetch_id=fetch_id, seen_url=url, **kw)  # fmt: skip


def test_same_body_under_another_url_of_the_site_is_one_item_with_two_sightings(con):
    first = upsert_item(con, _at(URL), now=T0, run_id=1, relevant=True, topic_terms=[])
    again = upsert_item(con, _at("https://avisen.dk/arkiv/samme-sag"), now=T0, run_id=1,
                        relevant=True, topic_terms=[])  # fmt: skip
    assert again.item_id == first.item_id and not again.created
    assert con.execute("SELECT url FROM items").fetchall() == [(URL,)]
    seen = con.execute("SELECT seen_url FROM item_sightings ORDER BY seen_url").fetchall()
    assert seen == [("https://avisen.dk/arkiv/samme-sag",), (URL,)]


@pytest.mark.parametrize(
    "other",
    [_at("https://www.andenavis.dk/samme-sag"),  # another site: its own item
     _at("https://avisen.dk/kort", text="Kort tekst."),  # too short to be sure
     _at("https://avisen.dk/import", fetch_id=None)],  # not a fetched page
)  # fmt: skip
def test_content_hash_merges_only_fetched_long_bodies_of_one_site(con, other):
    short = other.text == "Kort tekst."
    upsert_item(con, _at(URL, text=other.text) if short else _at(URL), now=T0, run_id=1,
                relevant=True, topic_terms=[])  # fmt: skip
    res = upsert_item(con, other, now=T0, run_id=1, relevant=True, topic_terms=[])
    assert res.created


def test_a_list_line_after_its_crawled_article_is_a_sighting_of_it(con):
    # Crawled first (28 June 22:30 UTC is 29 June in Copenhagen), then a curated list or a
    # corpus row names it by outlet, day and title: one item, the crawled text kept.
    crawled = ItemRecord(outlet="TV2 Lorry", title="Afslag stiger", via="wayback",
                         url="https://tv2lorry.dk/a", published_at=datetime(2017, 6, 28, 22, 30,
                         tzinfo=UTC), published_precision="time", text=LONG)  # fmt: skip
    first = upsert_item(con, crawled, now=T0, run_id=None, relevant=True, topic_terms=[])
    listed = ItemRecord(outlet="TV2 Lorry", title="Afslag stiger", via="linklist",
                        published_at=datetime(2017, 6, 29, tzinfo=CPH),
                        published_precision="day")  # fmt: skip
    again = upsert_item(con, listed, now=T0, run_id=None, relevant=True, topic_terms=[])
    assert again.item_id == first.item_id and not again.created and not again.new_version
    other_day = dataclasses.replace(listed, published_at=datetime(2017, 6, 30, tzinfo=CPH))
    third = upsert_item(con, other_day, now=T0, run_id=None, relevant=True, topic_terms=[])
    assert third.created  # another day: another item
    rows = con.execute("SELECT count(*), count(*) FILTER (WHERE text = ?) FROM items", [LONG])
    assert rows.fetchone() == (2, 1)
