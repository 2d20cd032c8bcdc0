"""Headless Debian Chromium driven by Playwright, for the browser tests and the benchmark.

Never runs ``playwright install``: it uses the system Chromium. When that is missing the tests
skip with the reason, unless ``MEDIESPOR_REQUIRE_BROWSER=1`` (CI), where they fail.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("MEDIESPOR_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing_reason() -> str | None:
    """Why the browser cannot run here, or ``None`` when it can."""
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


@contextmanager
def chromium_context(width: int = 1280, height: int = 900):
    """A fresh persistent context (own user-data-dir) of headless Chromium."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="mediespor-chromium-")
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                profile,
                executable_path=CHROMIUM,
                headless=True,
                args=ARGS,
                viewport={"width": width, "height": height},
            )
            try:
                yield ctx
            finally:
                ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@contextmanager
def chromium_browser():
    """Headless Chromium as a Playwright ``Browser``, for tests that need contexts of their own
    (a phone-sized page with touch, a desk-sized one with a mouse)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


#: The bounding boxes of every visible label a reader sees above the plot (event labels and
#: headlines), as [x0, y0, x1, y1] in page pixels.
VISIBLE_LABELS_JS = """() => Array.from(document.querySelectorAll('.ms-ev, .ms-hl'))
  .filter(n => !n.hidden && n.offsetParent !== null)
  .map(n => { const r = n.getBoundingClientRect();
              return [r.left, r.top + window.scrollY, r.right, r.bottom + window.scrollY]; })"""


def overlapping_pairs(boxes: list[list[float]]) -> int:
    """How many pairs of boxes overlap (touching edges do not count)."""
    n = 0
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5:
                n += 1
    return n
