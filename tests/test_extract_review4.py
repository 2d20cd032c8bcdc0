"""Extraction on kinds of pages the extractor has not met yet (fourth review of issue 15 rules).

The mission crawls more than newspapers: the municipality's press releases, unions' and
organisations' news pages, local weeklies, party and politicians' blogs, Folketinget's
questions and answers, TV stations' articles with video, and coverage in other languages.
Each page here is written for these tests (facts and names of the dispute, no real news
text), in the shape such sites use. The tests pin what should hold on any such page: the
article's sentences are kept, the boxes around it are gone, the page is dated by its own date
line (or stays undated, never the fetch date). Known failures are marked
``pytest.mark.xfail(strict=True)`` with the rule that causes them, so a fix shows up as an
unexpected pass.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from extract_pages import jsonld
from mediespor.danish_dates import CPH
from mediespor.extract import Article, extract
from test_extract_generalise import paras


def _page(body: str, *, lang: str = "da", title: str, head: str = "") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title>{head}</head><body>{body}</body></html>"
    )


def _keeps(a: Article, sentences: list[str]) -> None:
    missing = [s for s in sentences if s not in a.text]
    assert not missing, f"lost: {missing!r}\ntext: {a.text!r}"


def _drops(a: Article, fragments: list[str]) -> None:
    kept = [f for f in fragments if f in a.text]
    assert not kept, f"kept boilerplate: {kept!r}\ntext: {a.text!r}"


def _swap(html: str, old: str, new: str) -> str:
    """``html`` with ``old`` replaced, which must be there: a variant that changed nothing
    would test the base page again."""
    assert old in html, old
    return html.replace(old, new)


# --- A municipal press release (kk.dk style) ---

KK_URL = "https://www.kk.example.dk/nyheder/13-millioner-ekstra-til-sagsbehandling"
KK_HEADLINE = "13 millioner kroner ekstra til sagsbehandling af sager om førtidspension"
KK_LEAD = (
    "Beskæftigelses- og Integrationsforvaltningen får i år 13 millioner kroner mere for at "
    "nedbringe ventetiden i sager om førtidspension og fleksjob."
)
KK_BODY = [
    "Pengene skal bruges til at ansætte flere sagsbehandlere i jobcentrene, så de ældste sager "
    "kan blive afgjort inden udgangen af året.",
    "»Borgere, der har ventet i årevis, skal have et svar. Det er vores ansvar, og nu sætter vi "
    "handling bag,« siger forvaltningens direktør, Lise Munk.",
    "Beslutningen følger efter et ekstraordinært møde i Beskæftigelses- og Integrationsudvalget "
    "onsdag, hvor ventetiderne var det eneste punkt på dagsordenen.",
    "Forvaltningen vil hver måned gøre status over antallet af sager, der har ligget mere end "
    "et år, og sende opgørelsen til udvalget.",
]
KK_CONTACT = (
    '<div class="contact-box"><h2>Yderligere oplysninger</h2><p>Pressechef Lars Nielsen</p>'
    "<p>Telefon: 33 66 12 34</p>"
    '<p>E-mail: <a href="mailto:presse@kk.example.dk">presse@kk.example.dk</a></p></div>'
)
KK_RELATED = (
    '<section class="related-news"><h2>Relaterede nyheder</h2><ul>'
    '<li><a href="/nyheder/ny-plan-for-jobcentrene"><span class="date">22. juni 2017</span> '
    "Ny plan skal give jobcentrene færre sager per medarbejder</a></li>"
    '<li><a href="/nyheder/udvalget-moedes"><span class="date">15. juni 2017</span> '
    "Udvalget indkalder til ekstraordinært møde om ventetider</a></li></ul></section>"
)


def _kk_press_release() -> str:
    return _page(
        f"""<header class="site-header"><a href="/" class="logo">Københavns Kommune</a>
<nav><ul><li><a href="/borger">Borger</a></li><li><a href="/erhverv">Erhverv</a></li>
<li><a href="/politik">Politik</a></li><li><a href="/om-kommunen">Om kommunen</a></li></ul></nav>
<form role="search"><input type="search" placeholder="Søg på kk.dk"><button>Søg</button></form>
</header>
<nav class="breadcrumb"><a href="/">Forside</a> › <a href="/nyheder">Nyheder</a> ›
<span>13 millioner ekstra</span></nav>
<main><article class="news-article">
<p class="label">Pressemeddelelse</p>
<h1>{KK_HEADLINE}</h1>
<p class="news-date">29. juni 2017</p>
<p class="lead">{KK_LEAD}</p>
<div class="field-body">{paras(KK_BODY)}</div>
{KK_CONTACT}
</article>
{KK_RELATED}
</main>
<footer><p>Københavns Kommune, Rådhuspladsen 1, 1599 København V</p>
<ul><li><a href="/cookies">Cookies</a></li><li><a href="/was">Tilgængelighedserklæring</a></li>
</ul></footer>""",
        title=f"{KK_HEADLINE} | Københavns Kommune",
    )


def test_press_release_keeps_its_lead_and_body():
    a = extract(_kk_press_release(), KK_URL)
    _keeps(a, [KK_LEAD, *KK_BODY])
    assert a.title == KK_HEADLINE


def test_press_release_drops_related_news_and_footer():
    a = extract(_kk_press_release(), KK_URL)
    _drops(a, ["færre sager per medarbejder", "Udvalget indkalder", "Rådhuspladsen 1", "Cookies"])


def test_press_release_drops_its_contact_box():
    a = extract(_kk_press_release(), KK_URL)
    _drops(a, ["33 66 12 34", "presse@kk.example.dk"])


def test_press_release_is_dated_by_its_date_line_not_the_related_news():
    a = extract(_kk_press_release(), KK_URL)
    assert a.published == datetime(2017, 6, 29, tzinfo=CPH)


def _kk_dated_above_headline() -> str:
    html = _swap(_kk_press_release(), '<p class="news-date">29. juni 2017</p>', "")
    return _swap(html, "Pressemeddelelse</p>", "Pressemeddelelse | 29. juni 2017</p>")


@pytest.mark.parametrize(
    "where",
    [
        pytest.param("</article>", id="last line of the article"),
        pytest.param("<footer>", id="above the site footer"),
    ],
)
def test_press_release_dated_above_its_headline_is_not_dated_by_its_last_updated_line(where: str):
    html = _swap(
        _kk_dated_above_headline(),
        where,
        f'<p class="last-updated">Sidst opdateret: 30.06.2017</p>{where}',
    )
    assert extract(html, KK_URL).published == datetime(2017, 6, 29, tzinfo=CPH)


def test_press_release_dated_above_its_headline_is_dated_by_that_line():
    assert extract(_kk_dated_above_headline(), KK_URL).published == datetime(
        2017, 6, 29, tzinfo=CPH
    )


# --- A union's news page (FOA / 3F style): member calls around a member story ---

UNION_URL = "https://www.fagforening.example.dk/nyheder/2017/fire-aar-i-ressourceforloeb"
UNION_HEADLINE = "Medlemmer fortæller: Fire år i ressourceforløb uden en afgørelse"
UNION_BODY = [
    "Flere medlemmer i København har henvendt sig til forbundet, fordi deres sag om "
    "førtidspension har ligget stille i mere end to år.",
    "En tidligere social- og sundhedshjælper fortæller, at hun har været i tre ressourceforløb "
    "efter hinanden, uden at kommunen har taget stilling til hendes arbejdsevne.",
    "»Hver gang jeg får en ny sagsbehandler, starter vi forfra. Jeg har fortalt min historie "
    "syv gange nu,« siger hun.",
    "Forbundets socialrådgiver hjælper medlemmerne med at klage til Ankestyrelsen, når "
    "kommunen ikke overholder sine egne frister.",
    "Forbundet deltager i demonstrationen foran Rådhuset onsdag den 28. juni, hvor udvalget "
    "holder ekstraordinært møde om ventetiderne.",
]


UNION_INLINE_CALL = (
    '<div class="callout"><p>Er du i tvivl om dine rettigheder? Som medlem kan du få hjælp af '
    'en faglig rådgiver. <a href="/bliv-medlem">Bliv medlem her</a></p></div>'
)


def _union_news(body: str = "") -> str:
    body = body or paras(UNION_BODY)
    return _page(
        f"""<header><a href="/" class="logo">Fagforeningen</a>
<nav><ul><li><a href="/loen">Løn og arbejdsvilkår</a></li><li><a href="/sygdom">Sygdom og
arbejdsskade</a></li><li><a href="/bliv-medlem" class="btn">Bliv medlem</a></li>
<li><a href="/min-side">Log ind på Min side</a></li></ul></nav></header>
<div class="top-banner"><p>Vi er over 180.000 medlemmer. <a href="/bliv-medlem">Bliv medlem
i dag</a></p></div>
<main><div class="content"><article>
<h1>{UNION_HEADLINE}</h1>
<p class="meta"><span class="type">Nyhed</span> | <span class="date">26. juni 2017</span></p>
<div class="rich-text">{body}</div>
</article>
<aside class="cta-box"><h2>Bliv medlem af forbundet</h2><p>Som medlem får du rådgivning om
løn, arbejdsmiljø og sygdom, og du får en stærk stemme i forhandlingerne.</p>
<a class="button" href="/bliv-medlem">Bliv medlem nu</a></aside>
<section class="more-news"><h2>Flere nyheder</h2><ul>
<li><a href="/nyheder/2017/ny-overenskomst">Ny overenskomst giver mere i lønposen</a></li>
<li><a href="/nyheder/2017/arbejdsskader">Sådan anmelder du en arbejdsskade</a></li></ul>
</section></div></main>
<footer><p>Fagforeningen, Staunings Plads 1, 1790 København V. Telefon 70 11 22 33.</p></footer>""",
        title=f"{UNION_HEADLINE} | Fagforeningen",
    )


def test_union_news_keeps_the_member_story():
    a = extract(_union_news(), UNION_URL)
    _keeps(a, UNION_BODY)


def test_union_news_drops_the_membership_calls():
    a = extract(_union_news(), UNION_URL)
    _drops(a, ["Bliv medlem", "180.000 medlemmer", "rådgivning om løn", "Ny overenskomst"])


def test_union_news_drops_a_membership_call_between_its_paragraphs():
    a = extract(
        _union_news(paras(UNION_BODY[:3]) + UNION_INLINE_CALL + paras(UNION_BODY[3:])), UNION_URL
    )
    _keeps(a, UNION_BODY)
    _drops(a, ["faglig rådgiver", "Bliv medlem"])


def test_union_news_drops_a_closing_membership_call():
    closing = '<p>Er du ikke medlem endnu? <a href="/bliv-medlem">Bliv medlem her</a></p>'
    a = extract(_union_news(paras(UNION_BODY) + closing), UNION_URL)
    assert a.paragraphs[-1] == UNION_BODY[-1]


@pytest.mark.parametrize(
    "date_line", ["26. juni 2017", "26. jun. 2017", "26.06.17", "Mandag 26. juni 2017"]
)
def test_union_news_is_dated_by_its_date_line_not_the_event_in_its_text(date_line: str):
    html = _swap(_union_news(), ">26. juni 2017<", f">{date_line}<")
    a = extract(html, UNION_URL)
    assert a.published == datetime(2017, 6, 26, tzinfo=CPH)


INTERVIEW = [
    (
        "Hvor længe har du ventet?",
        "Jeg søgte om førtidspension i 2013 og har siden været i to ressourceforløb, uden at "
        "kommunen har taget stilling til min sag.",
    ),
    (
        "Hvad har ventetiden betydet for dig?",
        "Jeg har mistet troen på, at systemet vil mig noget godt, og jeg har måttet sælge min "
        "lejlighed.",
    ),
    ("Hvad forventer du af borgmesteren?", "Et svar inden jul."),
    ("Tror du, det sker?", "Det håber jeg."),
]


@pytest.mark.parametrize(
    "pair",
    [
        pytest.param("<p><strong>{q}</strong></p><p>{a}</p>", id="question in bold"),
        pytest.param("<h3>{q}</h3><p>{a}</p>", id="question as heading"),
        pytest.param("<p><strong>{q}</strong> {a}</p>", id="question opening its answer"),
    ],
)
def test_union_interview_keeps_every_question_and_short_answer(pair: str):
    # "Fire spørgsmål til et medlem": short questions, and answers as short as "Det håber jeg."
    body = paras(UNION_BODY[:1]) + "".join(pair.format(q=q, a=a) for q, a in INTERVIEW)
    a = extract(_union_news(body), UNION_URL)
    _keeps(a, [line for qa in INTERVIEW for line in qa])


# --- An organisation's article whose point is a call: sign the petition ---

PETITION_URL = "https://www.organisation.example.dk/nyheder/skriv-under-stop-ventetiden"
PETITION_HEADLINE = "Skriv under: Stop ventetiden på førtidspension i København"
PETITION_BODY = [
    "Handicaporganisationerne og socialrådgivernes forening har i dag startet en "
    "underskriftindsamling, der kræver, at Københavns Kommune afgør alle sager om "
    "førtidspension inden for et år.",
    "Baggrunden er, at flere hundrede borgere har ventet mere end to år på en afgørelse, og at "
    "mange af dem har været sendt i ressourceforløb uden reelt indhold.",
    "»Det handler om mennesker, der er for syge til at arbejde, og som bliver holdt hen i "
    "årevis. Det kan vi ikke se passivt på,« siger foreningens formand.",
    "Underskrifterne bliver overrakt til borgmesteren for beskæftigelse og integration, når "
    "Borgerrepræsentationen mødes efter sommerferien.",
]
# The article's own call: what it is written for, so it is article text.
PETITION_CALL = [
    "Skriv under på underskriftindsamlingen i dag, og del den med dine kolleger, venner og "
    "familie.",
    "Jo flere der skriver under, jo sværere bliver det for politikerne at se bort fra problemet.",
]


SIGN_BUTTON = (
    '<p><a class="button" href="https://underskrift.example.dk/ventetid">Skriv under her</a></p>'
)


def _petition(call_markup: str = "", button: str = SIGN_BUTTON) -> str:
    call = call_markup or paras(PETITION_CALL)
    return _page(
        f"""<header><a href="/">Organisationen</a><nav><a href="/om">Om os</a>
<a href="/nyheder">Nyheder</a><a href="/stoet">Støt os</a></nav></header>
<main><article>
<h1>{PETITION_HEADLINE}</h1>
<div class="byline">Af Sekretariatet · <time datetime="2017-06-27">27. juni 2017</time></div>
<div class="share"><a href="#fb">Del på Facebook</a> <a href="#tw">Del på Twitter</a></div>
<div class="body">{paras(PETITION_BODY)}{call}
{button}
</div></article>
<aside class="newsletter"><h2>Nyhedsbrev</h2><p>Få nyt om vores arbejde direkte i din
indbakke én gang om måneden.</p><form><input type="email" placeholder="Din e-mail">
<button>Tilmeld dig nyhedsbrevet</button></form></aside>
<aside class="member"><h2>Bliv medlem</h2><p>Støt arbejdet for mennesker med handicap. Et
medlemskab koster 150 kroner om året.</p><a href="/bliv-medlem">Bliv medlem</a></aside>
</main><footer><p>Organisationen, Blekinge Boulevard 2, 2630 Taastrup</p></footer>""",
        title=PETITION_HEADLINE,
    )


def test_petition_article_keeps_its_call_to_sign():
    a = extract(_petition(), PETITION_URL)
    _keeps(a, [*PETITION_BODY, *PETITION_CALL])


def test_petition_article_with_its_call_in_bold_keeps_the_call():
    call = f"<p><strong>{PETITION_CALL[0]}</strong></p><p>{PETITION_CALL[1]}</p>"
    a = extract(_petition(call), PETITION_URL)
    _keeps(a, [*PETITION_BODY, *PETITION_CALL])


def test_petition_article_with_a_link_in_its_call_keeps_the_call():
    linked = _swap(
        PETITION_CALL[0],
        "underskriftindsamlingen",
        '<a href="https://underskrift.example.dk/ventetid">underskriftindsamlingen</a>',
    )
    a = extract(_petition(f"<p>{linked}</p><p>{PETITION_CALL[1]}</p>"), PETITION_URL)
    _keeps(a, [*PETITION_BODY, *PETITION_CALL])


@pytest.mark.parametrize(
    "closing",
    [
        pytest.param(
            "Mød op foran Rådhuset onsdag den 28. juni kl. 16, og vis politikerne, at ventetiden "
            "skal ned.",
            id="meet up",
        ),
        pytest.param(
            "Tilmeld dig demonstrationen på Facebook, og tag familie og kolleger med.",
            id="sign up for the demonstration on Facebook",
        ),
        pytest.param(
            "Skriv under i dag, og følg kampagnen på Facebook, hvor vi fortæller, hvornår "
            "underskrifterne bliver overrakt.",
            id="follow the campaign on Facebook",
        ),
        pytest.param(
            "Har du selv ventet længe? Skriv til os på ventetid@organisation.example.dk, så "
            "tager vi din sag med i kampagnen.",
            id="write to us with your case",
        ),
    ],
)
def test_an_article_closing_with_its_own_call_to_act_keeps_it(closing: str):
    a = extract(_petition(paras([*PETITION_CALL, closing])), PETITION_URL)
    assert a.paragraphs[-1] == closing


def test_a_site_call_to_follow_after_the_petitions_call_is_dropped():
    a = extract(
        _petition(paras([*PETITION_CALL, "Følg os på Facebook og Instagram."])), PETITION_URL
    )
    assert a.paragraphs[-1] == PETITION_CALL[-1]


PROGRAMME = [
    ("16.00", "Velkomst ved foreningens formand"),
    ("16.15", "Tale ved en borger, der har ventet i fire år"),
    ("16.40", "Overrækkelse af underskrifterne til udvalget"),
    ("17.00", "Musik og fælles sang"),
]
PROGRAMME_FORMS = {
    "list": "<ul>" + "".join(f"<li>kl. {t}: {what}</li>" for t, what in PROGRAMME) + "</ul>",
    "paragraphs": "".join(f"<p>Kl. {t} – {what}</p>" for t, what in PROGRAMME),
    "table": "<table>"
    + "".join(f"<tr><td>{t}</td><td>{what}</td></tr>" for t, what in PROGRAMME)
    + "</table>",
}


@pytest.mark.parametrize(
    ("form", "after"),
    [
        pytest.param("list", "", id="list"),
        pytest.param("paragraphs", "", id="paragraphs"),
        pytest.param("table", paras(PETITION_CALL), id="table with the article going on"),
        pytest.param(
            "list",
            SIGN_BUTTON,
            id="list over a button",
        ),
        pytest.param(
            "paragraphs",
            SIGN_BUTTON,
            id="paragraphs over a button",
        ),
        pytest.param(
            "table",
            "",
            id="table",
        ),
    ],
)
def test_a_demonstrations_programme_closing_the_article_is_kept(form: str, after: str):
    html = _petition(f"<h3>Program for demonstrationen</h3>{PROGRAMME_FORMS[form]}", button=after)
    a = extract(html, PETITION_URL)
    _keeps(a, [what for _, what in PROGRAMME])


def test_petition_article_drops_the_newsletter_and_membership_boxes():
    a = extract(_petition(), PETITION_URL)
    _drops(a, ["indbakke", "Tilmeld dig nyhedsbrevet", "150 kroner om året", "Del på Facebook"])
    assert a.published == datetime(2017, 6, 27, tzinfo=CPH)


# --- A local weekly (lokalavis): short paragraphs, an ad slot, a photo gallery ---

LOCAL_URL = "https://www.lokalavis.example.dk/nyheder/de-ventede-foran-raadhuset"
LOCAL_HEADLINE = "De ventede foran Rådhuset"
LOCAL_BODY_1 = [
    "Det var en blandet flok, der onsdag stod foran Rådhuset.",
    "Nogle kom i kørestol.",
    "Andre havde taget børnene med.",
    "Fælles for dem var, at de havde ventet længe på en afgørelse.",
    "Blandt dem var Karen fra Nørrebro.",
    "Hun har været i ressourceforløb i tre år.",
    "»Jeg vil bare have et svar,« siger hun.",
]
LOCAL_BODY_2 = [
    "Inde på Rådhuset holdt udvalget ekstraordinært møde.",
    "Mødet varede to timer.",
    "Bagefter kom borgmesteren ud på trappen.",
    "Hun lovede at vende tilbage med en plan.",
    "Demonstrationen sluttede ved 18-tiden.",
]
LOCAL_CAPTIONS = [
    "Demonstranterne samledes på Rådhuspladsen ved 16-tiden. Foto: Per Hansen",
    "Mange havde skrevet deres ventetid på skiltene. Foto: Per Hansen",
    "Borgmesteren talte med demonstranterne efter mødet. Foto: Per Hansen",
]
LOCAL_AD = (
    '<div class="ad-slot"><span class="ad-label">Annonce</span>'
    '<div id="div-gpt-ad-1498-0" style="min-height:250px"></div></div>'
)


def _gallery() -> str:
    slides = "".join(
        f'<div class="slide"><img src="/img/{n}.jpg" alt=""><p class="caption">{c}</p>'
        f'<span class="counter">{n + 1} / {len(LOCAL_CAPTIONS)}</span></div>'
        for n, c in enumerate(LOCAL_CAPTIONS)
    )
    return (
        f'<div class="gallery"><h3>Se billederne</h3>{slides}'
        '<button class="prev">Forrige</button><button class="next">Næste</button></div>'
    )


LOCAL_BODIES = {
    "one body, ad slot inside": lambda: (
        f'<div class="story-body">{paras(LOCAL_BODY_1)}{LOCAL_AD}{paras(LOCAL_BODY_2)}</div>'
    ),
    "body split in two by the ad slot": lambda: (
        f'<div class="story-body">{paras(LOCAL_BODY_1)}</div>{LOCAL_AD}'
        f'<div class="story-body">{paras(LOCAL_BODY_2)}</div>'
    ),
    "ad under a neutral class, label in capitals": lambda: (
        f'<div class="story-body">{paras(LOCAL_BODY_1)}<div class="inline-element">'
        '<p class="label">ANNONCE</p><iframe src="https://ads.example.dk/slot/7"></iframe></div>'
        f"{paras(LOCAL_BODY_2)}</div>"
    ),
    "lines split by blank lines in one block": lambda: (
        '<div class="story-body">'
        + "<br><br>".join(LOCAL_BODY_1)
        + f"<br><br>{LOCAL_AD}"
        + "<br><br>".join(LOCAL_BODY_2)
        + "</div>"
    ),
    "an ad slot after every third paragraph": lambda: (
        '<div class="story-body">'
        + "".join(
            paras(part) + LOCAL_AD
            for part in (
                LOCAL_BODY_1[:3],
                LOCAL_BODY_1[3:6],
                [*LOCAL_BODY_1[6:], *LOCAL_BODY_2[:2]],
            )
        )
        + paras(LOCAL_BODY_2[2:])
        + "</div>"
    ),
    "ad label as a bare paragraph": lambda: (
        f'<div class="story-body">{paras(LOCAL_BODY_1)}<p>Annonce</p>'
        f'<div id="div-gpt-ad-1498-2"></div>{paras(LOCAL_BODY_2)}</div>'
    ),
}


def _local_weekly(body: str = "one body, ad slot inside") -> str:
    return _page(
        f"""<div class="ad-top"><span>Annonce</span><div id="div-gpt-ad-1498-1"></div></div>
<header><a href="/">Lokalavisen</a><nav><a href="/nyheder">Nyheder</a>
<a href="/sport">Sport</a><a href="/kultur">Kultur</a><a href="/e-avis">E-avis</a>
<a href="/annoncer">Annoncer</a></nav></header>
<main><article class="story">
<h1>{LOCAL_HEADLINE}</h1>
<div class="story-meta"><span class="author">Af Jonas Friis</span>
<span class="published">28. juni 2017 kl. 20.15</span></div>
{_gallery()}
{LOCAL_BODIES[body]()}
</article>
<aside class="sidebar"><div class="ad"><span>Annonce</span><p>Tilbud hos din lokale
købmand: Kaffe til halv pris hele ugen.</p></div>
<h3>Mest læste</h3><ol><li><a href="/nyheder/vejarbejde">Vejarbejde lukker Nørrebrogade i
tre uger</a></li><li><a href="/sport/fodbold">Lokalt hold rykker op</a></li></ol></aside>
</main><footer><p>Lokalavisen, Nørrebrogade 10, 2200 København N. Udgives af Lokale Medier
A/S.</p></footer>""",
        title=f"{LOCAL_HEADLINE} | Lokalavisen",
    )


@pytest.mark.parametrize("body", list(LOCAL_BODIES))
def test_local_weekly_keeps_every_short_paragraph(body: str):
    a = extract(_local_weekly(body), LOCAL_URL)
    _keeps(a, [*LOCAL_BODY_1, *LOCAL_BODY_2])


@pytest.mark.parametrize("body", list(LOCAL_BODIES))
def test_local_weekly_drops_ads_and_the_most_read_list(body: str):
    a = extract(_local_weekly(body), LOCAL_URL)
    assert "annonce" not in a.text.lower()
    _drops(a, ["Kaffe til halv pris", "Vejarbejde lukker"])


def test_local_weekly_is_dated_by_its_date_line():
    a = extract(_local_weekly(), LOCAL_URL)
    assert a.published == datetime(2017, 6, 28, 20, 15, tzinfo=CPH)


@pytest.mark.parametrize("label", ['<p class="label">Annonce</p>', "<p>ANNONCE</p>", ""])
def test_local_weekly_drops_an_advertorial_box_between_paragraphs(label: str):
    box = (
        f'<div class="partner-box">{label}<h3><a href="https://bank.example.dk/kampagne">Sådan '
        "får du råd til drømmeferien</a></h3><p>En ny opsparingskonto giver dig mere ud af "
        "pengene, læs her hvordan du kommer i gang.</p></div>"
    )
    a = extract(_swap(_local_weekly(), LOCAL_AD, box), LOCAL_URL)
    _keeps(a, [*LOCAL_BODY_1, *LOCAL_BODY_2])
    _drops(a, ["drømmeferien", "opsparingskonto", "Annonce", "ANNONCE"])


def test_local_weekly_drops_the_gallery_controls():
    a = extract(_local_weekly(), LOCAL_URL)
    _drops(a, ["1 / 3", "Forrige", "Næste", "Se billederne"])


# --- A party's blog post dated "28/6-2017", and a politician's blog, with comments ---

PARTY_URL = "https://kbh.parti.example.dk/blog/ventetiden-skal-ned"
PARTY_HEADLINE = "Ventetiden skal ned, og det skal ske nu"
PARTY_BODY = [
    "I dag stod jeg sammen med omkring 150 borgere foran Rådhuset, mens udvalget holdt "
    "ekstraordinært møde om sagsbehandlingen.",
    "Vi har i partiet i over et år påpeget, at ressourceforløbene i København bliver brugt som "
    "venteværelse, og at borgerne betaler prisen.",
    "Derfor foreslår vi, at kommunen ansætter flere sagsbehandlere og indfører en frist på ét "
    "år for alle afgørelser om førtidspension.",
    "Forslaget bliver behandlet i Borgerrepræsentationen efter sommerferien, og jeg håber, at "
    "de andre partier vil støtte det.",
]
BLOG_COMMENTS = (
    '<section id="comments"><h3>2 kommentarer til “{title}”</h3><ol class="comment-list">'
    '<li class="comment"><div class="comment-meta"><b>Birgitte</b> {c1}</div>'
    "<p>Tak fordi I tager sagen op, min bror har ventet i næsten tre år på et svar.</p>"
    '<a class="reply" href="#r1">Svar</a></li>'
    '<li class="comment"><div class="comment-meta"><b>Henrik</b> {c2}</div>'
    "<p>Det er ikke nok med flere sagsbehandlere, der skal også ændres på reglerne.</p>"
    '<a class="reply" href="#r2">Svar</a></li></ol>'
    '<div id="respond"><h3>Skriv en kommentar</h3><form><label>Navn *</label><input>'
    "<label>E-mail *</label><input><textarea></textarea><button>Send kommentar</button>"
    "</form></div></section>"
)


def _party_blog(date_line: str, c1: str = "28/6-2017 kl. 21.03", c2: str = "1/7-2017") -> str:
    comments = BLOG_COMMENTS.format(title=PARTY_HEADLINE, c1=c1, c2=c2)
    return _page(
        f"""<header><a href="/">Partiet i København</a><nav><a href="/politik">Vores
politik</a><a href="/blog">Blog</a><a href="/kandidater">Kandidater</a><a href="/meld-dig-ind">Meld
dig ind</a></nav></header>
<div class="wrap"><main><article class="post">
<h1 class="entry-title">{PARTY_HEADLINE}</h1>
<div class="entry-meta"><span class="posted-on">{date_line}</span> · Skrevet af Lise Berg,
medlem af Borgerrepræsentationen</div>
<div class="entry-content">{paras(PARTY_BODY)}</div>
<footer class="entry-footer">Kategorier: <a href="/kat/beskaeftigelse">Beskæftigelse</a>,
<a href="/kat/socialpolitik">Socialpolitik</a></footer>
</article>{comments}</main>
<aside class="widget-area"><section class="widget"><h2>Seneste indlæg</h2><ul>
<li><a href="/blog/budget-2018">Vores krav til budget 2018</a></li>
<li><a href="/blog/metroen">Metroen skal også køre til Brønshøj</a></li></ul></section>
<section class="widget"><h2>Arkiv</h2><ul><li><a href="/2017/06">juni 2017</a> (4)</li>
<li><a href="/2017/05">maj 2017</a> (3)</li></ul></section></aside></div>""",
        title=f"{PARTY_HEADLINE} – Partiet i København",
    )


@pytest.mark.parametrize(
    "date_line",
    [
        pytest.param("28/6-2017", id="28/6-2017"),
        pytest.param("onsdag d. 28. juni 2017", id="onsdag d. 28. juni 2017"),
        pytest.param("Onsdag den 28. juni 2017", id="Onsdag den 28. juni 2017"),
    ],
)
def test_blog_post_is_dated_by_its_own_date_line(date_line: str):
    a = extract(_party_blog(date_line), PARTY_URL)
    assert a.published == datetime(2017, 6, 28, tzinfo=CPH)


def test_blog_post_dated_only_in_its_text_line_is_not_dated_by_its_comments():
    # The date line written as a plain line under the headline, not in a dated class.
    html = _swap(
        _party_blog(""),
        '<span class="posted-on"></span>',
        '<span class="x">Skrevet 28/6-2017</span>',
    )
    a = extract(html, PARTY_URL)
    assert a.published == datetime(2017, 6, 28, tzinfo=CPH)


def test_blog_post_dated_in_its_footer_is_not_dated_by_its_comments():
    html = _swap(_party_blog("", c1="27/6-2017 kl. 08.10"), "Kategorier:", "Udgivet 28/6-2017 i")
    a = extract(html, PARTY_URL)
    assert a.published == datetime(2017, 6, 28, tzinfo=CPH)


def test_blog_post_with_its_date_header_above_the_title_is_dated_by_it():
    # Blogger's template: the day as a heading over the post, the title under it.
    html = _swap(
        _party_blog(""),
        '<article class="post">',
        '<h2 class="date-header"><span>onsdag den 28. juni 2017</span></h2><article class="post">',
    )
    a = extract(html, PARTY_URL)
    assert a.published == datetime(2017, 6, 28, tzinfo=CPH)
    _keeps(a, PARTY_BODY)


JETPACK = (
    '<div class="sharedaddy sd-sharing-enabled"><div class="sd-block sd-social">'
    '<h3 class="sd-title">Del dette:</h3><ul><li><a href="?share=facebook">Facebook</a></li>'
    '<li><a href="?share=twitter">Twitter</a></li></ul></div></div>'
    '<div id="jp-relatedposts" class="jp-relatedposts"><h3><em>Relateret</em></h3>'
    '<div class="jp-relatedposts-post"><h4><a href="/blog/tomme-forloeb">Ressourceforløb uden '
    'indhold</a></h4><time class="jp-relatedposts-post-date">12/5-2017</time>'
    '<p class="jp-relatedposts-post-context">I "Beskæftigelse"</p></div>'
    '<div class="jp-relatedposts-post"><h4><a href="/blog/svar-fra-borgmesteren">Svar fra '
    'borgmesteren</a></h4><time class="jp-relatedposts-post-date">30/6-2017</time>'
    '<p class="jp-relatedposts-post-context">I "Socialpolitik"</p></div></div>'
)


def _blog_with_related_posts(date_line: str) -> str:
    return _swap(
        _party_blog(date_line),
        '</div>\n<footer class="entry-footer">',
        JETPACK + '</div>\n<footer class="entry-footer">',
    )


def test_blog_post_drops_its_share_block_and_related_posts():
    a = extract(_blog_with_related_posts("28/6-2017"), PARTY_URL)
    assert a.paragraphs[-1] == PARTY_BODY[-1]
    assert a.published == datetime(2017, 6, 28, tzinfo=CPH)


def test_an_undated_blog_post_is_not_dated_by_its_related_posts():
    a = extract(_blog_with_related_posts(""), PARTY_URL)
    assert a.published is None


def test_blog_post_keeps_the_post_and_drops_comments_and_widgets():
    a = extract(_party_blog("28/6-2017"), PARTY_URL)
    _keeps(a, PARTY_BODY)
    _drops(
        a,
        [
            "min bror har ventet",
            "ændres på reglerne",
            "Skriv en kommentar",
            "Send kommentar",
            "budget 2018",
            "Arkiv",
        ],
    )


# --- A Folketinget-style question and answer page ---

FT_URL = "https://www.ft.example.dk/samling/20161/spoergsmaal/s1234/index.htm"
FT_QUESTION = (
    "Vil ministeren redegøre for, hvor længe borgere i Københavns Kommune i gennemsnit venter "
    "på en afgørelse om førtidspension, og hvad ministeren vil gøre for at nedbringe ventetiden?"
)
FT_ANSWER = [
    "1. Det fremgår af Ankestyrelsens seneste opgørelse, at sagsbehandlingstiden i sager om "
    "førtidspension varierer betydeligt mellem landets kommuner.",
    "2. Det er kommunerne, der har ansvaret for at behandle sagerne inden for en rimelig tid, "
    "og det følger af retssikkerhedsloven, at der skal fastsættes frister.",
    "3. Jeg har bedt Styrelsen for Arbejdsmarked og Rekruttering om at følge udviklingen i "
    "Københavns Kommune tæt og orientere mig inden udgangen af året.",
]


def _ft_page(answer: str, asked: str = "28.06.2017") -> str:
    return _page(
        f"""<header><a href="/">Folketinget</a><nav><a href="/dokumenter">Dokumenter</a>
<a href="/udvalg">Udvalg</a><a href="/medlemmer">Medlemmer</a></nav></header>
<nav class="breadcrumb"><a href="/">Forside</a> / <a href="/dokumenter">Dokumenter</a> /
<a href="/spoergsmaal">Spørgsmål</a> / S 1234</nav>
<main><div class="document">
<h1>S 1234 Om ventetid på afgørelser om førtidspension i Københavns Kommune</h1>
<table class="doc-meta"><tr><td>Spørgsmål stillet:</td><td>{asked}</td></tr>
<tr><td>Spørger:</td><td>Ane Holt (EL)</td></tr>
<tr><td>Minister:</td><td>Beskæftigelsesministeren</td></tr></table>
<h2>Spørgsmål</h2>
<p>{FT_QUESTION}</p>
<h2>Svar</h2>
{answer}
<p>Med venlig hilsen</p><p>Jens Vang</p>
</div>
<div class="tools"><a href="/print">Print</a> <a href="/pdf">Hent som PDF</a>
<a href="/abonner">Abonnér på spørgsmålet</a></div></main>
<footer><p>Folketinget, Christiansborg, 1240 København K. Telefon 33 37 55 00.</p></footer>""",
        title="S 1234 Om ventetid på afgørelser om førtidspension - Folketinget",
    )


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(paras(FT_ANSWER), id="numbered paragraphs"),
        pytest.param(
            '<ol class="answer">'
            + "".join(f"<li>{p.split('. ', 1)[1]}</li>" for p in FT_ANSWER)
            + "</ol>",
            id="ordered list",
        ),
    ],
)
def test_question_and_answer_page_keeps_the_question_and_every_numbered_answer(answer: str):
    a = extract(_ft_page(answer), FT_URL)
    _keeps(a, [FT_QUESTION, *(p.split(". ", 1)[1] for p in FT_ANSWER)])
    _drops(a, ["Hent som PDF", "Abonnér på spørgsmålet", "Christiansborg"])


@pytest.mark.parametrize(
    "asked",
    [
        "28.06.2017",
        "28-06-2017",
        "28. juni 2017",
    ],
)
def test_question_and_answer_page_is_dated_by_the_question(asked: str):
    a = extract(_ft_page(paras(FT_ANSWER), asked), FT_URL)
    assert a.published == datetime(2017, 6, 28, tzinfo=CPH)


# --- A TV station's article: a video player, "Se også" links, an update line ---

TV_URL = "https://www.tv.example.dk/koebenhavn/vrede-borgere-moedte-borgmesteren"
TV_HEADLINE = "Vrede borgere mødte borgmesteren på Rådhusets trappe"
TV_LEAD = (
    "»Vi har ventet i fire år,« råber en kvinde, da borgmesteren træder ud på trappen. Se, "
    "hvordan mødet mellem demonstranterne og borgmesteren forløb."
)
TV_BODY = [
    "Omkring 150 mennesker havde onsdag eftermiddag samlet sig foran Rådhuset i København, "
    "mens udvalget holdt ekstraordinært møde om ventetiderne.",
    "Da mødet var slut, gik borgmester Anna Mee Allerslev ud til demonstranterne og lovede, "
    "at hun inden for et døgn ville komme med et udspil.",
    "Flere af demonstranterne fortalte TV-stationen, at de ikke længere tror på kommunens "
    "løfter, fordi de har hørt dem før.",
    "Udvalgets medlemmer fra oppositionen vil nu kræve, at ventetiderne bliver et fast punkt "
    "på hvert udvalgsmøde resten af året.",
]
TV_SEE_ALSO = [
    '<p><strong>Se også:</strong> <a href="/koebenhavn/kommunens-plan">Her er kommunens plan '
    "for ventetiderne</a></p>",
    '<p>SE OGSÅ: <a href="/koebenhavn/ressourceforloeb-forklaret">Forstå ressourceforløb på '
    "et minut</a></p>",
]
TV_PLAYER = (
    '<div class="video-player" data-video-id="abc123"><div class="vjs-poster"></div>'
    '<button class="vjs-big-play-button">Afspil video</button>'
    '<div class="vjs-control-bar"><span class="vjs-time">0:00 / 2:15</span>'
    "<button>Lyd</button><button>Fuld skærm</button></div></div>"
)


def _tv_article(meta: str) -> str:
    body = paras(TV_BODY[:2]) + TV_SEE_ALSO[0] + paras(TV_BODY[2:3]) + TV_SEE_ALSO[1]
    body += paras(TV_BODY[3:])
    return _page(
        f"""<header><a href="/">TV-stationen</a><nav><a href="/nyheder">Nyheder</a>
<a href="/vejret">Vejret</a><a href="/sport">Sport</a><a href="/live">Se live-TV</a>
</nav></header>
<main><article class="article">{TV_PLAYER}
<h1>{TV_HEADLINE}</h1>
<div class="article-meta">{meta}</div>
<p class="article-lead">{TV_LEAD}</p>
<div class="article-body">{body}</div>
</article>
<section class="latest"><h2>Seneste nyt</h2><ul><li><a href="/koebenhavn/trafik">Kø på
Motorring 3 efter uheld</a> <span class="time">kl. 14.50</span></li></ul></section></main>
<footer><p>TV-stationen A/S. Ansvarshavende chefredaktør: Ole Bak.</p></footer>""",
        title=f"{TV_HEADLINE} | TV-stationen",
    )


TV_META = (
    '<span class="date">28. juni 2017 kl. 12.10</span> '
    '<span class="updated">Opdateret kl. 14.32</span>'
)


def test_tv_article_keeps_lead_and_body_and_drops_see_also_and_player():
    a = extract(_tv_article(TV_META), TV_URL)
    _keeps(a, [TV_LEAD, *TV_BODY])
    _drops(a, ["kommunens plan for ventetiderne", "Forstå ressourceforløb", "Afspil", "Fuld skærm"])
    _drops(a, ["Kø på Motorring 3"])


@pytest.mark.parametrize(
    "meta",
    [
        pytest.param(TV_META, id="date line then update line"),
        pytest.param(
            '<span class="updated">Opdateret kl. 14.32</span> '
            '<span class="date">28. juni 2017 kl. 12.10</span>',
            id="update line first",
        ),
        pytest.param(
            '<span class="updated">Opdateret 28. juni 2017 kl. 14.32</span> '
            '<span class="date">28. juni 2017 kl. 12.10</span>',
            id="full update line first",
        ),
        pytest.param(
            "<p>Opdateret 28. juni 2017 kl. 14.32</p><p>Publiceret 28. juni 2017 kl. 12.10</p>",
            id="labelled lines, update first",
        ),
    ],
)
def test_tv_article_is_dated_by_publication_not_by_its_update_line(meta: str):
    a = extract(_tv_article(meta), TV_URL)
    assert a.published == datetime(2017, 6, 28, 12, 10, tzinfo=CPH)


# --- Dates that need the capture time, and a page with no date at all ---

PLAIN_URL = "https://nyheder.example.dk/koebenhavn/borgere-venter-paa-svar"
PLAIN_HEADLINE = "Borgere venter stadig på svar fra kommunen"
PLAIN_BODY = [
    "Hundredvis af københavnere venter fortsat på en afgørelse i deres sag om førtidspension "
    "eller fleksjob, viser nye tal fra forvaltningen.",
    "Tallene blev fremlagt på et møde i udvalget, hvor flere medlemmer udtrykte utilfredshed "
    "med, at ventetiden ikke er faldet.",
    "Forvaltningen forklarer ventetiden med mangel på sagsbehandlere og med, at mange sager er "
    "blevet mere komplicerede efter reformen.",
]
CAPTURED = datetime(2017, 6, 30, 9, 12, tzinfo=UTC)


def _plain(date_line: str) -> str:
    meta = f'<p class="meta">Af Rikke Dam {date_line}</p>' if date_line else ""
    return _page(
        f"""<header><a href="/">Nyhederne</a><nav><a href="/koebenhavn">København</a>
<a href="/danmark">Danmark</a></nav></header>
<main><article><h1>{PLAIN_HEADLINE}</h1>{meta}
<div class="text">{paras(PLAIN_BODY)}</div></article></main>
<footer><p>Nyhederne, Vesterbrogade 5, 1620 København V.</p></footer>""",
        title=PLAIN_HEADLINE,
    )


@pytest.mark.parametrize("fetched_at", [None, CAPTURED], ids=["no capture time", "captured"])
def test_a_page_without_any_date_stays_undated(fetched_at: datetime | None):
    a = extract(_plain(""), PLAIN_URL, fetched_at)
    _keeps(a, PLAIN_BODY)
    assert a.published is None


LATEST = (
    '<aside class="latest"><h2>Seneste nyt</h2><ul>'
    '<li><a href="/koebenhavn/trafik">Kø på Motorring 3</a> <span>29. juni 2017</span></li>'
    '<li><a href="/danmark/vejret">Regn hele weekenden</a> <span>29. juni 2017</span></li>'
    "</ul></aside>"
)
READER_COMMENT = (
    '<section class="comments"><h3>1 kommentar</h3><div class="comment">'
    "<b>Jens</b> 29. juni 2017 kl. 22.40<p>Det har været sådan i årevis, og intet sker."
    "</p></div></section>"
)


@pytest.mark.parametrize(
    ("around", "footer"),
    [
        pytest.param(
            LATEST,
            "",
            id="dated teasers in an aside",
        ),
        pytest.param(READER_COMMENT, "", id="a dated reader comment"),
        pytest.param("", "© 2017 ", id="a copyright year"),
    ],
)
def test_an_undated_article_is_not_dated_by_what_surrounds_it(around: str, footer: str):
    html = _swap(_plain(""), "</article>", "</article>" + around)
    html = _swap(html, "Nyhederne, Vesterbrogade", footer + "Nyhederne, Vesterbrogade")
    a = extract(html, PLAIN_URL, CAPTURED)
    _keeps(a, PLAIN_BODY)
    assert a.published is None


@pytest.mark.parametrize(
    "date_line",
    [
        "28.6.2017 kl. 16.05",
        "Onsdag, 28. juni 2017, 16:05",
        "28 jun 2017 16:05",
        "D. 28/6 2017 kl. 16.05",
        "ons. 28. jun. 2017 - 16:05",
        "28. juni 2017 | 16:05",
        "kl. 16.05, 28. juni 2017",
    ],
)
def test_the_time_beside_the_date_line_is_read(date_line: str):
    a = extract(_plain(date_line), PLAIN_URL)
    assert a.published == datetime(2017, 6, 28, 16, 5, tzinfo=CPH)


@pytest.mark.parametrize(
    "date_line", ["28. juni kl. 14.32", "onsdag 28. juni kl. 14.32", "Publiceret 28. juni, 14:32"]
)
def test_a_year_less_date_line_takes_the_year_of_the_capture(date_line: str):
    a = extract(_plain(date_line), PLAIN_URL, CAPTURED)
    _keeps(a, PLAIN_BODY)
    assert a.published == datetime(2017, 6, 28, 14, 32, tzinfo=CPH)


def test_a_year_less_date_line_without_a_capture_time_stays_undated():
    a = extract(_plain("28. juni kl. 14.32"), PLAIN_URL)
    assert a.published is None


def test_a_year_less_december_date_captured_in_january_is_last_year():
    a = extract(_plain("28. december kl. 14.32"), PLAIN_URL, datetime(2018, 1, 2, 8, tzinfo=UTC))
    assert a.published == datetime(2017, 12, 28, 14, 32, tzinfo=CPH)


@pytest.mark.parametrize(
    "date_line", ["i går kl. 16.05", "I går kl. 16:05", "Publiceret i går kl. 16.05"]
)
def test_yesterday_is_the_day_before_the_capture(date_line: str):
    a = extract(_plain(date_line), PLAIN_URL, datetime(2017, 6, 29, 7, 30, tzinfo=UTC))
    assert a.published == datetime(2017, 6, 28, 16, 5, tzinfo=CPH)


def test_yesterday_is_counted_from_the_capture_day_in_copenhagen():
    # 22.30 UTC on 29 June is already 30 June in Copenhagen: "i går" is 29 June.
    a = extract(_plain("i går kl. 16.05"), PLAIN_URL, datetime(2017, 6, 29, 22, 30, tzinfo=UTC))
    assert a.published == datetime(2017, 6, 29, 16, 5, tzinfo=CPH)


def test_a_year_less_date_line_beside_an_update_time_takes_the_date_line():
    meta = '28. juni kl. 12.10</p><p class="updated">Opdateret kl. 14.32'
    a = extract(_plain(meta), PLAIN_URL, CAPTURED)
    assert a.published == datetime(2017, 6, 28, 12, 10, tzinfo=CPH)


def test_yesterday_without_a_capture_time_stays_undated():
    a = extract(_plain("i går kl. 16.05"), PLAIN_URL)
    assert a.published is None


# --- The same story in English, Swedish and Norwegian ---


def _foreign(lang: str, headline: str, date_line: str, body: list[str], boxes: str) -> str:
    return _page(
        f"""<header><a href="/">Outlet</a><nav><a href="/news">News</a><a href="/nordic">Nordic</a>
</nav></header>
<main><article><h1>{headline}</h1><div class="byline">{date_line}</div>
<div class="share"><a href="#fb">Facebook</a> <a href="#tw">Twitter</a></div>
<div class="article-body">{paras(body)}</div>{boxes}</article></main>
<footer><p>© 2017 Outlet Media</p></footer>""",
        lang=lang,
        title=headline,
    )


EN_BODY = [
    "Around 150 people gathered outside Copenhagen City Hall on Wednesday to protest against "
    "long waiting times for decisions on early retirement pensions.",
    "Many of the protesters have spent years in so-called resource programmes, which were "
    "introduced by a 2013 reform of disability pensions and flexible jobs.",
    "Inside the building, the employment committee held an extraordinary meeting chaired by "
    "mayor Anna Mee Allerslev, who promised a plan within days.",
    "Critics say the municipality has used the programmes to postpone decisions rather than to "
    "help people back to work.",
]
SV_BODY = [
    "Omkring 150 personer samlades på onsdagen utanför rådhuset i Köpenhamn för att protestera "
    "mot de långa väntetiderna för förtidspension.",
    "Många av demonstranterna har i flera år deltagit i så kallade resursförlopp, som infördes "
    "med en reform av förtidspensionen år 2013.",
    "Samtidigt höll kommunens sysselsättningsutskott ett extra möte, där borgmästaren lovade "
    "att presentera en plan inom några dagar.",
    "Kritikerna menar att kommunen har använt resursförloppen för att skjuta upp besluten "
    "snarare än för att hjälpa människor tillbaka till arbete.",
]
NO_BODY = [
    "Rundt 150 mennesker samlet seg onsdag utenfor rådhuset i København for å protestere mot "
    "lang ventetid på uførepensjon.",
    "Mange av demonstrantene har i flere år vært i såkalte ressursforløp, som ble innført med "
    "en reform av førtidspensjonen i 2013.",
    "Samtidig holdt kommunens sysselsettingsutvalg et ekstraordinært møte, der ordføreren "
    "lovet å legge fram en plan i løpet av få dager.",
    "Kritikerne mener kommunen har brukt ressursforløpene til å utsette vedtak i stedet for å "
    "hjelpe folk tilbake i arbeid.",
]

FOREIGN = {
    "en": (
        "Protest at City Hall over waiting times for early retirement",
        "By Sarah Miles, June 28, 2017",
        EN_BODY,
        '<section class="related"><h2>Related stories</h2><ul><li><a href="/news/budget">'
        "City budget talks begin in August</a></li></ul></section>"
        '<div class="newsletter"><p>Subscribe to our newsletter and get the week\'s top stories '
        'every Friday.</p><a href="/subscribe">Subscribe now</a></div>',
    ),
    "sv": (
        "Protester i Köpenhamn mot väntetider för förtidspension",
        "Publicerad 28 juni 2017 kl 16.05",
        SV_BODY,
        '<section class="related"><h2>Läs också</h2><ul><li><a href="/nyheter/budget">'
        "Budgetförhandlingarna i Köpenhamn börjar i augusti</a></li></ul></section>"
        '<div class="newsletter"><p>Prenumerera på vårt nyhetsbrev och få veckans viktigaste '
        'nyheter varje fredag.</p><a href="/prenumerera">Prenumerera nu</a></div>',
    ),
    "no": (
        "Protester i København mot ventetid på uførepensjon",
        "Publisert 28. juni 2017 kl. 16.05",
        NO_BODY,
        '<section class="related"><h2>Les også</h2><ul><li><a href="/nyheter/budsjett">'
        "Budsjettforhandlingene i København starter i august</a></li></ul></section>"
        '<div class="newsletter"><p>Abonner på nyhetsbrevet vårt og få ukens viktigste saker '
        'hver fredag.</p><a href="/abonner">Abonner nå</a></div>',
    ),
}
FOREIGN_BOILERPLATE = {
    "en": ["City budget talks", "Subscribe"],
    "sv": ["Budgetförhandlingarna", "Prenumerera"],
    "no": ["Budsjettforhandlingene", "Abonner"],
}


@pytest.mark.parametrize("lang", ["en", "sv", "no"])
def test_the_story_in_another_language_is_extracted(lang: str):
    headline, date_line, body, boxes = FOREIGN[lang]
    a = extract(_foreign(lang, headline, date_line, body, boxes), f"https://{lang}.example/story")
    _keeps(a, body)
    _drops(a, FOREIGN_BOILERPLATE[lang])
    assert a.language == lang


@pytest.mark.parametrize(
    ("lang", "date_line"),
    [
        ("en", FOREIGN["en"][1]),
        ("en", "Wednesday 28 June 2017 13.45 BST"),
        ("en", "Published: Jun 28, 2017 1:45 PM"),
        ("sv", FOREIGN["sv"][1]),
        ("sv", "28 jun 2017 16:05"),
        ("no", FOREIGN["no"][1]),
        pytest.param(
            "no",
            "Oppdatert 29.06.2017 08:10 Publisert 28.06.2017 16:05",
        ),
        pytest.param(
            "sv",
            "Uppdaterad 29 juni 2017 08:10 Publicerad 28 juni 2017 16:05",
        ),
    ],
)
def test_the_story_in_another_language_is_dated_by_its_date_line(lang: str, date_line: str):
    headline, _, body, boxes = FOREIGN[lang]
    a = extract(_foreign(lang, headline, date_line, body, boxes), f"https://{lang}.example/story")
    assert a.published is not None
    assert a.published.astimezone(CPH).date() == date(2017, 6, 28)


# --- A TV station's video page: the clip's description is the text ---

VIDEO_URL = "https://www.tv.example.dk/video/borgmesteren-paa-trappen"
VIDEO_DESCRIPTION = (
    "Borgmester Anna Mee Allerslev gik efter det ekstraordinære udvalgsmøde ud til de omkring "
    "150 demonstranter på Rådhusets trappe og lovede et udspil inden for et døgn."
)
VIDEO_LD = {
    "@context": "https://schema.org",
    "@type": "VideoObject",
    "name": "Borgmesteren på trappen",
    "description": VIDEO_DESCRIPTION,
    "uploadDate": "2017-06-28T18:30:00+02:00",
    "duration": "PT2M15S",
    "thumbnailUrl": "https://www.tv.example.dk/img/trappen.jpg",
}


def _video_page() -> str:
    return _page(
        f"""<header><a href="/">TV-stationen</a><nav><a href="/nyheder">Nyheder</a>
<a href="/video">Video</a><a href="/live">Se live-TV</a></nav></header>
<main><div class="video-page">{TV_PLAYER}
<h1>Borgmesteren på trappen</h1>
<p class="video-description">{VIDEO_DESCRIPTION}</p>
</div>
<section class="more-videos"><h2>Flere videoer</h2><ul>
<li><a href="/video/trafik">Kø på Motorring 3 efter uheld</a> <span>2:01</span></li>
<li><a href="/video/vejret">Sådan bliver vejret i weekenden</a> <span>1:12</span></li>
</ul></section></main>
<footer><p>TV-stationen A/S. Ansvarshavende chefredaktør: Ole Bak.</p></footer>""",
        title="Borgmesteren på trappen | TV-stationen",
        head=jsonld(VIDEO_LD),
    )


def test_video_page_is_a_video_with_its_description_length_and_upload_time():
    a = extract(_video_page(), VIDEO_URL)
    assert a.kind == "video"
    assert a.duration_s == 135
    assert a.published == datetime(2017, 6, 28, 18, 30, tzinfo=CPH)
    _keeps(a, [VIDEO_DESCRIPTION])
    _drops(a, ["Afspil", "Fuld skærm", "Kø på Motorring 3", "Sådan bliver vejret"])


# --- A committee's meeting record (kk.dk "dagsordener og referater") ---

MEETING_URL = (
    "https://www.kk.example.dk/dagsordener-og-referater/beskaeftigelses-og-integrationsudvalget"
    "/moede/punkt-3-status-paa-sagsbehandlingstider"
)
MEETING_ITEMS = [
    (
        "Indstilling",
        [
            "at udvalget tager status på sagsbehandlingstiderne til efterretning,",
            "at udvalget godkender, at forvaltningen ansætter 20 sagsbehandlere mere.",
        ],
    ),
    (
        "Problemstilling",
        [
            "Ved udgangen af maj 2017 havde 420 borgere ventet mere end et år på en afgørelse om "
            "førtidspension eller fleksjob, og tallet er steget hver måned siden januar.",
            "Udvalget bad på sit møde i maj forvaltningen om en plan for, hvordan ventetiden kan "
            "bringes ned inden årets udgang.",
        ],
    ),
    (
        "Løsning",
        [
            "Forvaltningen foreslår at ansætte 20 sagsbehandlere mere og at samle de ældste sager i "
            "et særligt team, der alene arbejder med dem.",
        ],
    ),
    (
        "Beslutning",
        [
            "Indstillingen blev godkendt med den ændring, at forvaltningen hver måned sender en "
            "opgørelse af ventetiderne til udvalget.",
        ],
    ),
]


def _meeting_record() -> str:
    sections = "".join(
        f"<h2>{head}</h2>"
        + (
            "<ol>" + "".join(f"<li>{line}</li>" for line in lines) + "</ol>"
            if head == "Indstilling"
            else paras(lines)
        )
        for head, lines in MEETING_ITEMS
    )
    return _page(
        f"""<header><a href="/">Københavns Kommune</a><nav><a href="/politik">Politik</a>
<a href="/dagsordener-og-referater">Dagsordener og referater</a></nav></header>
<main><div class="agenda-item">
<p class="committee">Beskæftigelses- og Integrationsudvalget</p>
<h1>3. Status på sagsbehandlingstider i sager om førtidspension og fleksjob</h1>
<div class="meeting-header"><p>Mødedato: 28.06.2017</p><p>Mødested: Rådhuset</p></div>
{sections}
<h2>Bilag</h2><ul class="attachments"><li><a href="/bilag/1.pdf">Bilag 1 - Notat om
ventetider.pdf</a></li><li><a href="/bilag/2.pdf">Bilag 2 - Handleplan.pdf</a></li></ul>
</div>
<nav class="agenda-nav"><a href="/punkt-2">Forrige punkt</a> <a href="/punkt-4">Næste
punkt</a></nav></main>
<footer><p>Københavns Kommune, Rådhuspladsen 1, 1599 København V</p></footer>""",
        title="3. Status på sagsbehandlingstider | Københavns Kommune",
    )


def test_meeting_record_keeps_every_section_of_the_item():
    a = extract(_meeting_record(), MEETING_URL)
    _keeps(a, [line for _, lines in MEETING_ITEMS for line in lines])
    _drops(a, ["Forrige punkt", "Rådhuspladsen 1"])
    assert a.kind == "agenda"


def test_meeting_record_is_dated_by_its_meeting_day():
    a = extract(_meeting_record(), MEETING_URL)
    assert a.published == datetime(2017, 6, 28, tzinfo=CPH)


# --- A paywalled article: the open part is the text, the offer is not ---

PAYWALL_URL = "https://www.fagmedie.example.dk/artikel/kommunen-lover-kortere-ventetid"
PAYWALL_HEADLINE = "Kommunen lover kortere ventetid efter demonstration"
PAYWALL_OPEN = [
    "Et døgn efter demonstrationen foran Rådhuset finder beskæftigelses- og "
    "integrationsborgmesteren 13 millioner kroner ekstra til sagsbehandlingen.",
    "Pengene skal bruges på flere sagsbehandlere, men oppositionen kalder beløbet for en "
    "nødløsning, der ikke ændrer på reglerne.",
]
PAYWALLS = {
    "named paywall": (
        '<div class="paywall"><h2>Læs hele artiklen</h2><p>Få adgang til alle artikler og '
        "nyhedsbreve for 1 krone den første måned, derefter 299 kroner om måneden.</p>"
        '<a href="/abonnement" class="button">Køb abonnement</a> <a href="/login">Log ind</a>'
        "</div>"
    ),
    "neutral class": (
        '<div class="article-locked"><p><strong>Denne artikel er kun for abonnenter.</strong></p>'
        "<p>Få adgang til alle artikler og nyhedsbreve for 1 krone den første måned, derefter "
        '299 kroner om måneden.</p><a href="/abonnement">Køb abonnement</a> '
        '<a href="/login">Er du allerede abonnent? Log ind</a></div>'
    ),
}


def _paywalled(wall: str) -> str:
    return _page(
        f"""<header><a href="/">Fagmediet</a><nav><a href="/politik">Politik</a>
<a href="/arbejdsmarked">Arbejdsmarked</a><a href="/login">Log ind</a></nav></header>
<main><article><h1>{PAYWALL_HEADLINE}</h1>
<p class="byline">Af Sofie Kragh · 29. juni 2017 kl. 11.40</p>
<div class="article-body">{paras(PAYWALL_OPEN)}</div>{PAYWALLS[wall]}</article></main>
<footer><p>Fagmediet ApS. Ansvarshavende chefredaktør: Karl Holm.</p></footer>""",
        title=PAYWALL_HEADLINE,
    )


@pytest.mark.parametrize("wall", list(PAYWALLS))
def test_paywalled_article_drops_the_offer(wall: str):
    a = extract(_paywalled(wall), PAYWALL_URL)
    _drops(a, ["1 krone", "Køb abonnement", "Log ind", "kun for abonnenter", "Læs hele artiklen"])


@pytest.mark.parametrize("wall", list(PAYWALLS))
def test_paywalled_article_keeps_the_open_part_and_its_date(wall: str):
    a = extract(_paywalled(wall), PAYWALL_URL)
    _keeps(a, PAYWALL_OPEN)
    assert a.published == datetime(2017, 6, 29, 11, 40, tzinfo=CPH)


# --- An organisation's old table-layout site, in ISO-8859-1 (as many were in 2017) ---

OLD_URL = "http://www.forening.example.dk/nyheder/ventetiden.html"


def _old_table_site() -> bytes:
    text = "<br><br>".join(PARTY_BODY)
    html = f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Foreningen for Ventende - Nyheder</title></head>
<body bgcolor="#ffffff"><table width="100%" border="0">
<tr><td colspan="3"><img src="/logo.gif" alt="Foreningen for Ventende"></td></tr>
<tr><td width="160" valign="top"><a href="/">Forside</a><br><a href="/nyheder">Nyheder</a><br>
<a href="/om">Om foreningen</a><br><a href="/kontakt">Kontakt</a></td>
<td valign="top"><font face="Verdana" size="2"><b><font size="4">{PARTY_HEADLINE}</font></b>
<br><i>Skrevet d. 28.06.2017</i><br><br>{text}</font></td>
<td width="180" valign="top"><font size="1"><b>Seneste nyheder</b><br>
<a href="/n/1">Generalforsamling 2017</a><br>12.05.2017<br>
<a href="/n/2">Nyt fra bestyrelsen</a><br>02.05.2017</font></td></tr>
<tr><td colspan="3" align="center"><font size="1">Foreningen for Ventende · Nørrebrogade 1 ·
2200 København N</font></td></tr></table></body></html>"""
    return html.encode("iso-8859-1")


def test_old_table_site_in_latin1_keeps_its_text_and_date():
    a = extract(_old_table_site(), OLD_URL)
    _keeps(a, PARTY_BODY)
    _drops(a, ["Om foreningen", "Nørrebrogade 1"])
    assert a.published == datetime(2017, 6, 28, tzinfo=CPH)


def test_old_table_site_drops_the_news_column_beside_the_text():
    a = extract(_old_table_site(), OLD_URL)
    _drops(a, ["Seneste nyheder", "Generalforsamling 2017", "12.05.2017"])


@pytest.mark.parametrize("page", ["old table site", "lokalavis"])
def test_paragraphs_written_between_blank_lines_stay_paragraphs(page: str):
    if page == "lokalavis":
        a = extract(_local_weekly("lines split by blank lines in one block"), LOCAL_URL)
        expected = [*LOCAL_BODY_1, *LOCAL_BODY_2]
    else:
        a = extract(_old_table_site(), OLD_URL)
        expected = PARTY_BODY
    missing = [p for p in expected if p not in a.paragraphs]
    assert not missing, a.paragraphs
