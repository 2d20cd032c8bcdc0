"""``mediespor events``: list curated events, suggest new ones from coverage, promote one."""

from __future__ import annotations

from mediespor.cli.main import Context, global_options_parent, new_subparser
from mediespor.errors import UsageError

KINDS = ("demonstration", "announcement", "decision", "meeting", "report", "election", "letter",
         "law", "other")  # fmt: skip


def register(sub) -> None:
    """Add the command and its actions to the parser."""
    p = new_subparser(
        sub,
        "events",
        "List the curated events, suggest new ones from bursts of unlinked coverage, "
        "and promote a suggestion into events.yaml.",
        "  mediespor events list\n"
        "  mediespor events suggest\n"
        "  mediespor events promote 1a2b3c4d5e6f --id 2017-08-15-samraad --title 'Samråd om jobcentret'\n",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    actions.add_parser(
        "list",
        parents=[global_options_parent()],
        help="events with their dates and number of links",
    )
    actions.add_parser(
        "suggest",
        parents=[global_options_parent()],
        help="bursts of relevant coverage no event explains",
    )
    pr = actions.add_parser(
        "promote",
        parents=[global_options_parent()],
        help="write a suggestion into events.yaml and re-link",
    )
    pr.add_argument("suggestion", help="suggestion id (or a unique prefix) from 'events suggest'")
    pr.add_argument("--id", dest="event_id", help="event id (default: date + top terms)")
    pr.add_argument("--title", help="Danish title (default: the burst's most typical headline)")
    pr.add_argument("--kind", choices=KINDS, default="other", help="event kind (default other)")
    p.set_defaults(func=handle)


def handle(ctx: Context) -> int:
    """Dispatch to list, suggest or promote."""
    from mediespor.config.events import load_events
    from mediespor.link.decisions import current_user
    from mediespor.link.linker import link_items
    from mediespor.link.promote import promote
    from mediespor.link.suggest import load_suggestion, save_suggestions, suggest_events
    from mediespor.store.catalog import sync_events
    from mediespor.store.links import mark_suggestion_promoted

    action = ctx.args.action
    events = load_events(ctx.paths.events)
    if action == "list":
        return _list(ctx, events)
    with ctx.writing() as store:
        if action == "suggest":
            found = suggest_events(store)
            save_suggestions(store, found)
            if not found:
                print("no bursts of unlinked coverage")
            for s in found:
                span = s.date_start.isoformat()
                if s.date_end != s.date_start:
                    span += f"..{s.date_end.isoformat()}"
                print(
                    f"{s.suggestion_id}  {span}  {len(s.item_ids)} items, {s.outlets} outlets,"
                    f" weight {s.weight:.1f}\n    {s.title}\n    terms: {', '.join(s.top_terms)}"
                )
            return 0
        s = load_suggestion(store, ctx.args.suggestion)
        if s is None:
            raise UsageError(
                f"no single suggestion matches {ctx.args.suggestion!r}; run 'mediespor events suggest'"
            )
        done = promote(
            ctx.paths.events,
            s,
            event_id=ctx.args.event_id,
            title=ctx.args.title,
            kind=ctx.args.kind,
            who=current_user(),
        )
        new_events = load_events(ctx.paths.events)
        with store.transaction() as con:
            sync_events(con, new_events)
            mark_suggestion_promoted(con, s.suggestion_id, done.event.event_id)
        report = link_items(store, new_events, reporter=ctx.reporter)
    print(
        f"promoted {s.suggestion_id} as {done.event.event_id} in {done.path}; "
        f"re-linked: {report.links} automatic links"
    )
    return 0


def _list(ctx: Context, events) -> int:
    from mediespor.store.links import link_counts

    counts: dict[str, int] = {}
    if ctx.paths.db.exists():  # listing the curated events needs no database
        with ctx.reading() as store:
            counts = link_counts(store.con)
    for e in sorted(events, key=lambda e: (e.date_start, e.event_id)):
        span = e.date_start.isoformat()
        if e.is_range:
            span += f"..{e.date_end.isoformat()}"
        print(f"{span:22}  {e.event_id:45}  {counts.get(e.event_id, 0):5} links  {e.title}")
    return 0
