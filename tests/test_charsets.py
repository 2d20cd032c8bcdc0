"""Telling UTF-8 with a few broken bytes from a page in a legacy charset."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mediespor.charsets import mostly_utf8

TEXT = "Københavns Kommune kritiseres for sagsbehandlingen af førtidspension og fleksjob."


def test_valid_utf8_and_ascii_are_utf8():
    assert mostly_utf8(TEXT.encode())
    assert mostly_utf8(b"plain ascii")


def test_a_few_stray_bytes_do_not_make_utf8_a_legacy_charset():
    damaged = TEXT.encode().replace(b"Kommune", b"Kommune\xff").replace(b"og", b"o\x80g")
    assert mostly_utf8(damaged)


def test_latin1_and_cp1252_danish_are_not_utf8():
    assert not mostly_utf8(TEXT.encode("latin-1"))
    assert not mostly_utf8((TEXT + " – “citat”").encode("cp1252"))


def test_latin1_page_with_one_utf8_snippet_stays_latin1():
    page = (TEXT * 5).encode("latin-1") + "ø".encode()
    assert not mostly_utf8(page)


def test_a_replacement_character_in_the_text_is_not_damage():
    assert mostly_utf8("Pris: 5 \ufffd, æøå".encode())


@given(st.text(max_size=300))
def test_every_valid_utf8_text_is_utf8(text):
    assert mostly_utf8(text.encode())
