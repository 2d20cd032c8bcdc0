"""Where the crawler may connect: http(s) only, and no private, loopback or link-local address.

Checked twice: on the addresses a host name resolves to before connecting, and on the address
actually connected to (so DNS that changes between the two cannot smuggle a request through).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

AddressPolicy = Callable[[ipaddress.IPv4Address | ipaddress.IPv6Address], bool]


class BlockedAddress(Exception):
    """The request would reach an address the crawler must not talk to."""


def public_only(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for globally routable unicast addresses."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def any_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Every address is allowed (``allow_private_addresses``: tests and local replays)."""
    return True


def policy_for(allow_private: bool, networks: list[str] | tuple[str, ...]) -> AddressPolicy:
    """The address policy for a crawl: public addresses, plus ``networks`` (CIDRs) if given.

    ``allow_private`` lifts every restriction; ``networks`` is the narrower choice (e.g. only
    ``127.0.0.0/8`` for a local replay), so private and link-local ranges stay refused.
    """
    if allow_private:
        return any_address
    if not networks:
        return public_only
    nets = [ipaddress.ip_network(n, strict=False) for n in networks]

    def policy(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return public_only(ip) or any(ip in n for n in nets if n.version == ip.version)

    return policy


def check_scheme(url: str) -> None:
    """Raise BlockedAddress for anything but a well-formed http or https URL with a host."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        raise BlockedAddress(f"malformed URL {url[:200]!r}: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise BlockedAddress(f"scheme {scheme or '(none)'!r} is not fetched; only http and https")
    if not parts.hostname:
        raise BlockedAddress(f"URL without host: {url[:200]!r}")


async def check_host(host: str, port: int, policy: AddressPolicy) -> None:
    """Resolve ``host`` and raise BlockedAddress if any address breaks ``policy``."""
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
        addresses = [ip]
    except ValueError:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return  # unresolvable: the connection itself will fail with a clear error
        addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
    for ip in addresses:
        if not policy(ip):
            raise BlockedAddress(f"{host} resolves to {ip}, a non-public address; refused")


def check_peer(peer: str | None, host: str, policy: AddressPolicy) -> None:
    """Raise BlockedAddress when the connected address breaks ``policy``."""
    if not peer:
        return
    try:
        ip = ipaddress.ip_address(peer.split("%", 1)[0])
    except ValueError:
        return
    if not policy(ip):
        raise BlockedAddress(f"{host} connected to {ip}, a non-public address; refused")
