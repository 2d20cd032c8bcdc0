"""URL canonicalisation: one place that decides when two URLs name the same article.

Same article, same key: the host is lower-cased (IDNA), default ports, fragments and tracking
parameters are dropped, dot segments resolved, percent-encoding normalised. Only http(s) URLs
are canonicalised; anything else raises :class:`ValueError`.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

#: Query parameters that only say where a reader came from.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl",
        "ref", "ref_src", "referrer", "src", "cmpid", "ncid", "rss", "feed", "from", "xtor",
        "share", "at_medium", "at_campaign", "at_source", "s_cid", "wt.mc_id", "ocid", "spm",
        "_hsenc", "_hsmi", "mkt_tok", "vero_id", "oly_enc_id", "oly_anon_id", "rb_clickid",
        "sh", "smid", "partner", "utm",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_", "_bta_", "ga_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SAFE_PATH = "/:@!$&'()*+,;=-._~%"
_SAFE_QUERY = "/:@!$'()*+,;=-._~%?"


def _is_tracking(name: str) -> bool:
    n = name.lower()
    return n in TRACKING_PARAMS or n.startswith(_TRACKING_PREFIXES)


def _normalise_percent(part: str, safe: str) -> str:
    # Decode then re-encode so that %7E and ~, %c3%a6 and æ end up the same.
    return quote(unquote(part, errors="surrogateescape"), safe=safe, errors="surrogateescape")


def _remove_dot_segments(path: str) -> str:
    out: list[str] = []
    for seg in path.split("/"):
        if seg == "..":
            if len(out) > 1:
                out.pop()
        elif seg != ".":
            out.append(seg)
    result = "/".join(out)
    if path.endswith(("/.", "/..")):
        result += "/"
    return result if result.startswith("/") else "/" + result


def canonicalize(url: str, base: str | None = None) -> str:
    """Return the canonical form of ``url`` (resolved against ``base`` when relative)."""
    raw = url.strip()
    if base:
        raw = urljoin(base, raw)
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ValueError(f"not an http(s) URL: {url[:200]!r}")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError(f"URL without host: {url[:200]!r}")
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        host = host.lower()
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"URL with invalid port: {url[:200]!r}") from None
    netloc = host if ":" not in host else f"[{host}]"
    if port and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    path = _remove_dot_segments(_normalise_percent(parts.path or "/", _SAFE_PATH))
    kept = []
    if parts.query:
        for pair in parts.query.split("&"):
            if not pair:
                continue
            name = unquote(pair.split("=", 1)[0])
            if _is_tracking(name):
                continue
            kept.append(_normalise_percent(pair, _SAFE_QUERY + "="))
    query = "&".join(kept)
    return urlunsplit((scheme, netloc, path, query, ""))


def host_of(url: str) -> str:
    """The lower-case host name of ``url``."""
    return (urlsplit(url).hostname or "").lower()


def registrable_match(host: str, allowed: list[str] | tuple[str, ...]) -> bool:
    """True when ``host`` is one of ``allowed`` or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == a.lower() or host.endswith("." + a.lower().lstrip(".")) for a in allowed)


_SLUG_SPLIT = re.compile(r"[/_\-.]+")


def url_words(url: str) -> str:
    """The words in a URL's path, for the topic pre-filter ('/koebenhavn/ingen-foertidspension')."""
    return " ".join(w for w in _SLUG_SPLIT.split(unquote(urlsplit(url).path)) if w)
