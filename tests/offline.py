"""A project whose sources cannot be reached: host names do not resolve, as on a machine
without network. Shared by the CLI tests of failing and offline runs."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from conftest import offline_sources_yaml


def unreachable_sources(project: Path, monkeypatch: pytest.MonkeyPatch, *names: str) -> Path:
    """Configure one feed per name on a host that does not resolve; one attempt per URL."""
    entries = "".join(
        f"\n  - name: {name}-rss\n    outlet: {name.title()}\n    kind: feed\n"
        f"    url: https://{name}.example/rss\n"
        for name in names
    )
    text = offline_sources_yaml().replace("\nsources: []\n", "\nsources:" + entries)
    # Retries of a failed lookup only make the test slower; the outcome is the same.
    text = text.replace("max_attempts: 4", "max_attempts: 1")
    (project / "sources.yaml").write_text(text, encoding="utf-8")

    def offline(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    return project
