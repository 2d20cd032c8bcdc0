"""Trailing related boxes, orphaned headings: cut by structure and position, not by site."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from extract_pages import PARAS
from mediespor.extract.content import main_content
from mediespor.extract.teasers import HEADING, LABEL, LINKS, PROSE, Block, article_paragraphs

MORE = [
    "Borgerrådgiveren har modtaget over hundrede klager over sagsbehandlingen i år, og "
    "flere af dem handler om sager, der har ligget stille i mere end et halvt år uden svar.",
    "Et flertal i udvalget vil nu have en uafhængig gennemgang af alle sager fra de seneste "
    "to år, før der bliver truffet nye beslutninger om reglerne for fleksjob og pension.",
]


def _article(inner: str) -> str:
    return f"<html><body><div class='wrap'><article>{inner}</article></div></body></html>"


def _paras(items: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def _links(n: int, word: str = "Anden historie") -> str:
    items = "".join(
        f"<li><a href='/s{i}'>{word} om noget helt andet nr. {i}</a></li>" for i in range(n)
    )
    return f"<ul>{items}</ul>"


def _text(html: str) -> tuple[str, ...]:
    return main_content(LexborHTMLParser(html)).paragraphs


def test_heading_over_link_list_after_the_article_ends_the_text():
    # A heading in no lexicon ("Mehr zum Thema" in any language) over a list of links, after
    # the article, and the teaser lines under it: all gone.
    box = "<h2>Flere sager fra kommunen</h2>" + _links(4) + "<p>Kort teaser uden punktum</p>"
    assert _text(_article(_paras([*PARAS, *MORE]) + box)) == (*PARAS, *MORE)


def test_named_box_label_cuts_the_teasers_under_it():
    teasers = "".join(
        f"<div class='card'><a href='/t{i}'>Overskrift {i}</a><span>Kort tekst {i}</span></div>"
        for i in range(3)
    )
    page = _article(_paras([*PARAS, *MORE]) + "<div>Læs også</div>" + teasers)
    assert _text(page) == (*PARAS, *MORE)


def test_prose_after_a_box_in_the_middle_is_kept():
    # The box sits after half the text but real paragraphs follow it: they stay.
    html = _article(
        _paras([*PARAS, MORE[0]]) + "<h3>Læs mere her</h3>" + _links(3) + _paras([MORE[1]])
    )
    assert _text(html) == (*PARAS, *MORE)


def test_box_in_the_first_half_is_left_to_other_rules():
    # Early in the article a heading over links may be a table of contents: not a cut.
    html = _article("<h2>Indhold</h2>" + _links(3, "Afsnit") + _paras([*PARAS, *MORE]))
    assert _text(html) == (*PARAS, *MORE)


def test_subheadings_with_prose_under_them_are_kept():
    html = _article(_paras(PARAS[:2]) + "<h2>Hvad sker der nu</h2>" + _paras([PARAS[2], *MORE]))
    assert _text(html) == (*PARAS[:2], "Hvad sker der nu", PARAS[2], *MORE)


def test_short_line_over_a_single_link_is_article_text():
    # An address line over one e-mail link is no box: nothing is cut.
    blocks = [
        *(Block(PROSE, p) for p in PARAS),
        Block(PROSE, "1000 København K"),
        Block(LINKS, "mail@example.org"),
        Block(PROSE, "Telefon 12 34 56 78"),
    ]
    assert article_paragraphs(blocks) == [*PARAS, "1000 København K", "Telefon 12 34 56 78"]


def test_orphan_headings_and_labels_are_dropped():
    blocks = [
        Block(HEADING, "Baggrund"),
        *(Block(PROSE, p) for p in PARAS),
        Block(HEADING, "Links"),
        Block(LABEL, "Se også"),
        Block(HEADING, "Nyeste"),
    ]
    assert article_paragraphs(blocks) == ["Baggrund", *PARAS]


def test_heading_over_dated_links_is_a_box_though_a_line_comes_first():
    # "Weitere Nachrichten": a heading, a short date line, then the linked headlines.
    blocks = [
        *(Block(PROSE, p) for p in PARAS),
        Block(HEADING, "Flere nyheder"),
        Block(PROSE, "04.11."),
        Block(LINKS, "En anden historie"),
        Block(PROSE, "03.11."),
        Block(LINKS, "Endnu en historie"),
    ]
    assert article_paragraphs(blocks) == PARAS


def test_colon_line_over_links_is_a_box():
    blocks = [
        *(Block(PROSE, p) for p in PARAS),
        Block(PROSE, "Dette emne kunne også interessere dig:"),
        Block(LINKS, "En anden historie"),
        Block(LINKS, "Endnu en historie"),
    ]
    assert article_paragraphs(blocks) == PARAS


def test_heading_after_the_last_paragraph_over_short_lines_is_a_box():
    # A comment form or "was this helpful?" under a heading of its own.
    blocks = [
        *(Block(PROSE, p) for p in PARAS),
        Block(HEADING, "Skriv en kommentar"),
        Block(PROSE, "Navn*"),
        Block(PROSE, "E-mail* (vises ikke)"),
        Block(PROSE, "Var denne side nyttig?"),
    ]
    assert article_paragraphs(blocks) == PARAS


def test_closing_section_with_sentences_is_kept():
    blocks = [
        *(Block(PROSE, p) for p in PARAS),
        Block(HEADING, "Kort fortalt"),
        Block(PROSE, "Reglerne ændres fra nytår, og kommunen skal svare inden for en måned."),
    ]
    assert article_paragraphs(blocks) == [
        *PARAS,
        "Kort fortalt",
        "Reglerne ændres fra nytår, og kommunen skal svare inden for en måned.",
    ]


def test_question_and_colon_lines_over_links_are_boxes():
    question = [
        *(Block(PROSE, p) for p in PARAS),
        Block(PROSE, "Har du læst?"),
        Block(LINKS, "En anden historie"),
        Block(LINKS, "Endnu en historie"),
    ]
    colon = [
        *(Block(PROSE, p) for p in PARAS),
        Block(PROSE, "Læs videre:"),
        Block(LINKS, "En anden historie"),
        Block(PROSE, "Det nye nummer af bladet kan købes i kiosken nu"),
    ]
    assert article_paragraphs(question) == PARAS
    assert article_paragraphs(colon) == PARAS


def test_box_labels_in_several_languages_cut_their_teasers():
    teasers = "".join(
        f"<div class='card'><a href='/t{i}'>Overskrift {i}</a><span>Kort tekst {i}</span></div>"
        for i in range(3)
    )
    labels = ("Mest læste", "Relateret", "Mehr zum Thema", "Zum Weiterlesen", "À lire aussi")
    for label in (*labels, "Czytaj też"):
        page = _article(_paras([*PARAS, *MORE]) + f"<div>{label}</div>" + teasers)
        assert _text(page) == (*PARAS, *MORE), label


def test_run_of_teaser_cards_after_the_article_is_cut_without_any_label():
    cards = "".join(
        f"<div class='card'><h3><a href='/c{i}'>En helt anden historie nummer {i}</a></h3>"
        f"<p>Kort resumé af historie {i}, som man kan klikke sig videre til.</p></div>"
        for i in range(4)
    )
    assert _text(_article(_paras([*PARAS, *MORE]) + cards)) == (*PARAS, *MORE)


def test_a_single_linked_source_before_a_paragraph_is_not_a_card_run():
    blocks = [
        *(Block(PROSE, p) for p in PARAS),
        Block(LINKS, "Rapporten fra Ankestyrelsen"),
        Block(PROSE, "Rapporten kom i juli."),
        Block(LINKS, "Kommunens svar"),
        Block(PROSE, "Svaret kom i august."),
    ]
    assert article_paragraphs(blocks) == [*PARAS, "Rapporten kom i juli.", "Svaret kom i august."]


def test_short_posts_under_numbered_permalinks_are_no_run_of_cards():
    posts = ["Hos mig tog det fem minutter.", "Jeg venter stadig på svar.", "Samme her, desværre."]
    blocks = [*(Block(PROSE, p) for p in PARAS)]
    for n, post in enumerate(posts):
        blocks += [Block(LINKS, f"#{672 + n}", True), Block(PROSE, post)]
    assert article_paragraphs(blocks) == [*PARAS, *posts]


def test_a_closing_stub_after_a_long_article_is_dropped_but_a_closing_sentence_stays():
    # Pages of nothing but prose have no furniture; these have a line of links in the middle.
    body = [*MORE, *MORE, *MORE, *MORE]
    blocks = [Block(PROSE, text) for text in body]
    blocks.insert(2, Block(LINKS, "Anden historie om noget helt andet"))
    assert article_paragraphs([*blocks, Block(PROSE, "5540 visninger")]) == body
    closing = "Sagen behandles igen i juni."
    assert article_paragraphs([*blocks, Block(PROSE, closing)]) == [*body, closing]
    # A short text keeps its last line: there is too little to tell furniture from the text.
    assert article_paragraphs([*blocks[:3], Block(PROSE, "Udvalget")]) == [*MORE, "Udvalget"]


def test_a_list_of_facts_under_a_heading_after_the_last_paragraph_stays():
    facts = [
        "Sted: Rådhuspladsen",
        "Dato: 29. juni 2017",
        "Arrangør: Foreningen af førtidspensionister",
        "Deltagere: ca. 300",
        "Politi: til stede",
    ]
    blocks = [Block(PROSE, m) for m in MORE] + [Block(HEADING, "Fakta")]
    blocks += [Block(PROSE, f) for f in facts]
    assert article_paragraphs(blocks) == [*MORE, "Fakta", *facts]
    # A contact box of a few short lines under a heading is still cut.
    box = [Block(HEADING, "Kontakt"), Block(PROSE, "Jens Hansen"), Block(PROSE, "Tlf. 12 34 56 78")]
    assert article_paragraphs([Block(PROSE, m) for m in MORE] + box) == MORE


def test_a_short_last_line_ending_in_a_link_points_elsewhere_and_goes():
    shop = "<p>Hele temaet står i bladet: <a href='/shop'>Bestil det her med fri fragt.</a></p>"
    assert _text(_article(_paras(PARAS + MORE) + shop)) == tuple(PARAS + MORE)
    # Whitespace and a line break after the link change nothing.
    donate = "<p>Støt vores arbejde: <a href='/giv'>Giv et bidrag</a> <br> </p>"
    assert _text(_article(_paras(PARAS + MORE) + donate)) == tuple(PARAS + MORE)
    # A last link that only says "here" points elsewhere, a full stop after it or not.
    for line in (
        "Alt om fleksjob og førtidspension finder du <a href='/tema'>her</a>.",
        "Alles über die Reform findest Du <a href='/thema'>hier</a>",
    ):
        assert _text(_article(_paras([*PARAS, *MORE, line]))) == (*PARAS, *MORE), line


def test_a_closing_sentence_that_ends_by_naming_its_linked_source_stays():
    quote = "Vi vil have svar nu, råbte demonstranterne ifølge <a href='/kilde'>TV 2 Lorry.</a>"
    assert _text(_article(_paras([*PARAS, *MORE, quote]))) == (
        *PARAS,
        *MORE,
        "Vi vil have svar nu, råbte demonstranterne ifølge TV 2 Lorry.",
    )


def test_a_last_line_with_a_link_inside_it_or_a_long_one_stays():
    inside = "Læs <a href='/rapport'>rapporten</a> på kommunens hjemmeside."
    assert _text(_article(_paras([*PARAS, *MORE, inside]))) == (
        *PARAS,
        *MORE,
        "Læs rapporten på kommunens hjemmeside.",
    )
    long_one = MORE[0] + " Mere om sagen <a href='/sag'>her</a>"
    assert _text(_article(_paras([*PARAS, long_one])))[-1].endswith("Mere om sagen her")


def test_a_contact_box_after_the_article_goes_with_its_lines():
    for label in ("Kontakt:", "Contact us", "Pressekontakt"):
        box = f"<div>{label}</div><p>Jens Hansen<br>Telefon 12 34 56 78<br>jens@kk.example</p>"
        assert _text(_article(_paras([*PARAS, *MORE]) + box)) == (*PARAS, *MORE), label


def test_a_contact_label_over_a_sentence_and_no_links_closes_the_article():
    service = "Borgere med spørgsmål kan ringe til kommunens hotline alle hverdage fra 9 til 15."
    kept = f"<div>Kontakt</div><p>{service}</p>"
    assert _text(_article(_paras([*PARAS, *MORE]) + kept)) == (*PARAS, *MORE, service)
    linked = f"<div>Kontakt</div><p>{service} <a href='/kontakt'>Skriv til os her</a></p>"
    assert _text(_article(_paras([*PARAS, *MORE]) + linked)) == (*PARAS, *MORE)


def test_a_list_closing_the_article_under_its_own_heading_stays_with_its_short_last_point():
    points = [
        "Svar på alle sager inden for et år",
        "En fast sagsbehandler til hver borger",
        "Stop for ressourceforløb uden indhold",
        "Uafhængig klageadgang",
    ]
    text = [*PARAS, *MORE, *PARAS]
    blocks = [
        *(Block(PROSE, p) for p in text),
        Block(HEADING, "Demonstranternes krav"),
        *(Block(PROSE, p) for p in points),
    ]
    assert article_paragraphs(blocks) == [*text, "Demonstranternes krav", *points]
    # A count under the same points is the page's, not the list's.
    counted = [*blocks, Block(PROSE, "5.540 visninger")]
    assert article_paragraphs(counted) == [*text, "Demonstranternes krav", *points]
    # A button under the list, and a box's short lines after it: the list stays, the box goes.
    boxed = [
        *blocks,
        Block(LINKS, "Skriv under nu »", True),
        *(Block(PROSE, word) for word in ("Hurtigt", "Gratis", "Sikkert")),
    ]
    assert article_paragraphs(boxed) == [*text, "Demonstranternes krav", *points]


def test_a_closing_list_goes_on_past_a_linked_point_but_not_past_a_button():
    points = [
        "Svar på alle sager inden for et år",
        "En fast sagsbehandler til hver borger",
        "Genoptagelse af alle underkendte sager",
        "Uafhængig klageadgang",
    ]
    text = [*PARAS, *MORE, *PARAS]
    head = [*(Block(PROSE, p) for p in text), Block(HEADING, "Demonstranternes krav")]
    # One point links a document: the points after it are the list's still.
    linked = Block(LINKS, "Ret til en bisidder ved alle møder", True)
    blocks = [*head, *(Block(PROSE, p) for p in points[:2]), linked]
    blocks += [Block(PROSE, p) for p in points[2:]]
    assert article_paragraphs(blocks) == [*text, "Demonstranternes krav", *points]
    # A one-word button ends the list, whatever lines of words follow it.
    listed = [*head, *(Block(PROSE, p) for p in points[:3])]
    after = [Block(PROSE, "Del siden med en ven"), Block(PROSE, "Skriv til redaktionen her")]
    button = [*listed, Block(LINKS, "Abbrechen", True), *after]
    assert article_paragraphs(button)[len(text) :] == ["Demonstranternes krav", *points[:3]]
    # Most items linked, a line of words under each: other stories, not the article's points.
    related = [*head]
    for n in range(3):
        related += [Block(LINKS, f"En anden historie om sagen nummer {n}", True)]
        related += [Block(PROSE, f"Kort omtale af historie nummer {n}")]
    assert article_paragraphs(related) == text


def test_a_short_answer_under_a_question_with_a_read_more_link_is_article_text():
    answer = "En afgørelse kan påklages til Ankestyrelsen inden for fire uger efter den er givet."
    section = [Block(HEADING, "Hvor kan man klage?"), Block(PROSE, answer)]
    more = Block(LINKS, "Læs mere", True)
    blocks = [*(Block(PROSE, p) for p in [*PARAS, *MORE]), *section, more]
    assert article_paragraphs(blocks)[-2:] == ["Hvor kan man klage?", answer]
    # Beside a lone word (a prompt's buttons) the sentence is the prompt's.
    prompt = [Block(HEADING, "Var artiklen nyttig?"), Block(PROSE, "Ja"), Block(PROSE, answer)]
    blocks = [*(Block(PROSE, p) for p in [*PARAS, *MORE]), *prompt, more]
    assert article_paragraphs(blocks) == [*PARAS, *MORE]


def test_a_section_of_short_lines_with_one_link_among_them_is_the_articles():
    # A list of dates under headings, each with its facts and a sign-up link: a heading over
    # mostly links is a box, a heading over lines of facts with a link is not.
    section = (
        "<h2>Borgermøde 2017</h2><p>Tid: 28.06.2017 kl. 14</p><p>Sted: Rådhuspladsen</p>"
        "<p>Emne: Borgerne kan stille spørgsmål til udvalget om fleksjob.</p>"
        "<p><a href='/tilmelding'>Tilmelding hos foreningen</a></p>"
    )
    text = _text(_article(_paras([*PARAS, *MORE]) + section))
    assert text == (
        *PARAS,
        *MORE,
        "Borgermøde 2017",
        "Tid: 28.06.2017 kl. 14",
        "Sted: Rådhuspladsen",
        "Emne: Borgerne kan stille spørgsmål til udvalget om fleksjob.",
    )


def test_a_line_over_a_list_of_web_addresses_names_the_sources_and_stays():
    sources = "".join(
        f"<li><a href='https://kk.dk/rapport-{i}'>https://kk.dk/rapport-{i}</a></li>"
        for i in range(3)
    )
    stories = _links(3)
    body = _paras([*PARAS, *MORE])
    kept = _text(_article(body + "<p>Kilder brugt i artiklen:</p>" + f"<ul>{sources}</ul>"))
    cut = _text(_article(body + "<p>Flere historier fra kommunen:</p>" + stories))
    assert kept == (*PARAS, *MORE, "Kilder brugt i artiklen:")
    assert cut == (*PARAS, *MORE)


def test_an_embedded_post_keeps_its_attribution_line_over_the_links_that_follow():
    # The attribution of an embedded post ends the article, above two links to other
    # stories: it signs the post, it does not announce the links.
    post = (
        "<blockquote class='twitter-tweet'><p>Demonstration ved rådhuset i dag kl. 14, "
        "kom og vær med</p>— Borgerforeningen (@borgerforening) "
        "<a href='/status/1'>June 28, 2017</a></blockquote>"
    )
    after = (
        "<p><a href='/s1'>Følg os på vores kanal</a></p><p><a href='/s2'>Anmeldelse af X</a></p>"
    )
    assert _text(_article(_paras([*PARAS, *MORE]) + post + after)) == (
        *PARAS,
        *MORE,
        "Demonstration ved rådhuset i dag kl. 14, kom og vær med",
        "— Borgerforeningen (@borgerforening) June 28, 2017",
    )


def test_a_closing_clause_over_links_is_the_articles_but_a_short_title_over_them_is_a_box():
    body = _paras([*PARAS, *MORE])
    slogan = "Uden uafhængig sagsbehandling, ingen retssikkerhed"
    kept = _text(_article(body + f"<p>{slogan}</p>" + _links(2)))
    cut = _text(_article(body + "<p>Flere historier fra kommunen</p>" + _links(2)))
    assert kept == (*PARAS, *MORE, slogan)
    assert cut == (*PARAS, *MORE)


def test_a_chinese_sentence_is_prose_at_a_third_of_the_length_of_a_latin_one():
    # "In 2017 she took part in the city's charity campaign and sang its theme song." in
    # Chinese: 40-odd characters, ending in the ideographic full stop, under a heading
    # with an "edit" link.
    sentence = "二零一七年她参加了哥本哈根市政府举办的慈善活动，并在同年担任该活动主题曲的演唱者，受到了广泛好评。"
    section = f"<h2>社会活动</h2><p><a href='/edit'>编辑</a></p><p>{sentence}</p>"
    assert _text(_article(_paras([*PARAS, *MORE]) + section)) == (*PARAS, *MORE, sentence)


def test_a_box_label_with_a_sentence_right_under_it_cuts_nothing():
    # The label's link was removed with its card ("Læs også" over nothing): the article goes
    # on under it, its next sentence shorter than a paragraph.
    sentence = "Forvaltningen har lovet et skriftligt svar til alle klagere inden udgangen af juli."
    tail = _paras([sentence, *MORE])
    text = _text(_article(_paras([*PARAS, *MORE]) + "<p>Læs også</p>" + tail))
    assert text == (*PARAS, *MORE, sentence, *MORE)


def test_the_cut_after_a_box_ends_at_two_sentences_in_a_row():
    # "Se også:" over one link looks like a box; the two short sentences after it, with no
    # link between them, are the article going on, not the box's summaries.
    sentences = [
        "Har du fået et afslag, kan du klage inden for fire uger.",
        "Klagen sendes til kommunen, som skal svare inden for en måned.",
    ]
    box = "<p>Se også:</p><ul><li><a href='/vejledning'>Vejledning om klager</a></li></ul>"
    text = _text(_article(_paras([*PARAS, *MORE]) + box + _paras([*sentences, *MORE])))
    assert text == (*PARAS, *MORE, *sentences, *MORE)
    # Each summary under a link of its own: a box of teasers, cut whole.
    cards = "".join(
        f"<p><a href='/s{n}'>Overskrift nummer {n}</a></p><p>{line}</p>"
        for n, line in enumerate(sentences)
    )
    text = _text(_article(_paras([*PARAS, *MORE]) + "<p>Læs også</p>" + cards))
    assert text == (*PARAS, *MORE)


def test_a_dated_line_among_dated_links_is_an_item_of_the_list_not_its_label():
    # A calendar of dates, some linked: the line above two linked dates is one more date.
    dates = ["02.07.2017 - Borgermøde - Rådhuset", "04.07.2017 - Høring - Jobcentret"]
    linked = "".join(
        f"<p><a href='/d{n}'>0{n}.08.2017 - Debatmøde nr. {n} - Biblioteket</a></p>"
        for n in range(5, 7)
    )
    text = _text(_article(_paras([*PARAS, *MORE, *dates]) + linked + _paras(dates)))
    assert text == (*PARAS, *MORE, *dates, *dates)


def test_the_last_item_of_a_list_over_a_button_is_no_label_of_a_box():
    # A timetable closing the article, a sign-up button under it: the last item has the
    # shape of the items above it ("kl. 00.00"), so it is one more item, not a box's label.
    items = ["kl. 10.00: Åbning af mødet", "kl. 10.30: Oplæg om ventetider", "kl. 11.15: Debat"]
    text = [*PARAS, *MORE]
    blocks = [
        *(Block(PROSE, p) for p in text),
        Block(HEADING, "Program"),
        *(Block(PROSE, p) for p in items),
        Block(LINKS, "Tilmeld dig her", linked_end=True),
    ]
    assert article_paragraphs(blocks) == [*text, "Program", *items]
    # A title over the link, of no shape shared with the line above it, still heads a box.
    boxed = [*blocks[:-1], Block(PROSE, "Mere om sagen"), blocks[-1]]
    assert article_paragraphs(boxed) == [*text, "Program", *items]


def test_a_timetable_under_its_heading_closing_the_article_is_no_form():
    # Each cell of the table is a line: the times are figures, not a form's one-word labels.
    rows = [
        ("10.00", "Åbning af mødet"),
        ("10.30", "Oplæg om ventetider"),
        ("11.15", "Debat med salen"),
    ]
    cells = [cell for row in rows for cell in row]
    text = [*PARAS, *MORE]
    blocks = [
        *(Block(PROSE, p) for p in text),
        Block(HEADING, "Program"),
        *(Block(PROSE, c) for c in cells),
    ]
    assert article_paragraphs(blocks)[len(text) :] == ["Program", *cells]
    # A form's labels are words: the box goes.
    form = [*blocks[: len(text) + 1], *(Block(PROSE, w) for w in ("Navn", "E-mail", "Besked"))]
    assert article_paragraphs(form) == text
