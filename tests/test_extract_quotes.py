"""A pull quote told from a box of text of its own by its whole text, not its first words."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.quotes import _SLICE, is_promo_quote, repeats_page_text

SAID = "»Vi er ikke imod at blive vurderet, men vi er imod at blive glemt,« sagde en af talerne."
FACT = "Reformen af førtidspension og fleksjob trådte i kraft 1. januar 2013 i hele landet."
RESTATED = "Reformen af førtidspension og fleksjob trådte i kraft i 2013, og ventetiden steg."


def _box(box: str, *article: str) -> bool:
    body = "".join(f"<p>{p}</p>" for p in article)
    tree = LexborHTMLParser(f"<html><body><article>{body}{box}</article></body></html>")
    return repeats_page_text(tree.css_first("aside"))


def test_a_quote_of_an_article_sentence_is_a_pull_quote_marks_and_all():
    pull = (
        "<aside><p>“Vi er ikke imod at blive vurderet, men vi er imod at blive glemt.”</p></aside>"
    )
    assert _box(pull, SAID)


def test_a_box_sharing_only_its_opening_words_or_its_label_repeats_nothing():
    assert not _box(f"<aside><p>{FACT}</p></aside>", RESTATED)
    labelled = f"<aside><p>Fakta</p><p>{FACT}</p></aside>"
    assert not _box(labelled, "Fakta", RESTATED)
    icon = f'<aside><p><img src="/i.svg" alt=""></p><p>{FACT}</p></aside>'
    assert not _box(icon, RESTATED)
    assert not _box("<aside><p></p></aside>", RESTATED)


def test_a_pull_quote_is_found_across_line_breaks_and_quote_marks_inside_words():
    # The page's text is searched as its words with any whitespace between them: a sentence
    # the page breaks over lines, or writes with apostrophes the quote drops, is found again.
    said = "Kommunen's\n   sagsbehandlere   har ikke\ttid nok til de ventende borgere."
    pull = (
        "<aside><p>»Kommunens sagsbehandlere har ikke tid nok til de ventende borgere«</p></aside>"
    )
    assert _box(pull, said)
    # Said once only (in the box itself) is no repeat, nor is a sentence that ends otherwise.
    assert not _box(pull, "Kommunens sagsbehandlere har ikke tid nok til de ventende.")
    assert not _box(pull, "Kommunens sagsbehandlere har ikke tid nok til de ventende borger.")


TWEET = (
    '<blockquote class="twitter-tweet"><p>Vi står foran Rådhuset nu. Kom og vær med, ingen '
    "skal glemmes.</p>— Foreningen (@ventende_dk) 28. juni 2017</blockquote>"
)


def _promo(box: str) -> bool:
    tree = LexborHTMLParser(f"<html><body><article><p>{SAID}</p>{box}</article></body></html>")
    node = tree.css_first("div")
    return is_promo_quote(node, node.attributes)


def test_an_embedded_post_is_no_promo_but_a_share_quote_or_a_sign_up_box_is():
    assert not _promo(f'<div class="social-embed">{TWEET}</div>')
    share = "<blockquote><p>»Vi er ikke imod at blive vurderet, men vi er imod at blive glemt«"
    assert _promo(f'<div class="share-quote">{share}</p></blockquote></div>')
    inbox = "<blockquote><p>Få ugens nyheder om kommunen i din indbakke.</p></blockquote>"
    assert _promo(f'<div class="newsletter-promo">{inbox}</div>')
    call = "<blockquote><p>Følg os på Facebook og tilmeld dig nyhedsbrevet.</p></blockquote>"
    assert _promo(f'<div class="quote-box">{call}</div>')


def test_a_post_asking_to_join_a_demonstration_is_no_call_for_its_handle():
    # The attribution's handle names a network; the post's own words call no one to sign up.
    post = TWEET.replace("Vi står foran Rådhuset nu.", "Tilmeld dig demonstrationen onsdag.")
    assert not _promo(f'<div class="social-embed">{post}</div>')


def test_a_pull_quote_cut_short_with_an_ellipsis_repeats_the_article():
    pull = "<aside><p>»… men vi er imod at blive glemt,« sagde en af talerne.</p></aside>"
    assert _box(pull, SAID)


def test_each_page_is_searched_in_its_own_text_even_when_read_once_per_page():
    # The page's text is read once per page and kept for its next box: the next page (a new
    # parse of the same markup included) must never be searched in the one before.
    pull = (
        "<aside><p>“Vi er ikke imod at blive vurderet, men vi er imod at blive glemt.”</p></aside>"
    )
    assert _box(pull, SAID)
    assert not _box(pull, RESTATED)
    assert _box(pull, SAID)
    tree = LexborHTMLParser(
        f"<html><body><article><p>{SAID}</p>{pull}{pull}</article></body></html>"
    )
    first, second = tree.css("aside")
    assert repeats_page_text(first) and repeats_page_text(second)


def test_a_long_page_with_an_emoji_loses_every_quote_mark_even_across_its_slices():
    # A long page's text is stripped of quote marks a slice at a time. An emoji (stored four
    # bytes a character) stands in the first slice, and the article's sentence, quote marks
    # and all, stands across the border with the next one, wherever it falls in the sentence.
    sentence = "Borgerne venter på et svar fra kommunen. "
    filler = sentence * ((_SLICE - 100) // len(sentence)) + "🏳"
    pull = (
        "<aside><p>“Vi er ikke imod at blive vurderet, men vi er imod at blive glemt.”</p></aside>"
    )
    for pad in range(0, 140, 9):
        assert _box(pull, filler + "x" * pad, SAID)
    assert not _box(pull, filler, RESTATED)
