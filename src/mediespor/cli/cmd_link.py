"""``mediespor link``: link items to events, explain a score, and record analysts' decisions."""

from __future__ import annotations

import json

from mediespor.cli.main import Context, global_options_parent, new_subparser
from mediespor.errors import UsageError

#: The linker's own default (``link.linker.DEFAULT_THRESHOLD``), named here so that ``--help``
#: does not import the linker; a test keeps the two equal.
DEFAULT_THRESHOLD = 0.25


def register(sub) -> None:
    """Add the command and its decision sub-commands to the parser."""
    p = new_subparser(
        sub,
        "link",
        "Score relevant items against events.yaml and write automatic links; "
        "or explain a score, or confirm/reject/add a link.",
        "  mediespor link\n"
        "  mediespor link --explain 3f2a9c0d1e4b5a67\n"
        "  mediespor link --explain 3f2a9c             # a unique prefix, as git takes\n"
        "  mediespor link confirm 3f2a9c0d1e4b5a67 2017-06-28-demonstration\n"
        "  mediespor link reject https://www.dr.dk/nyheder/... 2017-06-29-13-millioner --by ane\n"
        "  mediespor link add 3f2a9c0d1e4b5a67 2017-07-05-dialogmoede-keil --note 'nævnt i video'\n",
    )
    p.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"lowest score written as a link (default {DEFAULT_THRESHOLD})",
    )
    p.add_argument(
        "--explain",
        metavar="ITEM",
        help="print the score parts of ITEM (id, a unique prefix of 4+ digits, or URL)",
    )
    p.add_argument("--top", type=int, default=3, help="events shown by --explain (default 3)")
    p.add_argument("--json", action="store_true", help="--explain prints the reasons as JSON")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    for name, what in (
        ("confirm", "mark an automatic link as right"),
        ("reject", "mark a link as wrong; the linker never adds it again"),
        ("add", "link an item to an event the linker missed"),
        ("undo", "forget the decision; the linker decides again"),
    ):
        a = actions.add_parser(name, help=what, description=what, parents=[global_options_parent()])
        a.add_argument("item", help="item id, a unique prefix of it (4+ digits), or URL")
        a.add_argument("event", help="event id from events.yaml")
        a.add_argument("--by", help="who decides (default: $USER)")
        a.add_argument("--note", help="why, for the record")
    p.set_defaults(func=handle)


def handle(ctx: Context) -> int:
    """Dispatch to linking, explaining or deciding."""
    a = ctx.args
    if not 0.0 <= a.threshold <= 1.0:
        raise UsageError("--threshold must be between 0 and 1")
    from mediespor.config.events import load_events
    from mediespor.link.decisions import decide
    from mediespor.link.linker import link_items
    from mediespor.store.catalog import sync_events

    ctx.existing_db()
    events = load_events(ctx.paths.events)
    with ctx.writing() as store:
        with store.transaction() as con:
            sync_events(con, events)
        if a.action:
            d = decide(store, a.item, a.event, a.action, by=a.by, note=a.note)
            before = f" (was {d.previous_status})" if d.previous_status else ""
            print(f"{d.decision}: {d.item_id} → {d.event_id} by {d.decided_by}{before}")
            return 0
        if a.explain:
            return _explain(store, events, a.explain, a.top, a.json)
        report = link_items(store, events, threshold=a.threshold, reporter=ctx.reporter)
    print(
        f"linked {report.items} relevant items against {report.events} events: "
        f"{report.links - report.suggested} automatic links and {report.suggested} suggested "
        f"({report.added} new, {report.updated} changed, "
        f"{report.removed} removed), {report.decisions_kept} analyst decisions kept, "
        f"{report.unlinked_items} items without an event"
    )
    return 0


def _explain(store, events, ref: str, top: int, as_json: bool) -> int:
    from mediespor.link.decisions import resolve_item
    from mediespor.link.explain_da import reason_sentences, relevance_sentences
    from mediespor.link.linker import explain_item
    from mediespor.store.links import item_headline, item_links

    item_id = resolve_item(store, ref)
    headline = item_headline(store.con, item_id)
    title, topic_terms = headline.title, headline.topic_terms
    scores = explain_item(store, events, item_id, top=top)
    stored = item_links(store.con, item_id)
    if as_json:
        out = [
            {"event_id": s.event_id, "status": stored.get(s.event_id), **s.reasons} for s in scores
        ]
        doc = {"item_id": item_id, "title": title, "relevance": topic_terms, "events": out}
        print(json.dumps(doc, ensure_ascii=False))
        return 0
    print(f"{item_id}  {title}")
    for sentence in relevance_sentences(topic_terms):
        print(f"  relevans: {sentence}")
    for s in scores:
        r = s.reasons
        status = stored.get(s.event_id, "not linked")
        print(f"\n  {s.event_id}  score {s.score:.3f}  [{status}]")
        why = reason_sentences(r, stored.get(s.event_id))
        if why:
            print(f"    hvorfor   {'; '.join(why)}")
        if "suggested" in r:
            sg = r["suggested"]
            print(f"    suggested  {sg['reason']} ({sg['item_date']}): {', '.join(sg['shared'])}")
            continue
        t = r["time"]
        print(
            f"    time      {t['kernel']:.3f}  item {t['item_date']} ({t['precision']}),"
            f" {t['delta_days']} days from event"
        )
        print(f"    gate      {r['gate']}")
        found = ", ".join(r["anchors"]["found"])
        print(f"    anchors   {r['anchors']['value']:.3f}  {found or '-'}")
        terms = ", ".join(f"{w} {c:.3f}" for w, c in r["text"]["terms"])
        print(f"    text      {r['text']['value']:.3f}  cosine {r['text']['cosine']:.3f}: {terms}")
        print(
            f"    dates     {r['dates']['value']:.3f}  {', '.join(r['dates']['mentioned']) or '-'}"
        )
        print(f"    outlet    {r['outlet']['value']:.3f}  {r['outlet'].get('named', '') or '-'}")
    return 0
