"""Extraction on ordinary Danish news pages no rule was tuned on (review of issue 15 rules).

Each page is built here from the project's own sentences, in the shapes Danish outlets use:
navigation, headline, standfirst, byline and date line, share bar, body, fact box, embedded
post, related links, reader comments, footer. The tests pin what should hold on any such
page: every sentence of the article is kept, boxes that sell other pages are dropped, the
page is dated by its own date line. Known failures, when there are any, are marked
``pytest.mark.xfail(strict=True)`` with the rule that causes them, so a fix shows up as an
unexpected pass.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from mediespor.danish_dates import CPH
from mediespor.extract import extract

URL = "https://avis.example.dk/indland/2017/demonstration-raadhuset"

HEADLINE = "Borgere demonstrerede mod ventetid på førtidspension"
STANDFIRST = (
    "Omkring 150 mennesker mødte op foran Rådhuset, mens udvalget holdt et ekstraordinært "
    "møde om sagsbehandlingen i kommunen."
)
BODY = [
    "Omkring 150 borgere samledes onsdag eftermiddag foran Rådhuset i København for at "
    "protestere mod den måde, kommunen behandler sager om førtidspension og fleksjob på.",
    "Flere af demonstranterne havde selv ventet i årevis på en afgørelse, og mange bar skilte "
    "med tal for, hvor længe deres sag havde ligget i forvaltningen.",
    "Beskæftigelses- og integrationsborgmesteren holdt samtidig et ekstraordinært møde i "
    "udvalget, hvor sagsbehandlingen var det eneste punkt på dagsordenen.",
    "»Vi er ikke imod at blive vurderet, men vi er imod at blive glemt,« sagde en af talerne, "
    "en tidligere social- og sundhedsassistent, fra trappen foran indgangen.",
    "Oppositionen i Borgerrepræsentationen kræver nu, at kommunen fremlægger en plan for, "
    "hvordan ventetiden kan bringes ned inden årets udgang.",
]

RELATED = (
    '<section class="related"><h2>Læs også</h2><ul>'
    '<li><a href="/indland/fleksjob-guide">Sådan søger du fleksjob, trin for trin</a></li>'
    '<li><a href="/indland/ressourceforloeb">Tusindvis venter i ressourceforløb</a></li>'
    "</ul></section>"
)
COMMENTS = (
    '<div id="comments"><h3>3 kommentarer</h3>'
    '<div class="comment"><b>Lis</b> 28. juni 2017 kl. 18.02<p>Godt at nogen endelig siger '
    "fra over for forvaltningen, det var på tide.</p></div>"
    '<div class="comment"><b>Ole</b> 28. juni 2017 kl. 19.40<p>Jeg har selv ventet i fire år '
    "og har stadig ikke fået en afgørelse i min sag.</p></div>"
    "</div>"
)


def news(
    body: str,
    *,
    head: str = "",
    date_line: str = '<time datetime="2017-06-28T16:05:00+02:00">28. juni 2017 kl. 16.05</time>',
    after: str = RELATED,
    comments: str = "",
) -> str:
    """An ordinary Danish news page around ``body`` (the HTML of the article's text)."""
    return f"""<!doctype html><html lang="da"><head><meta charset="utf-8">
<title>{HEADLINE} | Avisen</title>{head}</head><body>
<header class="site-header"><a href="/">Avisen</a><nav><ul>
<li><a href="/indland">Indland</a></li><li><a href="/politik">Politik</a></li>
<li><a href="/kultur">Kultur</a></li></ul></nav></header>
<main><article class="article">
<h1>{HEADLINE}</h1>
<p class="article-lead">{STANDFIRST}</p>
<div class="article-meta"><span class="article-author">Af Mette Holm</span>
<span class="article-date">{date_line}</span></div>
<div class="share"><a href="#fb">Del</a> <a href="#tw">Tweet</a> <a href="#mail">Mail</a></div>
<figure><img src="/img/raadhus.jpg" alt=""><figcaption>Demonstranter foran Rådhuset.
Foto: Ida Lund</figcaption></figure>
<div class="article-body">{body}</div>
{after}
</article>{comments}</main>
<footer><p>Avisen A/S, Hovedgaden 1, 1000 København K. Ansvarshavende chefredaktør: Jens Berg.</p>
</footer></body></html>"""


def paras(texts: list[str]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def run(html: str):
    return extract(html, URL)


def test_plain_page_keeps_every_paragraph_and_drops_related_and_comments():
    a = run(news(paras(BODY), comments=COMMENTS))
    for sentence in BODY:
        assert sentence in a.text
    assert "Sådan søger du fleksjob" not in a.text
    assert "stadig ikke fået en afgørelse" not in a.text
    assert a.published == datetime(2017, 6, 28, 16, 5, tzinfo=CPH)


# --- Closing lines of the article (extract/calls.py, extract/teasers.py) ---


@pytest.mark.parametrize(
    "closing",
    [
        "Borgmesteren vil følge sagen tæt, skriver hun på Facebook.",
        "Opslaget på Facebook er siden blevet anmeldt til politiet.",
        "Over 2.000 har tilmeldt sig gruppen på Facebook, hvor følgerne af reformen bliver "
        "diskuteret.",
        "Avisen har over 3.000 abonnenter på Facebook, og de fleste følger den daglig.",
        "Foreningen sender hver uge et nyhedsbrev til sine 3.000 medlemmer.",
        "Det oplyser Københavns Kommune i en pressemeddelelse.",
    ],
)
def test_a_closing_sentence_of_the_article_is_kept(closing: str):
    a = run(news(paras([*BODY, closing])))
    assert a.paragraphs[-1] == closing


def test_a_closing_sentence_naming_its_linked_source_is_kept():
    a = run(
        news(paras(BODY) + '<p>Det skriver <a href="https://b.example.dk/x">Dagbladet</a>.</p>')
    )
    assert a.paragraphs[-1] == "Det skriver Dagbladet."


def test_a_call_to_follow_and_a_newsletter_box_after_the_article_are_dropped():
    calls = (
        "<p>Følg os på Facebook og Instagram.</p>"
        '<div class="newsletter-box"><p>Få dagens vigtigste nyheder fra København i din indbakke.</p>'
        '<p><a href="/nyhedsbrev">Tilmeld dig vores nyhedsbrev</a></p></div>'
    )
    a = run(news(paras(BODY) + calls))
    assert a.paragraphs[-1] == BODY[-1]


# --- Lines that open with a date (content._is_dateline, _LEADING_DATE) ---

CHRONOLOGY = [
    ("1. januar 2013", "Reformen af førtidspension og fleksjob træder i kraft"),
    ("28. juni 2017", "Omkring 150 mennesker demonstrerer ved Rådhuset"),
    ("29. juni 2017", "Kommunen finder 13 millioner kroner ekstra"),
]


@pytest.mark.parametrize(
    "entry",
    [
        "<li>{d}: {t}</li>",
        "<li>{d} – {t}</li>",
        "<li>{d} {t}</li>",
        "<li><strong>{d}</strong> {t}</li>",
        "<p><b>{d}</b><br>{t}</p>",
        "<li>{d} · 16.00 · {t}</li>",
        "<li>{d} / kl. 16.00 / {t}</li>",
        # Second review: a comma after the date, a clock time before the entry.
        "<li>{d}, {t}</li>",
        "<li>{d} kl. 16.00: {t}</li>",
        "<li>{d}, kl. 16.00 – {t}</li>",
    ],
)
def test_every_entry_of_a_chronology_in_the_article_is_kept(entry: str):
    box = "<h2>Sagen kort</h2><ul>" + "".join(entry.format(d=d, t=t) for d, t in CHRONOLOGY)
    a = run(news(paras(BODY[:3]) + box + "</ul>" + paras(BODY[3:])))
    for _, event in CHRONOLOGY:
        assert event in a.text
    for sentence in BODY:
        assert sentence in a.text


# --- Boxes inside the article body ---

FAKTA = (
    "Reformen af førtidspension og fleksjob trådte i kraft 1. januar 2013. Siden kan personer "
    "under 40 år som hovedregel ikke få tilkendt førtidspension, men skal i ressourceforløb."
)


@pytest.mark.parametrize(
    "box",
    [
        '<div class="factbox"><h3>Fakta</h3><p>{f}</p></div>',
        '<details class="disclosure"><summary>Fakta</summary><p>{f}</p></details>',
        '<div class="article-infobox"><h3>Fakta</h3><p>{f}</p></div>',
        '<div class="c-disclosure"><button>Fakta om reformen</button><p>{f}</p></div>',
    ],
)
def test_a_fact_box_inside_the_body_is_kept(box: str):
    a = run(news(paras(BODY[:3]) + box.format(f=FAKTA) + paras(BODY[3:])))
    assert FAKTA in a.text
    for sentence in BODY:
        assert sentence in a.text


TWEET = (
    '<blockquote class="twitter-tweet"><p lang="da">Vi står foran Rådhuset nu. Kom og vær '
    "med, ingen skal glemmes i systemet.</p>— Foreningen for Ventende (@ventende_dk) "
    '<a href="https://x.example/ventende_dk/status/1">28. juni 2017</a></blockquote>'
)


@pytest.mark.parametrize(
    "wrap",
    [
        pytest.param("{post}", id="bare"),
        # Second review: the embed code's loader script beside the post in a named wrapper.
        pytest.param(
            '<div class="social-embed">{post}'
            '<script async src="https://x.example/widgets.js"></script></div>',
            id="wrapped-with-script",
        ),
    ],
)
def test_an_embedded_post_is_kept_whole(wrap: str):
    post = wrap.format(post=TWEET)
    a = run(news(paras(BODY[:2]) + post + paras(BODY[2:])))
    assert "Vi står foran Rådhuset nu." in a.text
    for sentence in BODY:
        assert sentence in a.text


@pytest.mark.parametrize(
    "box",
    [
        '<div class="inline-box"><a href="/indland/ventetid"><img src="/i.jpg" alt=""></a>'
        '<a href="/indland/ventetid">Ventetiden på afgørelser er steget i tre år</a>'
        "<p>Kommunens egne tal viser, at sagerne tager længere tid end før.</p></div>",
        '<p><strong>Læs også:</strong> <a href="/indland/ventetid">Ventetiden på afgørelser '
        "er steget i tre år</a></p>",
        # Second review: the same line in capitals, under a heading, or inside its link.
        '<p>LÆS OGSÅ: <a href="/indland/ventetid">Ventetiden på afgørelser er steget i tre år'
        "</a></p>",
        '<h3>Læs også</h3><p><a href="/indland/ventetid">Ventetiden på afgørelser er steget i '
        "tre år</a></p>",
        '<p><a href="/indland/ventetid"><strong>Læs også:</strong> Ventetiden på afgørelser er '
        "steget i tre år</a></p>",
    ],
)
def test_a_box_selling_another_story_between_paragraphs_is_dropped(box: str):
    a = run(news(paras(BODY[:2]) + box + paras(BODY[2:])))
    assert "Ventetiden på afgørelser" not in a.text
    assert a.paragraphs[-len(BODY) :] == tuple(BODY)


def test_a_paragraph_in_a_div_that_links_one_report_twice_is_kept():
    twice = (
        'Ifølge <a href="https://ast.example.dk/rapport">en ny rapport fra Ankestyrelsen</a> har '
        "hver tredje borger ventet mere end et år. "
        '<a href="https://ast.example.dk/rapport">Hele rapporten</a> ligger på styrelsens '
        "hjemmeside."
    )
    body = "".join(f'<div class="text-block">{t}</div>' for t in [*BODY[:2], twice, *BODY[2:]])
    a = run(news(body))
    assert "har hver tredje borger ventet mere end et år." in a.text
    for sentence in BODY:
        assert sentence in a.text


def test_a_list_of_described_sources_in_the_article_is_kept():
    sources = (
        '<h3>Kilder</h3><ul><li><a href="/r.pdf">Ankestyrelsens praksisundersøgelse</a> om '
        'ressourceforløb i ti kommuner, herunder København (<a href="/r.pdf">pdf</a>)</li>'
        '<li><a href="/n.pdf">Forvaltningens notat</a> til udvalget om ventetider i '
        'jobcentrene, juni 2017 (<a href="/n.pdf">pdf</a>)</li></ul>'
    )
    a = run(news(paras(BODY[:3]) + sources + paras(BODY[3:])))
    assert "om ressourceforløb i ti kommuner" in a.text
    assert "til udvalget om ventetider i jobcentrene" in a.text


DEMANDS = [
    "Svar på alle sager inden for et år",
    "En fast sagsbehandler til hver borger",
    "Stop for ressourceforløb uden indhold",
    "Uafhængig klageadgang",
]


@pytest.mark.parametrize(
    "intro",
    [
        "<p>Demonstranterne stillede fire krav til kommunen:</p>",
        "<p><strong>Kravene</strong></p>",  # second review: a bare label over the list
    ],
)
def test_a_list_of_demands_inside_the_article_is_kept(intro: str):
    demands = "".join(f"<li>{d}</li>" for d in DEMANDS)
    a = run(news(paras(BODY[:3]) + intro + f"<ol>{demands}</ol>" + paras(BODY[3:])))
    for demand in DEMANDS:
        assert demand in a.text


def test_a_list_of_demands_closing_the_article_is_kept():
    demands = "".join(f"<li>{d}</li>" for d in DEMANDS)
    a = run(news(paras(BODY) + f"<h3>Demonstranternes krav</h3><ul>{demands}</ul>"))
    for demand in DEMANDS:
        assert demand in a.text


def test_a_closing_section_headed_kontakt_with_a_sentence_is_kept():
    service = (
        "Borgere med spørgsmål til deres sag kan ringe til kommunens hotline alle hverdage "
        "mellem klokken 9 og 15."
    )
    a = run(news(paras(BODY) + f"<h3>Kontakt</h3><p>{service}</p>"))
    assert service in a.text


# --- Blocks of one template: live blogs, chronologies, explainers (threads, listings) ---


def _units(entries: list[tuple[str, str]], unit: str) -> str:
    return "".join(unit.format(head=head, text=text) for head, text in entries)


def test_a_live_blog_without_headings_is_the_article_and_comments_stay_out():
    times = ["14.05", "14.20", "14.41", "15.02", "15.30"]
    updates = _units(
        [(f"kl. {t}", s) for t, s in zip(times, BODY, strict=True)],
        '<div class="update"><p class="t">{head}</p><p>{text}</p></div>',
    )
    a = run(news(updates, comments=COMMENTS))
    for sentence in BODY:
        assert sentence in a.text
    assert "det var på tide" not in a.text


CHRONOLOGY_UNITS = [
    (
        "1. januar 2013",
        "Reformen af førtidspension og fleksjob træder i kraft, og ressourceforløb bliver den "
        "nye vej for mange borgere under 40 år.",
    ),
    (
        "Marts 2016",
        "Ankestyrelsen kritiserer kommunen for at lade borgere vente for længe på en afgørelse "
        "i deres sager.",
    ),
    ("28. juni 2017", BODY[0]),
    (
        "29. juni 2017",
        "Borgmesteren finder 13 millioner kroner ekstra til sagsbehandlingen i resten af året.",
    ),
]


def test_a_chronology_of_dated_entries_is_the_article_and_comments_stay_out():
    entries = _units(
        CHRONOLOGY_UNITS, '<div class="entry"><p class="when">{head}</p><p>{text}</p></div>'
    )
    a = run(news(entries, comments=COMMENTS))
    for _, text in CHRONOLOGY_UNITS:
        assert text in a.text
    assert "det var på tide" not in a.text


EXPLAINER = [
    (
        "Hvad er et ressourceforløb?",
        "Et ressourceforløb er en indsats på op til fem år, hvor kommunen skal hjælpe borgeren "
        "tættere på arbejdsmarkedet, før der tages stilling til pension.",
    ),
    (
        "Hvem kan få fleksjob?",
        "Fleksjob er for personer, hvis arbejdsevne er varigt og væsentligt nedsat, og som ikke "
        "kan arbejde på almindelige vilkår.",
    ),
    (
        "Hvornår får man førtidspension?",
        "Førtidspension gives som hovedregel kun, når det er dokumenteret, at arbejdsevnen ikke "
        "kan forbedres, og for personer under 40 år kun i særlige tilfælde.",
    ),
    (
        "Hvor kan man klage?",
        "En afgørelse fra kommunen kan påklages til Ankestyrelsen inden for fire uger, og "
        "klagen sendes først til kommunen selv.",
    ),
]


def _explainer() -> str:
    sections = "".join(
        f'<div class="qa"><h3>{q}</h3><p>{a}</p><a href="/guide/{n}">Læs mere</a></div>'
        for n, (q, a) in enumerate(EXPLAINER)
    )
    return news(sections, comments=COMMENTS)


def test_an_explainer_of_sections_ending_in_read_more_keeps_comments_out():
    a = run(_explainer())
    assert "det var på tide" not in a.text
    assert "stadig ikke fået en afgørelse" not in a.text


def test_an_explainer_of_sections_ending_in_read_more_keeps_every_answer():
    a = run(_explainer())
    for _, answer in EXPLAINER:
        assert answer in a.text


# --- Dates (extract/dates.py) ---

REPORT = (
    "Rapporten, der blev offentliggjort 13. juni 2016, viste, at hver tredje sag havde ligget "
    "stille i mere end et år."
)
UNDATED_URL = "https://avis.example.dk/indland/demonstration-raadhuset"


def _columns(body: str, side: str) -> str:
    """A page whose headline sits deep in the main column and whose date sits beside it."""
    return f"""<html lang="da"><head><meta charset="utf-8"><title>{HEADLINE}</title></head>
<body><div class="page"><div class="col-main"><div class="top"><div class="head"><header>
<h1>{HEADLINE}</h1></header></div></div><div class="text">{body}</div></div>
<div class="col-side">{side}</div></div></body></html>"""


def test_a_date_line_beside_the_article_beats_a_labelled_date_in_its_text():
    html = _columns(
        paras([*BODY[:2], REPORT, *BODY[2:]]),
        '<p class="article-date">28.06.2017</p><p>Af Mette Holm</p>',
    )
    assert extract(html, UNDATED_URL).published == datetime(2017, 6, 28, tzinfo=CPH)


def test_the_day_written_twice_beats_a_labelled_date_in_the_text():
    lines = ["København, 28. juni 2017", *BODY[:2], REPORT, *BODY[2:], "Mette Holm, 28. juni 2017"]
    html = _columns(paras(lines), "")
    assert extract(html, UNDATED_URL).published == datetime(2017, 6, 28, tzinfo=CPH)


def test_a_labelled_publication_line_dates_an_otherwise_undated_page():
    html = _columns(paras([*BODY, "Publiceret 28. juni 2017"]), "")
    assert extract(html, UNDATED_URL).published == datetime(2017, 6, 28, tzinfo=CPH)


def test_a_labelled_date_after_a_separator_dates_an_otherwise_undated_page():
    html = _columns(paras([*BODY[:2], REPORT, *BODY[2:], "Af Mette Holm | udgivet 28.06.2017"]), "")
    assert extract(html, UNDATED_URL).published == datetime(2017, 6, 28, tzinfo=CPH)


# --- Second review: the closing-bio rule (extract/bio.py) ---

AUTHOR_META = '<meta name="author" content="Mette Holm">'
BIO = "Mette Holm er journalist på Avisen og dækker social- og beskæftigelsesområdet."
NAMESAKE = (
    "Mette Holmgaard, der er formand for Foreningen for Ventende, vil nu klage over "
    "sagsbehandlingen til Ankestyrelsen."
)


def test_a_closing_bio_of_the_writer_is_dropped_and_the_story_kept():
    a = run(news(paras([*BODY, BIO]), head=AUTHOR_META))
    assert a.authors == ("Mette Holm",)
    assert a.paragraphs[-len(BODY) :] == tuple(BODY)
    assert BIO not in a.text


def test_a_closing_paragraph_about_a_person_whose_name_extends_the_writers_is_kept():
    a = run(news(paras([*BODY, NAMESAKE]), head=AUTHOR_META))
    assert a.paragraphs[-1] == NAMESAKE


def test_a_namesake_paragraph_before_the_last_costs_neither_paragraph():
    a = run(news(paras([*BODY[:4], NAMESAKE, BODY[4]]), head=AUTHOR_META))
    assert a.paragraphs[-2:] == (NAMESAKE, BODY[4])


def test_a_closing_paragraph_about_the_publishing_organisation_is_kept():
    # A municipality's or a union's own news page names itself as author in its metadata,
    # and its closing sentence is often what the organisation does next.
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": "Borgere demonstrerede", "author": '
        '{"@type": "Organization", "name": "Københavns Kommune"}}</script>'
    )
    closing = (
        "Københavns Kommune vil i efteråret gøre status over ventetiderne og fremlægge "
        "resultatet for udvalget."
    )
    a = run(news(paras([*BODY, closing]), head=ld))
    assert a.paragraphs[-1] == closing


def test_a_live_blogs_oldest_update_naming_the_reporter_is_kept():
    arrival = (
        "Mette Holm er nu på plads foran Rådhuset, hvor de første demonstranter er ved at "
        "samle sig med skilte og bannere."
    )
    times = ["15.30", "15.02", "14.41", "14.20", "14.05"]
    updates = _units(
        list(zip((f"kl. {t}" for t in times), [*BODY[:4], arrival], strict=True)),
        '<div class="update"><p class="t">{head}</p><p>{text}</p></div>',
    )
    a = run(news(updates, head=AUTHOR_META))
    assert arrival in a.text
    assert a.paragraphs[-1] != "kl. 14.05"  # no time line left without its update


def test_a_closing_note_on_how_the_writer_did_the_story_is_kept():
    method = (
        "Mette Holm har til denne artikel talt med 40 borgere, der har ventet mere end et år "
        "på en afgørelse. Deres navne er redaktionen bekendt."
    )
    a = run(news(paras([*BODY, method]), head=AUTHOR_META))
    assert method in a.text


# --- Second review: fact boxes at the top and bottom of the body, and asides ---

EDGE_BOXES = [
    pytest.param('<div class="factbox"><h3>Fakta</h3><p>{f}</p></div>', id="factbox"),
    pytest.param(
        '<div class="article-infobox"><h3>Fakta</h3><p>{f}</p></div>',
        id="infobox",
    ),
    pytest.param('<aside class="fact"><h3>Fakta</h3><p>{f}</p></aside>', id="aside"),
]


@pytest.mark.parametrize("box", EDGE_BOXES)
def test_a_fact_box_opening_the_body_is_kept(box: str):
    a = run(news(box.format(f=FAKTA) + paras(BODY)))
    assert FAKTA in a.text
    for sentence in BODY:
        assert sentence in a.text


@pytest.mark.parametrize("box", EDGE_BOXES)
def test_a_fact_box_closing_the_body_is_kept(box: str):
    a = run(news(paras(BODY) + box.format(f=FAKTA)))
    assert FAKTA in a.text
    for sentence in BODY:
        assert sentence in a.text


FAKTA_FLEKSJOB = (
    "Fleksjob er for personer, hvis arbejdsevne er varigt og væsentligt nedsat. Kommunen skal "
    "revurdere et fleksjob efter fem år, hvis borgeren er under 40 år."
)


def _fact_aside(text: str, label: str = "<p><strong>Fakta</strong></p>") -> str:
    return f'<aside class="fact">{label}<p>{text}</p></aside>'


def test_a_fact_aside_labelled_in_a_paragraph_is_kept():
    a = run(news(paras(BODY[:2]) + _fact_aside(FAKTA) + paras(BODY[2:])))
    assert FAKTA in a.text


def test_two_fact_asides_with_the_same_label_are_both_kept():
    body = (
        paras(BODY[:2])
        + _fact_aside(FAKTA)
        + paras(BODY[2:4])
        + _fact_aside(FAKTA_FLEKSJOB)
        + paras(BODY[4:])
    )
    a = run(news(body))
    assert FAKTA in a.text
    assert FAKTA_FLEKSJOB in a.text


def test_a_fact_aside_whose_first_paragraph_is_an_icon_is_kept():
    icon = '<p><img src="/i/fakta.svg" alt=""></p>'
    a = run(news(paras(BODY[:2]) + _fact_aside(FAKTA, icon) + paras(BODY[2:])))
    assert FAKTA in a.text


def test_a_fact_aside_opening_with_the_articles_subject_is_kept():
    restating = (
        "Reformen af førtidspension og fleksjob trådte i kraft i 2013, og siden er ventetiden "
        "i kommunen steget år for år."
    )
    a = run(news(paras(BODY[:2]) + _fact_aside(FAKTA, "") + paras([restating, *BODY[2:]])))
    assert restating in a.text
    assert FAKTA in a.text


def test_a_chronology_opening_the_body_is_kept():
    box = "<h3>Sagen kort</h3><ul>" + "".join(f"<li>{d}: {t}</li>" for d, t in CHRONOLOGY)
    a = run(news(box + "</ul>" + paras(BODY)))
    for _, event in CHRONOLOGY:
        assert event in a.text
    for sentence in BODY:
        assert sentence in a.text


# --- Second review: embeds, "Læs også" lines, live blogs with names, demands ---


def test_a_live_blog_whose_updates_name_their_reporter_is_the_article():
    reporters = ["Mette Holm", "Ole Lund", "Mette Holm", "Ole Lund", "Mette Holm"]
    times = ["15.30", "15.02", "14.41", "14.20", "14.05"]
    updates = "".join(
        f'<div class="update"><p class="meta"><b>{who}</b> kl. {t}</p><p>{text}</p></div>'
        for who, t, text in zip(reporters, times, BODY, strict=True)
    )
    a = run(news(updates, comments=COMMENTS))
    for sentence in BODY:
        assert sentence in a.text
    assert "det var på tide" not in a.text


@pytest.mark.parametrize(
    "box",
    [
        pytest.param(
            '<div class="share-quote"><blockquote><p>»{q}«</p></blockquote></div>',
            id="click-to-share pull quote",
        ),
        pytest.param(
            '<div class="newsletter-promo"><blockquote><p>Få de vigtigste nyheder om København '
            "i din indbakke hver morgen.</p></blockquote></div>",
            id="newsletter promo in a quote",
        ),
    ],
)
def test_a_share_or_newsletter_box_around_a_quote_is_dropped(box: str):
    quote = "Vi er ikke imod at blive vurderet, men vi er imod at blive glemt"
    a = run(news(paras(BODY[:4]) + box.format(q=quote) + paras(BODY[4:])))
    assert a.text.count(quote) == 1
    assert "indbakke" not in a.text
    for sentence in BODY:
        assert sentence in a.text


# --- Third review: the newest rules on more ordinary pages ---

SIGN_UP_POST = (
    '<blockquote class="twitter-tweet"><p lang="da">Tilmeld dig demonstrationen foran Rådhuset '
    "onsdag kl. 16, ingen skal glemmes i systemet.</p>— Foreningen for Ventende (@ventende_dk) "
    '<a href="https://x.example/ventende_dk/status/2">26. juni 2017</a></blockquote>'
)


def test_an_embedded_post_calling_to_a_demonstration_is_kept():
    # The post's attribution names a network: with "Tilmeld dig" in the post, the box read as
    # a newsletter call and the post was lost.
    embed = f'<div class="social-embed">{SIGN_UP_POST}</div>'
    a = run(news(paras(BODY[:2]) + embed + paras(BODY[2:])))
    assert "Tilmeld dig demonstrationen foran Rådhuset onsdag kl. 16" in a.text
    for sentence in BODY:
        assert sentence in a.text


SHORT_CHRONOLOGY = [
    ("Januar 2017", "Ny borgmester for beskæftigelse og integration"),
    ("Marts 2017", "Ankestyrelsen kritiserer kommunens sagsbehandling"),
    ("28. juni 2017", "Demonstration foran Rådhuset"),
]


@pytest.mark.parametrize(
    "entry", ["<li>{d}: {t}</li>", "<li>{d} – {t}</li>", "<li><b>{d}</b> {t}</li>"]
)
def test_short_chronology_entries_without_a_full_stop_are_kept(entry: str):
    # A month and a year, or a short entry with no full stop, read as a post's date line.
    box = "<h3>Sagen kort</h3><ul>" + "".join(entry.format(d=d, t=t) for d, t in SHORT_CHRONOLOGY)
    a = run(news(paras(BODY[:3]) + box + "</ul>" + paras(BODY[3:])))
    for _, event in SHORT_CHRONOLOGY:
        assert event in a.text


@pytest.mark.parametrize(
    "closing",
    [
        pytest.param(
            "Mette Holm, analytiker i Arbejderbevægelsens Erhvervsråd, siger, at ventetiderne "
            "i København er de længste i landet.",
            id="an analyst who shares the writer's name, quoted",
        ),
        pytest.param(
            "Anna Mee Allerslev er borgmester for beskæftigelse og integration og har lovet "
            "udvalget svar inden sommerferien.",
            id="the mayor",
        ),
    ],
)
def test_a_closing_paragraph_about_someone_in_the_story_is_kept(closing: str):
    a = run(news(paras([*BODY, closing]), head=AUTHOR_META))
    assert a.paragraphs[-1] == closing


@pytest.mark.parametrize(
    "bio",
    [
        pytest.param("<p>Mette Holm er journalist og har fulgt sagen i to år.</p>", id="short"),
        pytest.param(
            '<aside class="author-box"><p>Mette Holm har skrevet om social- og '
            "beskæftigelsespolitik på Avisen siden 2012 og har tidligere arbejdet på "
            "Radioen.</p></aside>",
            id="what the writer has covered, in an aside",
        ),
    ],
)
def test_a_closing_bio_of_the_writer_after_the_story_is_dropped(bio: str):
    a = run(news(paras(BODY) + bio, head=AUTHOR_META))
    assert a.paragraphs[-1] == BODY[-1]


@pytest.mark.parametrize("where", ["end", "middle"])
@pytest.mark.parametrize(
    "box",
    [
        pytest.param(
            '<aside class="related"><h3>Læs også</h3><p><a href="/indland/ressourceforloeb">'
            "Tusindvis venter</a></p><p>Tusindvis af københavnere venter stadig i "
            "ressourceforløb, viser en ny opgørelse fra forvaltningen.</p></aside>",
            id="read-also teaser with a sentence",
        ),
        pytest.param(
            '<aside class="newsletter"><h3>Nyhedsbrev</h3><p>Få dagens vigtigste nyheder fra '
            'København direkte i din indbakke hver morgen. <a href="/tilmeld">Tilmeld dig '
            "her</a>.</p></aside>",
            id="newsletter sign-up",
        ),
        pytest.param(
            '<aside class="promo"><h3>Nyhedsbrev</h3><p>Få dagens vigtigste nyheder fra '
            "København direkte i din indbakke hver eneste morgen.</p></aside>",
            id="newsletter promo without a call",
        ),
        pytest.param(
            '<aside class="site-promotion"><p>Få dagens vigtigste nyheder fra København direkte '
            "i din indbakke hver eneste morgen.</p></aside>",
            id="promotion without a heading or a call",
        ),
        pytest.param(
            '<aside class="box sponsored"><h3>Spar på elregningen</h3><p>Med en ny aftale betaler '
            "du mindre for strømmen hele vinteren, og det tager fem minutter.</p></aside>",
            id="sponsored box without a link",
        ),
    ],
)
def test_an_aside_selling_another_page_or_a_newsletter_is_dropped(box: str, where: str):
    body = paras(BODY) + box if where == "end" else paras(BODY[:3]) + box + paras(BODY[3:])
    a = run(news(body))
    assert [p for p in a.paragraphs if p not in BODY] == [STANDFIRST]


def test_a_long_pull_quote_cut_short_with_an_ellipsis_is_dropped():
    pull = (
        '<aside class="pullquote"><p>»… men vi er imod at blive glemt,« sagde en af talerne, en '
        "tidligere social- og sundhedsassistent.</p></aside>"
    )
    a = run(news(paras(BODY[:4]) + pull + paras(BODY[4:])))
    assert a.text.count("imod at blive glemt") == 1
    for sentence in BODY:
        assert sentence in a.text


@pytest.mark.parametrize("name", ["fact", "infobox", "article-aside"])
def test_a_fact_aside_about_a_newsletter_headed_nyhedsbrev_is_kept(name: str):
    # What a box says does not make it a promotion: its name does ("promo", "sponsored").
    fact = (
        "Kommunens nyhedsbrev om beskæftigelse udkom første gang i 2015 og sendes i dag til "
        "omkring 4.000 borgere, der venter på en afgørelse."
    )
    box = f'<aside class="{name}"><h3>Nyhedsbrev</h3><p>{fact}</p></aside>'
    for body in (paras(BODY[:2]) + box + paras(BODY[2:]), paras(BODY) + box):
        a = run(news(body))
        assert fact in a.text
        for sentence in BODY:
            assert sentence in a.text


@pytest.mark.parametrize("heading", ["Fakta om foreningen", "Mere om foreningen"])
def test_a_fact_aside_naming_a_newsletter_and_facebook_is_kept(heading: str):
    fact = (
        "Foreningen for Ventende blev stiftet i 2016 og har i dag 800 medlemmer. Den har en "
        "gruppe på Facebook og udsender et nyhedsbrev til medlemmerne."
    )
    box = f'<aside class="fact"><h3>{heading}</h3><p>{fact}</p></aside>'
    a = run(news(paras(BODY[:2]) + box + paras(BODY[2:])))
    assert fact in a.text


def test_a_closing_bio_of_a_writer_named_only_in_the_byline_is_dropped():
    bio = "Mette Holm er journalist på Avisen og dækker social- og beskæftigelsesområdet."
    a = run(news(paras([*BODY, bio])))
    assert a.paragraphs[-1] == BODY[-1]
