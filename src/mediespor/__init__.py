"""mediespor: follow how the press covers a public dispute over time."""

__version__ = "0.1.0"
