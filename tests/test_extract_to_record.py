"""article_to_record: canonical URL rules, listing hints, and storing the result."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from extract_pages import jsonld, page
from mediespor.extract import extract
from mediespor.extract.to_record import article_to_record, same_site
from mediespor.reference_time import reference_time
from mediespor.store.db import open_store
from mediespor.store.items import upsert_item

CPH = ZoneInfo("Europe/Copenhagen")
URL = "https://www.avisen.dk/indland/vrede-over-nye-regler?utm_source=rss"
FETCHED = datetime(2017, 6, 30, 10, 0, tzinfo=UTC)


def _rec(html: str, url: str = URL, **kw):
    kw.setdefault("outlet", "Avisen")
    kw.setdefault("source", "avisen")
    kw.setdefault("via", "crawl")
    kw.setdefault("fetch_id", 7)
    return article_to_record(extract(html, url, FETCHED), **kw)


def test_same_site():
    assert same_site("https://avisen.dk/a", "https://www.avisen.dk/b")
    assert same_site("https://nyheder.tv2.dk/a", "https://tv2.dk/b")
    assert not same_site("https://avisen.dk/a", "https://andenavis.dk/a")
    assert not same_site("https://avisen.dk/a", "mailto:x")


def test_same_site_canonical_becomes_the_item_url():
    rec = _rec(page(head='<link rel="canonical" href="https://avisen.dk/indland/vrede">'))
    assert rec.url == "https://avisen.dk/indland/vrede"
    assert rec.original_url == "https://www.avisen.dk/indland/vrede-over-nye-regler"
    assert rec.seen_url == URL
    assert rec.fetch_id == 7


def test_foreign_canonical_is_only_recorded():
    rec = _rec(page(head='<link rel="canonical" href="https://ritzau.dk/original">'))
    assert rec.url == "https://www.avisen.dk/indland/vrede-over-nye-regler"
    assert rec.provenance["foreign_canonical"] == "https://ritzau.dk/original"


def test_archive_capture_keeps_the_original_url():
    wayback = "https://web.archive.org/web/20170630id_/https://www.avisen.dk/indland/vrede"
    rec = _rec(
        page(head='<link rel="canonical" href="https://www.avisen.dk/indland/vrede">'),
        url=wayback,
        original_url="https://www.avisen.dk/indland/vrede",
        archive_url=wayback,
        via="wayback",
    )
    assert rec.url == "https://www.avisen.dk/indland/vrede"
    assert rec.archive_url == wayback


def test_listing_hint_dates_an_undated_page_and_says_so():
    hint = datetime(2017, 6, 29, 8, 15, tzinfo=UTC)
    rec = _rec(page(), hint_published=hint)
    assert rec.published_at == hint
    assert rec.date_source == "listing_hint"
    assert rec.published_precision == "time"
    undated = _rec(page())
    assert undated.published_at is None
    assert undated.provenance["undated"] is True


def test_page_date_beats_hint_and_disagreement_is_recorded():
    head = jsonld({"@type": "NewsArticle", "datePublished": "2017-06-28T10:00:00+02:00"})
    rec = _rec(page(head=head), hint_published=datetime(2017, 6, 29, tzinfo=UTC))
    assert rec.published_at == datetime(2017, 6, 28, 10, tzinfo=CPH)
    assert rec.date_source == "jsonld"
    assert any(d["source"] == "listing_hint" for d in rec.provenance["date_disagreements"])


def test_hint_outside_the_sane_range_is_dropped_with_a_note():
    reference = reference_time("feed", None, FETCHED)
    for bad in (datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC), datetime(1970, 1, 1, tzinfo=UTC)):
        article = extract(page(), URL, FETCHED)
        rec = article_to_record(article, outlet="Avisen", source="avisen", via="feed",
                                fetch_id=1, hint_published=bad, reference=reference)  # fmt: skip
        assert rec.published_at is None and rec.provenance["undated"] is True
        assert rec.provenance["dates_rejected"] == [
            f"listing_hint: {bad.isoformat()} "
            + ("ligger i fremtiden" if bad.year > 2000 else "er for gammel til at være troværdig")
        ]
        # The article's own provenance is not changed by the record built from it.
        assert "dates_rejected" not in article.provenance
    assert rec.provenance["reference_time"]["basis"] == "fetch"


def test_hint_after_a_capture_time_is_not_a_date_of_that_capture():
    reference = reference_time("wayback", {"extra": {"timestamp": "20170630120000"}}, None)
    rec = _rec(page(), via="wayback", hint_published=datetime(2020, 1, 1, tzinfo=UTC),
               reference=reference)  # fmt: skip
    assert rec.published_at is None
    assert rec.provenance["reference_time"]["value"] == "2017-06-30T12:00:00+00:00"


def test_stored_item_has_the_extracted_fields(tmp_path):
    head = (
        jsonld(
            {
                "@type": "NewsArticle",
                "headline": "Vrede over nye regler",
                "datePublished": "2017-06-29T14:32:00+02:00",
                "author": {"name": "Ida Holm"},
            }
        )
        + '<link rel="canonical" href="https://www.avisen.dk/indland/vrede">'
    )
    rec = _rec(page(head=head))
    with open_store(tmp_path / "t.duckdb") as store:
        with store.transaction() as con:
            upsert_item(con, rec, now=FETCHED, run_id=None, relevant=None, topic_terms=None)
        row = store.con.execute(
            "SELECT url, title, published_at, date_source, authors, language, kind,"
            " provenance->>'$.date_candidates[0].source', length(text) > 300 FROM items"
        ).fetchone()
    assert row[0] == "https://www.avisen.dk/indland/vrede"
    assert row[1] == "Vrede over nye regler"
    assert row[2] == datetime(2017, 6, 29, 14, 32, tzinfo=CPH)
    assert row[3:] == ("jsonld", ["Ida Holm"], "da", "article", "jsonld", True)


def test_the_item_keeps_what_the_page_says_about_itself():
    # Every field of the page's description (kind, lead, authors, section, language,
    # duration) reaches the item as the page gave it (the store writes each as it comes).
    head = jsonld(
        {
            "@type": "VideoObject",
            "name": "Demonstration ved Rådhuset",
            "description": "Omkring 150 mennesker mødte op.",
            "uploadDate": "2017-06-28T18:00:00+02:00",
            "duration": "PT2M30S",
            "articleSection": "København",
            "inLanguage": "da-DK",
            "author": [{"name": "Ida Holm"}, {"name": "Ole Berg"}],
        }
    )
    rec = _rec(page(head=head))
    assert (rec.kind, rec.lead, rec.authors, rec.section, rec.language, rec.duration_s) == (
        "video", "Omkring 150 mennesker mødte op.", ("Ida Holm", "Ole Berg"), "København", "da",
        150.0,
    )  # fmt: skip


def test_a_month_hint_stays_a_month_and_agrees_with_a_day_inside_it():
    june = datetime(2017, 6, 1, tzinfo=CPH)
    rec = _rec(page(), hint_published=june, hint_precision="month")
    assert (rec.published_at, rec.published_precision) == (june, "month")
    inside = jsonld({"@type": "NewsArticle", "datePublished": "2017-06-28T10:00:00+02:00"})
    rec = _rec(page(head=inside), hint_published=june, hint_precision="month")
    assert "date_disagreements" not in rec.provenance
    outside = jsonld({"@type": "NewsArticle", "datePublished": "2017-05-20T10:00:00+02:00"})
    rec = _rec(page(head=outside), hint_published=june, hint_precision="month")
    assert rec.provenance["date_disagreements"][0]["source"] == "listing_hint"
