"""The full article behind a preview: JSON-LD ``articleBody`` when the page shows only its start."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from extract_pages import jsonld
from mediespor.extract import extract
from mediespor.extract.preview import article_lines, body_paragraphs, full_body

URL = "https://www.avisen.dk/kbh/fleksjob-sagen-samraad"
FULL = [
    "Beskæftigelsesudvalget i Københavns Kommune mødtes tirsdag aften for at drøfte de nye "
    "regler for fleksjob, som har skabt uro blandt borgere og fagforeninger.",
    "Rådmanden fastholdt, at forvaltningen blot følger den lovgivning, der blev vedtaget på "
    "Christiansborg, og at sagsbehandlingen nu går hurtigere end før.",
    "Oppositionen pegede på, at over 400 borgere har fået afslag på førtidspension i løbet af "
    "foråret, og krævede en uafhængig gennemgang af sagerne.",
    "En repræsentant for handicaporganisationerne sagde, at mange af de berørte har været "
    "igennem tre eller fire ressourceforløb uden at komme tættere på et job.",
    "Forvaltningen lovede at fremlægge tal for ventetider og afgørelser på næste møde, men "
    "ville ikke love, at reglerne bliver taget op til revision.",
    "Borgerrepræsentationen skal behandle sagen igen i september, hvor et flertal kan ende "
    "med at bede forvaltningen om en ny vurdering af praksis.",
    "Indtil da opfordrer fagforeningerne medlemmerne til at klage over afgørelser, de mener "
    "er forkerte, og til at tage en bisidder med til møderne.",
    "Ankestyrelsen har i år omgjort en større andel af kommunens afgørelser end året før, "
    "viser en opgørelse, som udvalget fik forelagt på mødet.",
    "Flere medlemmer af udvalget bad om at få opgørelsen delt op på bydele, så det bliver "
    "tydeligt, hvor afslagene rammer flest borgere.",
    "Sagen har også fået politikere på Christiansborg til at stille spørgsmål til ministeren "
    "om, hvordan kommunerne fortolker de nye regler.",
]
OTHER = [
    "Et helt andet emne: Kommunen åbner tre nye legepladser i Valby i løbet af sommeren, og "
    "beboerne har været med til at vælge redskaberne.",
    *(
        f"Afsnit {n} om legepladserne fortæller om gynger, sandkasser og klatrestativer, som "
        "er valgt efter et borgermøde i foråret."
        for n in range(2, 9)
    ),
]


def _page(article_body: str | None, shown: list[str] = FULL[:2], *, paywall: bool = True) -> str:
    """A paywalled page: the first paragraphs, then a box asking the reader to log in."""
    ld = jsonld(
        {"@type": "NewsArticle", "headline": "Samråd om fleksjob", "articleBody": article_body}
        if article_body is not None
        else {"@type": "NewsArticle", "headline": "Samråd om fleksjob"}
    )
    paras = "".join(f"<p>{p}</p>" for p in shown)
    box = (
        '<div class="paywall"><p>Log ind for at læse resten af artiklen</p></div>'
        if paywall
        else ""
    )
    return f"""<!doctype html><html lang="da"><head><title>Samråd om fleksjob</title>{ld}</head>
<body><main><article><h1>Samråd om fleksjob</h1><div class="article-body">{paras}</div>
{box}</article></main>
</body></html>"""


def test_the_full_body_replaces_a_preview_of_it():
    a = extract(_page("\n".join(FULL)), URL)
    assert a.paragraphs == tuple(FULL)
    assert a.provenance["text_source"] == "jsonld_full"


def test_a_preview_cut_mid_sentence_is_still_a_preview_of_the_body():
    shown = [FULL[0], FULL[1], FULL[2][:70] + " …"]
    a = extract(_page("\n\n".join(FULL), shown), URL)
    assert a.paragraphs == tuple(FULL)


def test_a_body_written_as_html_is_split_into_its_paragraphs():
    html_body = "".join(f"<p>{p.replace('fleksjob', '<em>fleksjob</em>')}</p>" for p in FULL)
    assert extract(_page(html_body), URL).paragraphs == tuple(FULL)


def test_a_body_of_another_article_is_not_taken():
    a = extract(_page("\n".join(OTHER)), URL)
    assert a.paragraphs == tuple(FULL[:2])
    assert "text_source" not in a.provenance


def test_a_body_not_much_longer_than_the_page_is_not_taken():
    # Twice the shown text: an edited copy, not the full article behind a preview.
    a = extract(_page("\n".join(FULL[:4])), URL)
    assert a.paragraphs == tuple(FULL[:2])
    shorter = extract(_page(FULL[0]), URL)
    assert shorter.paragraphs == tuple(FULL[:2])
    assert "text_source" not in shorter.provenance


def test_a_page_showing_the_whole_article_keeps_its_own_text():
    a = extract(_page("\n".join(FULL), FULL, paywall=False), URL)
    assert a.paragraphs == tuple(FULL)
    assert "text_source" not in a.provenance


def test_full_body_needs_most_of_the_shown_text_in_the_body():
    body = "\n".join(FULL)
    assert full_body(FULL[:2], body) == FULL
    # One shown paragraph of two in the body is half the text: enough; none is not.
    assert full_body([FULL[0], OTHER[0]], body) == FULL
    assert full_body([OTHER[0], OTHER[1]], body) is None
    assert full_body([], body) is None
    assert full_body(FULL[:2], None) is None
    # A first shown paragraph the body does not hold (a standfirst) stays before it; what
    # follows it before the body (a byline, a date line) does not.
    assert full_body([OTHER[0], *FULL[:2]], body) == [OTHER[0], *FULL]
    dated = "Af Ida Holm, 28. juni 2017 kl. 21.14"
    assert full_body([OTHER[0], dated, *FULL[:2]], body) == [OTHER[0], *FULL]
    assert full_body(["Annonce", OTHER[0], *FULL[:2]], body) == [OTHER[0], *FULL]


def test_body_paragraphs_collapse_space_and_drop_tags_only_of_markup():
    assert body_paragraphs("  Første  afsnit \n\n Andet\tafsnit ") == [
        "Første afsnit",
        "Andet afsnit",
    ]
    assert body_paragraphs("<p>Et</p><p>To<br>Tre</p>") == ["Et", "To", "Tre"]
    # A picture's caption is a line of its own, before and after; so is a quote.
    assert body_paragraphs(
        "<p>Et</p><figure><img src=b.jpg><figcaption>Foto</figcaption></figure>To"
        "<blockquote>Citat</blockquote>Tre"
    ) == ["Et", "Foto", "To", "Citat", "Tre"]
    assert body_paragraphs("Et<br>To<figure><img src=b.jpg>Foto</figure>Tre") == [
        "Et",
        "To",
        "Foto",
        "Tre",
    ]
    assert body_paragraphs("Hvis a < b og c > d") == ["Hvis a < b og c > d"]
    # A body in markdown loses its marks, not its words; a hashtag or a product is no mark.
    assert body_paragraphs("## Mellemrubrik\n\nEt **fedt** ord og [et link](https://a.dk/b).") == [
        "Mellemrubrik",
        "Et fedt ord og et link.",
    ]
    assert body_paragraphs("#fleksjob og 2**3") == ["#fleksjob og 2**3"]
    # Soft hyphens and zero-width characters go, as the page's own text drops them.
    assert body_paragraphs("førtids\xadpension\u200b\nfleks\u200djob") == [
        "førtidspension",
        "fleksjob",
    ]


def test_the_standfirst_over_a_preview_stays_before_the_full_body():
    # A paywalled page shows its standfirst (also its meta description) and a preview; the
    # JSON-LD body holds the article without the standfirst.
    manchet = "Politikerne vil have svar på, hvorfor så mange borgere får afslag på førtidspension"
    html = (
        _page("\n".join(FULL))
        .replace(
            "<h1>Samråd om fleksjob</h1>",
            f'<h1>Samråd om fleksjob</h1><div class="intro"><h2>{manchet}</h2></div>',
        )
        .replace("</head>", f'<meta name="description" content="{manchet}"></head>')
    )
    a = extract(html, URL)
    assert a.paragraphs == (manchet, *FULL)
    assert a.provenance["text_source"] == "jsonld_full"


def test_article_lines_leave_out_what_the_page_shows_as_links_or_comments():
    related = "Demonstration foran Rådhuset samler 150 borgere"
    page = LexborHTMLParser(
        f'<p><a href="/kbh/demo">{related}</a> <a href="/kbh">København</a></p>'
        f'<p><a href="/kbh/x">{FULL[1]}</a></p>'
    )
    comment = "Det er på tide, at nogen ser på de gamle sager igen."
    body = [
        *FULL[:3],
        f"Se også | {related}",
        related,
        "København",  # a short link text says nothing about a line
        f"Demonstrationen blev kaldt {related.lower()}, og den gik fredeligt.",
        f"Ole, 30. juni 2017: {comment}",
        "Kommentarer",
    ]
    kept = article_lines(body, FULL[:2], [page.root], ["Kommentarer", "Ole", comment])
    # The page's own shown paragraph stays even where the page also links it.
    assert kept == [*FULL[:3], "København", body[6]]
    assert article_lines(body, FULL[:2], [], []) == body
