"""Loading and validating ``sources.yaml`` and ``events.yaml``."""

from mediespor.config.events import Event, load_events
from mediespor.config.sources import SourceConfig, SourcesFile, load_sources

__all__ = ["Event", "SourceConfig", "SourcesFile", "load_events", "load_sources"]
