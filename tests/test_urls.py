"""URL canonicalisation: same article, same key; idempotent; only ValueError on bad input."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.provisional import urls as url_strategy

from mediespor.urls import (
    canonicalize,
    host_of,
    prefer_canonical,
    registrable_match,
    resolve_link,
    url_words,
)

SAME = [
    ("HTTPS://WWW.TV2Lorry.DK:443/artikel/a?utm_source=rss&utm_medium=feed#top",
     "https://www.tv2lorry.dk/artikel/a"),
    ("https://www.tv2lorry.dk/artikel/a?rss", "https://www.tv2lorry.dk/artikel/a"),
    ("https://www.dr.dk/nyheder/x?ref=rss&fbclid=abc&gclid=1", "https://www.dr.dk/nyheder/x"),
    ("http://kk.dk:80/a/./b/../c", "http://kk.dk/a/c"),
    ("https://kk.dk", "https://kk.dk/"),
    ("https://kk.dk/%7Efoo/%c3%a6", "https://kk.dk/~foo/%C3%A6"),
    ("https://kk.dk/æ", "https://kk.dk/%C3%A6"),
    ("https://kk.dk/a;jsessionid=F00?id=2&PHPSESSID=9", "https://kk.dk/a?id=2"),
    ("https://user:pw@kk.dk./a", "https://kk.dk/a"),
    ("https://kk.dk/a?b=%41&c=1%3D2", "https://kk.dk/a?b=A&c=1=2"),
    ("https://københavn.dk/a", "https://xn--kbenhavn-54a.dk/a"),
    ("http://[0:0:0:0:0:0:0:1]:8080/", "http://[::1]:8080/"),
    ("https://kk.dk:8443/a", "https://kk.dk:8443/a"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "expected"), SAME)
def test_known_forms(raw, expected):
    assert canonicalize(raw) == expected
    assert canonicalize(expected) == expected


def test_relative_links_resolve_against_the_page():
    base = "https://www.tv2lorry.dk/nyheder/side?page=2"
    assert canonicalize("../artikel/x", base) == "https://www.tv2lorry.dk/artikel/x"
    assert canonicalize("?page=3", base) == "https://www.tv2lorry.dk/nyheder/side?page=3"
    assert canonicalize("//www.dr.dk/a", base) == "https://www.dr.dk/a"
    assert resolve_link("/a#comments", base) == "https://www.tv2lorry.dk/a"
    for href in (None, "", "#top", "mailto:x@kk.dk", "javascript:void(0)", "tel:+45", "http://["):
        assert resolve_link(href, base) is None


@pytest.mark.parametrize("bad", ["ftp://kk.dk/", "mailto:a@b.dk", "kk.dk/a", "", "http://",
                                 "http://[::1", "http://kk.dk:99999/", "http://a b.dk/",
                                 "http://kk..dk/"])  # fmt: skip
def test_rejects_with_value_error(bad):
    with pytest.raises(ValueError):
        canonicalize(bad)


def test_rel_canonical_is_preferred_only_when_sane():
    page = "https://www.tv2lorry.dk/artikel/x?utm_source=fb"
    assert prefer_canonical(page, "/artikel/x-fuld") == "https://www.tv2lorry.dk/artikel/x-fuld"
    assert (
        prefer_canonical(page, "https://nyheder.tv2lorry.dk/x") == "https://nyheder.tv2lorry.dk/x"
    )
    for untrusted in (None, "", "https://spam.example.com/x", "/", "javascript:x"):
        assert prefer_canonical(page, untrusted) == "https://www.tv2lorry.dk/artikel/x"


def test_helpers():
    assert host_of("https://WWW.KK.dk/a") == "www.kk.dk"
    assert registrable_match("nyheder.tv2lorry.dk", ["tv2lorry.dk"])
    assert not registrable_match("tv2lorry.dk.evil.com", ["tv2lorry.dk"])
    assert url_words("https://x.dk/koebenhavn/ingen-foertidspension_2017") == (
        "koebenhavn ingen foertidspension 2017"
    )


@settings(max_examples=400)
@given(st.text(max_size=80), st.one_of(st.none(), st.text(max_size=40)))
@example("http://a.dk/%2541", None)
@example("http://a.dk/?rss%3D1=2", None)
@example("http://a.dk/%", None)
def test_any_text_is_canonical_or_value_error(text, base):
    for candidate in (text, "http://kk.dk/" + text, "https://" + text):
        try:
            once = canonicalize(candidate, base)
        except ValueError:
            continue
        assert canonicalize(once) == once


@settings(max_examples=300)
@given(url_strategy())
def test_real_urls_are_idempotent(url):
    try:
        once = canonicalize(url)
    except ValueError:
        return
    assert canonicalize(once) == once
    assert once.startswith(("http://", "https://")) and "#" not in once
