"""`usmx stats`: counts per table, event type, status and actor, as a text table or JSON.

    usmx stats [--dataset PATH] [--json]

Registered in usmx.cli.COMMANDS. Every category of the taxonomy appears, zeros too, so the
JSON's shape never depends on the data.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from typing import Any

from usmx.cli_common import add_dataset_option, evidence_count, load_shown, write_stdout
from usmx.export_json import to_json_bytes
from usmx.model import Dataset
from usmx.vocabulary import EventType, Status


def compute_stats(ds: Dataset) -> dict[str, Any]:
    """Counts per table, per event type and status, and per actor, ready for JSON."""

    def ranked(counts: Counter[str], order: Sequence[str]) -> dict[str, int]:
        # Every category appears, zeros too, so the output's shape never depends on the data;
        # most frequent first, ties in the taxonomy's order.
        return {k: counts[k] for k in sorted(order, key=lambda k: (-counts[k], order.index(k)))}

    # An actor listed twice on one event (two roles) is still one event.
    events = Counter(aid for e in ds.events for aid in {a.actor_id for a in e.actors})
    quotes = Counter(q.speaker_id for q in ds.quotes if q.speaker_id)
    claims = Counter(c.claimant_id for c in ds.claims if c.claimant_id)
    actors: list[dict[str, Any]] = [
        {
            "id": a.id,
            "name_en": a.name_en,
            "events": events[a.id],
            "quotes": quotes[a.id],
            "claims": claims[a.id],
        }
        for a in ds.actors
    ]
    actors.sort(key=lambda r: (-r["events"], -r["quotes"], -r["claims"]))  # stable: file order
    return {
        "tables": {
            "actors": len(ds.actors),
            "places": len(ds.places),
            "events": len(ds.events),
            "quotes": len(ds.quotes),
            "claims": len(ds.claims),
            "evidence_spans": evidence_count(ds),
        },
        "event_types": ranked(
            Counter(e.event_type.value for e in ds.events), [t.value for t in EventType]
        ),
        "statuses": ranked(Counter(e.status.value for e in ds.events), [s.value for s in Status]),
        "actors": actors,
    }


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain text table: columns padded to width, numbers right-aligned."""
    cells = [[str(h) for h in headers], *[[str(v) for v in row] for row in rows]]
    numeric = [all(isinstance(row[i], int) for row in rows) for i in range(len(headers))]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        parts = [
            cell.rjust(w) if num else cell.ljust(w)
            for cell, w, num in zip(row, widths, numeric, strict=True)
        ]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def add_stats_arguments(parser: argparse.ArgumentParser) -> None:
    add_dataset_option(parser)
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")


def run_stats(args: argparse.Namespace) -> int:
    """Count records per table, event type, status and actor."""
    stats = compute_stats(load_shown(args.dataset))
    if args.json:
        write_stdout(to_json_bytes(stats))
        return 0
    sections = [
        format_table(["table", "records"], list(stats["tables"].items())),
        format_table(["event type", "events"], list(stats["event_types"].items())),
        format_table(["status", "events"], list(stats["statuses"].items())),
        format_table(
            ["actor", "name", "events", "quotes", "claims"],
            [
                [r["id"], r["name_en"], r["events"], r["quotes"], r["claims"]]
                for r in stats["actors"]
            ],
        ),
    ]
    print("\n\n".join(sections))
    return 0
