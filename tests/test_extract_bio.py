"""The closing box about the article's writer, told by the writer's name."""

from __future__ import annotations

from mediespor.extract import extract
from mediespor.extract.bio import drop_author_bio

STORY = (
    "Omkring 150 borgere samledes onsdag foran Rådhuset for at protestere mod ventetiden.",
    "Flere af demonstranterne havde selv ventet i årevis på en afgørelse i deres sag.",
    "Udvalget holdt samtidig et ekstraordinært møde om sagsbehandlingen i kommunen.",
    "Oppositionen kræver nu en plan for, hvordan ventetiden kan bringes ned i år.",
)
BIO = "Mette Holm er journalist på Avisen og dækker social- og beskæftigelsesområdet."


def test_a_closing_paragraph_about_the_author_trade_is_dropped():
    labelled = f"Om skribenten: {BIO}"
    covers = "Mette Holm dækker kommunalpolitik og skriver om beskæftigelse."
    english = "Mette Holm is a senior reporter covering welfare in Copenhagen."
    years = "Mette Holm har skrevet om beskæftigelsespolitik på Avisen siden 2012."
    for bio in (BIO, labelled, covers, english, years):
        assert drop_author_bio((*STORY, bio), ("Mette Holm",)) == STORY


def test_only_the_last_paragraph_is_dropped_and_nothing_after_a_bio():
    follows = (*STORY, BIO, "Oppositionen vil tage sagen op på næste møde i udvalget.")
    assert drop_author_bio(follows, ("Mette Holm",)) == follows


def test_a_closing_line_on_what_the_writer_did_or_a_namesake_stays():
    for closing in (
        "Mette Holm har til denne artikel talt med 40 borgere, der har ventet over et år.",
        "Mette Holm er nu på plads foran Rådhuset, hvor de første demonstranter samles.",
        "Mette Holmgaard er journalist på Dagbladet og har skrevet om sagen siden 2016.",
        "Mette Holm er nu på plads sammen med fotograf Ida Lund foran Rådhuset.",
    ):
        kept = (*STORY, closing)
        assert drop_author_bio(kept, ("Mette Holm",)) == kept


def test_the_story_naming_its_author_a_signature_or_another_person_stays():
    signed = (*STORY, "Mette Holm")
    assert drop_author_bio(signed, ("Mette Holm",)) == signed
    other = (*STORY, "Ida Lund er talsperson for foreningen og har selv ventet i fire år.")
    assert drop_author_bio(other, ("Mette Holm",)) == other
    # A one-word author (a desk, a site) and a short text are left alone.
    assert drop_author_bio((*STORY, BIO), ("Mette",)) == (*STORY, BIO)
    assert drop_author_bio((STORY[0], BIO), ("Mette Holm",)) == (STORY[0], BIO)
    # Only the closing lines are looked at.
    early = (STORY[0], BIO, *STORY[1:], STORY[0])
    assert drop_author_bio(early, ("Mette Holm",)) == early


def test_a_page_with_an_unnamed_bio_box_under_the_article_loses_only_the_box():
    body = "".join(f"<p>{p}</p>" for p in STORY)
    html = f"""<html lang="da"><head><title>Demonstration</title>
<meta name="author" content="Mette Holm"></head><body><article><h1>Demonstration</h1>
{body}<div><img src="/mh.jpg" alt=""><p>{BIO}</p></div></article></body></html>"""
    article = extract(html, "https://avis.example.dk/a")
    assert article.paragraphs == STORY
    assert BIO not in article.text


def test_a_live_blogs_oldest_update_is_never_taken_for_a_bio():
    body = "".join(f"<p>{p}</p>" for p in STORY)
    arrival = "Mette Holm er reporter på stedet og følger demonstrationen herfra i dag."
    ld = (
        '<script type="application/ld+json">{"@type": "LiveBlogPosting", "headline": "Live", '
        '"author": {"@type": "Person", "name": "Mette Holm"}}</script>'
    )
    for head, kept in ((ld, (*STORY, arrival)), ("", STORY)):
        html = f"""<html lang="da"><head><title>Live</title>{head}
<meta name="author" content="Mette Holm"></head><body><article><h1>Live</h1>
{body}<p>{arrival}</p></article></body></html>"""
        assert extract(html, "https://avis.example.dk/live").paragraphs == kept


def test_a_closing_quote_of_the_writers_namesake_stays():
    for closing in (
        "Mette Holm, analytiker i Arbejderbevægelsens Erhvervsråd, siger, at ventetiden er lang.",
        "Mette Holm er redaktør på et fagblad og vurderer, at sagen bør gå til Ankestyrelsen.",
    ):
        kept = (*STORY, closing)
        assert drop_author_bio(kept, ("Mette Holm",)) == kept
