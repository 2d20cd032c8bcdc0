"""URL canonicalisation: one place that decides when two URLs name the same article.

Same article, same key: the host is lower-cased (IDNA), default ports, fragments and tracking
parameters are dropped, dot segments resolved, percent-encoding normalised. Only http(s) URLs
are canonicalised; anything else raises :class:`ValueError`.

Pages without a ``<link rel=canonical>`` are known by several spellings of one address, so the
variants that never name a different page are folded too: a trailing slash (``/x/`` is ``/x``;
the root ``/`` stays), and the AMP edition (``/x/amp``, ``/amp/x``, ``?amp``, ``?amp=1``,
``?outputType=amp``). Other query parameters are kept: ``?id=12`` may be the article itself.
Fetching the folded form costs nothing extra on a site that wants the slash: the fetcher learns
from the first redirect that the host adds it (see ``Fetcher``).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from urllib.parse import SplitResult, quote, unquote, urljoin, urlsplit

#: Query parameters that only say where a reader came from.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl",
        "ref", "ref_src", "referrer", "src", "cmpid", "ncid", "rss", "feed", "from", "xtor",
        "share", "at_medium", "at_campaign", "at_source", "s_cid", "wt.mc_id", "ocid", "spm",
        "_hsenc", "_hsmi", "mkt_tok", "vero_id", "oly_enc_id", "oly_anon_id", "rb_clickid",
        "sh", "smid", "partner", "utm", "jsessionid", "phpsessid", "sessionid", "sid",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_", "_bta_", "ga_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# '%' is never "safe": a decoded "%41" must be re-encoded, or a second pass would decode it again.
_SAFE_PATH = "/:@!$&'()*+,;=-._~"
_SAFE_QUERY_NAME = "/:@!$'()*+,;-._~?"
_SAFE_QUERY_VALUE = _SAFE_QUERY_NAME + "="
# quote() never escapes these (RFC 3986 unreserved); it escapes every other byte not in `safe`.
_UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
# A part made only of these is a fixed point of _normalise_percent: it has no '%' for unquote() to
# decode and nothing quote() would escape. Keyed by the `safe` string used for that URL component.
_ALREADY_NORMAL = {
    safe: re.compile("[" + re.escape(_UNRESERVED + safe) + "]*").fullmatch
    for safe in (_SAFE_PATH, _SAFE_QUERY_NAME, _SAFE_QUERY_VALUE)
}
_HOST_OK = re.compile(r"^[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$")
_SESSION_IN_PATH = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)
#: Query parameters that only ask for the AMP edition of the page, with the values that do.
_AMP_PARAMS = {"amp": ("", "1", "true"), "outputtype": ("amp",)}


def _is_amp_switch(name: str, value: str) -> bool:
    values = _AMP_PARAMS.get(name.lower())
    return values is not None and value.lower() in values


def _fold_variants(path: str) -> str:
    """``/x/``, ``/x/amp`` and ``/amp/x`` → ``/x``; the root and a bare ``/amp`` stay."""
    if path[-1:] != "/" and "/amp" not in path:  # nearly every URL: nothing to fold
        return path
    while True:
        before = path
        path = path.rstrip("/") or "/"
        if path.endswith("/amp") and len(path) > len("/amp"):
            path = path[: -len("/amp")]
        elif path.startswith("/amp/"):
            path = path[len("/amp") :]
        if path == before:
            return path


def _is_tracking(name: str) -> bool:
    n = name.lower()
    return n in TRACKING_PARAMS or n.startswith(_TRACKING_PREFIXES)


def _normalise_percent(part: str, safe: str) -> str:
    # Decode then re-encode so that %7E and ~, %c3%a6 and æ end up the same.
    if _ALREADY_NORMAL[safe](part):  # the common plain-ASCII part: both calls would be no-ops
        return part
    return quote(unquote(part, errors="surrogateescape"), safe=safe, errors="surrogateescape")


def _remove_dot_segments(path: str) -> str:
    if path[:1] == "/" and "/." not in path:  # no "." or ".." segment: the loop would rebuild it
        return path
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
    """Return the canonical form of ``url`` (resolved against ``base`` when relative).

    Idempotent, and raises nothing but :class:`ValueError` (for non-http(s) or broken URLs).
    """
    raw = url.strip()
    try:
        parts = _split_against(raw, base.strip()) if base else urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"not a valid URL: {url[:200]!r} ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ValueError(f"not an http(s) URL: {url[:200]!r}")
    host = _canonical_host(parts.hostname or "", url)
    netloc = host if ":" not in host else f"[{host}]"
    if port and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    path = parts.path or "/"
    if ";" in path:
        path = _SESSION_IN_PATH.sub("", path)
    path = _fold_variants(_remove_dot_segments(_normalise_percent(path, _SAFE_PATH)))
    kept = []
    if parts.query:
        for pair in parts.query.split("&"):
            if not pair:
                continue
            name, sep, value = pair.partition("=")
            if _is_tracking(unquote(name)) or _is_amp_switch(unquote(name), unquote(value)):
                continue
            kept.append(
                _normalise_percent(name, _SAFE_QUERY_NAME)
                + sep
                + _normalise_percent(value, _SAFE_QUERY_VALUE)
            )
    query = "&".join(kept)
    # Spelled out urlunsplit(): netloc is never empty here and the path always starts with '/'.
    return f"{scheme}://{netloc}{path}?{query}" if query else f"{scheme}://{netloc}{path}"


def former_spellings(url: str) -> tuple[str, ...]:
    """Keys an older :func:`canonicalize` gave the page that ``url`` (canonical) names.

    Before trailing slashes were folded, ``/x/`` was a key of its own: a store that meets
    ``/x`` looks these up too, so an upgraded database does not get the article twice.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return ()
    if parts.path in ("", "/") or parts.path.endswith("/"):
        return ()
    return (parts._replace(path=parts.path + "/").geturl(),)


def _split_against(raw: str, base: str) -> SplitResult:
    # urlsplit(urljoin(base, raw)), minus the join for an absolute http(s) href (a page's
    # rel=canonical usually is one). For those, urljoin() only re-assembles the href, which changes
    # nothing canonicalize() keeps -- it drops an empty '?' or '#', which are discarded anyway, and
    # an empty ';params' (a path ending in ';'), which is why such paths still go through urljoin().
    if base and raw[:8].lower().startswith(("http://", "https://")):
        # urljoin() parses the base first, so a broken one must still raise. Called like
        # canonicalize(page_url) calls it, to share urlsplit()'s cache entry for the page.
        urlsplit(base)
        parts = urlsplit(raw)
        if parts.scheme in _DEFAULT_PORTS and parts.netloc and not parts.path.endswith(";"):
            return parts
    return urlsplit(urljoin(base, raw))


def _canonical_host(hostname: str, url: str) -> str:
    host = hostname.rstrip(".")
    if not host:
        raise ValueError(f"URL without host: {url[:200]!r}")
    if ":" in host:  # IPv6 literal
        try:
            return ipaddress.IPv6Address(host.split("%", 1)[0]).compressed
        except ValueError:
            raise ValueError(f"URL with invalid IPv6 host: {url[:200]!r}") from None
    host = _idna(host)
    if not _HOST_OK.match(host) or ".." in host:
        raise ValueError(f"URL with invalid host {host[:100]!r}: {url[:200]!r}")
    return host


def _idna(host: str) -> str:
    """``host`` in IDNA (punycode), lower-case; lower-cased as written when it is not valid IDNA."""
    if host.isascii():
        # The idna codec returns an ASCII name unchanged (it raises for an empty or >63-char
        # label, and then we lower() it anyway), so skip the codec lookup and label checks.
        return host.lower()
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return host.lower()


_NOT_LINKS = ("mailto:", "javascript:", "tel:", "data:", "sms:", "ftp:", "file:")


def resolve_link(href: str | None, base: str) -> str | None:
    """Canonical absolute URL of a link found on page ``base``; None for non-web or broken links."""
    if href is None:
        return None
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(_NOT_LINKS):
        return None
    try:
        return canonicalize(href, base)
    except ValueError:
        return None


def prefer_canonical(page_url: str, canonical_href: str | None) -> str:
    """The key for a parsed page: its ``<link rel=canonical>`` when that is a sane URL on the
    same site, else the page's own canonical URL.

    A canonical pointing to another site (syndication, a hijacked tag) or to the front page is
    not trusted: it would merge different articles under one key.
    """
    own = canonicalize(page_url)
    target = resolve_link(canonical_href, page_url)
    if target is None:
        return own
    if not same_site(own, target):
        return own
    if urlsplit(target).path in ("", "/") and urlsplit(own).path not in ("", "/"):
        return own
    return target


def host_of(url: str) -> str:
    """The lower-case host name of ``url`` (no port; empty when there is none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


# The one host rule. A site is a host name compared case-insensitively, as IDNA (punycode),
# without a trailing dot, without a leading "www." (www.kk.dk and kk.dk are one site) and
# without a port (hostnames never carry one). A site includes its subdomains: nyheder.tv2.dk is
# on tv2.dk, but tv2.dk.evil.com and eviltv2.dk are not. Sibling subdomains (a.tv2.dk and
# b.tv2.dk) are not one site: nothing tells a shared suffix from a public one (.co.uk).


def site_of(host: str) -> str:
    """The site a host name belongs to: ``"WWW.Æblet.dk."`` → ``"xn--blet-hra.dk"``."""
    host = host.strip().strip(".")
    return _idna(host).removeprefix("www.")


def on_site(host: str, sites: Iterable[str]) -> bool:
    """True when ``host`` is one of ``sites`` or a subdomain of one (see :func:`site_of`)."""
    own = site_of(host)
    if not own:
        return False
    for site in sites:
        site = site_of(site)
        if own == site or own.endswith("." + site):
            return True
    return False


def same_site(a: str, b: str) -> bool:
    """True when URLs ``a`` and ``b`` are on one site (one host, or one a subdomain of the other)."""
    ha, hb = host_of(a), host_of(b)
    return bool(ha and hb) and (on_site(ha, (hb,)) or on_site(hb, (ha,)))


_SLUG_SPLIT = re.compile(r"[/_\-.]+")


def url_words(url: str) -> str:
    """The words in a URL's path, for the topic pre-filter ('/koebenhavn/ingen-foertidspension')."""
    return " ".join(w for w in _SLUG_SPLIT.split(unquote(urlsplit(url).path)) if w)
