"""Set-based writes and index lookups for many rows at once.

Two DuckDB facts (1.5) shape this module:

- Parameters bound one Python value at a time are slow for lists: 64 rows of a few columns
  bound as ``unnest(?)`` lists take ~100 ms, the same rows as one JSON text read by
  ``from_json`` ~6 ms. So rows are staged as one JSON parameter and merged with one statement.
- An ART index is used for ``col IN ('a', 'b', …)`` with literal values, not for the same list
  bound as parameters (which scans the table). Index lookups therefore spell their keys as
  quoted literals (:func:`literal`); a value a literal cannot carry (a NUL) is looked up with a
  bound parameter instead.
- Two literal ``IN`` lists in one WHERE, an ``OR`` of key equalities, a join on a composite key
  or ``ON CONFLICT`` on a composite primary key all scan the table. A composite key is therefore
  matched by one indexed column's ``IN`` list plus ``list_contains`` of the joined key
  (:func:`set_by_key`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

import duckdb

#: Keys per ``IN (…)`` list: long lists plan slower than a few shorter ones.
IN_CHUNK = 256


@dataclass(frozen=True)
class Column:
    """A staged column: its name and the DuckDB type ``from_json`` reads it as."""

    name: str
    sql_type: str


def literal(value: str) -> str:
    """``value`` as a SQL string literal (single quotes doubled; DuckDB has no escapes)."""
    return "'" + value.replace("'", "''") + "'"


def _chunks(values: Sequence[str], size: int) -> Iterable[list[str]]:
    it = iter(values)
    while chunk := list(islice(it, size)):
        yield chunk


def select_in(
    con: duckdb.DuckDBPyConnection, select: str, wanted: Sequence[tuple[str, Iterable[str]]]
) -> list[tuple]:
    """Rows of ``select`` (``SELECT … FROM t``, no WHERE) whose column is one of its values.

    ``wanted`` pairs a column with the values looked for in it; the result is the union (a row
    found twice comes twice). Each column's index is used: the values go in as literals, a few
    hundred per list, all lists in one statement.
    """
    parts: list[str] = []
    rows: list[tuple] = []
    for column, values in wanted:
        distinct = sorted({v for v in values if v is not None})
        for chunk in _chunks([v for v in distinct if "\x00" not in v], IN_CHUNK):
            parts.append(f"{select} WHERE {column} IN ({', '.join(literal(v) for v in chunk)})")
        for v in distinct:
            if "\x00" in v:  # cannot be a literal; rare enough to scan for
                rows += con.execute(f"{select} WHERE {column} = ?", [v]).fetchall()
    if parts:
        rows += con.execute(" UNION ALL ".join(parts)).fetchall()
    return rows


def _json_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def staged(columns: Sequence[Column]) -> str:
    """A subquery reading rows bound as one JSON parameter (see :func:`stage_param`)."""
    schema = json.dumps({c.name: c.sql_type for c in columns})
    fields = ", ".join(f"r.{c.name} AS {c.name}" for c in columns)
    return f"(SELECT {fields} FROM (SELECT unnest(from_json(?, '[{schema}]')) AS r))"


def stage_param(columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> str:
    """The JSON text :func:`staged` reads: one object per row, values in ``columns`` order."""
    names = [c.name for c in columns]
    return json.dumps(
        [{n: _json_value(v) for n, v in zip(names, row, strict=True)} for row in rows],
        ensure_ascii=False,
    )


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    *,
    on_conflict: str = "",
) -> None:
    """Insert ``rows`` into ``table`` with one statement (``on_conflict`` appended as given)."""
    if not rows:
        return
    names = ", ".join(c.name for c in columns)
    con.execute(
        f"INSERT INTO {table} ({names}) SELECT {names} FROM {staged(columns)} s {on_conflict}",
        [stage_param(columns, rows)],
    )


def update_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    key: Column,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
) -> None:
    """Set ``columns`` of the ``table`` rows whose ``key`` is each row's first value.

    The key values are also given as literals so DuckDB finds the rows through the key's index
    instead of joining against the whole table.
    """
    if not rows:
        return
    all_cols = [key, *columns]
    sets = ", ".join(f"{c.name} = s.{c.name}" for c in columns)
    for start in range(0, len(rows), IN_CHUNK):
        chunk = rows[start : start + IN_CHUNK]
        keys = ", ".join(literal(str(r[0])) for r in chunk)
        con.execute(
            f"UPDATE {table} SET {sets} FROM {staged(all_cols)} s"
            f" WHERE {table}.{key.name} = s.{key.name} AND {table}.{key.name} IN ({keys})",
            [stage_param(all_cols, chunk)],
        )


#: Joins a composite key's parts into one text for :func:`set_by_key`.
KEY_SEPARATOR = "\x1f"


def joinable(key: Sequence[str]) -> bool:
    """Whether ``key``'s parts can be joined and matched as literals by :func:`set_by_key`."""
    return not any(KEY_SEPARATOR in part or "\x00" in part for part in key)


def set_by_key(
    con: duckdb.DuckDBPyConnection,
    table: str,
    key_columns: Sequence[str],
    column: str,
    rows: Sequence[tuple[tuple[str, ...], object]],
) -> set[tuple[str, ...]]:
    """Set ``column`` to each row's value where ``key_columns`` equal its key; return the keys
    found (the rest are not stored).

    The first key column must be indexed; every key must be :func:`joinable`. Rows sharing a
    value go in one statement per few hundred keys, found through the first column's index.
    """
    by_value: dict[object, list[tuple[str, ...]]] = {}
    for key, value in rows:
        by_value.setdefault(value, []).append(key)
    joined = f"concat_ws(chr({ord(KEY_SEPARATOR)}), {', '.join(key_columns)})"
    found: set[tuple[str, ...]] = set()
    for value, keys in by_value.items():
        for start in range(0, len(keys), IN_CHUNK):
            chunk = keys[start : start + IN_CHUNK]
            firsts = ", ".join(literal(v) for v in sorted({k[0] for k in chunk}))
            wholes = ", ".join(literal(KEY_SEPARATOR.join(k)) for k in chunk)
            done = con.execute(
                f"UPDATE {table} SET {column} = ? WHERE {key_columns[0]} IN ({firsts})"
                f" AND list_contains([{wholes}], {joined}) RETURNING {', '.join(key_columns)}",
                [value],
            ).fetchall()
            found.update(tuple(r) for r in done)
    return found
