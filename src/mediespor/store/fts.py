"""Full-text search over items for analysts: DuckDB's fts extension with the Danish stemmer.

DuckDB normally downloads extensions at run time, which fails offline. The PyPI package
``duckdb-extension-fts`` ships the signed binary for exactly our pinned DuckDB version, so we
INSTALL it from that file and LOAD it. The index lives in the database (schema
``fts_main_items``), so the published file carries it to analysts.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from mediespor.errors import MediesporError

#: Characters that separate tokens. DuckDB's default, ``[^a-z]``, would cut Danish words at
#: æ, ø and å ("førtidspension" → "f", "rtidspension").
TOKEN_SEPARATORS = r"(\.|[^a-z0-9æøåäöüéèáà])+"


def extension_file() -> Path:
    """The fts extension binary shipped for the installed DuckDB version."""
    try:
        import duckdb_extension_fts
    except ImportError:
        raise MediesporError(
            "full-text search needs the package duckdb-extension-fts "
            f"(pip install duckdb-extension-fts=={duckdb.__version__})"
        ) from None
    path = (
        Path(duckdb_extension_fts.__file__).parent
        / "extensions"
        / f"v{duckdb.__version__}"
        / "fts.duckdb_extension"
    )
    if not path.exists():
        raise MediesporError(
            f"no fts extension for DuckDB {duckdb.__version__} in {path.parent}; install "
            f"duckdb-extension-fts=={duckdb.__version__}"
        )
    return path


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Load the fts extension straight from the shipped file (no network, no install).

    Loading by path needs no ``~/.duckdb``: cron and service users may have no usable home.
    """
    path = str(extension_file()).replace("'", "''")
    con.execute(f"LOAD '{path}'")


def refresh_fts(con: duckdb.DuckDBPyConnection) -> int:
    """Rebuild the BM25 index over items' title, lead and text; return the items indexed."""
    load_fts(con)
    sep = TOKEN_SEPARATORS.replace("'", "''")
    con.execute(
        "PRAGMA create_fts_index('items', 'item_id', 'title', 'lead', 'text',"
        f" stemmer = 'danish', stopwords = 'none', ignore = '{sep}',"
        " strip_accents = 0, lower = 1, overwrite = 1)"
    )
    return int(con.execute("SELECT count(*) FROM items").fetchone()[0])
