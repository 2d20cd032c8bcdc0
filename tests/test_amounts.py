"""Danish money amounts in text, as normalised tokens."""

from mediespor.amounts import amounts


def test_digits_words_and_scales_normalise_to_one_token():
    assert amounts("Borgmesteren vil finde 13 mio. kr. mere") == ["amount:13000000"]
    assert amounts("tretten millioner kroner til sagsbehandling") == ["amount:13000000"]
    assert amounts("1,5 milliarder og 40 millioner") == ["amount:1500000000", "amount:40000000"]
    assert amounts("2,5 mia. kr.") == ["amount:2500000000"]


def test_text_without_amounts_gives_nothing():
    assert amounts("Omkring 150 mennesker demonstrerede foran Rådhuset") == []
    assert amounts("13 medarbejdere") == []
    assert amounts("") == []
