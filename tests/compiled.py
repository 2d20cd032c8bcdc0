"""The compiled walks (``src/mediespor/extract/*.pyx``) in tests.

An install without a C compiler runs the Python walks, so the compiled half of a test skips
there with the reason; with ``MEDIESPOR_REQUIRE_COMPILED=1`` (CI) it fails instead, so CI
always tests both halves.
"""

from __future__ import annotations

import os

import pytest


def require_compiled(available: bool, what: str) -> None:
    """Skip (or, under ``MEDIESPOR_REQUIRE_COMPILED=1``, fail) when ``what`` is not compiled."""
    if available:
        return
    reason = (
        f"{what} is not compiled in this install (no C compiler when it was installed, or "
        "its layout check against selectolax failed): the Python walk ran instead"
    )
    if os.environ.get("MEDIESPOR_REQUIRE_COMPILED") == "1":
        pytest.fail(f"MEDIESPOR_REQUIRE_COMPILED=1 but {reason}")
    pytest.skip(reason)
