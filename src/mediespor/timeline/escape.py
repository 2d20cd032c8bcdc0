"""Make untrusted text (titles, leads, outlet names, URLs from the web) safe for the page.

Two sinks matter. HTML we write ourselves gets :func:`html_text`. Plotly renders a subset of
HTML in legends, tick labels, annotations and hover labels (``<b>``, ``<a href>``, ``<br>``),
so anything handed to plotly as text goes through :func:`plotly_text`, which escapes every
tag so that plotly shows it literally. Item titles and leads never reach plotly at all: the
page's own tooltip puts them in the DOM with ``textContent``. Only http(s) URLs become links.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Runs of whitespace, or a single whitespace character other than a plain space: the same
# result as collapsing every ``\s+`` to one space, without rewriting each single space.
_SPACE = re.compile(r"\s{2,}|[^\S ]")
#: An ordinary absolute http(s) URL in plain ASCII: accepted without parsing (100k of them
#: are checked per rendering). Anything else goes through the full check.
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][\x21-\x7e]*)?\Z")
#: Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): a title holding
#: them can reverse how the rest of the line, outlet and date included, is displayed.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SAFE_SCHEMES = ("http", "https")


def clean(text: str | None, limit: int | None = None) -> str:
    """Collapse whitespace, drop control and bidi-override characters, cut to ``limit``
    characters with '…'."""
    if not text:
        return ""
    out = _SPACE.sub(" ", _CONTROL.sub(" ", _BIDI.sub("", text))).strip()
    if limit is not None and len(out) > limit:
        out = out[: max(limit - 1, 0)].rstrip() + "…"
    return out


def html_text(text: str | None, limit: int | None = None) -> str:
    """Text for an HTML element body or attribute: cleaned and fully escaped (quotes too)."""
    return html.escape(clean(text, limit), quote=True)


def plotly_text(text: str | None, limit: int | None = None) -> str:
    """Text for plotly labels: every ``<``/``>``/``&`` escaped, so no tag is interpreted.

    Plotly turns the entities back into characters when it draws, so readers see the original
    characters while plotly's tag parser sees none.
    """
    return html.escape(clean(text, limit), quote=False)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else ``None`` (never clickable).

    ``javascript:``, ``data:``, ``file:`` and scheme-relative or malformed URLs are dropped;
    embedded whitespace or control characters (used to smuggle schemes past filters) reject
    the URL.
    """
    if not url:
        return None
    candidate = url.strip()
    if _PLAIN_URL.match(candidate):
        return candidate
    if _CONTROL.search(candidate) or _BIDI.search(candidate) or " " in candidate:
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.hostname:
        return None
    return candidate


def script_json(value: object) -> str:
    """JSON that can sit inside a ``<script>`` element without ending it or opening a comment.

    Bidi override characters are dropped from every string: the page shows these values
    (outlet names, titles) as text.
    """
    text = _BIDI.sub("", json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def document_start(csp: str) -> str:
    """The opening of a self-contained Danish page, up to its ``<title>``.

    ``csp`` is the page's Content-Security-Policy: both pages load nothing from the network.
    The result holds no braces, so it can start a ``str.format`` template.
    """
    return (
        '<!DOCTYPE html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
    )
