"""`usmx add-source` and `usmx review`: bring a new source in, then decide on each proposal.

    usmx add-source FILE --published YYYY-MM-DD --outlet NAME [--lang L] [--relays OUTLET[@DATE]]
                    [--url URL] [--dataset PATH]
    usmx review [--dataset PATH]                          sources under review, with counts
    usmx review SOURCE [--all]                            its candidates and the state to --expect
    usmx review SOURCE --accept ID [--as RECORD_ID] [--set FIELD=VALUE …] [--expect STATE]
    usmx review SOURCE --merge ID [--into RECORD_ID] [--expect STATE]
    usmx review SOURCE --reject ID [--reason TEXT] [--expect STATE]
    usmx review SOURCE --refresh                          rerun the assistant, decided ones dropped

Registered in usmx.cli.COMMANDS. Every refusal is one line per problem on stderr and exit 1 (2 for
usage).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from usmx.dataset import DEFAULT_DATASET


def _dataset_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET, metavar="PATH")


def add_add_source_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="the report, a UTF-8 text file")
    parser.add_argument("--published", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--outlet", required=True, metavar="NAME")
    parser.add_argument(
        "--lang", choices=("zh-Hant", "zh-Hans", "en", "es"), help="default: guessed from the text"
    )
    parser.add_argument("--relays", metavar="OUTLET[@YYYY-MM-DD]", help="the report it relays")
    parser.add_argument("--url", metavar="URL")
    _dataset_option(parser)


def run_add_source(args: argparse.Namespace) -> int:
    """Store a new source byte-exact and write what the assistant proposes for review."""
    from usmx.intake import IntakeError, add_source

    try:
        added = add_source(
            args.dataset,
            args.file,
            published=args.published,
            outlet=args.outlet,
            language=args.lang,
            relays=args.relays,
            url=args.url,
        )
    except IntakeError as exc:
        for problem in exc.problems:  # one line each (a dataset's problems follow theirs)
            print(f"usmx add-source: {problem}", file=sys.stderr)
        return 1
    print(
        f"added source {added.source_id} ({added.language}): {added.text_path}\n"
        f"{added.candidates} candidates in {added.candidates_path}; nothing is in the dataset "
        f"until accepted: usmx review {added.source_id}"
    )
    return 0


def add_review_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", nargs="?", metavar="SOURCE", help="a source under review")
    act = parser.add_mutually_exclusive_group()
    act.add_argument("--accept", metavar="ID", help="accept a candidate as a record")
    act.add_argument("--merge", metavar="ID", help="add a candidate as evidence to a record")
    act.add_argument("--reject", metavar="ID", help="reject a candidate (remembered)")
    act.add_argument("--refresh", action="store_true", help="rerun the assistant")
    parser.add_argument("--as", dest="record_id", metavar="RECORD_ID", help="the new record's id")
    parser.add_argument("--set", dest="edits", action="append", default=[], metavar="FIELD=VALUE")
    parser.add_argument("--into", metavar="RECORD_ID", help="the record a merge corroborates")
    parser.add_argument("--reason", help="why a candidate is rejected")
    parser.add_argument("--expect", metavar="STATE", help="refuse if the dataset changed since")
    parser.add_argument("--all", action="store_true", help="list decided candidates too")
    _dataset_option(parser)


def _describe(c: Any) -> str:
    exact = " ".join(c.selector.exact.split())
    words = exact if len(exact) <= 60 else exact[:57] + "…"
    extra = {
        "event": lambda: (
            f"{c.event_type.value} date={c.date} actors="
            + ",".join(f"{a.actor_id}:{a.role.value if a.role else '?'}" for a in c.actors)
            + (f" corroborates={c.corroborates}" if c.corroborates else "")
        ),
        "quote": lambda: f"{c.quote_kind.value} speaker={c.speaker_id}",
        "new_actor": lambda: f"{c.proposed_id} {c.actor_kind.value}",
        "new_alias": lambda: f"{c.alias!r} for {c.actor_id}",
        "place": lambda: f"{c.place_id} {c.precision}",
        "date": lambda: c.edtf,
        "actor_mention": lambda: c.actor_id,
    }[c.kind]()
    return f"{words!r} {extra}"


def run_review(args: argparse.Namespace) -> int:
    """List and decide on the assistant's candidates: accept, merge as corroboration, reject."""
    from usmx.review import ReviewError, digest, list_candidates, open_session, refresh, run
    from usmx.review_records import parse_edits
    from usmx.review_state import pending_states

    try:
        if args.source is None:
            states = pending_states(args.dataset)
            if not states:
                print("no source under review (add one with usmx add-source)")
            for state in states:
                pending = sum(1 for _ in state.decisions)
                print(
                    f"{state.source.id}  {state.source.outlet}  {state.source.published}  "
                    f"{pending} decided"
                )
            return 0
        if args.refresh:
            n = refresh(args.dataset, args.source)
            print(f"{n} candidates pending for {args.source} (decided ones are not proposed again)")
            return 0
        if args.accept:
            print(
                run(
                    args.dataset,
                    args.source,
                    "accept",
                    args.expect,
                    candidate_id=args.accept,
                    record_id=args.record_id,
                    edits=parse_edits(args.edits),
                )
            )
        elif args.merge:
            print(
                run(
                    args.dataset,
                    args.source,
                    "merge",
                    args.expect,
                    candidate_id=args.merge,
                    into=args.into,
                )
            )
        elif args.reject:
            print(
                run(
                    args.dataset,
                    args.source,
                    "reject",
                    args.expect,
                    candidate_id=args.reject,
                    reason=args.reason,
                )
            )
        else:
            session = open_session(args.dataset, args.source)
            for c, status in list_candidates(session, args.all):
                print(f"{c.id}  {status:8}  {c.confidence:.2f}  {_describe(c)}")
            print(
                f"state {digest(args.dataset, args.source)} (pass --expect to refuse a stale edit)"
            )
        return 0
    except ReviewError as exc:
        print(f"usmx review: {exc}", file=sys.stderr)
        return 1
