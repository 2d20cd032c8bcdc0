"""``mediespor check``: validate sources.yaml and events.yaml without running anything."""

from __future__ import annotations

from mediespor.cli.main import Context, new_subparser
from mediespor.pipeline import load_config


def register(sub) -> None:
    """Add the command to the parser."""
    p = new_subparser(
        sub,
        "check",
        "Validate sources.yaml and events.yaml; exit 2 with the file, line and key on error.",
        "  mediespor check\n  mediespor --sources other.yaml check\n",
    )
    p.set_defaults(func=handle)


def handle(ctx: Context) -> int:
    """Load both files and print a summary."""
    config, events, _ = load_config(ctx.paths)
    enabled = len(config.enabled_sources())
    print(
        f"{ctx.paths.sources}: {len(config.sources)} sources ({enabled} enabled); "
        f"{ctx.paths.events}: {len(events)} events: OK"
    )
    return 0
