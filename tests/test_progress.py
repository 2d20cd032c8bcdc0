"""Progress output: rich bars on a terminal (nested stages allowed), log lines elsewhere."""

from __future__ import annotations

import io
import json

from mediespor.progress import Reporter


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_rich_mode_allows_nested_and_concurrent_stages():
    out = FakeTty()
    rep = Reporter("auto", stream=out)
    assert rep.fmt == "rich"
    with rep.stage("discover", total=2) as outer:
        with rep.stage("sitemaps x") as inner:
            inner.advance(3)
        outer.advance(2)
        rep.log("discover_problem", level="warning", url="http://127.0.0.1/", reason="HTTP 500")
    text = out.getvalue()
    assert "discover" in text and "HTTP 500" in text


def test_json_lines_when_not_a_terminal_and_fields_are_shortened():
    out = io.StringIO()
    rep = Reporter("auto", stream=out)
    assert rep.fmt == "logfmt"
    rep = Reporter("json", stream=out)
    with rep.stage("fetch", total=1) as st:
        st.advance()
    rep.log("page", body="x" * 5000)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["event"] for line in lines] == ["stage_start", "stage_end", "page"]
    assert lines[1]["done"] == 1
    assert len(lines[2]["body"]) <= 300  # logs never carry whole pages


def test_logfmt_quotes_values_with_spaces():
    out = io.StringIO()
    Reporter("logfmt", stream=out).log("x", reason="two words", n=3)
    line = out.getvalue().strip()
    assert 'reason="two words"' in line and "n=3" in line and "level=info" in line
