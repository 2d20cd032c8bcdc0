"""Benchmark CLI start-up: ``mediespor --help`` and ``mediespor sql`` against importing duckdb.

Usage: python bench/cli.py [--runs 10]

Each figure is the median wall time of ``--runs`` fresh processes (default 10), measured in one
go and interleaved (help, sql, duckdb, help, …) so that load on the shared machine falls on all
three alike:

- ``cli_help_s``: ``python -m mediespor --help``
- ``cli_sql_s``: ``python -m mediespor sql "select 1"`` on a small store (a few imported items)
- ``duckdb_import_s``: ``python -c "import duckdb"``, the floor any query command pays

Targets (issue 18): ``cli_help_s`` ≤ ``duckdb_import_s`` and ``cli_sql_s`` ≤ 2 × it. The
last line is one JSON object. This benchmark does not read /work/shared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

ITEMS = """\
url,title,published,outlet
https://eksempel.dk/1,Demonstration om førtidspension,2017-06-28,DR
https://eksempel.dk/2,Borgmester finder millioner til fleksjob,2017-06-29,TV2 Lorry
https://eksempel.dk/3,Ressourceforløb i København,juni 2017,Politiken
"""


def _small_project(root: Path) -> Path:
    """A project folder with the shipped config and a store holding three items."""
    (root / "data").mkdir(parents=True)
    shutil.copy(REPO / "events.yaml", root / "events.yaml")
    text = (REPO / "sources.yaml").read_text(encoding="utf-8").split("\nsources:", 1)[0]
    (root / "sources.yaml").write_text(text + "\nsources: []\n", encoding="utf-8")
    (root / "items.csv").write_text(ITEMS, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "mediespor", "--project-dir", str(root), "import", "items.csv"],
        cwd=root, env=_env(), check=True, capture_output=True,
    )  # fmt: skip
    return root


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIESPOR_")}
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _time(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=_env(), check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    """Print the three medians and whether the targets are met; last line JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = _small_project(Path(tmp) / "project")
        commands = {
            "cli_help_s": [sys.executable, "-m", "mediespor", "--help"],
            "cli_sql_s": [sys.executable, "-m", "mediespor", "sql", "select 1"],
            "duckdb_import_s": [sys.executable, "-c", "import duckdb"],
        }
        for argv in commands.values():  # warm the file cache; not counted
            _time(argv, root)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, argv in commands.items():
                times[name].append(_time(argv, root))
    result = {name: round(statistics.median(ts), 4) for name, ts in times.items()}
    floor = result["duckdb_import_s"]
    for name, ts in times.items():
        print(
            f"{name:16} median {statistics.median(ts):.3f} s  (min {min(ts):.3f}, max {max(ts):.3f})"
        )
    print(f"targets: cli_help_s <= duckdb_import_s: {result['cli_help_s'] <= floor}; "
          f"cli_sql_s <= 2 x duckdb_import_s: {result['cli_sql_s'] <= 2 * floor}")  # fmt: skip
    print(json.dumps(result))


if __name__ == "__main__":
    main()
