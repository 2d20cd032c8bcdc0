"""Characters a reader never sees: zero-width ones and soft hyphens."""

from __future__ import annotations

from mediespor.extract.invisible import without_invisible


def test_soft_hyphens_and_zero_width_characters_go():
    assert without_invisible("førtids\xadpension og\u200b fleks\u200djob\ufeff") == (
        "førtidspension og fleksjob"
    )


def test_text_without_them_is_given_back_as_it_is():
    assert without_invisible("Rådhuset, 28. juni") == "Rådhuset, 28. juni"
    assert without_invisible("plain ascii") == "plain ascii"
    assert without_invisible("a\u00a0b") == "a\u00a0b"  # a no-break space is seen
