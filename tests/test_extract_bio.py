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


def test_a_closing_paragraph_about_the_author_goes_with_what_follows_it():
    labelled = f"Om skribenten: {BIO}"
    for bio in (BIO, labelled):
        assert drop_author_bio((*STORY, bio), ("Mette Holm",)) == STORY
    assert drop_author_bio((*STORY, BIO, "Følg hende på X."), ("Mette Holm",)) == STORY


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
