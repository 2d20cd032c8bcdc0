"""Main text: container choice, chunked bodies, link-heavy blocks, comments."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from extract_pages import PARAS, page
from mediespor.extract.content import main_content

LONG = "Borgerne i København har i flere måneder ventet på svar fra kommunen, og nu kommer det."


def _content(html: str):
    return main_content(LexborHTMLParser(html))


def _story(after: str, paras: list[str] = PARAS, tag: str = "article") -> str:
    """A page whose ``tag`` holds ``paras`` followed by ``after``."""
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"<html><body><{tag}>{body}{after}</{tag.split()[0]}></body></html>"


def test_article_paragraphs_in_order():
    assert _content(page()).paragraphs == tuple(PARAS)


def test_chunked_body_between_ad_slots_is_joined():
    chunks = "".join(
        f'<div class="chunk"><p>{p}</p></div><div class="ad-slot"><span>Annonce</span></div>'
        for p in PARAS
    )
    html = (
        f"<html><body><nav><a href='/'>Forside</a></nav><article>{chunks}</article></body></html>"
    )
    assert _content(html).paragraphs == tuple(PARAS)


def test_classless_sibling_full_of_teasers_is_not_joined_as_a_chunk():
    teasers = "".join(
        f'<article><h3><a href="/s{i}">Overskrift på en helt anden historie nr. {i}</a></h3>'
        f"<p>En kort appetitvækker om noget andet, nummer {i}, til at klikke på.</p>"
        "</article>"
        for i in range(12)
    )
    html = (
        "<html><body><section><article class='story'>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + f"</article></section><section>{teasers}</section></body></html>"
    )
    c = _content(html)
    assert c.paragraphs == tuple(PARAS)


def test_div_paragraphs_and_line_breaks():
    html = (
        "<html><body><div id='a'>"
        + "".join(f"<div class='para'>{p}</div>" for p in PARAS)
        + f"<div class='para'>{LONG}<br>Anden linje i samme afsnit med mere tekst.</div></div>"
        "<div class='menu'><a href='/x'>Menu punkt et</a> <a href='/y'>Menu punkt to</a></div>"
        "</body></html>"
    )
    c = _content(html)
    assert c.paragraphs[:3] == tuple(PARAS)
    assert c.paragraphs[3] == LONG + " Anden linje i samme afsnit med mere tekst."
    assert "Menu" not in c.text


def test_div_paragraphs_whose_text_sits_in_inline_wrappers():
    # Blogger: <div><span><span>text</span></span></div>, no <p> and no text of the div's own.
    wrapped = "".join(
        f'<div><span style="font-family: Arial"><span style="font-size: small">{p}</span>'
        "</span></div>"
        for p in PARAS
    )
    html = (
        "<html><body><div class='widget Blog'><div class='post-body'>"
        f"{wrapped}</div></div><ul><li><a href='/'>Forside</a></li></ul></body></html>"
    )
    assert _content(html).paragraphs == tuple(PARAS)


def test_link_list_inside_article_is_dropped():
    after = (
        "<ul>"
        + "".join(f"<li><a href='/{i}'>Relateret historie nummer {i}</a></li>" for i in range(5))
        + "</ul>"
    )
    html = page(paras=[*PARAS, LONG]).replace("</div></article>", f"{after}</div></article>")
    c = _content(html)
    assert "Relateret historie" not in c.text
    assert LONG in c.paragraphs


def test_hidden_and_script_text_never_appears():
    before = (
        "<div style='display:none'>Skjult tekst der ikke skal med</div>"
        "<script>var x = 'kode der ikke skal med';</script><noscript>Slå JavaScript til</noscript>"
    )
    c = _content(page(before=before))
    for junk in ("Skjult", "kode", "JavaScript"):
        assert junk not in c.text


def test_empty_and_bodyless_pages():
    assert _content("").paragraphs == ()
    assert _content("<html><head><title>x</title></head></html>").paragraphs == ()


def test_compound_caption_names_date_lines_and_box_headings_are_dropped():
    before = (
        "<div class='articleImageCaption'>Foto: Ida Holm / Ritzau Scanpix</div>"
        "<p>Opdateret 30. juni 2017 kl. 07.01</p>"
    )
    after = "<h3>Læs også</h3>"
    c = _content(page(before=before, after=after))
    assert c.paragraphs == tuple(PARAS)


def test_a_sentence_that_mentions_a_date_is_kept():
    sentence = "Loven blev vedtaget 1. juni 2017."
    c = _content(page(paras=[*PARAS, sentence]))
    assert c.paragraphs[-1] == sentence


def test_pathologically_nested_markup_keeps_its_text():
    text = "Tekst om førtidspension i København, som er dybt indlejret i siden. " * 3
    html = "<html><body>" + "<span>" * 3000 + text + "</span>" * 3000 + "</body></html>"
    assert _content(html).text == text.strip()


def test_junk_subtrees_are_skipped_and_text_after_them_is_kept():
    # Junk elements nest and sit between paragraphs; everything after them must still count.
    body = "".join(
        f"<p>{p}</p><nav><ul><li><a href='/x'>Menu {i}</a></li></ul><svg><g></g></svg></nav>"
        f"<script>var junk{i} = 'never text';</script>"
        for i, p in enumerate(PARAS)
    )
    content = _content(
        f"<html><body><article>{body}</article><footer><p>{LONG}</p></footer></body></html>"
    )
    assert content.paragraphs == tuple(PARAS)
    assert "never text" not in content.text


def test_element_matching_two_rules_is_one_candidate():
    # <li class="comment"> is a paragraph tag and comment-named; it must count once.
    items = "".join(f'<li class="comment-item">{p}</li>' for p in PARAS)
    content = _content(f"<html><body><ul class='story'>{items}</ul></body></html>")
    assert content.paragraphs == tuple(PARAS)


def test_inline_runs_keep_their_spaces():
    html = (
        "<html><body><article>"
        + f"<p>{LONG} <b>fed</b> <i>kursiv</i> <a href='/l'>link</a> slut.</p>" * 3
        + "</article></body></html>"
    )
    assert _content(html).paragraphs[0] == f"{LONG} fed kursiv link slut."


def test_boilerplate_nested_in_removed_boilerplate_is_gone_too():
    related = (
        '<div class="related"><div class="share-bar"><a href="/s">Del</a></div>'
        "<p>Læs også denne anden historie om noget helt andet i byen.</p></div>"
    )
    html = (
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in PARAS[:2])
        + related
        + "".join(f"<p>{p}</p>" for p in PARAS[2:])
        + "</article></body></html>"
    )
    assert _content(html).paragraphs == tuple(PARAS)


def test_whitespace_of_every_kind_becomes_single_spaces():
    ragged = "Borgerne\u00a0i  København\tventer\u2009på\n svar fra kommunen, og nu kommer det."
    clean = "Borgerne i København venter på svar fra kommunen, og nu kommer det."
    html = f"<html><body><article><p> {ragged} </p><p>{clean}</p></article></body></html>"
    assert _content(html).paragraphs == (clean, clean)


@pytest.mark.parametrize(
    "ragged",
    [
        # Indented source: line breaks and spaces at the line's ends only.
        "\n    Borgerne i København venter på svar fra kommunen, og nu kommer det.\n  ",
        # A space at each end and two inside, all printable.
        " Borgerne i  København venter på svar fra kommunen, og nu kommer det. ",
        # A line break inside as well as at an end.
        "Borgerne i København venter\n på svar fra kommunen, og nu kommer det.\n",
        # Invisible characters and a decomposed "å", with a tab at the start.
        "\tBorgerne i København\u200b venter pa\u030a svar\u00ad fra kommunen, og nu kommer det.",
        # The same letters in one spelling, with an invisible joiner and a space at the end.
        "Borgerne i København venter på svar fra kommu\u2060nen, og nu kommer det. ",
    ],
)
def test_every_shape_of_ragged_line_comes_out_as_one_clean_line(ragged):
    clean = "Borgerne i København venter på svar fra kommunen, og nu kommer det."
    html = f"<html><body><article><p>{ragged}</p><p>{clean}</p></article></body></html>"
    assert _content(html).paragraphs == (clean, clean)


def test_comment_sections_inside_junk_are_not_comments():
    comments = (
        '<section class="Comments"><p>Det er en skandale, at kommunen gør sådan her.</p></section>'
    )
    hidden = f"<aside>{comments.replace('skandale', 'reklame')}</aside>"
    html = (
        "<html><body class='single comments-open'><main class='comments'>"
        "<article class='post comments-open'>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + f"</article>{hidden}{comments}</main></body></html>"
    )
    content = _content(html)
    assert content.paragraphs == tuple(PARAS)
    assert content.comments == ("Det er en skandale, at kommunen gør sådan her.",)


def test_long_reader_discussion_does_not_beat_a_short_article():
    comments = "".join(
        f"<li class='comment'><p>Læserindlæg nummer {i}: jeg er helt uenig i den beslutning, "
        "for den rammer dem, der i forvejen har det sværest, og det er ikke i orden.</p></li>"
        for i in range(12)
    )
    html = (
        "<html><body><article class='post'>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + f"</article><div id='comments'><ol class='comment-list'>{comments}</ol></div>"
        "</body></html>"
    )
    content = _content(html)
    assert content.paragraphs == tuple(PARAS)
    assert len(content.comments) == 12


def test_article_left_inside_a_header_by_broken_markup_is_kept():
    # An unclosed <header> leaves the whole page inside it; only headers beside the article
    # (a title and a byline) are skipped.
    html = (
        "<html><body><div class='page'><header class='site'><div class='layout'><header>"
        "<h1>Titel</h1>"
        "<span>Af En Skribent</span></header><article>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + "</article></div></div></body></html>"
    )
    assert _content(html).paragraphs == tuple(PARAS)


def test_a_field_whose_label_is_hidden_is_not_hidden_text():
    # Drupal marks fields whose *label* is hidden; their text is shown.
    html = (
        "<html><body><article><div class='field field--name-body'>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + f"<div class='field field--name-quote field--label-hidden'><p>{LONG}</p></div>"
        "</div></article></body></html>"
    )
    assert _content(html).paragraphs == (*PARAS, LONG)


def test_post_metadata_rating_prompts_and_closed_comment_notices_are_dropped():
    inside = (
        "<div class='entry-utility'>Dette indlæg blev skrevet i kategorien Kommunen</div>"
        "<p class='postmetadata alt'>Indlægget blev offentliggjort onsdag og ligger i Nyheder</p>"
        "<div class='article-rating'>Giv artiklen en karakter fra en til fem stjerner</div>"
        "<p class='nocomments'>Der er lukket for kommentarer til dette indlæg</p>"
        "<div id='respond'><h3>Hvad synes du?</h3><p>Navn (skal udfyldes)</p></div>"
    )
    assert _content(_story(inside, tag="div class='post'")).paragraphs == tuple(PARAS)


LEAD = (
    "Kommunen vil spare på sagsbehandlingen, men borgerne betaler prisen, siger kritikerne, "
    "der nu samler underskrifter ind i hele byen."
)


def _above_body(blocks: str, copies: int = 2) -> str:
    """An article of ``copies`` times three paragraphs with ``blocks`` right above its body."""
    body = "".join(f"<p>{p}</p>" for p in PARAS * copies)
    return (
        f"<html><body><div class='article'>{blocks}<div class='body'>{body}</div>"
        "<div class='box'><ul><li>Et punkt i en boks med mere end nok tekst til at tælle med</li>"
        "</ul></div></div></body></html>"
    )


def test_lead_in_a_block_of_its_own_above_the_body_is_kept():
    html = _above_body(
        f"<div class='intro'><p>Af En Skribent</p></div><div class='intro-text'><p>{LEAD}</p></div>"
    )
    assert _content(html).paragraphs == (LEAD, *PARAS, *PARAS)


def test_a_block_of_prose_in_front_of_an_article_element_is_not_its_lead():
    # The <article> holds the whole article: prose beside it (a site's welcome box) is not
    # the lead the body is missing.
    welcome = (
        "Velkommen til foreningens hjemmeside, hvor vi skriver om velfærd, arbejdsmarked og "
        "de sager, der optager vores medlemmer. Læs med og bliv klogere på din kommune."
    )
    body = "".join(f"<p>{p}</p>" for p in PARAS * 3)
    for wrapper in ("div", "main"):
        html = (
            f"<html><body><{wrapper} class='wrap'><div class='welcome'><p>{welcome}</p></div>"
            f"<article class='post'>{body}</article></{wrapper}></body></html>"
        )
        assert _content(html).paragraphs == (*PARAS, *PARAS, *PARAS), wrapper


def test_key_points_list_above_the_body_is_not_a_lead():
    points = "".join(
        f"<li>Et hovedpunkt i historien nummer {i}, skrevet som en hel sætning her.</li>"
        for i in range(2)
    )
    html = _above_body(f"<div class='key-points'><ul>{points}</ul></div>", copies=3)
    assert _content(html).paragraphs == (*PARAS, *PARAS, *PARAS)


def test_a_lead_block_named_teaser_is_the_articles_own_teaser():
    # News CMSs call the lead "teaser-text"; teaser boxes of other stories go by their
    # links and place, not by that word.
    html = _above_body(f"<div class='teaser-text'><p>{LEAD}</p></div>")
    assert _content(html).paragraphs == (LEAD, *PARAS, *PARAS)


def test_a_post_of_short_lines_beside_a_wordier_widget_is_not_lost():
    # No line of the poem is long enough to vote; the widget's one sentence wins the
    # container, and the page's own paragraphs are the fallback.
    lines = [f"Linje {i} om himlen" for i in range(12)]
    widget = "Skriv din e-mail her og få besked, når der kommer nye indlæg."
    html = (
        "<html><body><div class='post'>"
        + "".join(f"<p>{line}</p>" for line in lines)
        + f"</div><div class='box'><form><p>{widget}</p></form></div></body></html>"
    )
    content = _content(html)
    assert content.source == "paragraphs"
    assert content.paragraphs == (*lines, widget)


def test_structured_article_body_stands_in_when_the_markup_holds_no_text():
    # The article is rendered by a script template; the page's JSON-LD still carries it.
    body = "\n".join(PARAS)
    html = (
        "<html><body><div class='post-body'><script type='text/template'>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + "</script></div><p>Kort fod</p></body></html>"
    )
    content = main_content(LexborHTMLParser(html), article_body=body)
    assert content.source == "jsonld"
    assert content.paragraphs == tuple(PARAS)


def test_embedded_post_keeps_its_attribution_line():
    tweet = (
        "<blockquote class='twitter-tweet'><p lang='da'>Nu har kommunen svaret, og det er ikke "
        "godt nok. <a href='https://t.co/x'>pic.twitter.com/x</a></p>&mdash; Anna Jensen "
        "(@annaj) <a href='https://twitter.com/annaj/status/1'>June 28, 2017</a></blockquote>"
    )
    html = (
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in PARAS[:2])
        + tweet
        + f"<p>{PARAS[2]}</p></article></body></html>"
    )
    assert _content(html).paragraphs == (
        *PARAS[:2],
        "Nu har kommunen svaret, og det er ikke godt nok. pic.twitter.com/x",
        "— Anna Jensen (@annaj) June 28, 2017",
        PARAS[2],
    )


def test_class_names_leaking_into_the_text_are_dropped():
    leaks = "".join(
        f"<div>{name}</div>" for name in ("narrow-screen-and-phone", "wide_screen_and_larger")
    )
    html = _story(f"{leaks}<p>Se-og-hør</p>")
    assert _content(html).paragraphs == (*PARAS, "Se-og-hør")


def test_picture_credits_and_source_lines_are_dropped():
    credits = "<p>Foto: Ida Holm / Ritzau Scanpix</p><p>Kilde: Danmarks Statistik</p>"
    assert _content(_story(credits)).paragraphs == tuple(PARAS)


def test_figure_captions_are_dropped_however_long_but_sentences_about_figures_stay():
    caption = (
        "Figur 2: Antallet af borgere på førtidspension i Københavns Kommune fra 2010 til 2017,"
        " opgjort pr. kvartal og fordelt på alder, køn og bydel (egen opgørelse af tallene)"
    )
    about = "Figuren viser, at antallet af borgere på førtidspension faldt efter reformen i 2013."
    html = _story(f"<div class=imginline><img src=a.png><span>{caption}</span></div><p>{about}</p>")
    assert _content(html).paragraphs == (*PARAS, about)


@pytest.mark.parametrize(
    "layer",
    ['<div class="flyout__target hidden">', '<div class="popup-layer">', "<div hidden>"],
)
def test_a_hidden_layer_with_more_text_than_the_article_is_not_the_article(layer):
    rows = "".join(
        f"<li>Hold nummer {n} mod hold nummer {n + 1}, slutresultat {n}:{n + 2}</li>"
        for n in range(40)
    )
    html = (
        f"<html><body>{layer}<ul class=scores>{rows}</ul></div>"
        "<article>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</article></body></html>"
    )
    assert _content(html).paragraphs == tuple(PARAS)


def test_a_responsive_hidden_class_does_not_hide_the_article():
    html = _story("", tag='div class="hidden lg:block"')
    assert _content(html).paragraphs == tuple(PARAS)


def test_a_dense_box_inside_the_article_does_not_cut_off_the_rest_of_it():
    # One comma-rich box outscores each of many short sections of its own <article>; none of
    # them joins it alone, but together they are most of the article.
    info = (
        "Åbent: mandag, tirsdag, onsdag, torsdag, fredag, lørdag, søndag, kl. 10-17, adgang,"
        " pris, billet, kort, kontant, rabat. "
    ) * 2
    stops = [
        f"Stop {n} på turen er et gammelt rådhus fra 1800-tallet med en lang historie om byens"
        " forvaltning."
        for n in range(14)
    ]
    html = (
        "<html><body><article><div class=feature><div class=inner>"
        + f"<p>{info}</p>" * 3
        + "</div></div>"
        + "".join(f'<div class="stop s{n}"><p>{s}</p></div>' for n, s in enumerate(stops))
        + "</article></body></html>"
    )
    paragraphs = _content(html).paragraphs
    assert paragraphs[-len(stops) :] == tuple(stops)


def _above_the_body(top: str) -> str:
    """A page whose ``<article>`` holds ``top`` and a promo box above its body, several
    levels up from the body's paragraphs."""
    promo = (
        '<div class="promo-box"><p>Få nyhederne fra kommunen i din indbakke hver morgen, helt'
        " gratis og uden binding, tilmeld dig nu.</p></div>"
    )
    linked = (
        '<p><a href="/a">Læs også om de andre sager om førtidspension og fleksjob i kommunen,'
        " som vi har skrevet om i år.</a></p>"
    )
    # Prose enough that only <p>s vote (short pages let text-holding <div>s vote too).
    body = "".join(f"<p>{p}</p>" for p in PARAS * 2)
    return (
        f"<html><body><article><div class=top>{top}{promo}{linked}</div><div class=wrap>"
        f"<div class=cols><div class=col><div class=text>{body}</div></div></div></div>"
        "</article></body></html>"
    )


@pytest.mark.parametrize(
    "wrap",
    [
        "<div class=intro><p>{}</p></div>",
        # A paywalled page's preview or a page builder's text box: the text is written
        # straight into a <div>, with no <p> to vote for it.
        "<div class=preview>{}</div>",
    ],
    ids=["paragraph", "text-in-a-div"],
)
def test_a_standfirst_far_above_the_body_inside_the_article_is_its_lead(wrap):
    lead = (
        "Ventetiden på en afgørelse om førtidspension er vokset i to år i træk, og nu vil"
        " udvalget have en plan fra forvaltningen inden sommerferien."
    )
    html = _above_the_body(wrap.format(lead))
    assert _content(html).paragraphs == (lead, *PARAS * 2)


def test_short_lines_in_divs_above_the_body_are_not_a_lead_together():
    # A byline and a date line, each in a <div> of its own: together they are as long as a
    # lead and end in a full stop, but no <div> holds a paragraph of its own.
    meta = (
        "<div class=meta><div>Af Ida Holm, journalist</div>"
        "<div>Opdateret 28. juni 2017 kl. 10.32, læst af mange borgere i Københavns Kommune.</div>"
        "</div>"
    )
    assert _content(_above_the_body(meta)).paragraphs == tuple(PARAS * 2)


def test_a_div_whose_text_is_mostly_its_inner_boxes_is_not_walked_as_a_lead():
    # A line written into a <div> beside a longer box of its own is not a paragraph: walking
    # the <div> would bring the box along.
    inner = (
        "<div class=tip><span>Nyhederne fra kommunen i din indbakke hver morgen,</span>"
        " <span>ugens vigtigste sager om fleksjob samlet hver fredag</span>"
        " <span>og et overblik over møderne i udvalget hver måned,</span>"
        " <span>gratis og uden binding: afmeld, når du vil.</span></div>"
    )
    line = (
        "Kommunen har sendt 312 sager om fleksjob tilbage til sagsbehandlerne, efter at"
        " Ankestyrelsen i foråret underkendte hver tredje afgørelse."
    )
    html = _above_the_body(f"<div class=box>{line}{inner}</div>")
    assert _content(html).paragraphs == tuple(PARAS * 2)


def test_form_labels_and_fieldsets_are_not_article_text():
    form = (
        "<fieldset><legend>Skriv til redaktionen om sagen</legend>"
        "<label>Dit navn og din e-mailadresse her</label></fieldset>"
        "<div><label>SPØRGSMÅL TIL FORFATTEREN</label></div>"
    )
    assert _content(_story(form)).paragraphs == tuple(PARAS)


def test_a_closing_block_with_a_sixth_of_the_prose_joins_the_article():
    closing = (
        "Sagen skal behandles igen på næste møde i udvalget, hvor både borgerrådgiveren og "
        "forvaltningen er inviteret til at fortælle om, hvad der er sket siden sidst."
    )
    html = (
        "<html><body><div class='story'><div class='body'>"
        + "".join(f"<p>{p}</p>" for p in PARAS * 2)
        + f"</div><div class='factbox'><p>{closing}</p></div></div></body></html>"
    )
    assert _content(html).paragraphs == (*PARAS, *PARAS, closing)


def test_a_wrapper_adding_a_short_line_of_prose_is_taken_whole():
    intro = "Her er de vigtigste punkter fra mødet i går aftes i byrådet."
    html = (
        f"<html><body><div class='wrap'><p>{intro}</p><div class='body'>"
        + "".join(f"<p>{p}</p>" for p in PARAS * 2)
        + "</div></div><div class='other'><p>Noget helt andet</p></div></body></html>"
    )
    assert _content(html).paragraphs == (intro, *PARAS, *PARAS)


def test_page_builder_widgets_are_not_boilerplate_widgets():
    # Elementor wraps every block of a page, text included, in "elementor-widget-container".
    blocks = "".join(f"<div class='elementor-widget-container'><p>{p}</p></div>" for p in PARAS)
    html = (
        "<html><body><div class='elementor'>"
        f"<div class='elementor-widget-container'><p>{LONG}</p>{blocks}</div>"
        "</div></body></html>"
    )
    assert _content(html).paragraphs == (LONG, *PARAS)


def test_share_and_comment_prompts_after_the_article_are_dropped():
    prompts = "<p>Del</p><p>Følg os på Facebook og Instagram</p><p>Kommentarer er lukket.</p>"
    assert _content(_story(prompts)).paragraphs == tuple(PARAS)


def test_paragraphs_written_into_a_header_are_article_text():
    # Some page builders put a block's whole text in its <header>; a title with one short
    # standfirst stays out.
    html = (
        "<html><body><main><article class='block'><header><h2>Titel</h2>"
        + "".join(f"<p>{p}</p>" for p in PARAS[:2])
        + "</header></article><article class='block'><header><h2>Anden titel</h2>"
        "<p>En kort underrubrik.</p></header>"
        + "".join(f"<p>{p}</p>" for p in PARAS[2:] * 3)
        + "</article></main></body></html>"
    )
    paragraphs = _content(html).paragraphs
    assert paragraphs[1:3] == tuple(PARAS[:2])
    assert "En kort underrubrik." not in paragraphs


SENTENCES = [
    "Kommunen har sendt et nyt brev til alle borgere, som venter på en afgørelse i deres sag.",
    "Brevet beskriver, hvordan sagsbehandlingen fremover skal foregå, og hvem man kan ringe til.",
    "Flere borgere fortæller, at de har ventet i over to år, og at brevet ikke svarer på noget.",
    "Forvaltningen oplyser, at der er ansat flere sagsbehandlere, som skal nedbringe ventetiden.",
    "Oppositionen vil have rådmanden i samråd, fordi tallene ikke er blevet bedre siden sidste år.",
    "Et nyt møde i udvalget er sat til næste måned, hvor sagen igen skal drøftes i detaljer.",
]


def test_an_article_split_into_many_grid_boxes_beats_a_compact_box_beside_it():
    # Each grid box holds one paragraph, so no box scores as high as the compact 'about'
    # box, which has three paragraphs with commas; the page's <article> holds far more.
    boxes = "".join(
        f"<div class='grid-slot'><div class='grid-box'><p>{s}</p></div></div>"
        for s in SENTENCES * 3
    )
    about = "".join(f"<p>{p}, og, med, mange, kommaer, i, teksten.</p>" for p in PARAS)
    html = (
        f"<html><body><article>{boxes}</article><div class='region'>"
        f"<div class='col'><div class='block-about'>{about}</div></div>"
        "<div class='col'><p>Foreningen, Gaden 1, 1000 København K, telefon 12 34 56 78.</p></div>"
        "</div></body></html>"
    )
    paragraphs = _content(html).paragraphs
    assert paragraphs == tuple(SENTENCES * 3)


def test_text_given_only_to_script_less_readers_in_noscript_is_used():
    # The page draws its text with a script; a <noscript> holds it for readers without one,
    # beside a tracking pixel's <noscript>.
    post = "".join(f"<p>{p}</p>" for p in PARAS)
    html = (
        "<html><body><noscript><img src='/pixel.gif'></noscript>"
        "<div class='post'><div class='post-body'><script>render()</script>"
        f"<noscript><div>{post}</div></noscript></div></div>"
        "<p>Siden er skrevet af en redaktion.</p></body></html>"
    )
    content = _content(html)
    assert content.paragraphs == tuple(PARAS)
    assert content.source == "noscript"


def test_the_lead_above_the_articles_first_chunk_is_kept():
    # The body comes in two chunks of different make, the second the longer; the lead sits
    # above the first, not right above the best-scoring one.
    first = "".join(f"<p>{s}</p>" for s in SENTENCES[:3])
    second = "".join(f"<p>{s}</p>" for s in SENTENCES * 2)
    html = (
        "<html><body><div class='story'>"
        f"<div class='intro'><p>{LEAD}</p></div>"
        f"<div class='media'>{first}</div><div class='content'>{second}</div>"
        "</div></body></html>"
    )
    paragraphs = _content(html).paragraphs
    assert paragraphs == (LEAD, *SENTENCES[:3], *SENTENCES * 2)


def test_a_named_span_that_opens_a_sentence_stays_in_its_paragraph():
    # "dateline" names boilerplate blocks; inside a sentence it is the sentence's start.
    first = f"<p><span class='dateline'>KØBENHAVN – </span>{PARAS[0]}</p>"
    html = _story("", paras=[]).replace(
        "<article></article>",
        "<article>" + first + "".join(f"<p>{p}</p>" for p in PARAS[1:]) + "</article>",
    )
    assert _content(html).paragraphs == (f"KØBENHAVN – {PARAS[0]}", *PARAS[1:])


def test_an_intro_paragraph_beside_the_body_block_joins_it():
    # The intro is a <p> straight in the wrapper; the body is a block of its own.
    body = "".join(f"<p>{p}</p>" for p in PARAS * 2)
    html = (
        "<html><body><div class='wrap'>"
        f"<p>{LEAD}</p><div class='text'>{body}</div>"
        "<p><a href='/a'>Forrige artikel om en helt anden sag</a></p>"
        "</div></body></html>"
    )
    assert _content(html).paragraphs == (LEAD, *PARAS * 2)


def test_text_comes_out_in_one_unicode_spelling():
    # "é" written as "e" and a combining accent comes out as the single character.
    decomposed = PARAS[0].replace("Københavns", "Ke\u0301benhavns")
    html = _story("", paras=[decomposed, *PARAS[1:]])
    assert _content(html).paragraphs[0] == PARAS[0].replace("Københavns", "K\u00e9benhavns")


def test_a_standfirst_in_the_articles_header_is_kept():
    html = (
        "<html><body><article><header><h1>Titel</h1>"
        f"<p>{LEAD}</p></header>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</article>"
        "</body></html>"
    )
    assert _content(html).paragraphs == (LEAD, *PARAS)


def test_copyright_lines_are_dropped():
    lines = "<p>© 2017 Avisen A/S</p><p>(c) Ida Holm</p><p>Copyright Foreningen 2017</p>"
    assert _content(_story(lines)).paragraphs == tuple(PARAS)


REPLIES = [
    f"Svar nummer {n} fra en læser: kommunen skal efter loven vurdere hver sag for sig, og en "
    "ansøgning om førtidspension kan ikke afvises alene, fordi ventetiden er lang."
    for n in range(1, 6)
] + [
    f"Læseren tilføjer i svar {n}, at man kan klage til Ankestyrelsen, hvis afgørelsen virker "
    "forkert, og at fristen for en klage normalt er fire uger fra afgørelsen."
    for n in range(1, 6)
]


def _question_with_replies(replies: int) -> str:
    """A question in one block and ``replies`` answers, each with a card of links, in another."""

    def card(n: int) -> str:
        return (
            "<div class='user-card'>"
            + " ".join(
                f"<a href='/u/{n}/{k}'>{k} dette svar fra bruger {n}</a>"
                for k in ("Del", "Rediger", "Følg", "Anmeld")
            )
            + "</div>"
        )

    answers = "".join(
        f"<div class='answer'><div class='answer-body'><div class='text'>"
        f"<p>{REPLIES[n]}</p><p>{REPLIES[n + 5]}</p></div></div>{card(n)}</div>"
        for n in range(replies)
    )
    question = "".join(f"<p>{p}</p>" for p in PARAS)
    return (
        f"<html><body><div class='question'><div class='text'>{question}</div></div>"
        f"<div class='answers'>{answers}</div></body></html>"
    )


def test_a_short_pick_that_is_a_fragment_of_the_pages_prose_gives_way_to_all_of_it():
    # The question's block scores best, but the answers below hold three times its prose: the
    # page's paragraphs (without the link cards) replace the fragment.
    content = _content(_question_with_replies(5))
    expected = [*PARAS]
    for n in range(5):
        expected += [REPLIES[n], REPLIES[n + 5]]
    assert content.paragraphs == tuple(expected)
    assert content.source == "paragraphs"


def test_a_short_pick_with_a_little_prose_elsewhere_is_kept():
    # One answer is less than the article twice over: the pick stands.
    content = _content(_question_with_replies(1))
    assert content.paragraphs == tuple(PARAS)
    assert content.source == "container"


# Under the 120 characters a block right above the body needs to be taken as its lead, and
# under the share of the body's prose a sibling block needs to join it (a tenth to a seventh
# of the body's prose: too much for a wrapper of the body, too little for a block beside it).
STANDFIRST = (
    "Borgere på kontanthjælp skal have svar på en ansøgning om førtidspension inden for"
    " seks måneder efter loven"
)


def _headed(between: str) -> str:
    """An article whose header holds a headline, ``between``, and the standfirst in a box."""
    return (
        f"<html><body><article><header><div class=top><h1>Titel</h1>{between}"
        f"<div class=dek><p>{STANDFIRST}</p></div></div></header>"
        "<div class=media><div class=player></div></div><div class=body><div class=text>"
        + "".join(f"<p>{p}</p>" for p in PARAS * 2)
        + "</div></div></article></body></html>"
    )


def test_a_standfirst_right_under_the_headline_is_kept_without_a_full_stop():
    # The summary under a headline often ends without a full stop; its place tells it apart.
    assert _content(_headed("")).paragraphs == (STANDFIRST, *PARAS * 2)


def test_a_line_without_a_full_stop_away_from_the_headline_is_not_a_lead():
    assert _content(_headed("<p>Af Ida Holm</p>")).paragraphs == tuple(PARAS * 2)


def _thread(posts: int) -> str:
    """Reader posts in a list no name calls comments, each under a dated head line."""
    return "".join(
        f"<li class=item><div class=head><b>Læser {n}</b> (28. juni 2017 kl. 1{n % 10}.32)</div>"
        f"<div class=msg><p>{REPLIES[n % 10]}</p><p>{REPLIES[(n + 3) % 10]}</p></div></li>"
        for n in range(posts)
    )


def _beside_article(other: str) -> str:
    """A short article and, beside it in one wrapper, ``other`` (a box of other text)."""
    return (
        "<html><body><main><div class=wrap><div class=post><h1>Titel</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + f"</div>{other}</div></main></body></html>"
    )


@pytest.mark.parametrize("posts", [3, 8, 20])
def test_a_thread_of_reader_posts_no_name_gives_away_is_not_the_article(posts):
    thread = f"<div class=responses><h3>{posts} svar</h3><ol>{_thread(posts)}</ol></div>"
    assert _content(_beside_article(thread)).paragraphs == tuple(PARAS)


def test_a_short_pick_gives_way_to_its_section_when_the_section_holds_all_of_it_and_more():
    # A page builder cuts the article into boxes of different make: the best one is picked,
    # the six small ones below it are too small to join it as siblings. The <article> holds
    # the pick and half as much again: it is the article.
    boxes = "".join(
        f"<div class=row><div class=col><div class=cell><p>{SENTENCES[n]} "
        f"{SENTENCES[(n + 1) % 6]}</p></div></div></div>"
        for n in range(6)
    )
    html = (
        "<html><body><article><div class=wrap><div class=column><div class=text>"
        + "".join(f"<p>{p}</p>" for p in PARAS * 4)
        + f"</div></div></div>{boxes}</article></body></html>"
    )
    paragraphs = _content(html).paragraphs
    assert paragraphs[:12] == tuple(PARAS * 4)
    assert paragraphs[12:] == tuple(f"{SENTENCES[n]} {SENTENCES[(n + 1) % 6]}" for n in range(6))


@pytest.mark.parametrize("teasers", [4, 10, 20])
def test_a_listing_of_other_stories_no_name_gives_away_neither_wins_nor_joins(teasers):
    summary = (
        "En kort appetitvækker om en anden sag fra kommunen, som handler om noget helt andet, "
        "men som redaktionen mener, at du også vil læse, nummer {n}, med flere ord."
    )
    cards = "".join(
        f"<div class=card><h3><a href='/s{n}'>Overskrift på en anden historie nr. {n}</a></h3>"
        f"<p>{summary.format(n=n)}</p></div>"
        for n in range(teasers)
    )
    listing = f"<div class=more><h2>Mere fra kommunen</h2><div class=grid>{cards}</div></div>"
    assert _content(_beside_article(listing)).paragraphs == tuple(PARAS)


def test_the_hidden_pages_of_an_article_shown_one_at_a_time_are_its_text():
    pages = "".join(
        f"<div class='gallery-page{' hidden' if n else ''}'"
        f"{' style=display:none' if n else ''}><h2>Punkt {n + 1}</h2><p>{SENTENCES[n]}</p></div>"
        for n in range(6)
    )
    html = f"<html><body><article><div class=gallery><h1>Titel</h1>{pages}</div></article></body></html>"
    paragraphs = _content(html).paragraphs
    assert [p for p in paragraphs if p in SENTENCES] == SENTENCES


def test_a_live_blog_of_dated_updates_under_headings_is_the_article():
    updates = "".join(
        f"<div class=update><div class=stamp>28. juni 2017 kl. 1{n}.32</div>"
        f"<h3>Opdatering {n + 1}</h3><p>{REPLIES[n]}</p></div>"
        for n in range(6)
    )
    html = (
        "<html><body><main><article><h1>Demonstration på rådhuset</h1>"
        f"<p>{PARAS[0]}</p><div class=updates>{updates}</div></article>"
        f"<div class=facts><p>{SENTENCES[0]}</p><p>{SENTENCES[1]}</p></div></main></body></html>"
    )
    # The updates are the article, under their headings; the fact box beside it is not.
    updates_text = [line for n in range(6) for line in (f"Opdatering {n + 1}", REPLIES[n])]
    assert _content(html).paragraphs == (PARAS[0], *updates_text)


def test_a_deep_article_is_not_widened_into_a_wrapper_whose_count_stops_short_of_it():
    # Prose is counted ten levels up from each paragraph: a wrapper further up seems to hold
    # only the short lines near it, less than the article inside it. It is not climbed into.
    deep = "".join("<div class=lvl>" for _ in range(9))
    html = (
        "<html><body><div id=main><div class=wrap>"
        "<div class=logo><p>Fraktionen i byrådet og dens folk</p></div>"
        f"{deep}<div class=text>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + "</div>"
        + "</div>" * 9
        + "<div class=box><p>En helt anden sag om zoo-entréen i år</p></div>"
        "</div></div></body></html>"
    )
    assert _content(html).paragraphs == tuple(PARAS)


@pytest.mark.parametrize("boxed", [5, 2])
def test_a_block_named_as_boilerplate_stays_only_while_it_holds_most_paragraphs(boxed):
    # The first chunk wins on commas; the block after it joins it, and its name says
    # "related". Holding most of the chunks' paragraphs it is the article's; holding fewer, a box.
    first = [f"{p} Derfor, siger hun, skal der, som aftalt, ske noget." for p in PARAS[:2]]
    rest = [
        f"Afsnit {n} af sagen handler om, hvad borgerne i kommunen har oplevet i mødet med den."
        for n in range(boxed)
    ]
    html = (
        "<html><body><article><div class=body><div class=part>"
        + "".join(f"<p>{p}</p>" for p in first)
        + '</div><div class="related-part">'
        + "".join(f"<p>{p}</p>" for p in rest)
        + "</div></div></article></body></html>"
    )
    paragraphs = _content(html).paragraphs
    assert paragraphs[:2] == tuple(first)
    assert paragraphs[2:] == (tuple(rest) if boxed * 2 > boxed + 2 else ())


def _between_halves(box: str) -> str:
    """A post of six paragraphs with ``box`` between its two halves."""
    return _story(box + "".join(f"<p>{p}</p>" for p in PARAS), tag="div class='post'")


def _dropped(box: str) -> bool:
    """Whether ``box``, set between the two halves of a post, leaves only the post's text."""
    return _content(_between_halves(box)).paragraphs == tuple(PARAS + PARAS)


# A sentence that would pass for prose: only the box around it can say it is not the article's.
_BOX_SENTENCE = (
    "Denne tekst står i en boks ved siden af artiklen og handler om noget andet end det, "
    "artiklen fortæller om borgerne."
)


@pytest.mark.parametrize(
    "name",
    [
        "copyright",
        "editorial-disclosure",
        "top-stories",
        "next-article",
        "noprint",
        "banner2",
        "flash-error",
        "screen-reader-text",
        "expand-icon__a11y h-offscreen",
    ],
)
def test_blocks_named_as_legal_disclosure_or_list_boxes_are_dropped(name: str):
    # Each holds a sentence that would pass for prose: only its class says it is a box.
    assert _dropped(f"<div class='{name}'><p>{_BOX_SENTENCE}</p></div>")


@pytest.mark.parametrize(
    "marks",
    [
        "hidden",
        "aria-hidden='true'",
        "role='navigation'",
        "role='complementary'",
        "style='visibility: hidden'",
        "itemprop='keywords'",
    ],
)
def test_a_plainly_named_block_goes_when_its_other_attributes_mark_it(marks: str):
    # Its class says nothing: an attribute beside it hides it, makes it a menu or a sidebar,
    # or marks it as a copy of the page's metadata.
    assert _dropped(f"<div class='box-7' data-id='7' {marks}><p>{_BOX_SENTENCE}</p></div>")


def test_a_plainly_named_block_with_attributes_that_mark_nothing_stays():
    text = (
        "Denne tekst står midt i artiklen og fortæller mere om borgerne, som har ventet på "
        "svar fra kommunen i flere år."
    )
    box = f"<div class='box-7' data-id='7' role='region' itemprop='articleBody'><p>{text}</p></div>"
    assert _content(_between_halves(box)).paragraphs == tuple([*PARAS, text, *PARAS])


@pytest.mark.parametrize("name", ["infobox", "article-infobox", "c-disclosure"])
def test_a_fact_box_or_accordion_inside_the_body_is_article_text(name: str):
    # The journalist's fact box and an accordion of background are what readers of the
    # article read too, whatever trafilatura's list of names says.
    fact = (
        "Reformen trådte i kraft 1. januar 2013, og siden skal de fleste under 40 år i "
        "ressourceforløb, før der kan tages stilling til førtidspension."
    )
    box = f"<div class='{name}'><h3>Fakta</h3><p>{fact}</p></div>"
    assert _content(_between_halves(box)).paragraphs == (*PARAS, "Fakta", fact, *PARAS)


def test_an_aside_of_facts_between_the_paragraphs_is_article_text_but_not_a_quote_or_an_ad():
    fact = (
        "Reformen trådte i kraft 1. januar 2013, og siden skal de fleste under 40 år i "
        "ressourceforløb, før der kan tages stilling til førtidspension."
    )
    box = f"<aside class='fakta'><h3>Fakta</h3><p>{fact}</p></aside>"
    assert _content(_between_halves(box)).paragraphs == (*PARAS, "Fakta", fact, *PARAS)
    quote = f"<aside class='quote'><p>{PARAS[0]}</p></aside>"
    assert _content(_between_halves(quote)).paragraphs == (*PARAS, *PARAS)
    ad = f"<aside><p>{fact}</p><script>show()</script></aside>"
    assert _content(_between_halves(ad)).paragraphs == (*PARAS, *PARAS)


def test_an_infobox_away_from_the_articles_paragraphs_is_the_pages():
    # A wiki's table of data atop the text: no paragraph of the article leads to it.
    data = "Fødselsdag: 3. maj, bor i Valby, arbejder som pædagogmedhjælper i en børnehave."
    box = f"<div id='infobox'><p>{data}</p></div>"
    html = f"<html><body><div class='post'>{box}{''.join(f'<p>{p}</p>' for p in PARAS)}</div></body></html>"
    assert _content(html).paragraphs == tuple(PARAS)


def test_an_infobox_at_an_edge_of_the_body_is_kept_only_when_it_holds_sentences():
    # A fact box before the first or after the last paragraph is the article's; a list of
    # books under a review, named the same, is not.
    fact = (
        "Reformen trådte i kraft 1. januar 2013, og siden skal de fleste borgere under 40 år "
        "i ressourceforløb i stedet for at få førtidspension."
    )
    books = (
        "<p><strong>Ventetid</strong> <em>Ida Lund</em> Forlaget Byen 2016, 224 sider, 249 kr"
        "</p><p><strong>Systemet</strong> <em>Ole Berg</em> Forlaget Havn 2015, 180 sider, 199 "
        "kr</p>"
    )
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    for box, kept in (
        (f"<div class='infobox'><p>{fact}</p></div>", (fact,)),
        (f"<div class='infobox'>{books}</div>", ()),
    ):
        opening = f"<html><body><div class='post'>{box}{body}</div></body></html>"
        closing = f"<html><body><div class='post'>{body}{box}</div></body></html>"
        assert _content(opening).paragraphs == (*kept, *PARAS)
        assert _content(closing).paragraphs == (*PARAS, *kept)


def test_a_form_inside_the_article_is_not_its_text():
    # A sign-up box: once its fields are gone (junk), only its sentences are left.
    form = (
        "<form action='/tilmeld'><div><p>Få de vigtigste nyheder om kommunen og borgerne i "
        "din indbakke hver morgen, helt gratis og uden binding.</p>"
        "<input type='email' name='email'><button>Tilmeld</button></div></form>"
    )
    assert _content(_between_halves(form)).paragraphs == tuple(PARAS + PARAS)


def test_a_page_wrapped_in_one_form_keeps_its_article():
    # Some page builders wrap the whole page in a form: it holds the article, so it stays.
    html = (
        "<html><body><form id='page'><div class='post'>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + "</div></form></body></html>"
    )
    assert _content(html).paragraphs == tuple(PARAS)


def test_a_teaser_card_for_another_story_goes_but_a_lead_named_teaser_stays():
    # German sites name an article's own lead "teaser"; a card links to another story.
    lead = f"<p class='article-teaser'>{LEAD}</p>"
    card = (
        "<div class='teaser'><a href='/anden-sag'>Rådmanden svarer på kritikken fra "
        "borgerne</a><p>Et kort resumé af en anden historie, som ikke hører til denne "
        "artikel, men som siden gerne vil vise frem.</p></div>"
    )
    assert _content(_between_halves(lead + card)).paragraphs == (*PARAS, LEAD, *PARAS)


@pytest.mark.parametrize(
    "attr",
    [
        "id='comments-18-wrapper'",
        "id='comments18-wrapper'",
        "class='kommentare-liste'",
        "class='commentaires'",
    ],
)
def test_reader_comments_named_in_other_languages_or_numbered_are_dropped(attr: str):
    assert _dropped(
        f"<div {attr}><p>Jeg er helt uenig med rådmanden, for min nabo har ventet i over to år "
        "på at få svar fra kommunen om sin sag.</p></div>"
    )


def test_a_caption_ending_in_its_copyright_is_dropped_but_a_long_paragraph_with_one_stays():
    caption = "<p>Rådmanden på trappen foran rådhuset efter mødet i udvalget. © Avisens Foto</p>"
    long_one = (
        "<p>"
        + " ".join(PARAS)
        + " Kommunen har selv lagt rapporten ud på sin hjemmeside. © Københavns Kommune</p>"
    )
    # A short paragraph of sentences that ends by naming its owner is the article's too.
    short_one = (
        "Bogen udkommer til august. Den bygger på interviews med 40 borgere. Forlaget Nordlys ©"
    )
    paragraphs = _content(_between_halves(caption + long_one + f"<p>{short_one}</p>")).paragraphs
    assert paragraphs[: len(PARAS)] == tuple(PARAS)
    assert paragraphs[len(PARAS)].endswith("© Københavns Kommune")
    assert paragraphs[len(PARAS) + 1] == short_one
    assert paragraphs[len(PARAS) + 2 :] == tuple(PARAS)


def test_a_sponsor_notice_opening_with_an_ad_label_is_dropped_but_news_about_ads_stays():
    notice = "<p>*Annonce. Dette indlæg er betalt af en samarbejdspartner.</p><p>Advert</p>"
    news = "<p>Reklame for spil bliver forbudt i kommunens busser fra nytår.</p>"
    paragraphs = _content(_between_halves(notice + news)).paragraphs
    assert paragraphs == (
        *PARAS,
        "Reklame for spil bliver forbudt i kommunens busser fra nytår.",
        *PARAS,
    )


def test_a_line_opening_with_a_date_is_metadata_unless_a_sentence_or_a_timeline_entry():
    lines = [
        "14. marts 2017 Politik København, førtidspension",
        "May 3, 2017 at 21:10 | tags: Kommune, Fleksjob",
        "2. maj 2017, Ole Lund",
        "3. maj 2017 · 14:05 · Af Mette Holm og Ole Lund | Politik",
        "4. maj 2017 / kl. 9.30",
        "28. juni 2017: omkring 150 mennesker demonstrerer foran rådhuset i København",
        "28. juni 2017 demonstrerede 150 mennesker ved rådhuset.",
        "29. juni 2017 Kommunen finder 13 millioner kroner ekstra",
        # A comma or a clock time after the date, then a clause: still an entry.
        "30. juni 2017, kl. 10.00 – udvalget beder forvaltningen om en plan for ventetiden",
        "1. juli 2017 kl. 12.15: Borgmesteren svarer oppositionen i et åbent brev",
    ]
    box = "".join(f"<p>{line}</p>" for line in lines)
    assert _content(_between_halves(box)).paragraphs == (*PARAS, *lines[5:], *PARAS)


def test_a_bare_address_on_its_own_line_is_dropped_but_a_sentence_with_one_stays():
    lines = [
        "https://avisen.dk/nyheder/kommunen-vil-spare-1234.html",
        "Læs hele rapporten på https://kk.dk/rapport",
    ]
    box = "".join(f"<p>{line}</p>" for line in lines)
    assert _content(_between_halves(box)).paragraphs == (*PARAS, lines[1], *PARAS)


def test_full_width_commas_count_as_commas_in_the_score():
    # Chinese and Japanese prose separates its clauses with "，": an article in such text
    # outscores a list of short award lines beside it (a third of each a link, so that it
    # does not join the article either), as one with "," would.
    clause = "市政府决定修改提前退休金的规定，许多市民对此表示担忧，反对派要求召开听证会"
    article = "".join(f"<div class=para>{clause}，第{n}段。</div>" for n in range(8))
    awards = "".join(
        f"<li>▪ 2016 第二十七届 <a href='/a{n}'>最佳专辑 《失语者》</a> 第{n}项 （提名）</li>"
        for n in range(30)
    )
    html = (
        f"<html><body><div class=box>{article}</div>"
        f"<table><tr><td><ul class=list>{awards}</ul></td></tr></table></body></html>"
    )
    paragraphs = _content(html).paragraphs
    assert paragraphs == tuple(f"{clause}，第{n}段。" for n in range(8))


def test_a_byline_on_its_own_line_is_dropped_but_a_sentence_opening_with_by_stays():
    bylines = ["Af Jens Hansen og Ida Holm", "By Jane Doe | 12. juni 2017"]
    sentences = [
        "Af hensyn til borgerne udsætter udvalget mødet",
        "By the time it closed, few came",
    ]
    box = "".join(f"<p>{line}</p>" for line in bylines + sentences)
    assert _content(_between_halves(box)).paragraphs == (*PARAS, *sentences, *PARAS)


def test_a_paragraph_wrapped_in_a_named_anchor_is_text_but_one_wrapped_in_a_link_is_not():
    # <a name=...> marks a place the page's own table of contents jumps to; it links nowhere.
    question = "Mange lyttere spørger: Hvad siger borgerrådgiveren egentlig til sagerne?"
    teaser = "Kommunen åbner et nyt borgerservicecenter på Vesterbro til foråret"
    box = f"<p><a name='spoergsmaal'>{question}</a></p><p><a href='/nyt-center'>{teaser}</a></p>"
    assert _content(_between_halves(box)).paragraphs == (*PARAS, question, *PARAS)


def test_a_sentence_that_runs_on_into_its_link_is_text_but_a_linked_title_is_not():
    sentence = (
        "Udvalget har besluttet, <a href='/sagen'>at alle sager skal gennemgås igen af en "
        "uafhængig revisor.</a>"
    )
    teaser = "Læs også: <a href='/andet'>Kommunen ansætter fyrre nye sagsbehandlere i år.</a>"
    box = f"<p>{sentence}</p><p>{teaser}</p>"
    assert _content(_between_halves(box)).paragraphs == (
        *PARAS,
        "Udvalget har besluttet, at alle sager skal gennemgås igen af en uafhængig revisor.",
        *PARAS,
    )


def test_an_email_address_shown_as_a_link_is_text_but_an_email_share_button_is_not():
    address = "<a href='mailto:borgerraadgiver@kk.dk'>borgerraadgiver@kk.dk</a>"
    box = f"<p>{address}</p><p><a href='mailto:?subject=Sagen'>E-mail</a></p>"
    assert _content(_between_halves(box)).paragraphs == (*PARAS, "borgerraadgiver@kk.dk", *PARAS)


def test_an_embedded_post_in_a_social_wrapper_stays_but_a_share_bar_goes():
    post = (
        "<div class='social-media-embed'><div class='inner'><blockquote class='twitter-tweet'>"
        "<p>Vi står foran rådhuset nu, kom og vær med</p>— Borgerforeningen (@borgerforening) "
        "<a href='/status/1'>28. juni 2017</a></blockquote></div></div>"
    )
    share = (
        "<div class='social-share'><blockquote>Del artiklen</blockquote>"
        "<a href='/del/fb'>Del på Facebook</a></div>"
    )
    # A post the page keeps hidden (a fallback for readers without scripts) is not shown.
    hidden = (
        "<div class='social-embed' style='display: none'><blockquote>"
        "<p>Skjult kopi af opslaget til læsere uden scripts</p></blockquote></div>"
    )
    assert _content(_between_halves(post + share + hidden)).paragraphs == (
        *PARAS,
        "Vi står foran rådhuset nu, kom og vær med",
        "— Borgerforeningen (@borgerforening) 28. juni 2017",
        *PARAS,
    )


def test_a_short_line_with_a_year_is_a_date_line_only_when_it_names_a_month():
    # "markets" and "Marathon" start as "mar" does; only a month makes a date line.
    lines = [
        "Tirsdag 28. marts 2017",
        "Nye markeder for fleksjob i 2017",
        "Marathon for fleksjob 2017",
    ]
    box = "".join(f"<p>{line}</p>" for line in lines)
    assert _content(_between_halves(box)).paragraphs == (*PARAS, *lines[1:], *PARAS)


def test_a_dated_line_going_on_in_an_entry_is_kept_and_one_going_on_in_metadata_dropped():
    # A chronology's entry after a colon or dash, full stop or not, with a day or a month
    # alone; a reading time, a credit, a section or a byline after the dash is metadata.
    entries = [
        "28. juni 2017: Demonstration foran Rådhuset",
        "Marts 2017 – Ankestyrelsen kritiserer kommunens sagsbehandling",
    ]
    meta = [
        "28. juni 2017 – 4 min læsning",
        "Juni 2017 - foto: Ida Lund",
        "28. juni 2017 – Politik og samfund",
        "Marts 2017 – Af Mette Holm",
    ]
    box = "".join(f"<p>{line}</p>" for line in [*entries, *meta])
    assert _content(_between_halves(box)).paragraphs == (*PARAS, *entries, *PARAS)


def test_a_gallerys_counters_go_and_a_tables_figures_stay():
    slides = "".join(
        f"<div class='slide'><img src='/{n}.jpg'><span class='count'>{n} / 3</span></div>"
        for n in range(1, 4)
    )
    figures = "<table><tr><td>Sager</td><td>28/6</td><td>412</td></tr></table>"
    text = _content(_story(f"<div class='pictures'>{slides}</div>{figures}")).paragraphs
    assert not [line for line in text if "/ 3" in line]
    assert ("28/6" in text and "412" in text) or "Sager 28/6 412" in text


def test_a_line_ending_in_a_link_to_join_goes_between_the_paragraphs_a_link_to_read_stays():
    box = (
        "<div class='box'><p>Som medlem kan du få råd om din sag af en rådgiver. "
        "<a href='/medlem'>Bliv medlem her</a></p></div>"
    )
    source = "<p>Hele opgørelsen kan læses i <a href='/rapport'>rapporten</a></p>"
    text = _content(_story(box + source + f"<p>{LONG}</p>")).paragraphs
    assert not [line for line in text if "rådgiver" in line]
    assert "Hele opgørelsen kan læses i rapporten" in text and text[-1] == LONG


def test_a_partners_box_between_the_paragraphs_goes_with_its_summary():
    box = (
        "<div class='partner'><h3><a href='https://shop.example.dk/tilbud'>Spar på "
        "elregningen i vinter</a></h3><p>Med en ny aftale betaler du mindre for strømmen, se "
        "her hvordan du skifter.</p></div>"
    )
    text = _content(_story(box + f"<p>{LONG}</p>")).paragraphs
    assert text == (*PARAS, LONG)


def test_a_table_layout_pages_text_cell_is_the_article_not_its_row():
    text = "".join(f"{p}<br>" for p in PARAS)
    column = (
        "<b>Kalender</b><br><a href='/m1'>Borgermøde i Valby</a><br>03.07.2017<br>"
        "<a href='/m2'>Høring på Rådhuset</a><br>10.07.2017"
    )
    html = (
        "<html><body><table><tr><td><a href='/'>Forside</a><br><a href='/om'>Om os</a></td>"
        f"<td>{text}</td><td>{column}</td></tr></table></body></html>"
    )
    joined = " ".join(_content(html).paragraphs)
    assert all(p in joined for p in PARAS)
    assert "Kalender" not in joined and "Borgermøde" not in joined and "Forside" not in joined


@pytest.mark.parametrize("gap", ["<br><br>", "<br>\n<br>", "<br> <br>", "<br><br><br>"])
def test_a_blank_line_between_lines_ends_a_paragraph_a_single_break_does_not(gap: str):
    lines = ["Udvalget mødtes onsdag.", "Mødet varede to timer.", "Borgmesteren kom ud bagefter."]
    body = f"{lines[0]}<br>{lines[1]}{gap}{lines[2]}"
    text = _content(_story(f"<div class='text'>{body}</div>")).paragraphs
    assert f"{lines[0]} {lines[1]}" in text and lines[2] in text


def test_a_quoted_post_keeps_its_lines_between_blank_lines_together():
    post = "Ventetiden skal ned.<br><br>Nu.<br><br>Mød op i dag. <a href='https://t.example/x1'>https://t.example/x1</a>"
    text = _content(_story(f"<blockquote>{post}</blockquote><p>{LONG}</p>")).paragraphs
    assert "Ventetiden skal ned. Nu. Mød op i dag. https://t.example/x1" in text


@pytest.mark.parametrize(
    ("link", "rest"),
    [
        ("Log ind", "eller opret ny konto for at skrive kommentarer"),
        ("Log ind", "for at kommentere"),
        ("Log in", "or register to post comments"),
    ],
)
def test_a_comment_forms_login_prompt_after_the_article_is_not_text(link: str, rest: str):
    # As Drupal writes it: the prompt in a list item, with few links among its words.
    after = (
        f'<ul class="links inline"><li><span><a href="/user/login">{link}</a> {rest}</span>'
        "</li></ul>"
    )
    assert _content(_story(after)).paragraphs == tuple(PARAS)


def test_a_page_of_nothing_but_teaser_cards_has_no_article_text():
    cards = "".join(
        f'<div class="card"><a href="/n/{n}"><h2>Overskrift nummer {n} om ventetiden</h2></a>'
        f"<p>{p}</p></div>"
        for n, p in enumerate(PARAS * 2)
    )
    html = f"<html><body><h1>Fleksjob</h1><div class='list'>{cards}</div></body></html>"
    found = _content(html)
    assert found.paragraphs == ()
    assert found.source == "overview"
    # The same cards after an article are the article's neighbours, not its end.
    assert _content(_story(f"<div class='list'>{cards}</div>")).paragraphs[:3] == tuple(PARAS)
    # A one-sentence brief above them is an article still: its sentence is never lost.
    brief = f"<html><body><article><h1>Kort</h1><p>{PARAS[0]}</p></article>{cards}</body></html>"
    assert PARAS[0] in _content(brief).paragraphs


def test_a_cms_article_info_list_over_the_body_is_not_text():
    info = (
        '<dl class="article-info"><dt class="article-info-term">Detaljer</dt>'
        '<dd class="category-name">Kategori: Nyheder</dd><dd class="hits">Hits: 412</dd></dl>'
    )
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    html = f"<html><body><div class='item-page'>{info}{body}</div></body></html>"
    assert _content(html).paragraphs == tuple(PARAS)
