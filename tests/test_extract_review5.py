"""The newest date rules on ordinary pages (fifth review of issue 15 rules).

The rules under review: a date right after an update label ("Opdateret", "Updated") gives way
to a later date and dates the page only when nothing else does; an unclassed date line just
over the headline is read; asides, navigation and related-story blocks are cut from the text
the last-resort page-text date reads; "28-06-2017" is read when a four-digit year closes it;
a time after " - " or " | ", or before a date in words, is read. Each page here is written
for these tests (no real news text) and asks one question: is the page dated by its own date,
not by an edit, a "today" bar, another story, a phone number or a week? Known failures are
marked ``pytest.mark.xfail(strict=True)`` with the rule that causes them.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from extract_pages import page
from mediespor.danish_dates import CPH
from mediespor.extract import extract
from test_extract_generalise import BODY, HEADLINE, STANDFIRST, UNDATED_URL, news, paras

JUNE_28 = datetime(2017, 6, 28, tzinfo=CPH)


def _published(html: str, url: str = UNDATED_URL) -> datetime | None:
    return extract(html, url).published


def _day(html: str, url: str = UNDATED_URL) -> date | None:
    value = _published(html, url)
    return None if value is None else value.astimezone(CPH).date()


# --- An update label (extract/dates.py _UPDATED_LABEL, _date_in_line) ---


@pytest.mark.parametrize(
    "line",
    [
        "Opdateret 29. juni 2017 kl. 08.10",
        "Sidst opdateret: 29.06.2017",
        "Opdateret onsdag den 29. juni 2017",
    ],
)
def test_a_page_whose_only_date_is_its_update_line_is_dated_by_it(line: str):
    a = extract(news(paras(BODY), date_line=line), UNDATED_URL)
    assert a.published is not None and a.published.date() == datetime(2017, 6, 29).date()
    # Marked: no publication day, the day it was last changed.
    assert a.date_source == "visible_text_updated"
    assert a.modified == a.published


def _text_only(lines: list[str], lang: str = "da") -> str:
    """A page with no headline element and no date line: only its text can date it."""
    return f"""<html lang="{lang}"><head><meta charset="utf-8"><title>{HEADLINE}</title></head>
<body><div class="x"><h2>{HEADLINE}</h2>{paras(lines)}</div></body></html>"""


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Updated June 29, 2017 | Originally published June 28, 2017", "en"),
        ("Opdateret 29.06.2017 (første gang bragt 28.06.2017)", "da"),
        ("Opdateret 29. juni 2017 kl. 8.10 - Først bragt 28. juni 2017", "da"),
    ],
)
def test_the_page_text_date_passes_over_a_date_an_update_label_introduces(line: str, lang: str):
    assert _day(_text_only([*BODY[:4], line, BODY[4]], lang)) == JUNE_28.date()


def test_the_page_text_date_of_a_page_dated_only_by_an_update_is_marked():
    a = extract(_text_only([*BODY[:4], "Opdateret 29. juni 2017", BODY[4]]), UNDATED_URL)
    assert a.published == datetime(2017, 6, 29, tzinfo=CPH)
    assert a.date_source == "page_text_updated"
    assert a.modified == a.published


def test_an_update_in_the_body_text_does_not_date_a_page_with_a_later_byline():
    body = paras(["Listen blev opdateret 3. maj 2016.", *BODY])
    html = news(body, date_line="").replace(
        '<span class="article-author">Af Mette Holm</span>',
        '<span class="article-author">Af Mette Holm, 28. juni 2017</span>',
    )
    assert _day(html) == JUNE_28.date()


def test_a_short_update_sentence_under_the_headline_gives_way_to_a_byline_below():
    html = f"""<html lang="da"><head><meta charset="utf-8"><title>{HEADLINE}</title></head>
<body><div class="wrap"><h1>{HEADLINE}</h1>
<p>Listen blev opdateret 3. maj 2016.</p>
<p>Af Mette Holm, 28. juni 2017</p>
{paras(BODY)}</div></body></html>"""
    assert _day(html) == JUNE_28.date()


def test_the_update_label_in_an_element_of_its_own_gives_way_to_the_publication_date():
    line = (
        '<span class="label">Opdateret</span> <span class="stamp">29. juni 2017</span>'
        ' <span class="label">Publiceret</span> <span class="stamp">28. juni 2017</span>'
    )
    assert _day(news(paras(BODY), date_line=line)) == JUNE_28.date()


@pytest.mark.parametrize(
    "line",
    [
        "Updated 8:10 AM ET, Thu June 29, 2017 | Published 2:32 PM ET, Wed June 28, 2017",
        "Updated: 8.10 CEST, Thursday, 29 June 2017. First published 28 June 2017",
    ],
)
def test_an_update_with_its_time_and_weekday_gives_way_to_the_publication_date(line: str):
    html = news(paras(BODY), date_line=line).replace('lang="da"', 'lang="en"')
    assert _day(html) == JUNE_28.date()


def test_a_time_first_date_line_with_an_update_time_is_dated_to_its_publication_minute():
    line = "kl. 14.32 - 28. juni 2017 | Opdateret kl. 16.05"
    assert _published(news(paras(BODY), date_line=line)) == datetime(
        2017, 6, 28, 14, 32, tzinfo=CPH
    )


# --- A date line over the headline (extract/dates.py _beside_headline(above=True)) ---


def _today_bar_page(own: str, header: str = "header") -> str:
    """A page whose small site header, right before the story, shows the day it is read."""
    tag = header.split(" ", 1)[0]
    return f"""<html lang="da"><head><meta charset="utf-8"><title>{HEADLINE}</title></head>
<body><{header}><a href="/">Avisen</a> <span>Mandag 3. juli 2017</span></{tag}>
<div class="story"><h1>{HEADLINE}</h1><p><strong>{STANDFIRST}</strong></p>
<figure><img src="/a.jpg" alt=""><figcaption>Foto: Ida Lund</figcaption></figure>
<p>Tekst: Mette Holm</p>{paras(BODY)}{own}</div></body></html>"""


@pytest.mark.parametrize(
    "own",
    [
        "<p>Publiceret 28. juni 2017</p>",
        "<p>Mette Holm, 28. juni 2017</p><p>København, 28. juni 2017</p>",
    ],
)
@pytest.mark.parametrize("header", ["header", 'div id="header"', 'div class="site-header top"'])
def test_a_today_bar_in_the_site_header_over_the_headline_does_not_date_the_page(
    own: str, header: str
):
    assert _day(_today_bar_page(own, header)) == JUNE_28.date()


def test_a_press_release_kicker_over_the_headline_beats_a_dated_fact_box_in_its_text():
    fact = (
        '<div class="fakta"><p><strong>Fakta</strong></p><p>Dato: 3. juli 2017</p>'
        "<p>Tid: kl. 17-19</p><p>Sted: Rådhuspladsen</p></div>"
    )
    html = f"""<html lang="da"><head><meta charset="utf-8"><title>{HEADLINE}</title></head>
<body><main><div class="release"><p>Pressemeddelelse | 28. juni 2017</p><h1>{HEADLINE}</h1>
<p><strong>{STANDFIRST}</strong></p>{paras(BODY[:3])}{fact}{paras(BODY[3:])}</div></main>
</body></html>"""
    assert _day(html) == JUNE_28.date()


# --- Other pages' blocks cut from the page text (extract/dates.py _OTHER_PAGES) ---


def test_related_stories_do_not_outvote_the_date_in_the_article_text():
    related = (
        '<div class="related-stories"><ul>'
        '<li><a href="/a">Ny plan for jobcentrene, 3. juli 2017</a></li>'
        '<li><a href="/b">Udvalget mødes igen, 3. juli 2017</a></li></ul></div>'
    )
    body = paras(["København, 28. juni 2017", *BODY])
    html = f"""<html lang="da"><head><meta charset="utf-8"><title>{HEADLINE}</title></head>
<body><div class="wrap"><h2>{HEADLINE}</h2>{body}{related}</div></body></html>"""
    assert _day(html) == JUNE_28.date()


def test_a_page_wrapper_whose_class_names_related_posts_keeps_the_article_date():
    body = paras([*BODY, "Mette Holm, 28. juni 2017"])
    html = f"""<html lang="da"><head><meta charset="utf-8"><title>{HEADLINE}</title></head>
<body><div id="primary" class="content-area has-related-posts"><div class="entry">
<h1>{HEADLINE}</h1>{body}</div></div></body></html>"""
    assert _day(html) == JUNE_28.date()


def test_a_menus_heading_does_not_keep_the_menus_dates_in_the_page_text():
    # The first <h1> is the menu's: the menu is still another pages' block, not a wrapper.
    menu = (
        '<nav class="menu"><h1>Rådhuset</h1><ul>'
        '<li><a href="/a">Ny plan for jobcentrene, 15. november 2017</a></li>'
        '<li><a href="/b">Udvalget mødes igen, 15. november 2017</a></li></ul></nav>'
    )
    body = paras(["København, 28. juni 2017", *BODY])
    html = f"""<html lang="da"><head><meta charset="utf-8"><title>{HEADLINE}</title></head>
<body>{menu}<div class="wrap"><h2>{HEADLINE}</h2>{body}</div></body></html>"""
    assert _day(html) == JUNE_28.date()


@pytest.mark.parametrize(
    "aside",
    [
        '<aside class="byline"><b>Mette Holm</b><br>28. juni 2017</aside>',
        '<aside class="article-aside"><p>Af Mette Holm</p><p>Onsdag 28. juni 2017 kl. 14.32</p>'
        "<p>Del artiklen</p></aside>",
    ],
)
def test_an_aside_holding_the_articles_own_byline_date_still_dates_the_page(aside: str):
    html = f"""<html lang="da"><head><meta charset="utf-8"><title>{HEADLINE}</title></head>
<body><main><article><h1>{HEADLINE}</h1><p>{STANDFIRST}</p>{aside}
<div class="body">{paras(BODY)}</div></article></main></body></html>"""
    assert _day(html) == JUNE_28.date()


def test_a_related_link_to_the_page_itself_does_not_date_it():
    # The only date is in a link's text: another page's date, as far as any rule can tell.
    related = f'<div class="related"><ul><li><a href="/self">{HEADLINE} (28. juni 2017)</a></li></ul></div>'
    html = f"""<html lang="da"><head><meta charset="utf-8"><title>{HEADLINE}</title></head>
<body><main><article><h1>{HEADLINE}</h1>{paras(BODY)}{related}</article></main></body></html>"""
    assert _published(html) is None


# --- Numbers with dashes (danish_dates.py: "28-06-2017") ---


@pytest.mark.parametrize(
    "noise",
    [
        "CVR 12-34-5678",
        "tlf. 33-66-33-66",
        "Demonstrationen gentages i uge 26-27 2017.",
        "Sagsnummer 2017-0628-1234.",
        "Mødet varer fra 10-12, og referatet fra 2017 ligger på hjemmesiden.",
        "Hent rapporten her: rapport-13-06-2016.pdf",
        "Møderækken 27-28-06-2017 er aflyst.",
    ],
)
def test_numbers_with_dashes_do_not_date_an_undated_page(noise: str):
    assert _published(page(paras=[*BODY, noise]), UNDATED_URL) is None


def test_a_day_with_dashes_dates_a_page_with_nothing_else():
    assert _day(page(paras=[*BODY, "København 28-06-2017"]), UNDATED_URL) == JUNE_28.date()


# --- A numeric date on an American page (extract/dates.py _writes_month_first) ---

COUNCIL = (
    "The city council met on Monday to discuss the waiting times for disability pensions, "
    "and residents filled the room to tell of years spent waiting for a decision."
)
COUNCIL_URL = "https://news.example.com/council-meets"


def _english_day(line: str, lang: str, head: str = "") -> date | None:
    return _day(page(paras=[COUNCIL, line], lang=lang, head=head), COUNCIL_URL)


@pytest.mark.parametrize(
    "line",
    [
        "Posted 1-2-2017 by the city desk.",
        "The council met again on 1-2-2017 to hear the residents.",
        "Posted 1/2/2017 by the city desk.",
        # Unambiguous: "28" can only be the day.
        "Posted 6-28-2017 by the city desk.",
    ],
)
def test_an_american_month_first_day_with_dashes_does_not_misdate_an_english_page(line: str):
    month, day = (int(part) for part in re.split("[-/]", line.split("2017")[0].split()[-1])[:2])
    # Dated right: month first, as American English writes it.
    assert _english_day(line, "en-US") == datetime(2017, month, day).date()


@pytest.mark.parametrize(
    ("lang", "head"),
    [
        ("en-GB", ""),  # British English writes the day first
        ("en", ""),  # no region: the day first stays
        ("da", ""),
        ("de-DE", ""),
        # A theme's en-US tag belied by the page's own locale or its Danish head text.
        ("en-US", '<meta property="og:locale" content="da_DK">'),
        ("en-US", '<meta name="description" content="Borgere har ventet i årevis">'),
    ],
)
def test_a_numeric_date_is_read_day_first_unless_the_page_is_american(lang: str, head: str):
    assert _english_day("Posted 1-2-2017 by the city desk.", lang, head) == date(2017, 2, 1)


def test_an_american_pages_region_may_come_from_its_og_locale():
    head = '<meta property="og:locale" content="en_US">'
    assert _english_day("Posted 1/2/2017 by the city desk.", "en", head) == date(2017, 1, 2)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted 1.2.2017 by the city desk.", date(2017, 2, 1)),  # dots are day first anywhere
        ("Posted 28/6/2017 by the city desk.", date(2017, 6, 28)),  # 28 can only be a day
    ],
)
def test_an_american_page_reads_what_cannot_be_month_first_day_first(line: str, expected: date):
    assert _english_day(line, "en-US") == expected
