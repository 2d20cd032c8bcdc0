"""Toggles: the short label of a block named a toggle is a control, not a line of the text."""

from __future__ import annotations

from extract_pages import PARAS, paras_html, post_text

SOURCE = (
    "Rapport om sagsbehandlingstider i Beskæftigelses- og Integrationsforvaltningen, juni 2017."
)


def test_the_label_of_a_toggle_goes_and_what_it_opens_stays():
    sources = (
        "<div class='sources js-accordion'>"
        "<div class='sources__toggle js-accordion-toggle'>Kilder skjul</div>"
        f"<div class='sources__content'><p>{SOURCE}</p></div></div>"
    )
    assert post_text(paras_html(PARAS) + sources) == (*PARAS, SOURCE)


def test_a_toggle_between_paragraphs_goes_whatever_its_words():
    toggle = "<span class='image-toggle'>Vis billede Skjul billede</span>"
    assert post_text(
        paras_html(PARAS[:2]) + f"<div>{toggle}</div>" + paras_html(PARAS[2:])
    ) == tuple(PARAS)


def test_a_block_named_a_toggle_that_holds_a_sentence_is_text():
    body = paras_html(PARAS[:2]) + f"<div class='toggle-box'>{SOURCE}</div>" + paras_html(PARAS[2:])
    assert post_text(body) == (*PARAS[:2], SOURCE, PARAS[2])
