"""Shared pieces for the discovery tests: fixture paths and running a coroutine with a getter."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from helpers_http import HttpxGetter

FIX = Path(__file__).resolve().parent / "fixtures" / "discover"
T = TypeVar("T")


def fixture_bytes(name: str) -> bytes:
    """The bytes of ``tests/fixtures/discover/<name>``."""
    return (FIX / name).read_bytes()


def with_getter(fn: Callable[[HttpxGetter], Awaitable[T]]) -> T:
    """Run ``fn(getter)`` on a fresh event loop and close the getter afterwards."""

    async def main() -> T:
        getter = HttpxGetter()
        try:
            return await fn(getter)
        finally:
            await getter.aclose()

    return asyncio.run(main())
