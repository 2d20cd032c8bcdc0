"""Soft 404s: an error headline over a short body is an error page; articles are kept."""

from __future__ import annotations

import pytest

from faultsuite import LONG_BODY, page
from mediespor.extract import extract
from mediespor.extract.soft404 import soft_404_reason


@pytest.mark.parametrize(
    "title",
    ["Siden blev ikke fundet", "Siden findes ikke", "404", "Fejl 404 - siden mangler",
     "Page not found", "Not Found", "Artiklen er slettet", "Error 404 - Not Found", "410 Gone"],
)  # fmt: skip
def test_error_headline_over_a_short_body_is_a_soft_404(title):
    article = extract(page(title, "<p>Prøv at søge.</p>").encode(), "https://x.dk/a", None)
    reason = soft_404_reason(article)
    assert reason and reason.startswith("soft 404")


@pytest.mark.parametrize(
    "title,body",
    [("Bus 404 er aflyst i dag", "<p>Kort.</p>"),
     ("Førtidspension: sagen blev ikke fundet i arkivet", "<p>Kort.</p>"),
     ("404 borgere fik afslag på førtidspension", "<p>Kort video.</p>"),
     ("404 borgere fik afslag på førtidspension", LONG_BODY * 3),
     ("Siden blev ikke fundet", LONG_BODY * 3)],
)  # fmt: skip
def test_articles_are_not_soft_404s(title, body):
    article = extract(page(title, body).encode(), "https://x.dk/a", None)
    assert soft_404_reason(article) is None
