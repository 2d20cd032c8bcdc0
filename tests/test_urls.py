"""URL canonicalisation: same article, same key; idempotent; only ValueError on bad input."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.provisional import urls as url_strategy

from mediespor.urls import (
    canonicalize,
    host_of,
    on_site,
    prefer_canonical,
    resolve_link,
    same_site,
    site_of,
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


# Each fast path in canonicalize() has a boundary where it must hand over to the general code;
# these pin the outcome on both sides of it (absolute vs relative href, ASCII vs IDN host, plain
# vs percent-encoded parts, dot segments that only appear after decoding).
PAGE = "https://www.tv2lorry.dk/nyheder/side?page=2"
FAST_PATH_BOUNDARIES = [
    # absolute href: the join only re-assembles it (empty '?' and '#' dropped, scheme lower-cased)
    ("https://www.dr.dk/a?#", PAGE, "https://www.dr.dk/a"),
    ("HTTPS://WWW.DR.DK/A?b=1#c", PAGE, "https://www.dr.dk/A?b=1"),
    ("http://www.dr.dk/a", PAGE, "http://www.dr.dk/a"),
    ("https://kk.dk/a", "   ", "https://kk.dk/a"),
    # ... except that urljoin() drops an empty ';params' when href and base share a scheme
    ("https://kk.dk/a;", "https://kk.dk/", "https://kk.dk/a"),
    ("https://kk.dk/a;", "http://kk.dk/", "https://kk.dk/a;"),
    ("https://kk.dk/a;", None, "https://kk.dk/a;"),
    ("https://kk.dk/a;b", "https://kk.dk/", "https://kk.dk/a;b"),
    # scheme but no host: still relative to the page
    ("https:///a", PAGE, "https://www.tv2lorry.dk/a"),
    ("https:a", PAGE, "https://www.tv2lorry.dk/nyheder/a"),
    ("https:/a", PAGE, "https://www.tv2lorry.dk/a"),
    # hosts: ASCII is only lower-cased, anything else goes through IDNA
    ("https://XN--KBENHAVN-54A.DK/", None, "https://xn--kbenhavn-54a.dk/"),
    ("https://KØBENHAVN.dk/", None, "https://xn--kbenhavn-54a.dk/"),
    ("https://straße.de/", None, "https://strasse.de/"),
    ("https://" + "A" * 63 + ".dk/", None, "https://" + "a" * 63 + ".dk/"),
    ("https://" + "A" * 64 + ".dk/", None, "https://" + "a" * 64 + ".dk/"),
    # path and query parts: already-normal ones are kept, the rest decoded and re-encoded
    ("https://kk.dk/A-b_c.~d/x:y@z!$&'()*+,;=", None, "https://kk.dk/A-b_c.~d/x:y@z!$&'()*+,;="),
    ("https://kk.dk/%7Ea%2db", None, "https://kk.dk/~a-b"),
    ("https://kk.dk/a b[c]", None, "https://kk.dk/a%20b%5Bc%5D"),
    ("https://kk.dk/%", None, "https://kk.dk/%25"),
    ("https://kk.dk/?q=a+b&r=x/y:z?", None, "https://kk.dk/?q=a+b&r=x/y:z?"),
    ("https://kk.dk/?q=%41&r=%26", None, "https://kk.dk/?q=A&r=%26"),
    ("https://kk.dk/?a%3Db=c=d", None, "https://kk.dk/?a%3Db=c=d"),
    ("https://kk.dk/?q=æ", None, "https://kk.dk/?q=%C3%A6"),
    # dot segments, including ones that only appear once %2E is decoded
    ("https://kk.dk/%2E%2E/a/%2e/b", None, "https://kk.dk/a/b"),
    ("https://kk.dk/a/.b/..c", None, "https://kk.dk/a/.b/..c"),
    ("https://kk.dk/a/b/..", None, "https://kk.dk/a"),  # and the trailing slash folded
]


@pytest.mark.parametrize(("href", "base", "expected"), FAST_PATH_BOUNDARIES)
def test_fast_path_boundaries(href, base, expected):
    assert canonicalize(href, base) == expected


@pytest.mark.parametrize(
    ("href", "base"),
    [
        ("https://kk.dk/a", "http://[::1"),  # a broken base fails even for an absolute href
        ("/a", "http://[::1"),
        ("https://" + "ø" * 64 + ".dk/", None),  # too long for IDNA, and not an ASCII name
        ("https://WWW..dk/", None),
    ],
)
def test_fast_path_boundaries_reject(href, base):
    with pytest.raises(ValueError):
        canonicalize(href, base)


_NO_SPACE = st.characters(blacklist_categories=("Z", "Cc", "Cs"))


@settings(max_examples=300)
@given(
    st.one_of(
        url_strategy(),
        st.builds(
            str.__add__,
            st.sampled_from(["http://", "HTTPS://", "https:", "//", "/", "", "../"]),
            st.text(_NO_SPACE, max_size=40),
        ),
    ),
    st.sampled_from(
        [PAGE, "http://kk.dk/a/b;c", "HTTPS://københavn.dk/", "ftp://kk.dk/", "http://["]
    ),
)
def test_href_resolves_as_if_joined_first(href, base):
    # The reference is the plain definition: join with urljoin(), then canonicalise the result.
    try:
        expected = canonicalize(urljoin(base, href))
    except ValueError:
        expected = ValueError
    try:
        got = canonicalize(href, base)
    except ValueError:
        got = ValueError
    assert got == expected


@pytest.mark.parametrize(
    "variant",
    ["/sag/x", "/sag/x/", "/sag/x/amp", "/sag/x/amp/", "/sag/x?amp", "/sag/x?amp=1",
     "/amp/sag/x", "/sag/x?outputType=amp", "/sag/x//"],
)  # fmt: skip
def test_trailing_slash_and_amp_variants_name_one_article(variant):
    assert canonicalize("https://kk.dk" + variant) == "https://kk.dk/sag/x"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://kk.dk/", "https://kk.dk/"),  # the root stays
        ("https://kk.dk/amp", "https://kk.dk/amp"),  # a page called amp, not an AMP edition
        ("https://kk.dk/x?amp=0", "https://kk.dk/x?amp=0"),  # not a switch to AMP
        ("https://kk.dk/x/?id=12&amp=1", "https://kk.dk/x?id=12"),  # the id is the article
        ("https://kk.dk/nyheder/amplitude", "https://kk.dk/nyheder/amplitude"),
    ],
)
def test_variant_folding_keeps_what_names_another_page(url, expected):
    assert canonicalize(url) == expected


def test_former_spellings_are_the_slashed_forms_older_keys_used():
    from mediespor.urls import former_spellings

    assert former_spellings("https://kk.dk/sag/x") == ("https://kk.dk/sag/x/",)
    assert former_spellings("https://kk.dk/sag/x?id=2") == ("https://kk.dk/sag/x/?id=2",)
    assert former_spellings("https://kk.dk/") == ()
    assert former_spellings("http://[::1") == ()


# The one host rule (site_of / on_site / same_site): each case says which spelling it covers.
ON_SITE = [
    ("kk.dk", "kk.dk", True),  # the host itself
    ("www.kk.dk", "kk.dk", True),  # www is the same site ...
    ("kk.dk", "www.kk.dk", True),  # ... in both directions
    ("nyheder.tv2lorry.dk", "tv2lorry.dk", True),  # subdomains are included
    ("nyheder.tv2lorry.dk", "www.tv2lorry.dk", True),
    ("tv2lorry.dk", "nyheder.tv2lorry.dk", False),  # a parent is not on its subdomain
    ("a.tv2.dk", "b.tv2.dk", False),  # siblings are not one site
    ("tv2lorry.dk.evil.com", "tv2lorry.dk", False),  # a suffix of labels, not of text
    ("eviltv2lorry.dk", "tv2lorry.dk", False),
    ("KK.DK", "kk.dk", True),  # case
    ("kk.dk.", "kk.dk", True),  # trailing dot of a fully qualified name
    ("kk.dk", ".kk.dk", True),  # a leading dot in configuration
    ("xn--blet-uoa.dk", "æblet.dk", True),  # punycode and Unicode spell one name
    ("ÆBLET.dk", "xn--blet-uoa.dk", True),
    ("127.0.0.1", "127.0.0.1", True),  # addresses compare as written
    ("127.0.0.10", "127.0.0.1", False),
    ("", "kk.dk", False),  # no host is on no site
]


@pytest.mark.parametrize(("host", "site", "expected"), ON_SITE)
def test_on_site(host, site, expected):
    assert on_site(host, [site]) is expected


def test_site_of_normalises_every_spelling_to_one():
    for spelling in ("kk.dk", "WWW.KK.DK", "www.kk.dk.", " kk.dk "):
        assert site_of(spelling) == "kk.dk"
    assert site_of("Æblet.dk") == "xn--blet-uoa.dk"


def test_same_site_of_two_urls():
    assert same_site("https://avisen.dk/a", "https://www.avisen.dk/b")
    assert same_site("https://nyheder.tv2.dk/a", "http://TV2.dk:8080/b")  # scheme, port ignored
    assert same_site("https://tv2.dk/a", "https://nyheder.tv2.dk/b")  # symmetric
    assert not same_site("https://a.tv2.dk/a", "https://b.tv2.dk/b")
    assert not same_site("https://avisen.dk/a", "https://andenavis.dk/a")
    assert not same_site("https://avisen.dk/a", "mailto:x")
    assert not same_site("https://avisen.dk/a", "http://[::1")  # broken: no host, no site
