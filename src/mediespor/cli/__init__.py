"""The ``mediespor`` command line: one module per command, found automatically."""
