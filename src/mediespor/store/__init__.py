"""The DuckDB store: connection, migrations and typed writes."""

from mediespor.store.db import Store, open_store

__all__ = ["Store", "open_store"]
