"""extract(): purpose-built pages for each signal, real pages, and never raising."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from extract_pages import PARAS, jsonld, page
from mediespor.extract import extract

CPH = ZoneInfo("Europe/Copenhagen")
URL = "https://www.avisen.dk/indland/vrede-over-nye-regler"
FETCHED = datetime(2017, 6, 30, 10, 0, tzinfo=UTC)


def test_main_text_without_boilerplate():
    a = extract(page(), URL, FETCHED)
    assert a.paragraphs == tuple(PARAS)
    for junk in (
        "Forside",
        "cookies",
        "Del på Facebook",
        "Læs også",
        "Andre nyheder",
        "Avisen A/S",
    ):
        assert junk not in a.text
    assert a.title == "Vrede over nye regler"
    assert a.language == "da"


def test_jsonld_news_article_fields():
    head = jsonld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Vrede over nye regler for førtidspension",
            "description": "Kommunen ændrer reglerne.",
            "datePublished": "2017-06-29T14:32:00+02:00",
            "dateModified": "2017-06-30T07:01:00+02:00",
            "author": [{"@type": "Person", "name": "Mette Hansen"}, {"name": "Ole Berg"}],
            "articleSection": "Indland",
            "inLanguage": "da-DK",
        }
    )
    a = extract(page(head=head), URL, FETCHED)
    assert a.title == "Vrede over nye regler for førtidspension"
    assert a.lead == "Kommunen ændrer reglerne."
    assert a.published == datetime(2017, 6, 29, 14, 32, tzinfo=CPH)
    assert a.published_precision == "time"
    assert a.modified == datetime(2017, 6, 30, 7, 1, tzinfo=CPH)
    assert a.authors == ("Mette Hansen", "Ole Berg")
    assert a.section == "Indland"
    assert a.language == "da"
    assert a.date_source == "jsonld"
    assert a.kind == "article"


def test_jsonld_inside_graph():
    head = jsonld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "Avisen"},
                {"@type": "Organization", "name": "Avisen A/S"},
                {
                    "@type": ["BlogPosting"],
                    "headline": "Blogindlæg om fleksjob",
                    "datePublished": "2017-06-28",
                    "author": {"@type": "Person", "name": "Karen Blog"},
                },
            ],
        }
    )
    a = extract(page(head=head), URL, FETCHED)
    assert a.title == "Blogindlæg om fleksjob"
    assert a.kind == "blog"
    assert a.published == datetime(2017, 6, 28, tzinfo=CPH)
    assert a.published_precision == "day"
    assert a.authors == ("Karen Blog",)


def test_broken_jsonld_is_recorded_and_other_signals_used():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        '<meta property="article:published_time" content="2017-06-29T10:00:00+02:00">'
    )
    a = extract(page(head=head), URL, FETCHED)
    assert a.published == datetime(2017, 6, 29, 10, 0, tzinfo=CPH)
    assert a.date_source == "opengraph"
    assert any("JSON-LD" in e for e in a.provenance["errors"])
    assert a.title == "Vrede over nye regler"


def test_jsonld_with_trailing_comma_is_repaired():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Reparerede data", "datePublished": "2017-06-29",}</script>'
    )
    a = extract(page(head=head), URL, FETCHED)
    assert a.title == "Reparerede data"
    assert a.date_source == "jsonld"


def test_conflicting_signals_prefer_structured_and_record_disagreement():
    head = jsonld({"@type": "NewsArticle", "datePublished": "2017-06-29T14:32:00+02:00"}) + (
        '<meta property="article:published_time" content="2017-06-27T09:00:00+02:00">'
    )
    # The URL names a later day (a URL day well before the metadata would be the original
    # publication: test_extract_dates covers that).
    url = "https://www.avisen.dk/2017/06/30/vrede-over-nye-regler"
    a = extract(page(head=head), url, FETCHED)
    assert a.published == datetime(2017, 6, 29, 14, 32, tzinfo=CPH)
    assert a.date_source == "jsonld"
    disagreeing = {d["source"] for d in a.provenance["date_disagreements"]}
    assert disagreeing == {"opengraph", "url"}


def test_meta_dublin_core_and_parsely_dates():
    for name in ("dc.date", "DC.date.issued", "parsely-pub-date", "pubdate"):
        head = f'<meta name="{name}" content="2017-06-29">'
        a = extract(page(head=head), URL, FETCHED)
        assert a.published == datetime(2017, 6, 29, tzinfo=CPH), name
        assert a.date_source == f"meta:{name.lower()}"


def test_time_element_and_microdata():
    before = '<time datetime="2017-06-29T14:32:00+02:00">29. juni</time>'
    a = extract(page(before=before), URL, FETCHED)
    assert a.published == datetime(2017, 6, 29, 14, 32, tzinfo=CPH)
    assert a.date_source == "time_element"
    before = '<span itemprop="datePublished" content="2017-06-28">28. juni 2017</span>'
    a = extract(page(before=before), URL, FETCHED)
    assert a.published == datetime(2017, 6, 28, tzinfo=CPH)
    assert a.date_source == "microdata"


def test_visible_danish_date_line():
    before = '<div class="byline-date">Opdateret onsdag d. 28. juni 2017 kl. 14.32</div>'
    a = extract(page(before=before), URL, FETCHED)
    assert a.published == datetime(2017, 6, 28, 14, 32, tzinfo=CPH)
    # Only an update label dates the page: it says so, and the day is its modification too.
    assert a.date_source == "visible_text_updated"
    assert a.modified == a.published
    assert "Opdateret" not in a.text


def test_danish_relative_date_resolved_against_fetch_time():
    before = '<p class="dato">Publiceret i går kl. 22.10</p>'
    a = extract(page(before=before), URL, FETCHED)
    assert a.published == datetime(2017, 6, 29, 22, 10, tzinfo=CPH)
    before = '<span class="timestamp">for 3 timer siden</span>'
    a = extract(page(before=before), URL, FETCHED)
    assert a.published == datetime(2017, 6, 30, 9, 0, tzinfo=CPH)


def test_relative_date_without_fetch_time_leaves_page_undated():
    before = '<p class="dato">Publiceret i går</p>'
    a = extract(page(before=before), URL, None)
    assert a.published is None


def test_url_date_is_the_last_resort():
    a = extract(page(), "https://www.avisen.dk/2017/06/29/vrede", FETCHED)
    assert a.published == datetime(2017, 6, 29, tzinfo=CPH)
    assert a.date_source == "url"
    a = extract(page(), "https://www.avisen.dk/indland/2017/06/vrede", FETCHED)
    assert a.published_precision == "month"


def test_no_date_means_undated_never_the_fetch_date():
    a = extract(page(), URL, FETCHED)
    assert a.published is None
    assert a.undated
    assert a.date_source is None


def test_future_dates_are_rejected():
    head = jsonld({"@type": "NewsArticle", "datePublished": "2017-07-15T10:00:00+02:00"}) + (
        '<meta property="article:published_time" content="2017-06-29T10:00:00+02:00">'
    )
    a = extract(page(head=head), URL, FETCHED)
    assert a.published == datetime(2017, 6, 29, 10, 0, tzinfo=CPH)
    assert a.date_source == "opengraph"
    assert any("fremtiden" in r for r in a.provenance["dates_rejected"])
    # A few hours ahead is clock skew, not the future.
    head = jsonld({"@type": "NewsArticle", "datePublished": "2017-06-30T14:00:00+02:00"})
    assert extract(page(head=head), URL, FETCHED).published is not None


def test_wrong_charset_label_still_reads_danish_letters():
    # Latin-1 bytes in a page that claims UTF-8.
    raw = page(charset="utf-8").encode("latin-1")
    a = extract(raw, URL, FETCHED)
    assert "Københavns Kommune" in a.text
    assert a.provenance["encoding"] == "cp1252"
    # UTF-8 bytes in a page that claims Latin-1 are read as UTF-8 (they decode cleanly).
    raw = page(charset="iso-8859-1").encode("utf-8")
    assert "ændre reglerne" in extract(raw, URL, FETCHED).text
    # A true Latin-1 page declared as such.
    raw = page(charset="iso-8859-1").encode("latin-1")
    assert "Rådmanden" in extract(raw, URL, FETCHED).text


def test_video_page_kind_and_duration():
    head = jsonld(
        {
            "@type": "VideoObject",
            "name": "TV-indslag om fleksjob",
            "uploadDate": "2017-06-29T18:30:00+02:00",
            "duration": "PT2M35S",
        }
    )
    a = extract(page(head=head), URL, FETCHED)
    assert a.kind == "video"
    assert a.duration_s == 155
    assert a.published == datetime(2017, 6, 29, 18, 30, tzinfo=CPH)
    assert a.title == "TV-indslag om fleksjob"


def test_canonical_url_and_title_without_site_suffix():
    head = '<link rel="canonical" href="/indland/vrede?utm_source=x">'
    raw = page(head=head).replace("<h1>Vrede over nye regler</h1>", "")
    a = extract(raw, URL, FETCHED)
    assert a.canonical_url == "https://www.avisen.dk/indland/vrede"
    assert a.title == "Vrede over nye regler"


def test_comments_are_kept_apart_from_the_text():
    after = (
        '<section id="comments" class="comments"><h3>Kommentarer</h3>'
        "<div class='comment'><p>Det er en skandale, at kommunen gør sådan her mod borgerne.</p></div>"
        "<div class='comment'><p>Enig, det rammer dem der har mindst i forvejen.</p></div></section>"
    )
    a = extract(page(after=after), URL, FETCHED)
    assert "skandale" not in a.text
    assert a.paragraphs == tuple(PARAS)
    assert any("skandale" in c for c in a.comments)


def _fixture(name: str) -> bytes:
    return gzip.decompress((FIXTURES / "extract" / name).read_bytes())


def test_real_page_jyllands_posten():
    url = "https://jyllands-posten.dk/jpaarhus/ECE17819867/hun-voksede-op-blandt-narkomaner-blottere-og-boernelokkere-jeg-synes-det-var-en-styrke/"
    a = extract(
        _fixture("jyllandsposten_2025_02_02.html.gz"), url, datetime(2025, 2, 3, tzinfo=UTC)
    )
    # Expected values from fundus' curated test data for this page.
    assert (
        a.title
        == "Hun voksede op blandt narkomaner, blottere og børnelokkere: »Jeg synes, det var en styrke«"
    )
    assert a.published == datetime(2025, 2, 2, 9, 0, tzinfo=CPH)
    assert a.authors == ("Mark Sigetty",)
    assert a.language == "da"
    assert a.canonical_url == url.rstrip("/")  # the trailing slash folded (urls.canonicalize)
    assert "Guldsmedgade" in a.text
    assert len(a.paragraphs) > 10


def test_real_page_sermitsiaq():
    url = "https://www.sermitsiaq.ag/samfund/mute-b-egede-om-meningsmaling-status-quo-er-ikke-en-mulighed/2192432"
    a = extract(_fixture("sermitsiaq_2025_04_16.html.gz"), url, datetime(2025, 4, 16, tzinfo=UTC))
    assert a.title == "Múte B. Egede om meningsmåling: Status quo er ikke en mulighed"
    assert a.published == datetime(2025, 2, 6, 19, 25, 34, tzinfo=UTC)
    assert a.authors == ("Trine Juncher Jørgensen", "Tôrtia Reimer-Johansen")
    assert "Annonce" not in a.paragraphs
    # The microdata date is the page's render time and disagrees; it is recorded, not used.
    assert any(d["source"] == "microdata" for d in a.provenance["date_disagreements"])


def test_real_page_sn_dk_date():
    url = "https://sn.dk/Danmark/Coronavirus-rammer-trafikken-i-Danmark/artikel/922379"
    a = extract(_fixture("sn_dk_922379.html.gz"), url, datetime(2020, 3, 11, tzinfo=UTC))
    # htmldate's evaluation set gives 2020-03-10 for this page.
    assert a.published is not None
    assert a.published.astimezone(CPH).date().isoformat() == "2020-03-10"
    assert a.title == "Coronavirus rammer trafikken i Danmark"
    assert "kollektive trafik" in a.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=3000), st.text(max_size=2000).map(str.encode)))
def test_extract_never_raises_on_arbitrary_bytes(data):
    a = extract(data, URL, FETCHED)
    assert a.url == URL
    assert "errors" not in a.provenance or all("Error" not in e for e in a.provenance["errors"])


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div class='share'>",
                "</div>",
                "<script type='application/ld+json'>",
                "</script>",
                '{"@type":"NewsArticle","datePublished":"',
                "2017-06-29",
                '"}',
                "<time datetime='",
                "'>",
                "<h1>",
                "</h1>",
                "i går",
                "29. juni 2017",
                "<article>",
                "</article>",
                "<br>",
                "tekst ",
                "<a href='x'>",
                "</a>",
                "<meta property='article:published_time' content='",
                "\x00",
                "ø",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_extract_never_raises_on_html_like_soup(html):
    a = extract(html, URL, FETCHED)
    assert "errors" not in a.provenance or all("Error" not in e for e in a.provenance["errors"])


def test_headline_entities_and_site_suffix_are_cleaned():
    head = jsonld(
        {"@type": "NewsArticle", "headline": "R&uuml;ckbau &quot;jetzt&quot; - Avisen"}
    ) + ('<meta property="og:site_name" content="Avisen">')
    a = extract(page(head=head), URL, FETCHED)
    assert a.title == 'Rückbau "jetzt"'


def test_byline_authors_when_metadata_names_nobody():
    before = '<p class="byline">Af <a rel="author" href="/journalist/ida">Ida Holm</a></p>'
    a = extract(page(before=before), URL, FETCHED)
    assert a.authors == ("Ida Holm",)
    assert a.provenance["authors_source"] == "byline"
    assert "Ida Holm" not in a.text


def test_latin1_page_is_reread_with_its_charset():
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Rødgrød</title></head><body><article>'
        + "<p>Rødgrød med fløde er en dansk ret, og den smager godt om sommeren, siger de.</p>" * 3
        + "</article></body></html>"
    ).encode("latin-1")
    article = extract(page, "https://example.org/a")
    assert "Rødgrød med fløde" in article.text
    assert "\ufffd" not in article.text
    assert article.provenance["encoding"] == "iso8859-1"


def test_stray_bad_byte_outside_the_text_keeps_utf8():
    # A UTF-8 page with one Latin-1 byte in a script: the text must stay correctly decoded.
    page = (
        "<html><head><script>var x = '\xe6';</script></head><body><article>".encode("latin-1")
        + (
            "<p>Første afsnit om førtidspension og fleksjob i København, skrevet langt.</p>" * 3
        ).encode()
        + b"</article></body></html>"
    )
    article = extract(page, "https://example.org/a")
    assert "Første afsnit om førtidspension" in article.text
    assert article.provenance["encoding"] == "utf-8"


def test_structured_article_body_is_the_text_when_the_markup_has_none():
    # The article is rendered by a script; only the page's JSON-LD carries its text.
    ld = jsonld({"@type": "NewsArticle", "headline": "Vrede", "articleBody": "\n".join(PARAS)})
    html = (
        f"<html><head>{ld}</head><body><div class='post'><script type='text/template'>"
        f"<p>{PARAS[0]}</p></script></div><p>Kort fod</p></body></html>"
    )
    a = extract(html, URL, FETCHED)
    assert a.paragraphs == tuple(PARAS)
    assert a.provenance["text_source"] == "jsonld"
    assert "text_source" not in extract(page(), URL, FETCHED).provenance


def test_kind_from_url_in_any_case_and_outside_ascii():
    # The URL words are matched case-blind, on ASCII URLs and on URLs with Danish letters.
    for url, kind in [
        ("https://kommune.example/PresseMeddelelse/fleksjob", "press_release"),
        ("https://kommune.example/nyheder/pressemeddelelse-om-førtidspension", "press_release"),
        ("https://kommune.example/Press_Release/2017", "press_release"),
        ("https://kommune.example/Udvalg/Dagsorden/2017-06-28", "agenda"),
        ("https://kommune.example/udvalg/møde/Agenda/beskæftigelse", "agenda"),
        ("https://kommune.example/udvalg/møde-agenda/beskæftigelse", "article"),
        ("https://kommune.example/nyheder/fleksjob-i-kommunen", "article"),
    ]:
        assert extract(page(), url).kind == kind, url


def test_language_and_title_spacing_read_as_written():
    html = page(
        head='<meta property="og:title" content="  Fleksjob\u00a0 og  førtidspension ">'
        '<meta property="og:locale" content="da_DK">',
        lang="",
    )
    article = extract(html, "https://avisen.example/a")
    assert article.title == "Fleksjob og førtidspension"
    assert article.language == "da"


def _blog_page(title: str, h1: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return (
        f"<html><head><title>{title}</title></head><body><header><h1>{h1}</h1></header>"
        f"<div class='post'><h3>Ventetiden i jobcentret er for lang</h3>{body}</div></body></html>"
    )


def test_a_blogs_title_after_its_name_and_a_colon_is_the_headline_not_the_h1():
    html = _blog_page("Fleksjobberen: Ventetiden i jobcentret er for lang", "Fleksjobberen")
    a = extract(html, "https://fleksjobberen.example.dk/2017/06/ventetid.html")
    assert a.title == "Ventetiden i jobcentret er for lang"
    assert a.paragraphs[0] == PARAS[0]


def test_an_h1_headline_before_a_site_name_or_a_subtitle_stays_the_title():
    for title, h1 in [
        ("Ventetid - Fleksjobberen - om livet som fleksjobber i København", "Ventetid"),
        ("Ventetid: Fleksjobberen | om livet som fleksjobber", "Ventetid"),
        (
            "Ventetiden i jobcentret er alt for lang: Blog",
            "Ventetiden i jobcentret er alt for lang",
        ),
    ]:
        a = extract(_blog_page(title, h1), "https://fleksjobberen.example.dk/2017/06/ventetid.html")
        assert a.title == h1, title


LOGO_URL = "https://handicapraadet.example.dk/nyheder/over-tusind-sager"
HEADLINE = "Over tusind sager har ventet mere end et år"


def _logo_page(h1: str, head: str = f"<title>{HEADLINE}</title>") -> str:
    """An old theme's page: the site's name in the ``<h1>``, the headline in an ``<h2>``."""
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return (
        f"<html><head>{head}</head><body><div id='header'>{h1}</div>"
        f"<div class='item-page'><h2>{HEADLINE}</h2>{body}</div></body></html>"
    )


def test_a_logo_h1_linked_to_the_front_page_gives_way_to_the_title():
    for href in ("/", "https://handicapraadet.example.dk", "/index.php", "index.html"):
        a = extract(_logo_page(f'<h1><a href="{href}">Handicaprådet</a></h1>'), LOGO_URL)
        assert (a.title, a.provenance["title_source"]) == (HEADLINE, "title"), href


def test_a_logo_h1_naming_the_site_gives_way_to_og_title():
    head = (
        f'<meta property="og:title" content="{HEADLINE} | Handicaprådet">'
        '<meta property="og:site_name" content="Handicaprådet">'
    )
    # og:title holds the <h1>: without the rule the site's name would be the title.
    a = extract(_logo_page("<h1>Handicaprådet</h1>", head), LOGO_URL)
    assert (a.title, a.provenance["title_source"]) == (HEADLINE, "opengraph")


@pytest.mark.parametrize(
    "h1",
    [
        # A headline linked to its own page, or to a page named by a query or a fragment.
        f'<h1><a href="/nyheder/over-tusind-sager">{HEADLINE}</a></h1>',
        '<h1><a href="/index.php?option=com_content&amp;id=112">Over tusind sager</a></h1>',
        '<h1><a href="#top">Over tusind sager</a></h1>',
        # More than the link: a headline with a link in it.
        '<h1>Over tusind sager: <a href="/">Handicaprådet</a> kræver svar</h1>',
    ],
)
def test_an_h1_that_is_no_logo_stays_the_title(h1: str):
    a = extract(_logo_page(h1), LOGO_URL)
    assert a.provenance["title_source"] == "h1"


def test_a_logo_h1_stays_the_title_when_nothing_else_names_the_page():
    a = extract(_logo_page('<h1><a href="/">Handicaprådet</a></h1>', head=""), LOGO_URL)
    assert a.title == "Handicaprådet"


@pytest.mark.parametrize("sep", ["|", "-", "›", "»"])
def test_og_title_loses_the_site_name_a_logo_h1_gives(sep: str):
    head = f'<meta property="og:title" content="{HEADLINE} {sep} Handicaprådet">'
    a = extract(_logo_page('<h1><a href="/">Handicaprådet</a></h1>', head), LOGO_URL)
    assert (a.title, a.provenance["title_source"]) == (HEADLINE, "opengraph")
    # A logo of another name strips nothing: og:title stays whole.
    b = extract(_logo_page('<h1><a href="/">Rådet</a></h1>', head), LOGO_URL)
    assert b.title == f"{HEADLINE} {sep} Handicaprådet"
