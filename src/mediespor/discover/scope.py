"""Which hosts a source may send the crawler to.

Links found in pages are untrusted: a feed or a listing can point anywhere, including
``file://`` URLs, cloud metadata addresses or internal hosts. A candidate is only queued when its
URL (and the URL that will actually be fetched) is http(s) on a host the source is allowed to
reach: the source's ``allowed_domains``, or by default the sites of its own configured URLs.
Private, loopback and link-local addresses are refused again by the fetcher itself, so this is
the first of two fences, not the only one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from mediespor.config.sources import SourceBase
from mediespor.discover.kinds import kind_of
from mediespor.models import Candidate
from mediespor.urls import on_site, site_of


def _host_of(url_or_prefix: str) -> str | None:
    text = url_or_prefix if "://" in url_or_prefix else f"http://{url_or_prefix}"
    try:
        return urlsplit(text).hostname
    except ValueError:
        return None


def allowed_sites(cfg: SourceBase) -> tuple[str, ...] | None:
    """The sites (host names, subdomains included) ``cfg`` may queue; None means any host."""
    if cfg.allowed_domains:
        return tuple(site_of(d) for d in cfg.allowed_domains)
    kind = kind_of(cfg)
    if kind is not None and kind.any_host:
        return None
    sites: list[str] = []
    for value in cfg.entry_urls():
        host = _host_of(value) if value else None
        if host:
            sites.append(site_of(host))
    return tuple(dict.fromkeys(sites))


def in_scope(url: str, sites: tuple[str, ...] | None) -> bool:
    """True for an http(s) URL on one of ``sites`` (or any host when ``sites`` is None)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    if sites is None:
        return True
    return on_site(parts.hostname, sites)


def out_of_scope(candidate: Candidate, sites: tuple[str, ...] | None) -> str | None:
    """Why ``candidate`` may not be fetched, or None when it may."""
    for url in (candidate.url, candidate.fetch_url):
        why = _outside(url, sites) if url else None
        if why:
            return why
    return None


def _outside(url: str, sites: tuple[str, ...] | None) -> str | None:
    if in_scope(url, sites):
        return None
    allowed = "any http(s) host" if sites is None else ", ".join(sites)
    return f"outside the source's allowed domains ({allowed}): {url[:200]}"


def redirect_gate(sources: Iterable[SourceBase]) -> Callable[[str, str], str | None]:
    """``gate(source, url)``: why a redirect of ``source``'s article to ``url`` is refused.

    The fetcher asks it at every redirect hop of an article fetch, so a page that was in scope
    when queued cannot lead the crawler off its source's allowed domains. A source not named
    in ``sources`` is not gated.
    """
    sites = {cfg.name: allowed_sites(cfg) for cfg in sources}

    def gate(source: str, url: str) -> str | None:
        return _outside(url, sites[source]) if source in sites else None

    return gate
