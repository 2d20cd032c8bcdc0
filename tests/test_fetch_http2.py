"""HTTP/2: the fetcher negotiates h2 over TLS (ALPN) with a real server on loopback.

The server is hypercorn with a certificate from a throw-away CA (trustme); the fetcher trusts
that CA through SSL_CERT_FILE, as an operator behind a private CA would.
"""

from __future__ import annotations

import asyncio
import socket
import threading

import pytest

from fetch_support import fetcher, open_test_store

hypercorn = pytest.importorskip("hypercorn", reason="hypercorn is in the test extra")
trustme = pytest.importorskip("trustme", reason="trustme is in the test extra")

from hypercorn.asyncio import serve  # noqa: E402
from hypercorn.config import Config  # noqa: E402
from warcio.archiveiterator import ArchiveIterator  # noqa: E402


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    body = f"<html><body><p>HTTP/{scope['http_version']}</p></body></html>".encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/html; charset=utf-8")]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})


@pytest.fixture
def tls_server(tmp_path):
    ca = trustme.CA()
    cert = ca.issue_cert("localhost", "127.0.0.1")
    cert_pem, key_pem, ca_pem = tmp_path / "c.pem", tmp_path / "k.pem", tmp_path / "ca.pem"
    cert.cert_chain_pems[0].write_to_path(str(cert_pem))
    cert.private_key_pem.write_to_path(str(key_pem))
    ca.cert_pem.write_to_path(str(ca_pem))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = Config()
    config.bind = [f"127.0.0.1:{port}"]
    config.certfile, config.keyfile = str(cert_pem), str(key_pem)
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    started = threading.Event()

    async def main():
        started.set()
        await serve(app, config, shutdown_trigger=stop.wait)

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    thread.start()
    started.wait(5)
    for _ in range(100):  # until the port accepts connections
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            import time

            time.sleep(0.05)
    yield f"https://localhost:{port}", ca_pem
    loop.call_soon_threadsafe(stop.set)
    thread.join(5)


def test_fetcher_speaks_http2_over_tls(tls_server, tmp_path, monkeypatch):
    base, ca_pem = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_pem))
    store = open_test_store(tmp_path)

    async def go():
        async with fetcher(store, tmp_path, obey_robots=False) as f:
            return await f.get(base + "/side", source="t")

    result = asyncio.run(go())
    assert result.ok, result.error
    assert "HTTP/2" in result.text()  # what the server saw
    (warc,) = list((tmp_path / "warc").glob("*.warc.gz"))
    with open(warc, "rb") as fh:
        protocols = [r.http_headers.protocol for r in ArchiveIterator(fh)
                     if r.rec_type == "response"]  # fmt: skip
    assert protocols == ["HTTP/2"]
