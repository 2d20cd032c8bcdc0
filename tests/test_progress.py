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


def test_standard_logging_lines_are_written_by_the_reporter_while_routed():
    import logging

    from mediespor.progress import fields, logging_to

    log = logging.getLogger("mediespor.some.module")
    out = io.StringIO()
    with logging_to(Reporter("json", stream=out)):
        log.warning("fetch_failed", extra=fields(url="http://127.0.0.1/a", status=None))
        log.info("page", extra=fields(body="x" * 5000))
        log.debug("noise")
    log.warning("after")  # no longer routed: goes nowhere
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["event"], r["level"]) for r in lines] == [("fetch_failed", "warning"),
                                                         ("page", "info")]  # fmt: skip
    assert lines[0]["url"] == "http://127.0.0.1/a" and "status" not in lines[0]
    assert len(lines[1]["body"]) <= 300


def test_routing_twice_writes_each_line_once_and_quiet_keeps_warnings():
    import logging

    from mediespor.progress import fields, logging_to

    log = logging.getLogger("mediespor.x")
    for _ in range(2):  # as two in-process CLI calls do
        out = io.StringIO()
        with logging_to(Reporter("logfmt", stream=out, quiet=True)):
            log.info("skipped_when_quiet")
            log.error("disk_full", extra=fields(path="/tmp/a b"))
        assert out.getvalue().count("\n") == 1
        assert "event=disk_full" in out.getvalue() and 'path="/tmp/a b"' in out.getvalue()
        assert "level=error" in out.getvalue()


def test_routing_again_to_the_same_reporter_inside_a_command_writes_each_line_once():
    import logging

    from mediespor.progress import logging_to

    out = io.StringIO()
    rep = Reporter("logfmt", stream=out)
    with logging_to(rep):
        with logging_to(rep):  # a stage that routes to its command's reporter
            logging.getLogger("mediespor.z").info("inner")
        logging.getLogger("mediespor.z").info("outer")  # the command's routing still holds
    assert [line.split("event=")[1] for line in out.getvalue().splitlines()] == ["inner", "outer"]


def test_rich_reporter_prints_logged_lines_through_its_console():
    import logging

    from mediespor.progress import fields, logging_to

    out = FakeTty()
    rep = Reporter("auto", stream=out)
    with logging_to(rep), rep.stage("fetch", total=1) as st:
        logging.getLogger("mediespor.y").warning("slow_host", extra=fields(host="127.0.0.2"))
        st.advance()
    assert "slow_host" in out.getvalue() and "127.0.0.2" in out.getvalue()
