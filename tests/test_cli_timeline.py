"""End-to-end: ``mediespor timeline`` and ``mediespor report`` through the command line."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

import browser
from timeline_db import build_demo


def make_db(project):
    store, _ = build_demo(project / "data" / "mediespor.duckdb")
    store.close()


def test_timeline_command_writes_the_page(project, run_cli):
    make_db(project)
    res = run_cli("--log-format", "json", "timeline", cwd=project)
    assert res.code == 0, res.err
    page = project / "reports" / "timeline.html"
    html = page.read_text(encoding="utf-8")
    assert "Presseomtale af striden om førtidspension" in html
    assert "11 på tidslinjen, 1 uden dato" in res.out
    assert not (project / "reports" / "index.html").exists()


def test_timeline_out_option(project, run_cli, tmp_path):
    make_db(project)
    out = tmp_path / "usb" / "tidslinje.html"
    res = run_cli("timeline", "--out", str(out), cwd=project)
    assert res.code == 0, res.err
    assert out.stat().st_size > 1_000_000  # plotly.js is inside
    assert out.stat().st_size < 1_500_000  # the basic plotly.js bundle, not the full one
    res = run_cli("timeline", "--out", str(tmp_path), cwd=project)
    assert res.code == 2 and "is a folder" in res.err


def test_report_command_writes_index_and_timeline(project, run_cli, tmp_path):
    make_db(project)
    res = run_cli("report", "--out", str(tmp_path / "rapport"), cwd=project)
    assert res.code == 0, res.err
    index = (tmp_path / "rapport" / "index.html").read_text(encoding="utf-8")
    assert "Dækning pr. medie pr. måned" in index
    assert (tmp_path / "rapport" / "timeline.html").exists()


def test_commands_without_database_exit_2(project, run_cli):
    for cmd in ("timeline", "report"):
        res = run_cli(cmd, cwd=project)
        assert res.code == 2
        assert "does not exist yet" in res.err


def test_timeline_after_a_real_run(project, run_cli):
    # The shipped events and known coverage, through the real nightly job, then the page.
    assert run_cli("run", "--no-render", cwd=project).code == 0
    res = run_cli("timeline", cwd=project)
    assert res.code == 0, res.err
    html = (project / "reports" / "timeline.html").read_text(encoding="utf-8")
    assert "Demonstration foran Københavns Rådhus" in html


@pytest.mark.browser
def test_static_pictures_png_and_svg(project, run_cli, tmp_path):
    reason = browser.missing_reason()
    if reason:
        pytest.skip(reason)
    make_db(project)
    png, svg = tmp_path / "t.png", tmp_path / "t.svg"
    res = run_cli("timeline", "--png", str(png), "--svg", str(svg), cwd=project)
    assert res.code == 0, res.err
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    # IHDR: width and height at scale 2 of 1400 x 800.
    assert int.from_bytes(data[16:20], "big") == 2800
    assert int.from_bytes(data[20:24], "big") == 1600
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    assert root.tag.endswith("svg") and root.get("width") == "1400"
    text = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert "Presseomtale af striden" in text and "Demonstration foran" in text
    assert not (project / "reports" / "timeline.html").exists()


def test_picture_without_a_browser_exits_4_with_the_fix(project, run_cli, tmp_path):
    make_db(project)
    env = {"MEDIESPOR_CHROMIUM": str(tmp_path / "no-such-chromium")}
    res = run_cli("timeline", "--png", str(tmp_path / "t.png"), cwd=project, env=env)
    assert res.code == 4
    assert "no Chromium found" in res.err and "apt-get install chromium" in res.err
    assert not (tmp_path / "t.png").exists()
