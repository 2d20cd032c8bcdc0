"""Untrusted text and URLs are made harmless before they reach HTML, plotly or a script tag."""

from __future__ import annotations

import json

import pytest

from mediespor.timeline.escape import (
    clean,
    document_start,
    html_text,
    plotly_text,
    safe_url,
    script_json,
)


def test_html_text_escapes_tags_and_quotes():
    out = html_text("<img src=x onerror=\"alert(1)\"> & 'x'")
    assert "<" not in out and ">" not in out and '"' not in out and "'" not in out
    assert out.startswith("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp;")


def test_plotly_text_leaves_no_tag_for_plotly_to_parse():
    out = plotly_text('<b>fed</b><br><a href="javascript:x()">klik</a>')
    assert "<" not in out and ">" not in out
    assert out == '&lt;b&gt;fed&lt;/b&gt;&lt;br&gt;&lt;a href="javascript:x()"&gt;klik&lt;/a&gt;'


def test_clean_collapses_whitespace_and_cuts_with_ellipsis():
    assert clean("  en\n\tto\x00 tre  ") == "en to tre"
    assert clean("abcdefghij", 5) == "abcd…"
    assert clean(None) == ""


@pytest.mark.parametrize(
    "url",
    [
        "https://www.dr.dk/nyheder/a?b=1#c",
        "http://politiken.dk/x",
        "HTTPS://WEB.ARCHIVE.ORG/web/2017/https://x.dk/",
    ],
)
def test_safe_url_keeps_http_and_https(url):
    assert safe_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:window.__pwned=1",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "//evil.example/x",
        "/relative/path",
        "https://",
        "http://exa mple.dk/",
        "http://[::1",
        "",
        None,
    ],
)
def test_safe_url_drops_everything_else(url):
    assert safe_url(url) is None


def test_script_json_cannot_close_the_script_element():
    value = {"t": "</script><script>alert(1)</script><!-- \u2028 & end"}
    text = script_json(value)
    assert "</" not in text and "<!--" not in text and "\u2028" not in text and "&" not in text
    assert json.loads(text) == value


def test_bidi_overrides_are_dropped_from_text_urls_and_script_json():
    from mediespor.timeline.escape import clean, safe_url, script_json

    hostile = "Dom \u202efalsk\u202c og \u2066isoleret\u2069"
    assert clean(hostile) == "Dom falsk og isoleret"
    assert safe_url("https://example.org/\u202egpj.exe") is None
    assert "\u202e" not in script_json({"lanes": [hostile]})


def test_document_start_opens_a_danish_page_under_the_given_policy():
    head = document_start("default-src 'none'")
    assert head.startswith('<!DOCTYPE html>\n<html lang="da">\n<head>\n<meta charset="utf-8">')
    assert head.endswith(
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">\n'
    )
    # It starts str.format templates: a brace would be read as a placeholder.
    assert "{" not in head and "}" not in head
