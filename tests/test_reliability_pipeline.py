"""Issue 16's pipeline faults, each a whole run (or several) against loopback servers:
a pathological page cut off while other hosts go on, one item per article body within a site,
a runs table that tells the truth, a damaged working database and its repair, max_items."""

from __future__ import annotations

import pytest

from faultsuite import PIPELINE_SCENARIOS, Scenario


@pytest.mark.parametrize("scenario", PIPELINE_SCENARIOS, ids=[s.name for s in PIPELINE_SCENARIOS])
def test_pipeline_scenario(tmp_path, scenario: Scenario):
    assert scenario.check(tmp_path) == []
