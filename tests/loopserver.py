"""A fault-injecting HTTP/1.1 server on loopback addresses, for tests and the fetch benchmark.

It runs its own event loop in a background thread, serves several loopback IPs (127.0.0.x, one
"host" each), keeps connections alive, and records every request with the server-side time it
arrived and the number of requests then in flight on that host, so politeness is measured where
it matters: at the server. Handlers write raw bytes, so they can misbehave in any way.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import struct
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field


@dataclass
class Request:
    """One request as the server saw it."""

    host_ip: str
    method: str
    path: str
    headers: dict[str, str]
    received_at: float
    in_flight: int


@dataclass
class Reply:
    """A well-formed response (handlers may instead write raw bytes to ``writer``)."""

    status: int = 200
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    content_type: str | None = "text/html; charset=utf-8"
    delay_s: float = 0.0


Handler = Callable[[Request, asyncio.StreamWriter], Awaitable["Reply | None"]]
_REASONS = {
    200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 307: "Temporary",
    308: "Permanent", 403: "Forbidden", 404: "Not Found", 410: "Gone", 429: "Too Many Requests",
    500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
}  # fmt: skip


def encode_reply(reply: Reply, *, head_only: bool = False) -> bytes:
    """The bytes of ``reply`` with a correct Content-Length."""
    lines = [f"HTTP/1.1 {reply.status} {_REASONS.get(reply.status, 'Status')}"]
    names = {k.lower() for k, _ in reply.headers}
    if reply.content_type and "content-type" not in names:
        lines.append(f"Content-Type: {reply.content_type}")
    if "content-length" not in names:
        lines.append(f"Content-Length: {len(reply.body)}")
    lines += [f"{k}: {v}" for k, v in reply.headers]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    return head if head_only else head + reply.body


def reset(writer: asyncio.StreamWriter) -> None:
    """Close the connection with a TCP RST (SO_LINGER 0), as a crashing server would."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def gzip_bytes(data: bytes) -> bytes:
    """``data`` gzip-compressed."""
    return gzip.compress(data, compresslevel=9)


class LoopServer:
    """Serves ``routes`` (path → handler) on each of ``ips`` until stopped."""

    def __init__(self, ips: tuple[str, ...] = ("127.0.0.1",)):
        self.ips = ips
        self.routes: dict[str, Handler] = {}
        self.host_routes: dict[tuple[str, str], Handler] = {}
        self.log: list[Request] = []
        self.ports: dict[str, int] = {}
        self._in_flight: dict[str, int] = {}
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._servers: list[asyncio.base_events.Server] = []
        self._lock = threading.Lock()
        self._tasks: set[asyncio.Task] = set()

    def start(self) -> LoopServer:
        """Bind every IP and start serving."""
        self._thread.start()
        for ip in self.ips:
            fut = asyncio.run_coroutine_threadsafe(
                asyncio.start_server(self._serve, ip, 0, backlog=512), self._loop
            )
            server = fut.result(10)
            self._servers.append(server)
            self.ports[ip] = server.sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        """Stop serving and end the thread."""

        async def close():
            for s in self._servers:
                s.close()
            tasks = [t for t in self._tasks if not t.done()]
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def __enter__(self) -> LoopServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def base(self, ip: str | None = None) -> str:
        """``http://ip:port`` of one served host."""
        ip = ip or self.ips[0]
        return f"http://{ip}:{self.ports[ip]}"

    def url(self, path: str, ip: str | None = None) -> str:
        """Absolute URL of ``path`` on one served host."""
        return self.base(ip) + path

    def route(self, path: str, ip: str | None = None):
        """Decorator registering an async handler for ``path`` (on one host, or on all)."""

        def register(fn: Handler) -> Handler:
            if ip is None:
                self.routes[path] = fn
            else:
                self.host_routes[(ip, path)] = fn
            return fn

        return register

    def serve_static(self, path: str, reply: Reply, ip: str | None = None) -> None:
        """Always answer ``path`` with ``reply``."""

        async def handler(req: Request, writer: asyncio.StreamWriter) -> Reply:
            return reply

        self.route(path, ip)(handler)

    def requests(self, path: str | None = None, ip: str | None = None) -> list[Request]:
        """Requests received so far, optionally for one path and host."""
        with self._lock:
            return [
                r
                for r in self.log
                if (path is None or r.path == path) and (ip is None or r.host_ip == ip)
            ]

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        ip = writer.get_extra_info("sockname")[0]
        task = asyncio.current_task()
        self._tasks.add(task)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = ([*lines[0].split(" "), "", "", ""])[:3]
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        k, v = line.split(":", 1)
                        headers[k.strip().lower()] = v.strip()
                with self._lock:
                    self._in_flight[ip] = self._in_flight.get(ip, 0) + 1
                    req = Request(ip, method, path, headers, time.monotonic(), self._in_flight[ip])
                    self.log.append(req)
                try:
                    handler = self.host_routes.get((ip, path)) or self.routes.get(path)
                    if handler is None:
                        reply: Reply | None = Reply(404, b"not found", content_type="text/plain")
                    else:
                        reply = await handler(req, writer)
                    if reply is None:  # the handler wrote (or broke) the connection itself
                        return
                    if reply.delay_s:
                        await asyncio.sleep(reply.delay_s)
                    writer.write(encode_reply(reply))
                    await writer.drain()
                finally:
                    with self._lock:
                        self._in_flight[ip] -= 1
        except (ConnectionError, OSError, asyncio.CancelledError):
            return
        finally:
            self._tasks.discard(task)
            if not writer.transport.is_closing():
                writer.close()
