"""Untrusted content never executes: every payload in every field is inert in both pages."""

from __future__ import annotations

import os

import pytest

import browser
from browser_payloads import BIDI_PAYLOADS, PAYLOADS, URL_PAYLOADS, check_payloads


@pytest.mark.browser
def test_every_hostile_payload_is_inert_in_timeline_and_report(tmp_path):
    reason = browser.missing_reason()
    if reason:
        if os.environ.get("MEDIESPOR_REQUIRE_BROWSER") == "1":
            pytest.fail(f"MEDIESPOR_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    tried, inert = check_payloads(tmp_path)
    assert tried == len(PAYLOADS) + len(URL_PAYLOADS) + len(BIDI_PAYLOADS) >= 20
    assert inert == tried
