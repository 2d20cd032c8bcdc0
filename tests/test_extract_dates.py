"""Page date signals: machine date formats, URL dates, choice and rejection."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from selectolax.lexbor import LexborHTMLParser

from mediespor.extract import dates
from mediespor.extract.dates import find_dates, parse_machine_date, url_date
from mediespor.extract.jsonld import read_jsonld
from mediespor.extract.meta import read_meta
from mediespor.extract.select import css

CPH = ZoneInfo("Europe/Copenhagen")


@pytest.mark.parametrize(
    ("raw", "expected", "precision"),
    [
        ("2017-06-29T14:32:00+02:00", datetime(2017, 6, 29, 14, 32, tzinfo=CPH), "time"),
        ("2017-06-29T12:32:00Z", datetime(2017, 6, 29, 14, 32, tzinfo=CPH), "time"),
        ("2017-06-29T14:32:00", datetime(2017, 6, 29, 14, 32, tzinfo=CPH), "time"),
        ("2017-06-29", datetime(2017, 6, 29, tzinfo=CPH), "day"),
        ("20170629", datetime(2017, 6, 29, tzinfo=CPH), "day"),
        ("Thu, 29 Jun 2017 14:32:00 +0200", datetime(2017, 6, 29, 14, 32, tzinfo=CPH), "time"),
        ("1498739520", datetime(2017, 6, 29, 12, 32, tzinfo=UTC), "time"),
        ("29. juni 2017 kl. 14.32", datetime(2017, 6, 29, 14, 32, tzinfo=CPH), "time"),
        ("June 29, 2017", datetime(2017, 6, 29, tzinfo=CPH), "day"),
        ("29. März 2017", datetime(2017, 3, 29, tzinfo=CPH), "day"),
        ("2017/06/29", datetime(2017, 6, 29, tzinfo=CPH), "day"),
    ],
)
def test_machine_dates(raw, expected, precision):
    value, prec = parse_machine_date(raw)
    assert value == expected
    assert value.tzinfo is not None
    assert prec == precision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Published\n             \n                Nov 19, 2019",
            datetime(2019, 11, 19, tzinfo=CPH),
        ),
        (
            "Lisa Berg  \n\n   Posted   August 3rd, 2017 by the desk",
            datetime(2017, 8, 3, tzinfo=CPH),
        ),
        ("Publié le\n\t\taoût 3, 2017", datetime(2017, 8, 3, tzinfo=CPH)),
        ("опубликовано января 5, 2017", datetime(2017, 1, 5, tzinfo=CPH)),
        # A month word inside a longer word opens no date.
        ("Xjune 29, 2017", None),
        ("13 \n\n 2019, 2017", None),
    ],
)
def test_a_date_led_by_its_month_word_is_read_after_any_layout(text: str, expected):
    found = dates._text_date(text)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize("raw", ["", "yesterday", "2017-13-45", "x" * 500, "0000-00-00"])
def test_not_machine_dates(raw):
    assert parse_machine_date(raw) is None


def test_offset_is_kept():
    value, _ = parse_machine_date("2017-06-29T14:32:00-05:00")
    assert value.utcoffset() == timedelta(hours=-5)
    assert value == datetime(2017, 6, 29, 19, 32, tzinfo=UTC)


@pytest.mark.parametrize(
    ("url", "expected", "precision"),
    [
        ("https://x.dk/2017/06/29/slug", datetime(2017, 6, 29, tzinfo=CPH), "day"),
        (
            "https://nyheder.tv2.dk/samfund/2017-03-15-slug",
            datetime(2017, 3, 15, tzinfo=CPH),
            "day",
        ),
        ("https://x.dk/a/20170629/slug", datetime(2017, 6, 29, tzinfo=CPH), "day"),
        ("https://information.dk/indland/2017/07/slug", datetime(2017, 7, 1, tzinfo=CPH), "month"),
        # One-digit month and day, between like separators.
        ("https://blog.example/home/2017/7/2/titel", datetime(2017, 7, 2, tzinfo=CPH), "day"),
        ("https://x.dk/nyt/2017-6-28-titel", datetime(2017, 6, 28, tzinfo=CPH), "day"),
        # A number opening the slug is not a day.
        ("https://x.dk/2023/10/3-spoergsmaal-til/", datetime(2023, 10, 1, tzinfo=CPH), "month"),
    ],
)
def test_url_dates(url, expected, precision):
    sig = url_date(url)
    assert sig is not None
    assert sig.value == expected
    assert sig.precision == precision
    assert sig.source == "url"


@pytest.mark.parametrize(
    "url",
    [
        "https://x.dk/artikel/922379",
        "https://x.dk/2017/13/40/x",
        "https://2017.dk/06/",
        "https://x.dk/2017/6-28/x",
        "https://x.dk/2017/2/30/x",
    ],
)
def test_urls_without_dates(url):
    assert url_date(url) is None


def _dates(html: str, url: str = "https://x.dk/a", fetched_at=None):
    tree = LexborHTMLParser(html)
    return find_dates(tree, url, read_jsonld(tree).article, read_meta(tree), fetched_at)


def test_modified_date_is_separate_from_published():
    d = _dates(
        '<meta property="article:published_time" content="2017-06-29T10:00:00+02:00">'
        '<meta property="article:modified_time" content="2017-06-30T08:00:00+02:00">'
    )
    assert d.published.value == datetime(2017, 6, 29, 10, tzinfo=CPH)
    assert d.modified.value == datetime(2017, 6, 30, 8, tzinfo=CPH)
    assert d.modified.source == "meta:article:modified_time"


def test_too_old_dates_are_rejected():
    d = _dates('<meta name="date" content="1970-01-01">')
    assert d.published is None
    assert d.rejected


def test_day_from_url_beats_a_month_from_nothing_better():
    d = _dates(
        "<p>x</p>", url="https://x.dk/2017/06/slug", fetched_at=datetime(2018, 1, 1, tzinfo=UTC)
    )
    assert d.published.precision == "month"
    assert d.published.value == datetime(2017, 6, 1, tzinfo=CPH)


def test_top_signal_outvoted_by_two_agreeing_signals():
    d = _dates(
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2015-01-16"}</script>'
        '<meta property="article:published_time" content="2017-12-01T10:00:00+01:00">'
        '<body><time datetime="2017-12-01">1. december 2017</time></body>'
    )
    assert d.published.value.date().isoformat() == "2017-12-01"
    assert {s.source for s in d.disagreements} == {"jsonld"}


def test_single_disagreeing_signal_does_not_outvote_the_top_one():
    d = _dates(
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2017-06-29"}</script>'
        '<body><time datetime="2017-06-25">25. juni</time></body>'
    )
    assert d.published.source == "jsonld"


def test_page_text_date_when_nothing_else_and_scripts_ignored():
    d = _dates(
        "<body><script>var build = '2011-01-01';</script><p>Nyhed</p>"
        "<p>Skrevet 14.03.2019 af redaktionen</p><p>Sidst rettet 14.03.2019</p>"
        "<p>Kilde fra 2. februar 2018</p></body>",
        fetched_at=datetime(2020, 1, 1, tzinfo=UTC),
    )
    assert d.published.source == "page_text"
    assert d.published.value.date().isoformat() == "2019-03-14"


def test_script_state_date_for_javascript_pages():
    d = _dates(
        '<body><script>window.__STATE__={"createdAt":"2022-01-31T15:58:43+01:00"}</script></body>'
    )
    assert d.published.source == "script"
    assert d.published.value == datetime(2022, 1, 31, 15, 58, 43, tzinfo=CPH)
    assert d.published.raw == '"createdAt":"2022-01-31T15:58:43+01:00"'


@pytest.mark.parametrize(
    ("script", "raw"),
    [
        ("var s = {'pubDate': '2019-05-02'};", "'pubDate': '2019-05-02'"),
        ("publishDate = '2019-05-02'", "publishDate = '2019-05-02'"),
        ('firstPublishedAt: "2019-05-02"', 'firstPublishedAt: "2019-05-02"'),
        # Keys in any case, with or without "_", as analytics calls write them.
        ('dataLayer.push({"PUBLISH_DATE": "2019/05/02"});', '"PUBLISH_DATE": "2019/05/02"'),
        ("track('view', {article_date: '2019-05-02 09:15'})", "article_date: '2019-05-02 09:15'"),
        # Next.js page state names the publishing start so.
        (
            '{"props": {"article": {"startDate": "2019-05-02T12:44:00+00:00"}}}',
            '"startDate": "2019-05-02T12:44:00+00:00"',
        ),
        # A bare epoch, as Date.now() writes it (seconds or milliseconds).
        ("render({releaseDate: 1556788500000})", "releaseDate: 1556788500000"),
    ],
)
def test_script_date_keeps_the_key_as_written(script, raw):
    d = _dates(f"<body><script>{script}</script></body>")
    assert d.published.source == "script"
    assert d.published.raw == raw
    assert d.published.value.date().isoformat() == "2019-05-02"


def test_utc_timestamp_is_shown_in_the_offset_another_signal_states():
    # JSON-LD in UTC, the same moment with the newsroom's own offset in a meta tag.
    d = _dates(
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2019-10-18T22:04:00Z"}</script>'
        '<meta name="date" content="Sat, 19 Oct 2019 00:04:00 +0200">'
    )
    assert d.published.source == "jsonld"
    assert d.published.value.isoformat() == "2019-10-19T00:04:00+02:00"
    assert not d.disagreements


def test_url_day_is_the_local_day_of_a_utc_timestamp_near_midnight():
    d = _dates(
        '<meta property="article:published_time" content="2023-11-09T05:30:59+00:00">',
        url="https://news.example/2023/11/08/mayor-elected/",
    )
    assert d.published.source == "url"
    assert d.published.value.date().isoformat() == "2023-11-08"


def test_url_day_no_time_zone_reaches_does_not_override_a_utc_timestamp():
    # 10:04 UTC is already the 9th from Hawaii eastwards: the URL's 8th is a draft date.
    d = _dates(
        '<meta property="article:published_time" content="2020-07-09T10:04:04Z">',
        url="https://news.example/politics/2020/07/08/slug/",
    )
    assert d.published.source == "opengraph"
    assert d.published.value.date().isoformat() == "2020-07-09"


def test_url_day_well_before_the_metadata_date_is_the_original_publication():
    # A CMS that refreshes datePublished on every edit: the URL keeps the day it was made.
    url = "https://blog.example/home/2017/7/12/titel"
    ld = '<script type="application/ld+json">{"@type": "BlogPosting", "datePublished": "%s"}</script>'
    assert _chosen(ld % "2019-06-17T18:28:00+02:00", url=url) == ("url", "2017-07-12")
    # A day apart is a time-zone matter, not a re-publication: the metadata stays.
    assert _chosen(ld % "2017-07-13T08:00:00+02:00", url=url) == ("jsonld", "2017-07-13")


def test_canonical_url_dates_a_page_fetched_under_a_short_url():
    canonical = '<link rel="canonical" href="https://avisen.example/2017/06/28/demonstration">'
    assert _chosen(canonical, url="https://avisen.example/a/922379") == ("url", "2017-06-28")
    # The fetched URL's own date comes first.
    assert _chosen(canonical, url="https://avisen.example/2017/06/29/x") == ("url", "2017-06-29")


def test_local_offset_timestamp_is_not_moved_to_the_url_day():
    d = _dates(
        '<meta property="article:published_time" content="2023-11-09T00:30:00+01:00">',
        url="https://news.example/2023/11/08/slug/",
    )
    assert d.published.source == "opengraph"


def test_visible_date_in_a_reader_comment_is_skipped():
    d = _dates(
        "<body><article><h1>Indlæg</h1><p>Tekst</p>"
        '<ol class="commentlist"><li class="comment"><div class="comment-meta">'
        "15. december 2015 kl. 11.21 · Svar</div><p>Tak!</p></li></ol>"
        '<p class="dateline">14. december 2015</p></article></body>',
        fetched_at=datetime(2020, 1, 1, tzinfo=UTC),
    )
    assert d.published.value.date().isoformat() == "2015-12-14"


def _chosen_of(d) -> tuple[str, str]:
    """The chosen publication date's source and day."""
    return d.published.source, d.published.value.date().isoformat()


def _chosen(html: str, **kw) -> tuple[str, str]:
    """The chosen publication date's source and day for a page."""
    return _chosen_of(_dates(html, **kw))


def test_submitted_line_of_a_cms_is_a_date_line():
    assert _chosen(
        "<body><article><h1>Hackathon</h1><p>Tekst om mødet.</p>"
        '<div class="submitted">Skrevet af redaktionen den 24. juli 2017 - 18:55</div>'
        "</article></body>"
    ) == ("visible_text", "2017-07-24")


def test_date_line_under_the_headline_beats_a_lone_time_element():
    # The only <time> belongs to a teaser in the sidebar; the page's own date line is classed.
    d = _dates(
        '<body><aside><a href="/x"><time datetime="2018-03-12">12/3</time> Andet</a></aside>'
        '<article><h1>Kommentar</h1><div class="PublishDate"><span>Tirsdag,</span>'
        "<span> 29. januar 2019</span></div><p>Tekst.</p></article></body>"
    )
    assert (d.published.source, str(d.published.value.date())) == ("visible_text", "2019-01-29")
    assert [s.source for s in d.disagreements] == ["time_element"]


@pytest.mark.parametrize(
    "elsewhere",
    [
        # A sidebar widget of recent posts, each with its own date.
        '<div class="widget recent-posts"><ul><li><a href="/y">Andet</a>'
        '<span class="post-date">09/09/2019</span></li></ul></div>',
        # A link to another page whose title carries that page's date.
        '<p><a class="Publication" href="/pm34">Pressemeddelelse fra 8. november 2019</a></p>',
        '<aside><p class="date">9. september 2019</p></aside>',
    ],
)
def test_date_lines_of_other_pages_are_not_the_page_date(elsewhere):
    d = _dates(
        f"<body>{elsewhere}<article><h1>Nyhed</h1><p>Tekst.</p>"
        '<p class="dateline">27. september 2016</p></article></body>'
    )
    assert _chosen_of(d) == ("visible_text", "2016-09-27")


def test_date_line_beside_the_headline_beats_the_site_headers_date_of_today():
    # The site header's "today" comes first on the page, and is no teaser or comment.
    d = _dates(
        '<body><div id="top"><div class="header-info"><span class="today-date">'
        "Mandag 3. juli 2017</span></div></div>"
        '<div id="main"><div class="article-head"><h1>Ny aftale om fleksjob</h1>'
        '<div class="meta"><span class="dato">29. juni 2017</span></div></div>'
        "<p>Tekst.</p></div></body>"
    )
    assert _chosen_of(d) == ("visible_text", "2017-06-29")


def test_a_date_line_far_from_the_headline_is_still_found():
    d = _dates(
        "<body><article><header><h1>Nyhed</h1></header><div><div><div><p>Tekst.</p>"
        '<p class="dateline">27. september 2016</p></div></div></div></article></body>'
    )
    assert _chosen_of(d) == ("visible_text", "2016-09-27")


def test_opinion_piece_header_is_not_a_reader_comment():
    d = _dates(
        '<body><article><h1>Kommentar</h1><div class="ArticleHeaderComment_publishDate">'
        "29. januar 2019</div><p>Tekst.</p></article>"
        '<section class="UserComments"><div class="UserComment"><span class="date">'
        "30. januar 2019</span><p>Enig!</p></div></section></body>"
    )
    assert _chosen_of(d) == ("visible_text", "2019-01-29")


def test_page_text_date_ignores_repeated_comment_dates():
    comments = "".join(
        f'<li class="comment"><p>Skrevet 3. juni 2016</p><p>svar {i}</p></li>' for i in range(3)
    )
    d = _dates(
        f"<body><p>Opslag fra 14.12.2015</p><p>Ændret 14.12.2015</p>"
        f'<ul id="comments">{comments}<li><ul class="children">{comments}</ul></li></ul></body>',
        fetched_at=datetime(2020, 1, 1, tzinfo=UTC),
    )
    assert d.published.source == "page_text"
    assert d.published.value.date().isoformat() == "2015-12-14"


def test_share_image_upload_day_is_the_last_resort():
    d = _dates(
        '<meta property="og:image" content="https://x.org/files/2016/05/04/report-og.png">'
        "<body><p>Årsrapport</p></body>",
        url="https://x.org/report/index.html",
        fetched_at=datetime(2020, 1, 1, tzinfo=UTC),
    )
    assert d.published.source == "image_url"
    assert d.published.value.date().isoformat() == "2016-05-04"


def test_share_image_month_folder_does_not_date_a_page():
    d = _dates(
        '<meta property="og:image" content="https://x.org/wp-content/uploads/2016/05/map.png">'
        "<body><p>Om os</p></body>",
        url="https://x.org/about/",
        fetched_at=datetime(2020, 1, 1, tzinfo=UTC),
    )
    assert d.published is None


# The date patterns check "nothing number-like before it" just after a match's first digit,
# which is faster than a leading look-behind; these are the look-behind forms they replaced.
_REFERENCE = {
    "_YEAR_ANCHOR": r"(?<!\d)(?:(?:19|20)\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2})(?!\d)",
    "_NUM_YMD": r"(?<!\d)(?P<y>(?:19|20)\d{2})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})(?!\d)",
    "_NUM_DMY": r"(?<![\d.])(?P<d>[0-3]?\d)\.[\s\u2009\u202f]?(?P<m>[01]?\d)\.[\s\u2009\u202f]?"
    r"(?P<y>(?:19|20)\d{2})(?!\d)",
}
_TRICKY = [
    "2017",
    "12017 20170 x2017 .2017 2017.",
    "29.06.2017 129.06.2017 a29.06.2017 .29.06.2017 9.6.2017 39.6.2017 49.6.2017",
    "2017/06/29 12017/06/29 2017.6.29 x2017/6/29",
    "29/6 17 29.6.17 1.1.19 11.11.1999 2.12.19.",
    "den 4. 2. 2022 og 04.\u200902.\u20092022, 999. 1. 2020",
]


@pytest.mark.parametrize("name", sorted(_REFERENCE))
def test_fast_date_patterns_match_their_look_behind_forms(name):
    fast, reference = getattr(dates, name), re.compile(_REFERENCE[name])
    for text in _TRICKY:
        got = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
        want = [(m.span(), m.groupdict()) for m in reference.finditer(text)]
        assert got == want, text


def test_fast_day_month_year_pattern_matches_its_look_behind_form():
    reference = re.compile(
        r"(?<!\w)(?P<d>\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(?P<m>"
        + dates._MONTH_ALT
        + r")\.?,?\s+(?:de\s+)?(?P<y>(?:19|20)\d{2})(?!\d)",
        re.I,
    )
    for text in [
        "29. juni 2017",
        "x29. juni 2017",
        "129 June 2017",
        "1st March 2019",
        "5 Mai 2020",
    ]:
        got = [(m.span(), m.groupdict()) for m in dates._TEXT_DMY.finditer(text)]
        assert got == [(m.span(), m.groupdict()) for m in reference.finditer(text)], text


def test_unclassed_date_line_under_the_headline_dates_the_page():
    # The first <h1> is the site's hidden logo; the headline's date line has no date-like class,
    # and the text names another day twice (the day a law takes effect).
    d = _dates(
        '<body><h1 class="aural">Styrelsen</h1><div id="content">'
        "<h1>Ny regel for fleksjob</h1><div><span>Udsendt:</span> <span>18.10.2021</span></div>"
        "<p>Reglen gælder fra 1. januar 2022.</p><p>Fra 1. januar 2022 skal kommunen svare.</p>"
        "</div></body>"
    )
    assert _chosen_of(d) == ("visible_text", "2021-10-18")


def test_a_standfirst_that_names_a_day_is_no_date_line():
    # Short enough to be a line, but a sentence about another day, not the page's date line.
    d = _dates(
        "<body><h1>Ny regel</h1><p>Kommunerne skal følge reglen fra 1. januar 2022, siger"
        ' ministeren.</p><p>Tekst.</p><time datetime="2021-10-18T09:00:00+02:00">18/10</time>'
        "</body>"
    )
    assert _chosen_of(d) == ("time_element", "2021-10-18")


@pytest.mark.parametrize(
    ("raw", "day"),
    [("2021-11-04T23:00Z", "2021-11-05"), ("2017-06-27T22:00:00.000Z", "2017-06-28")],
)
def test_local_midnight_written_in_utc_is_that_local_day(raw, day):
    # A CMS that stores a day writes its local midnight converted to UTC.
    d = _dates(f'<meta property="article:published_time" content="{raw}">')
    assert (d.published.value.date().isoformat(), d.published.precision) == (day, "day")


def test_a_utc_time_that_is_not_local_midnight_keeps_its_day_and_minute():
    d = _dates('<meta property="article:published_time" content="2021-11-04T23:05:00Z">')
    assert (d.published.value.date().isoformat(), d.published.precision) == ("2021-11-04", "time")


@pytest.mark.parametrize("key", ["date", "DC.date", "dcterms.date"])
def test_visible_date_line_goes_before_a_bare_date_meta(key):
    # The bare "date" meta holds the day the page was generated; the date line is the story's.
    d = _dates(
        f'<meta name="{key}" content="2020-04-30"><body><h1>Lejere strejker</h1>'
        '<ul><li class="Date">29.04.2020, 12:01</li></ul><p>Tekst.</p></body>'
    )
    assert _chosen_of(d) == ("visible_text", "2020-04-29")
    assert [s.source for s in d.disagreements] == [f"meta:{key.lower()}"]


def test_a_published_meta_goes_before_a_visible_date_line():
    d = _dates(
        '<meta name="pubdate" content="2020-04-30"><body><h1>Lejere strejker</h1>'
        '<ul><li class="Date">29.04.2020, 12:01</li></ul><p>Tekst.</p></body>'
    )
    assert _chosen_of(d) == ("meta:pubdate", "2020-04-30")


def test_a_labelled_publication_date_goes_before_a_lone_time_element():
    # The only <time> is a teaser's; the episode page says when it was published in words.
    d = _dates(
        "<body><h1>Afsnit 158</h1><p>Lyt her.</p>"
        "<p>Veröffentlicht am 16.08.2019<br>Dauer: 1 Stunde</p>"
        '<ul><li><a href="/n">Næste afsnit</a> <time datetime="2019-08-24T03:36">24/8</time>'
        "</li></ul></body>"
    )
    assert _chosen_of(d) == ("visible_text", "2019-08-16")
    assert d.published.raw == "Veröffentlicht am 16.08.2019"


@pytest.mark.parametrize(
    "label",
    [
        "Erscheinungsdatum: 14.08.2017",  # a book's release day: the word only ends in "datum"
        "Datenbank sagt: 18. März 2009",  # "Daten" is no "Date"
        "Published in 2009, revised 18. März 2009",  # the date does not follow the label
    ],
)
def test_words_that_only_look_like_a_label_date_nothing(label):
    d = _dates(f"<body><h1>Anmeldelse</h1><p>Tekst.</p><p>{label} - mere tekst her.</p></body>")
    assert d.published is None or d.published.source == "page_text"


def test_labelled_dates_in_reader_comments_and_scripts_date_nothing():
    d = _dates(
        "<body><h1>Indlæg</h1><p>Tekst uden dato.</p>"
        "<script>var cfg = {label: 'Published on 01.02.2021'};</script>"
        '<div id="comments"><div class="comment">Posted on 03.03.2021 by Ida: Enig!</div></div>'
        "</body>"
    )
    assert d.published is None


def test_a_labelled_date_goes_before_a_date_classed_element_elsewhere():
    # A box of event facts with an "info" class dates the event; the label dates the release.
    d = _dates(
        "<body><header><h1>Ny formand valgt</h1></header><p>Tekst om valget.</p>"
        "<p>Mere tekst.</p><p>Og mere.</p><p>Slut.</p>"
        '<div class="eventinfo">Mødet blev holdt 15.10.2021</div>'
        '<div class="eventbox"><span>Udgivet:</span> <b>13.10.2021</b></div></body>'
    )
    assert _chosen_of(d) == ("visible_text", "2021-10-13")


@pytest.mark.parametrize(
    "meta",
    [
        # An update label before the publication label, in one date line.
        '<div class="meta">Opdateret 30. juni 2017 · Publiceret 28. juni 2017</div>',
        '<div class="meta">Updated June 30, 2017 Published June 28, 2017</div>',
        # A "last-updated" line (its class matches "date") before the date line.
        '<p class="last-updated">Sidst opdateret: 30.06.2017</p><p class="dateline">28.06.2017</p>',
    ],
)
def test_an_update_label_does_not_date_the_page_when_a_publication_date_is_there(meta):
    d = _dates(f"<body><article><h1>Nyhed</h1>{meta}<p>Tekst.</p></article></body>")
    assert _chosen_of(d) == ("visible_text", "2017-06-28")


def test_an_update_date_alone_dates_the_page():
    # Better the day it was last changed than no day: the page existed then.
    d = _dates(
        '<body><article><h1>Nyhed</h1><p class="last-updated">Sidst opdateret: 30.06.2017</p>'
        "<p>Tekst.</p></article></body>"
    )
    assert _chosen_of(d) == ("visible_text_updated", "2017-06-30")
    assert d.modified == d.published


@pytest.mark.parametrize(
    "page",
    [
        # A press release: kind and day over the headline, a related item's date further on.
        '<main><article><p class="kicker">Pressemeddelelse | 29. juni 2017</p>'
        "<h1>Flere sagsbehandlere</h1><p>Tekst om sagerne.</p></article>"
        '<section class="related"><p class="date">22. juni 2017</p></section></main>',
        # A sentence over the headline that names another day is no date line.
        "<main><article><p>Udvalget mødes igen den 3. juli 2017 for at gøre status over "
        "ventetiderne i jobcentrene.</p><h1>Flere sagsbehandlere</h1>"
        '<p class="dateline">29. juni 2017</p><p>Tekst.</p></article></main>',
    ],
)
def test_a_date_line_over_the_headline_dates_the_page(page):
    assert _chosen(f"<body>{page}</body>") == ("visible_text", "2017-06-29")


@pytest.mark.parametrize(
    "around",
    [
        '<aside><ul><li><a href="/a">Andet</a> 29. juni 2017</li></ul></aside>',
        '<div class="post-related"><h3>Relateret</h3><p>Andet indlæg, 30/6-2017</p></div>',
        '<nav class="pager"><span>Forrige: Andet indlæg (27.06.2017)</span></nav>',
    ],
)
def test_other_pages_dates_do_not_date_an_undated_page(around):
    d = _dates(
        f"<body><article><h1>Nyhed</h1><p>Tekst uden dato.</p></article>{around}</body>",
        fetched_at=datetime(2017, 7, 1, tzinfo=UTC),
    )
    assert d.published is None


def test_the_page_text_date_outside_other_pages_blocks_still_dates_the_page():
    d = _dates(
        "<body><article><h1>Nyhed</h1><p>Udvalget holdt møde 14.12.2015, og det besluttede at "
        "fortsætte arbejdet med de ældste sager i jobcentrene.</p></article>"
        "<aside><p>Andet indlæg 3. juni 2016</p><p>Tredje 3. juni 2016</p></aside></body>",
        fetched_at=datetime(2020, 1, 1, tzinfo=UTC),
    )
    assert _chosen_of(d) == ("page_text", "2015-12-14")


def test_the_date_over_a_site_header_logo_is_no_date_line():
    # The site's "today" over its logo <h1>; the article under its own <h1> names no day.
    d = _dates(
        '<body><header class="site"><div class="topbar">Mandag 3. juli 2017</div>'
        '<h1 class="logo"><a href="/">Lokalavisen</a></h1></header>'
        "<main><article><h1>Borgere venter</h1><p>Tekst uden dato.</p></article></main></body>",
        fetched_at=datetime(2017, 7, 3, 8, tzinfo=UTC),
    )
    # Not read as a date line over a headline. (The page-text fallback still counts the day:
    # site headers are not cut from the text it reads.)
    assert d.published is None or d.published.source != "visible_text"


@pytest.mark.parametrize(
    "text",
    [
        "Mødet 28.06.2017 og igen 1.7.17, i 1919 og 2017/18 samt 12/3/2019.",
        "19192020 2019.1.1.17 .5.6.17 /1/2/17 ٢٠١٧ 28.06.٢٠ ２０１９年 x19 20",
        "3.4.56.7.89/10/11 0.1.2 2020202 19.19.19 1.2.3",
        "",
        ".",
        "1.",
        "20",
    ],
)
def test_year_anchors_are_those_a_scan_of_the_pattern_finds(text):
    # The places the page-text date search looks around: found from "19", "20" and the
    # separators, they are the same matches as the pattern's own scan of every position,
    # with Unicode digits as \d reads them and look-backs into what precedes each place.
    scanned = [(m.span(), m.group(0)) for m in dates._YEAR_ANCHOR.finditer(text)]
    assert [(m.span(), m.group(0)) for m in dates._year_anchors(text)] == scanned


def test_year_anchors_match_the_scan_on_random_digit_text():
    rnd = random.Random(15)
    alphabet = "0123456789./ 1920a-٣２"
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
        scanned = [m.span() for m in dates._YEAR_ANCHOR.finditer(text)]
        assert [m.span() for m in dates._year_anchors(text)] == scanned, text


def _random_named_page(rng: random.Random) -> str:
    """Nested elements whose classes and ids mix date cues, other words and letter cases."""
    words = ["date", "time", "publi", "byline", "meta", "posted", "datum", "dato", "info"]
    words += ["submitted", "subline", "created", "fecha", "parution", "comment", "post", "x"]

    def name() -> str:
        picked = "-".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
        cased = "".join(c.upper() if rng.random() < 0.3 else c for c in picked)
        return cased.replace("i", "\u0130", 1) if rng.random() < 0.1 else cased

    def element(depth: int) -> str:
        attrs = ""
        if rng.random() < 0.6:
            attrs += f' class="{name()}"'
        if rng.random() < 0.3:
            attrs += f' id="{name()}"'
        if rng.random() < 0.05:
            attrs += " class" if "class" not in attrs else " id"
        tag = rng.choice(["div", "span", "p", "section", "time"])
        inner = "".join(element(depth + 1) for _ in range(rng.randint(0, 3))) if depth < 4 else ""
        return f"<{tag}{attrs}>t{inner}</{tag}>"

    return f"<html><body>{''.join(element(0) for _ in range(8))}</body></html>"


def test_date_classed_reports_elements_as_the_selector_list_does():
    # _first_visible counts every report against its budget: each element must come as often,
    # and in the same order, as Lexbor's selector list reports it (once per part matched).
    rng = random.Random(15)
    for _ in range(200):
        tree = LexborHTMLParser(_random_named_page(rng))
        for root in (tree.root, tree.body):
            listed = [n.mem_id for n in css(root, dates._DATE_CLASSES)]
            assert [n.mem_id for n in dates._date_classed(root)] == listed


@pytest.mark.parametrize(("undated", "found"), [(20, True), (21, False)])
def test_date_line_budget_counts_each_class_cue(undated, found):
    # "meta info" matches two parts of the date-class list: twenty such lines use up the
    # budget of forty checked lines, twenty-one leave the date line after them unread.
    lines = '<div class="meta info">Læst af mange</div>' * undated
    tree = LexborHTMLParser(
        f'<html><body>{lines}<div class="date">12. juni 2017</div></body></html>'
    )
    result = dates._first_visible(dates._date_classed(tree.root), None)
    assert (result is not None) is found
    if found:
        assert result.signal.value.date().isoformat() == "2017-06-12"


def test_readable_text_collapses_layout_whitespace_and_keeps_node_boundaries():
    # Whitespace-only text nodes (ASCII or not) vanish; adjacent elements stay apart.
    page = (
        "<html><body>\n  <div>\n\t<p>Opdateret</p>\n   <p>12. juni\u00a02017</p>\u00a0\u2003"
        "<b>Af</b><i>Hans</i>\r\n<script>var built = '2020-01-01';</script></div>\n</body></html>"
    )
    text = dates._readable_text(LexborHTMLParser(page))
    assert text == "Opdateret 12. juni 2017 Af Hans"


_NO_H1 = (
    "<html><head><title>Nyt - Udvalget udskyder beslutning om ventetider</title></head><body>"
    "{crumb}<table><tr><td><font size=4><b>Udvalget udskyder beslutning om ventetider</b></font>"
    "<br><font size=1>{line}</font><br><p>Udvalget nåede ikke at træffe en beslutning.</p>"
    "</td></tr></table></body></html>"
)
_CAPTURED = datetime(2017, 6, 30, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("28. juni kl. 14.32", datetime(2017, 6, 28, 14, 32, tzinfo=CPH)),
        ("i går kl. 16.05", datetime(2017, 6, 29, 16, 5, tzinfo=CPH)),
    ],
)
@pytest.mark.parametrize(
    "crumb",
    [
        "",
        '<div class="crumbs"><a href="/">Nyt</a> &gt; Udvalget udskyder beslutning om ventetider</div>',
    ],
    ids=["no breadcrumb", "breadcrumb"],
)
def test_without_an_h1_the_line_beside_the_headline_the_title_names_dates_the_page(
    line: str, expected: datetime, crumb: str
):
    found = _dates(_NO_H1.format(line=line, crumb=crumb), fetched_at=_CAPTURED)
    assert found.published is not None and found.published.value == expected


def test_without_an_h1_a_bold_line_the_title_does_not_name_is_no_headline():
    html = _NO_H1.format(line="28. juni kl. 14.32", crumb="").replace(
        "<title>Nyt - Udvalget udskyder beslutning om ventetider", "<title>Nyt - Forsiden"
    )
    assert _dates(html, fetched_at=_CAPTURED).published is None


@pytest.mark.parametrize(
    "stamp",
    [
        "Artiklen er udskrevet fra avis.example.dk den 2. juli 2017 kl. 10.14.",
        "Printed from news.example.com on 2 July 2017.",
        "Udskrevet: 02.07.2017",
    ],
)
def test_a_print_stamp_does_not_date_the_page_but_the_text_before_it_does(stamp: str):
    body = "<p>Udvalget mødtes sent om aftenen, og mødet varede tre timer.</p>"
    printed = f"<html><body>{body}<p>{stamp}</p></body></html>"
    assert _dates(printed, fetched_at=_CAPTURED).published is None
    dated = printed.replace(body, body + "<p>Mødet blev holdt 28. juni 2017.</p>")
    found = _dates(dated, fetched_at=_CAPTURED).published
    assert found is not None and found.value == datetime(2017, 6, 28, tzinfo=CPH)


@pytest.mark.parametrize("style", ["display:none", "DISPLAY: none;direction:ltr"])
def test_a_date_in_an_element_hidden_by_its_style_does_not_date_the_page(style: str):
    body = "<p>Udvalget mødtes sent om aftenen, og mødet varede tre timer.</p>"
    box = "<div{}><b>14 captures</b> 28 Jun 2017 - 03 Mar 2019</div>"
    hidden = f"<html><body>{box.format(f' style={style!r}')}{body}</body></html>"
    assert _dates(hidden, fetched_at=_CAPTURED).published is None
    shown = f"<html><body>{box.format('')}{body}</body></html>"
    found = _dates(shown, fetched_at=_CAPTURED).published
    assert found is not None and found.value == datetime(2017, 6, 28, tzinfo=CPH)


@pytest.mark.parametrize(
    ("abbr", "expected"),
    [
        (
            '<abbr class="published" title="2017-06-28T14:32:00+02:00">14.32</abbr>',
            datetime(2017, 6, 28, 14, 32, tzinfo=CPH),
        ),
        ('<abbr class="updated" title="2017-06-29T09:00:00+02:00">9.00</abbr>', None),
        ('<abbr class="published">28. juni</abbr>', None),
    ],
)
def test_an_hatom_published_abbr_gives_the_time_in_its_title(abbr: str, expected):
    html = f"<html><body><div class='post'><p>Udvalget mødtes sent.</p>{abbr}</div></body></html>"
    found = _dates(html).published
    assert (found.value if found else None) == expected


def _entries(hours: list[int], cls: str = "entry") -> str:
    units = "".join(
        f'<div class="{cls}"><time datetime="2017-06-28T{h:02d}:00:00+02:00">kl. {h}</time>'
        f"<p>Opdatering klokken {h} fra Rådhuspladsen, hvor mødet fortsætter.</p></div>"
        for h in hours
    )
    return f"<html><body><h1>Live fra Rådhuset</h1><div class='entries'>{units}</div></body></html>"


@pytest.mark.parametrize(
    ("hours", "cls", "hour"),
    [
        ([18, 16, 15, 14], "entry", 14),  # newest first: the page began with the last
        ([14, 15, 16, 18], "entry", 14),  # oldest first: the first is the first
        ([18, 16, 17, 14], "entry", 18),  # no order: the first <time> as before
        ([18, 16], "entry", 18),  # two entries are no run
        ([18, 16, 15, 14], "related-item", 18),  # other pages' list
    ],
)
def test_a_newest_first_run_of_dated_entries_is_dated_by_its_oldest(hours, cls, hour):
    found = _dates(_entries(hours, cls)).published
    assert found is not None and found.value == datetime(2017, 6, 28, hour, tzinfo=CPH)


# --- A page that only its URL's day dates, and the time its date line adds ---

URL_DAY = "https://blog.example.dk/2017/06/28/over-tusind-sager-venter/"
URL_MONTH = "https://blog.example.dk/2017/06/over-tusind-sager-venter/"


def _url_dated(line: str, head: str = "") -> str:
    """A blog post with no date metadata; ``line`` under its headline."""
    return (
        f"<html><head>{head}</head><body><article><h1>Over tusind sager venter</h1>"
        f'<p class="meta">{line}</p><p>Udvalget mødes igen efter sommerferien.</p>'
        "</article></body></html>"
    )


def _published(line: str, url: str = URL_DAY, fetched_at=None, head: str = ""):
    d = _dates(_url_dated(line, head), url=url, fetched_at=fetched_at)
    return d.published.source, d.published.value, d.published.precision


def _day(hour: int = 0, minute: int = 0, day: int = 28) -> datetime:
    return datetime(2017, 6, day, hour, minute, tzinfo=CPH)


@pytest.mark.parametrize(
    "line",
    [
        "28. juni kl. 14.32",  # no year: the URL's
        "onsdag 28. juni 2017 kl. 14.32",
        "28.06.2017 14:32",
        "28/6 kl. 14.32",
        "Af Mette Holm · 28. juni kl. 14.32",
    ],
)
@pytest.mark.parametrize(
    "fetched_at",
    [None, datetime(2017, 7, 2, 7, 12, tzinfo=UTC), datetime(2021, 3, 1, tzinfo=UTC)],
    ids=["no capture time", "captured that week", "captured years later"],
)
def test_a_url_dated_page_takes_the_time_its_date_line_gives_that_day(line: str, fetched_at):
    source, value, precision = _published(line, fetched_at=fetched_at)
    assert (source, value, precision) == ("visible_text", _day(14, 32), "time")


def test_the_url_dated_pages_line_time_is_a_candidate_beside_the_urls_day():
    d = _dates(_url_dated("28. juni kl. 14.32"), url=URL_DAY)
    assert [(s.source, s.value) for s in d.candidates] == [
        ("url", _day()),
        ("visible_text", _day(14, 32)),
    ]
    assert d.disagreements == ()


@pytest.mark.parametrize(
    ("line", "fetched_at"),
    [
        # The line names another day: the URL's day stays, without an hour; never moved.
        ("27. juni kl. 14.32", None),
        ("27. juni 2017 kl. 14.32", datetime(2017, 7, 2, tzinfo=UTC)),
        ("29.06.2017 09:15", None),
        # The line gives the day only, or only an update's time.
        ("28. juni 2017", None),
        ("Opdateret 28. juni kl. 16.05", None),
        ("Opdateret 28. juni 2017 kl. 16.05", datetime(2017, 7, 2, tzinfo=UTC)),
        # Relative lines name the URL's day only as of a reading on it: with no capture time
        # (or one years later) they are read as of the URL's day and say nothing about it.
        ("i dag kl. 14.32", None),
        ("for 3 timer siden", None),
        ("i går kl. 14.32", None),
        ("i dag kl. 14.32", datetime(2021, 3, 1, 12, tzinfo=UTC)),
        # Read as of a capture three days later, "i dag" is the capture's day.
        ("i dag kl. 14.32", datetime(2017, 7, 1, 12, tzinfo=UTC)),
    ],
)
def test_a_url_dated_pages_line_that_does_not_name_the_urls_day_with_a_time_adds_nothing(
    line: str, fetched_at
):
    assert _published(line, fetched_at=fetched_at) == ("url", _day(), "day")


@pytest.mark.parametrize(
    ("line", "fetched_at", "expected"),
    [
        ("i går kl. 14.32", datetime(2017, 6, 29, 8, tzinfo=UTC), _day(14, 32)),
        ("for 2 timer siden", datetime(2017, 6, 28, 12, 40, tzinfo=UTC), _day(12, 40)),
    ],
)
def test_a_relative_line_read_as_of_a_capture_near_the_urls_day_gives_its_time(
    line: str, fetched_at, expected
):
    assert _published(line, fetched_at=fetched_at) == ("visible_text", expected, "time")


def test_a_line_time_on_a_page_whose_url_has_only_a_month_is_not_given_a_day():
    # No capture time: the year-less line names no day of its own, and the URL's month lends
    # it no year.
    source, value, precision = _published("28. juni kl. 14.32", url=URL_MONTH)
    assert (source, value, precision) == ("url", datetime(2017, 6, 1, tzinfo=CPH), "month")


def test_structured_metadata_keeps_its_time_over_a_url_dated_pages_line():
    head = '<meta property="article:published_time" content="2017-06-28T10:05:00+02:00">'
    source, value, _ = _published("28. juni kl. 14.32", head=head)
    assert (source, value) == ("opengraph", _day(10, 5))
