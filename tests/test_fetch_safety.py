"""Address and scheme checks that keep the crawler off private networks."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest

from mediespor.fetch.safety import (
    BlockedAddress,
    any_address,
    check_host,
    check_peer,
    check_scheme,
    public_only,
)


@pytest.mark.parametrize(
    "ip",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
     "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "100.64.0.1", "224.0.0.1"],
)  # fmt: skip
def test_non_public_addresses_are_refused(ip):
    assert not public_only(ipaddress.ip_address(ip))
    assert any_address(ipaddress.ip_address(ip))


@pytest.mark.parametrize("ip", ["93.184.216.34", "2606:4700::1111", "8.8.8.8"])
def test_public_addresses_pass(ip):
    assert public_only(ipaddress.ip_address(ip))


def test_schemes():
    check_scheme("https://example.dk/")
    check_scheme("HTTP://example.dk/")
    for url in ("ftp://example.dk/", "file:///etc/passwd", "javascript:alert(1)", "//x"):
        with pytest.raises(BlockedAddress):
            check_scheme(url)


def test_resolved_and_connected_addresses_are_checked():
    with pytest.raises(BlockedAddress, match=r"127\.0\.0\.1"):
        asyncio.run(check_host("127.0.0.1", 80, public_only))
    with pytest.raises(BlockedAddress):
        asyncio.run(check_host("localhost", 80, public_only))
    asyncio.run(check_host("localhost", 80, any_address))
    with pytest.raises(BlockedAddress, match="connected to"):
        check_peer("10.0.0.5", "example.dk", public_only)
    check_peer("93.184.216.34", "example.dk", public_only)
    check_peer(None, "example.dk", public_only)


def test_allowed_networks_admit_only_those_private_ranges():
    import ipaddress

    from mediespor.fetch.safety import policy_for

    policy = policy_for(False, ["127.0.0.0/8"])
    ok = [ipaddress.ip_address(a) for a in ("127.0.0.1", "127.0.0.2", "93.184.216.34")]
    bad = [ipaddress.ip_address(a) for a in ("10.0.0.1", "169.254.169.254", "192.168.1.1", "::1")]
    assert all(policy(ip) for ip in ok)
    assert not any(policy(ip) for ip in bad)
    assert policy_for(True, [])(ipaddress.ip_address("10.0.0.1"))
    assert not policy_for(False, [])(ipaddress.ip_address("127.0.0.1"))
