"""Wrong firings of the two newest text rules (tenth review of issue 15 rules).

``standfirst.described_standfirst`` puts first the block between ``<h1>`` and body that shows
the page's description; ``preview.full_body`` swaps the shown text for the JSON-LD
``articleBody`` when the page shows only a preview of it. Both add text, so both can add the
wrong text where their trigger is present on pages nobody tuned them to: a site's slogan, a
picture's caption, a pull quote, a teaser, a blog's name; an ``articleBody`` that is the site's
"about" text, holds markup, soft hyphens, markdown, captions or the related headlines. Each
page is written for these tests (facts of the dispute, no real news text). Each test asks what
a reader would: is every paragraph there once and in order, and nothing foreign? A known
failure is marked ``pytest.mark.xfail(strict=True)`` with the rule that causes it, so a fix
shows up as an unexpected pass (none is left).
"""

from __future__ import annotations

from extract_pages import jsonld
from mediespor.extract import Article, extract

URL = "https://www.avisen.example.dk/kbh/fleksjob-udvalget-udsaetter-sagen"
HEADLINE = "Udvalget udsætter beslutningen om de ældste sager om førtidspension"
BODY = [
    "Beskæftigelsesudvalget i Københavns Kommune valgte onsdag aften at udskyde beslutningen "
    "om et særligt team til de ældste sager om førtidspension til efter sommerferien.",
    "Forvaltningen havde foreslået, at tolv sagsbehandlere skulle tage sig af de cirka 1.100 "
    "sager, som har ventet mere end et år på en afgørelse i jobcentret.",
    "Et flertal i udvalget ville først se en opgørelse over, hvor mange af sagerne der "
    "allerede er sendt til lægelig vurdering, og hvor mange der mangler papirer.",
    "Handicaporganisationerne kaldte udsættelsen skuffende og sagde, at hver måned uden en "
    "afgørelse koster de berørte borgere både penge og helbred.",
    "Rådmanden lovede at komme med opgørelsen inden udvalgets møde i august og sagde, at "
    "teamet kan gå i gang samme uge, hvis udvalget siger ja.",
    "Oppositionen vil i mellemtiden bede om et samråd med ministeren om, hvordan andre "
    "kommuner har nedbragt deres ventetider efter reformen fra 2013.",
]
MANCHET = (
    "Et flertal vil se flere tal, før kommunen sætter tolv sagsbehandlere på de sager, der "
    "har ventet længst"
)
# The whole story behind a paywall: the page shows its first two paragraphs.
LONG = [
    *BODY,
    "Tallene fra jobcentret viser, at hver fjerde af de ældste sager venter på en udtalelse "
    "fra en speciallæge, og at ventetiden på dem er steget siden nytår.",
    "Flere af udvalgets medlemmer pegede på, at kommunen kunne købe udtalelserne hos private "
    "klinikker, sådan som to omegnskommuner gjorde sidste år.",
    "Forvaltningen vil regne på, hvad det koster, og lægge beregningen frem sammen med "
    "opgørelsen i august, oplyste direktøren efter mødet.",
    "Borgerrepræsentationen skal i september tage stilling til, om pengene til teamet skal "
    "findes i årets budget eller først i budgettet for næste år.",
]
SLOGAN = "Lokale nyheder, debat og baggrund fra hele hovedstaden hver eneste dag"


def _page(
    *,
    top: str = "",
    description: str | None = None,
    body: list[str] = BODY,
    head: str = "",
    h1: str = HEADLINE,
    title: str = HEADLINE,
    masthead: str = "",
    after: str = "",
    lang: str = "da",
) -> str:
    """An article page: the site's masthead, then ``<h1>``, ``top`` (what sits between the
    headline and the body), the body's paragraphs and ``after``."""
    meta = f'<meta name="description" content="{description}">' if description else ""
    paras = "".join(f"<p>{p}</p>" for p in body)
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | Avisen</title>{meta}{head}</head><body>
<header class="site-header"><a class="logo" href="/">Avisen</a>{masthead}
<nav><a href="/kbh">København</a> <a href="/debat">Debat</a></nav></header>
<main><article><div class="article-top"><h1>{h1}</h1>{top}</div>
<div class="article-body">{paras}</div>{after}</article></main>
<footer><p>Avisen A/S, Hovedgaden 1, 1000 København K. Alle rettigheder forbeholdes.</p></footer>
</body></html>"""


def _once_in_order(a: Article, paragraphs: list[str]) -> None:
    """Every paragraph is in the text exactly once, in the order given."""
    counts = {p: a.text.count(p) for p in paragraphs}
    wrong = {p: n for p, n in counts.items() if n != 1}
    assert not wrong, f"not once: {wrong!r}\ntext: {a.paragraphs!r}"
    where = [a.text.index(p) for p in paragraphs]
    assert where == sorted(where), f"out of order\ntext: {a.paragraphs!r}"


def _nothing_of(a: Article, fragments: list[str]) -> None:
    kept = [f for f in fragments if f in a.text]
    assert not kept, f"foreign text kept: {kept!r}\ntext: {a.paragraphs!r}"


# --- standfirst.described_standfirst: trigger present, nothing to add -----------------------


def test_a_slogan_under_the_logo_above_the_headline_is_not_a_standfirst():
    html = _page(description=SLOGAN, masthead=f'<p class="tagline">{SLOGAN}</p>')
    a = extract(html, URL)
    assert a.paragraphs == tuple(BODY)


def test_a_slogan_under_a_logo_set_in_the_h1_is_not_a_standfirst():
    # The <h1> is the site's logo, the slogan under it is every page's description, and the
    # article's headline is an <h2> in the post.
    html = f"""<html lang="da"><head><title>{HEADLINE} | Avisen</title>
<meta property="og:title" content="{HEADLINE}"><meta name="description" content="{SLOGAN}">
</head><body><header><h1 class="logo"><a href="/">Avisen</a></h1>
<p class="tagline">{SLOGAN}</p></header>
<div class="post"><h2>{HEADLINE}</h2>{"".join(f"<p>{p}</p>" for p in BODY)}</div></body></html>"""
    a = extract(html, URL)
    _nothing_of(a, [SLOGAN])
    _once_in_order(a, BODY)


def test_a_topic_blogs_slogan_under_its_name_is_not_a_standfirst():
    # A blog named after its topic: its name in the <h1> shares a word with the post's
    # headline ("fleksjob"), its slogan sits under the name and is every page's description.
    slogan = "Nyt om fleksjob, førtidspension og ressourceforløb skrevet af frivillige"
    html = f"""<html lang="da"><head><title>Nye regler for fleksjob - Fleksjob i fokus</title>
<meta property="og:title" content="Nye regler for fleksjob">
<meta name="description" content="{slogan}"></head><body>
<header><h1>Fleksjob i fokus</h1><div class="tagline">{slogan}</div></header>
<div class="post"><h2>Nye regler for fleksjob</h2>{"".join(f"<p>{p}</p>" for p in BODY)}</div>
</body></html>"""
    a = extract(html, URL)
    _nothing_of(a, [slogan])
    _once_in_order(a, BODY)


BYLINE = '<div class="byline">Af Ida Holm · 28. juni 2017</div>'
CAPTION = (
    "Omkring 150 borgere stod på Rådhuspladsen, mens udvalget holdt sit ekstraordinære møde "
    "indenfor"
)


def test_a_caption_in_a_figure_under_the_headline_is_not_a_standfirst():
    top = f'<figure><img src="/b.jpg" alt=""><figcaption>{CAPTION}</figcaption></figure>'
    a = extract(_page(top=top, description=CAPTION), URL)
    _nothing_of(a, [CAPTION])
    _once_in_order(a, BODY)


def test_a_caption_in_a_picture_box_under_the_headline_is_not_a_standfirst():
    # No <figure>: a box with the picture and a paragraph under it, the description being the
    # caption (some CMSs fill it from the top picture).
    top = f'<div class="image"><img src="/b.jpg" alt=""><p class="caption">{CAPTION}</p></div>'
    a = extract(_page(top=top, description=CAPTION), URL)
    _nothing_of(a, [CAPTION])
    _once_in_order(a, BODY)


def test_a_pull_quote_the_body_quotes_is_not_added_before_it():
    quote = "»Hver måned uden en afgørelse koster de berørte borgere både penge og helbred«"
    body = [*BODY[:3], f"{quote}, sagde formanden for handicaporganisationerne.", *BODY[4:]]
    top = f'<blockquote class="pullquote"><p>{quote}</p></blockquote>'
    a = extract(_page(top=top, description=quote, body=body), URL)
    _once_in_order(a, body)


def _hero(
    top: str, description: str, body: list[str], *, h1: str = HEADLINE, lang: str = "da"
) -> str:
    """A page whose headline and standfirst sit in a box above the article's own block."""
    return f"""<html lang="{lang}"><head><title>{h1}</title>
<meta name="description" content="{description}"></head><body>
<div class="hero"><h1>{h1}</h1>{top}</div>
<article class="story">{"".join(f"<p>{p}</p>" for p in body)}</article></body></html>"""


def test_a_standfirst_the_body_opens_with_is_not_added_twice():
    # The page shows it under the headline and again as the body's first paragraph, and its
    # description writes it a little differently.
    variants = {
        "spaces": MANCHET.replace(" ", "  ", 3),
        "line break": MANCHET.replace(" flere", "\nflere"),
        "full stop": MANCHET + ".",
        "cut": MANCHET[:60] + "…",
        "cut with dots": MANCHET[:60] + " ...",
        "nbsp": MANCHET.replace(" tolv", "&nbsp;tolv"),
    }
    top = f'{BYLINE}<div class="intro"><strong>{MANCHET}</strong></div>'
    assert extract(_hero(top, "Kort", BODY), URL).paragraphs[0] == BODY[0]
    assert extract(_hero(top, MANCHET, BODY), URL).paragraphs == (MANCHET, *BODY)
    for name, description in variants.items():
        a = extract(_hero(top, description, [MANCHET + ".", *BODY]), URL)
        assert a.text.count(MANCHET[:50]) == 1, (name, a.paragraphs)


def test_a_standfirst_the_body_opens_with_soft_hyphens_is_not_added_twice():
    soft = MANCHET.replace("sagsbehandlere", "sags&shy;behandlere")
    top = f'{BYLINE}<div class="intro"><strong>{soft}</strong></div>'
    a = extract(_hero(top, soft, [soft + ".", *BODY]), URL)
    assert a.text.count(MANCHET[:50]) == 1, a.paragraphs
    assert "\xad" not in a.text


def test_a_standfirst_right_under_the_headline_the_body_repeats_is_given_once():
    top = f'<p class="manchet">{MANCHET}</p>'
    a = extract(_page(top=top, body=[MANCHET + ".", *BODY]), URL)
    assert a.text.count(MANCHET[:50]) == 1, a.paragraphs
    _once_in_order(a, BODY)


def test_a_standfirst_with_soft_hyphens_in_the_text_is_not_added_twice():
    # Danish sites hyphenate long words softly (&shy;) in the standfirst and in its meta
    # description; the text drops the soft hyphens.
    soft = MANCHET.replace("sagsbehandlere", "sags&shy;behandlere")
    html = _page(top=f'<p class="manchet">{soft}</p>', description=soft).replace(
        '<div class="article-top">', '<div class="article-top article-body">'
    )
    a = extract(html, URL)
    plain = [p.replace("\xad", "") for p in a.paragraphs]
    assert sum(MANCHET[:50] in p for p in plain) == 1, a.paragraphs
    _once_in_order(a, BODY)


def test_a_standfirst_in_the_article_block_with_soft_hyphens_is_not_added_twice():
    soft = MANCHET.replace("sagsbehandlere", "sags&shy;behandlere")
    html = f"""<html lang="da"><head><title>{HEADLINE}</title>
<meta name="description" content="{soft}"></head><body><article><h1>{HEADLINE}</h1>
<p class="manchet"><strong>{soft}</strong></p>{"".join(f"<p>{p}</p>" for p in BODY)}
</article></body></html>"""
    a = extract(html, URL)
    plain = [p.replace("\xad", "") for p in a.paragraphs]
    assert sum(MANCHET[:50] in p for p in plain) == 1, a.paragraphs
    assert "\xad" not in a.text


def test_a_description_in_a_block_hidden_by_its_class_is_not_a_standfirst():
    # A summary kept for search engines in a block the site's stylesheet hides.
    top = f'{BYLINE}<div class="seo-summary hidden">{MANCHET}</div>'
    a = extract(_hero(top, MANCHET, BODY), URL)
    assert a.paragraphs == tuple(BODY)


def test_a_cut_description_takes_the_standfirst_without_the_byline_beside_it():
    # The standfirst box holds the standfirst and the byline; the description is cut short.
    top = (
        f'<div class="intro"><p class="manchet">{MANCHET}</p>'
        '<p class="byline">Af Ida Holm, 28. juni 2017 kl. 21.14</p></div>'
    )
    a = extract(_page(top=top, description=MANCHET[:70] + "…"), URL)
    assert a.paragraphs[0] == MANCHET
    _once_in_order(a, BODY)


def test_a_listing_whose_description_is_a_teasers_blurb_adds_no_standfirst():
    blurbs = [
        f"Blurb {n}: udvalget, forvaltningen og borgerne om sagerne om førtidspension i uge {n}"
        for n in range(1, 8)
    ]
    cards = "".join(
        f'<article class="teaser"><h2><a href="/kbh/sag-{n}">Sagen i uge {n}</a></h2>'
        f"<p>{b}</p></article>"
        for n, b in enumerate(blurbs, 1)
    )
    html = f"""<html lang="da"><head><title>Fleksjob | Avisen</title>
<meta name="description" content="{blurbs[0]}"></head><body>
<main><h1>Fleksjob</h1><p class="lead">{blurbs[0]}</p><section class="list">{cards}</section>
</main></body></html>"""
    a = extract(html, URL)
    assert a.text.count(blurbs[0]) <= 1, a.paragraphs


def test_a_live_blogs_summary_is_its_standfirst_and_its_entries_follow_once():
    summary = "Følg med her, mens borgere demonstrerer foran Rådhuset og udvalget holder møde"
    entries = "".join(
        f'<div class="entry"><time>{t}</time><p>{p}</p></div>'
        for t, p in zip(("18.40", "18.25", "18.10", "17.55", "17.40", "17.30"), BODY, strict=True)
    )
    html = f"""<html lang="da"><head><title>LIVE: Demonstration ved Rådhuset</title>
<meta name="description" content="{summary}"></head><body><main>
<h1>LIVE: Demonstration ved Rådhuset</h1><p class="summary">{summary}</p>
<div class="live-entries">{entries}</div></main></body></html>"""
    a = extract(html, URL)
    _once_in_order(a, [summary, *BODY])


# --- standfirst.described_standfirst: should fire -------------------------------------------


def test_a_standfirst_under_the_second_h1_when_the_logo_is_the_first_is_found():
    # Old templates set the logo in an <h1> too; the article's <h1> comes second.
    top = f'{BYLINE}<div class="intro"><strong>{MANCHET}</strong></div>'
    html = _hero(top, MANCHET, BODY).replace(
        '<div class="hero">',
        '<header><h1 class="logo"><a href="/">Avisen</a></h1></header><div class="hero">',
    )
    a = extract(html, URL)
    assert a.paragraphs == (MANCHET, *BODY)


def test_an_english_standfirst_under_the_headline_comes_first():
    body = [
        "The employment committee of Copenhagen postponed its decision on a special team for "
        "the oldest early-retirement cases until after the summer break on Wednesday.",
        "The administration had proposed that twelve caseworkers take over about 1,100 cases "
        "that have waited more than a year for a decision at the job centre.",
        "Disability organisations called the delay disappointing and said every month without "
        "a decision costs the people affected both money and health.",
    ]
    standfirst = (
        "A majority wants more figures before twelve caseworkers are put on the oldest cases"
    )
    top = f'<div class="byline">By Ida Holm, 28 June 2017</div><div class="dek">{standfirst}</div>'
    h1 = "Committee delays decision on oldest pension cases"
    a = extract(_hero(top, standfirst, body, h1=h1, lang="en"), URL)
    assert a.paragraphs == (standfirst, *body)


GERMAN = [
    "Der Beschäftigungsausschuss in Kopenhagen hat am Mittwoch die Entscheidung über ein "
    "eigenes Team für die ältesten Rentenfälle auf die Zeit nach dem Sommer verschoben.",
    "Die Verwaltung hatte vorgeschlagen, dass zwölf Sachbearbeiter die rund 1.100 Fälle "
    "übernehmen, die seit mehr als einem Jahr auf eine Entscheidung warten.",
    "Die Behindertenverbände nannten den Aufschub enttäuschend und sagten, jeder Monat "
    "ohne Entscheidung koste die Betroffenen Geld und Gesundheit.",
]
GERMAN_H1 = "Ausschuss verschiebt Entscheidung über alte Rentenfälle"
GERMAN_TOP = '<div class="autor">Von Ida Holm, 28. Juni 2017</div><div class="teaser">{}</div>'


def test_a_german_teaser_under_the_headline_comes_first():
    shown = "Die Mehrheit will mehr Zahlen sehen, bevor das Team für die alten Fälle startet"
    a = extract(_hero(GERMAN_TOP.format(shown), shown, GERMAN, h1=GERMAN_H1, lang="de"), URL)
    assert a.paragraphs == (shown, *GERMAN)


def test_a_german_teaser_with_typographic_quotes_is_found_through_a_plain_description():
    shown = "„Jeder Monat zählt“: Die Mehrheit will mehr Zahlen sehen, bevor das Team startet"
    plain = (
        "&quot;Jeder Monat zählt&quot;: Die Mehrheit will mehr Zahlen sehen, bevor das Team startet"
    )
    a = extract(_hero(GERMAN_TOP.format(shown), plain, GERMAN, h1=GERMAN_H1, lang="de"), URL)
    assert a.paragraphs == (shown, *GERMAN)


# --- preview.full_body ----------------------------------------------------------------------


def _paywalled(
    article_body: str,
    *,
    shown: list[str] = LONG[:2],
    top: str = "",
    description: str | None = None,
    related: str = "",
) -> str:
    """A paywalled page: headline, ``top``, the first paragraphs, a box asking for a login."""
    ld = jsonld({"@type": "NewsArticle", "headline": HEADLINE, "articleBody": article_body})
    return _page(
        top=top,
        description=description,
        body=shown,
        head=ld,
        after='<div class="paywall"><p>Log ind for at læse resten af artiklen</p></div>' + related,
    )


ABOUT = [
    "Avisen er hovedstadens uafhængige netavis, grundlagt af en gruppe journalister, der ville "
    "skrive om det, der sker lige om hjørnet.",
    "Vi dækker kommunalpolitik, kultur, sport og trafik i alle bydele og har redaktion på "
    "Nørrebro med otte faste medarbejdere.",
    "Avisen finansieres af abonnenter og annoncer og følger de presseetiske regler. Du kan "
    "klage til redaktionen eller til Pressenævnet.",
    "Har du et tip, så skriv til os. Vi læser alle henvendelser og svarer så hurtigt vi kan, "
    "også i weekenden og på helligdage.",
] * 3


def test_a_front_page_with_the_lead_storys_body_keeps_its_listing():
    # A section front: seven teasers with their blurbs, and the JSON-LD of the lead story,
    # whose body opens with the first teaser's blurb.
    blurbs = [f"{p} Læs hele historien om sag nummer {n}." for n, p in enumerate(BODY, 1)]
    cards = "".join(
        f'<div class="teaser"><h2><a href="/kbh/sag-{n}">Sag {n}</a></h2><p>{b}</p></div>'
        for n, b in enumerate(blurbs, 1)
    )
    ld = jsonld({"@type": "NewsArticle", "headline": "Sag 1", "articleBody": "\n".join(LONG * 2)})
    html = f"""<html lang="da"><head><title>København | Avisen</title>{ld}</head><body>
<main><h1>København</h1><section class="front">{cards}</section></main></body></html>"""
    a = extract(html, URL)
    assert a.provenance.get("text_source") != "jsonld_full", a.paragraphs


def test_an_about_text_as_article_body_is_not_taken():
    a = extract(_paywalled("\n".join(ABOUT)), URL)
    assert a.paragraphs == tuple(LONG[:2])
    _nothing_of(a, [ABOUT[0]])


def test_a_body_with_breaks_and_entities_reads_as_its_paragraphs():
    # The body's HTML escaped for JSON ("&lt;p&gt;"), with <br>s between paragraphs and
    # entities in the text.
    raw = "<br><br>".join(p.replace("Rådmanden", "R&aring;dmanden") for p in LONG)
    a = extract(_paywalled(raw.replace("<", "&lt;").replace(">", "&gt;")), URL)
    assert a.paragraphs == tuple(LONG)


def test_a_body_with_soft_hyphens_is_taken_without_them():
    soft = "\n".join(LONG).replace("førtidspension", "førtids\xadpension")
    a = extract(
        _paywalled(
            soft, shown=[p.replace("førtidspension", "førtids&shy;pension") for p in LONG[:2]]
        ),
        URL,
    )
    assert a.paragraphs == tuple(LONG)


def test_a_body_written_in_markdown_keeps_no_markup():
    md = "\n\n".join(
        [
            LONG[0],
            LONG[1],
            "## Venter på tal",
            LONG[2].replace("opgørelse", "**opgørelse**"),
            LONG[3],
            LONG[4].replace("opgørelsen", "[opgørelsen](https://www.avisen.example.dk/tal)"),
            *LONG[5:],
        ]
    )
    a = extract(_paywalled(md), URL)
    _nothing_of(a, ["**", "](", "## "])
    _once_in_order(a, [LONG[0], LONG[1], LONG[3], *LONG[5:]])


def test_a_body_with_a_picture_keeps_its_caption_off_the_paragraphs():
    html_body = (
        "".join(f"<p>{p}</p>" for p in LONG[:3])
        + f'<figure><img src="/b.jpg"><figcaption>{CAPTION}</figcaption></figure>'
        + "".join(f"<p>{p}</p>" for p in LONG[3:])
    )
    a = extract(_paywalled(html_body), URL)
    _once_in_order(a, LONG)
    assert not any(CAPTION in p and p != CAPTION for p in a.paragraphs), a.paragraphs


def test_a_video_pages_transcript_of_other_words_is_not_taken():
    # The page shows what the video is about; the body is the transcript, which does not
    # hold those paragraphs. (A page showing next to nothing takes any body: content._fallback.)
    transcript = "\n".join(
        f"SPEAKER {n % 2 + 1}: Ja, altså, vi har jo set på det her længe, og vi mener {n}."
        for n in range(40)
    )
    a = extract(_paywalled(transcript, shown=BODY[:3]), URL)
    _nothing_of(a, ["SPEAKER"])
    assert a.paragraphs[:3] == tuple(BODY[:3])


def test_a_body_with_related_headlines_and_comments_keeps_only_the_article():
    related = [
        "Læs også: Jobcentret får 13 millioner ekstra til sagsbehandling",
        "Læs også: Demonstration foran Rådhuset samler 150 borgere",
    ]
    comments = [
        "Kommentarer (2)",
        "Karen, 29. juni 2017: Endelig sker der noget, men det er alt for sent for mange.",
    ]
    links = "".join(
        f'<li><a href="/kbh/r{n}">{r.removeprefix("Læs også: ")}</a></li>'
        for n, r in enumerate(related)
    )
    # The page shows the comments under the paywall: name, date and words apart.
    thread = (
        f'<section class="comments"><h2>{comments[0]}</h2><div class="comment">'
        f'<p class="name">Karen</p><time>29. juni 2017</time><p>{comments[1][22:]}</p></div>'
        "</section>"
    )
    body = "\n".join([*LONG[:3], related[0], *LONG[3:], related[1], *comments])
    html = _paywalled(body, related=f'<section class="related"><ul>{links}</ul></section>{thread}')
    a = extract(html, URL)
    _once_in_order(a, LONG)
    _nothing_of(a, [*related, *comments])


def test_a_body_line_that_holds_a_linked_phrase_in_a_sentence_stays():
    # The look-alike: the page links a story by a phrase that the article's own sentences
    # use, once inside a sentence and once after a speaker's "sagde:". Both are the article's.
    phrase = "13 millioner ekstra til sagsbehandling"
    said = [
        f"Jobcentret fik i foråret {phrase}, men pengene er allerede brugt på de nyeste sager.",
        f"Rådmanden sagde: {phrase} rækker ikke til de ældste sager.",
    ]
    links = f'<section class="related"><ul><li><a href="/kbh/r0">{phrase}</a></li></ul></section>'
    body = "\n".join([*LONG[:3], said[0], *LONG[3:], said[1]])
    a = extract(_paywalled(body, related=links), URL)
    _once_in_order(a, [*LONG[:3], said[0], *LONG[3:], said[1]])
    assert a.provenance.get("text_source") == "jsonld_full"


def test_a_paywalled_standfirst_shown_in_the_article_stays_before_the_full_body():
    # Berlingske-/Politiken-like: the standfirst and two paragraphs are shown in the article
    # block, the JSON-LD body holds the whole story without the standfirst, and the meta
    # description is a shorter teaser of its own.
    html = _paywalled(
        "\n\n".join(LONG),
        shown=[MANCHET, *LONG[:2]],
        description="Sagerne om førtidspension må vente til efter sommerferien, besluttede udvalget",
    )
    a = extract(html, URL)
    _once_in_order(a, [MANCHET, *LONG])
    assert a.provenance.get("text_source") == "jsonld_full"


def test_a_paywalled_standfirst_under_the_headline_comes_once_before_the_full_body():
    html = _paywalled(
        "\n\n".join(LONG),
        top=f'<p class="summary">{MANCHET}</p>',
        description=MANCHET[:80] + "…",
    )
    a = extract(html, URL)
    assert a.paragraphs == (MANCHET, *LONG)


def test_a_paywalled_body_that_opens_with_the_standfirst_gives_it_once():
    html = _paywalled(
        "\n\n".join([MANCHET + ".", *LONG]),
        top=f'<p class="summary">{MANCHET}</p>',
        description=MANCHET,
    )
    a = extract(html, URL)
    assert a.text.count(MANCHET) == 1, a.paragraphs
    _once_in_order(a, LONG)


def test_an_english_paywalled_preview_takes_the_full_body_once():
    body = [
        f"Paragraph {n} of the English story tells how the committee weighed the cost of the "
        "new team against the waiting times of the oldest cases."
        for n in range(1, 9)
    ]
    standfirst = "Councillors want more figures before the oldest cases get a team of their own"
    html = _page(
        top=f'<p class="standfirst">{standfirst}</p>',
        description=standfirst,
        body=body[:2],
        head=jsonld(
            {
                "@type": "NewsArticle",
                "headline": "Committee delays decision",
                "articleBody": "\n".join(body),
            }
        ),
        after='<div class="paywall"><p>Subscribe to read the rest of this article</p></div>',
        lang="en",
        h1="Committee delays decision",
        title="Committee delays decision",
    )
    a = extract(html, URL)
    assert a.paragraphs == (standfirst, *body)
