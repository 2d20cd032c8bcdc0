"""``mediespor check``: validate sources.yaml and events.yaml without running anything."""

from __future__ import annotations

from mediespor.cli.main import Context, new_subparser


def register(sub) -> None:
    """Add the command to the parser."""
    p = new_subparser(
        sub,
        "check",
        "Validate sources.yaml and events.yaml; exit 2 with the file, line and key on error.",
        "  mediespor check\n  mediespor --sources other.yaml check\n"
        "  mediespor check --repair   # restore a damaged working database\n",
    )
    p.add_argument(
        "--repair",
        action="store_true",
        help="restore a damaged working database from the published copy "
        "(the damaged file is kept aside)",
    )
    p.set_defaults(func=handle)


def handle(ctx: Context) -> int:
    """Load both files and print a summary; with ``--repair`` restore the working database."""
    if ctx.args.repair:
        return repair(ctx)
    from mediespor.pipeline import load_config

    config, events, _ = load_config(ctx.paths)
    enabled = len(config.enabled_sources())
    ctx.say(
        f"{ctx.paths.sources}: {len(config.sources)} sources ({enabled} enabled); "
        f"{ctx.paths.events}: {len(events)} events: OK",
        "check_ok",
    )
    return 0


def repair(ctx: Context) -> int:
    """Replace a damaged working database with the published copy (exit 4 if impossible)."""
    from mediespor.store.publish import repair_working_copy, work_path, working_copy_problem

    db = ctx.paths.db
    problem = working_copy_problem(db)
    if problem is None:
        print(f"{work_path(db)}: OK, nothing to repair")
        return 0
    aside = repair_working_copy(db)
    print(
        f"{work_path(db)} was damaged ({problem}); restored from {db}. "
        f"The damaged file is kept as {aside}. Changes since the last publish (normally "
        "none: each run publishes when it ends) are fetched again by the next run."
    )
    return 0
