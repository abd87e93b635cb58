"""The store's CLI commands: ``planner db init|import|export``, ``accept``, ``pipeline``,
``compare``, ``recheck``, and the ``--db`` option of ``planner check``.

:mod:`planner.cli.commands` registers these with :func:`add_store_commands` and hands them to
:func:`run_store_command`; exit codes are those of the CLI (2 for bad input or a store that
cannot be used).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from planner.cli import args as cli_args
from planner.io import dump_yaml, load_scenario
from planner.model import Scenario
from planner.planning.pipeline import DEFAULT_TIME_LIMIT
from planner.store.compare import AUDIENCES, comparison_frame
from planner.store.document import export_yaml, import_yaml
from planner.store.engine import DB_ENV, StoreError, default_location
from planner.store.pipeline import pipeline
from planner.store.portfolio import TENTATIVE_MODES, check_with_portfolio
from planner.store.repository import Store
from planner.store.workflow import accept_brief, check_summary, recheck
from planner.wording import verdict_sentence

STORE_COMMANDS = frozenset({"db", "accept", "pipeline", "compare", "recheck"})
DB_HELP = (
    f"store: a SQLAlchemy URL (postgresql://user@host:port/db) or a SQLite file; default "
    f"${DB_ENV}, else {default_location()}"
)


def add_db_option(parser: argparse.ArgumentParser, optional_value: bool = False) -> None:
    """Add ``--db URL`` (and ``--count-tentative``) to a command."""
    if optional_value:
        parser.add_argument(
            "--db",
            nargs="?",
            const="",
            default=None,
            metavar="URL",
            help="check against the store's team and bookings; " + DB_HELP,
        )
    else:
        parser.add_argument("--db", default=None, metavar="URL", help=DB_HELP)
    parser.add_argument(
        "--count-tentative",
        choices=TENTATIVE_MODES,
        default="ignore",
        help="how tentative projects count: ignore (default), weighted by win probability, full",
    )


def add_store_commands(commands: Any, check: argparse.ArgumentParser) -> None:
    """Register the store commands on ``commands`` and the store options on ``check``."""
    add_db_option(check, optional_value=True)
    check.add_argument(
        "--save-as", metavar="LABEL", help="save this check as a version (needs --db)"
    )
    db = commands.add_parser("db", help="create, back up or restore the portfolio store")
    actions = db.add_subparsers(dest="db_command", required=True, parser_class=type(db))
    add_db_option(actions.add_parser("init", help="create the store (or bring it up to date)"))
    load = actions.add_parser("import", help="load a store YAML file (planner db export)")
    load.add_argument("file", type=Path)
    load.add_argument("--replace", action="store_true", help="overwrite a store that is not empty")
    add_db_option(load)
    save = actions.add_parser("export", help="write the whole store as YAML")
    save.add_argument("file", type=Path)
    add_db_option(save)

    accept = commands.add_parser("accept", help="book a checked brief into the portfolio")
    accept.add_argument("scenario", type=Path, help="scenario file (.yaml or .xlsx)")
    accept.add_argument(
        "--tentative",
        type=float,
        metavar="PROBABILITY",
        help="store as tentative with this win probability (0-1) instead of accepted",
    )
    _solver_options(accept)
    add_db_option(accept)

    pipe = commands.add_parser("pipeline", help="weekly utilisation per person and role")
    pipe.add_argument(
        "--from",
        dest="start",
        type=date.fromisoformat,
        default=date.today(),
        help="first week (YYYY-MM-DD; default this week)",
    )
    pipe.add_argument("--weeks", type=int, default=12, help="weeks to show (default 12)")
    pipe.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_option(pipe)

    again = commands.add_parser(
        "recheck",
        help="check every accepted project again (after time off or holiday changes)",
    )
    _solver_options(again)
    add_db_option(again)

    compare = commands.add_parser("compare", help="saved versions of a brief side by side")
    compare.add_argument("brief", help="the brief's scenario title")
    compare.add_argument("--audience", choices=AUDIENCES, default="agency")
    compare.add_argument("--json", action="store_true", help="print one JSON object")
    add_db_option(compare)


def _solver_options(parser: argparse.ArgumentParser) -> None:
    limit = f"solver time limit in seconds (default {DEFAULT_TIME_LIMIT:g})"
    cli_args.add_solver_options(parser, DEFAULT_TIME_LIMIT, limit)


def run_store_command(args: argparse.Namespace) -> int:
    """Run a store command; returns the exit code."""
    try:
        with Store.open(args.db) as store:
            if args.command == "db":
                return _db(store, args)
            if args.command == "accept":
                return _accept(store, args)
            if args.command == "pipeline":
                return _pipeline(store, args)
            if args.command == "recheck":
                return _recheck(store, args)
            return _compare(store, args)
    except (StoreError, SQLAlchemyError) as error:
        return _fail(error)


def _fail(error: Exception) -> int:
    text = (
        str(error.orig)
        if isinstance(error, SQLAlchemyError) and getattr(error, "orig", None)
        else str(error)
    )
    print(f"planner: store: {text}", file=sys.stderr)
    return 2


def _db(store: Store, args: argparse.Namespace) -> int:
    if args.db_command == "init":
        print(f"store ready: {store.location}")
    elif args.db_command == "import":
        try:
            text = args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise StoreError(f"cannot read {args.file}: {error}") from None
        count = import_yaml(store, text, str(args.file), replace=args.replace)
        print(f"imported {args.file} into {store.location} ({count} bookings)")
    else:
        write_atomically(args.file, export_yaml(store))
        print(f"wrote {args.file}")
    return 0


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a failure leaves no half file."""
    folder = path.resolve().parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _accept(store: Store, args: argparse.Namespace) -> int:
    status = "accepted" if args.tentative is None else "tentative"
    result = accept_brief(
        store,
        load_scenario(args.scenario),
        status=status,
        probability=args.tentative,
        tentative=args.count_tentative,
        settings=cli_args.solve_settings(args),
    )
    print(verdict_sentence(result.check.plan))
    again = " (checked again after another change to the portfolio)" if result.attempts > 1 else ""
    print(
        f"{status}: {result.check.scenario.title} — {result.bookings} bookings stored in "
        f"{store.location}{again}"
    )
    return 0


def check_scenario(scenario: Scenario, args: argparse.Namespace) -> tuple[Scenario, Any]:
    """For ``planner check --db``: the brief with the store's team and bookings, and its plan."""
    if args.db is None:
        raise StoreError("--save-as needs --db (the store to save the version in)")
    try:
        with Store.open(args.db) as store:
            result = check_with_portfolio(
                scenario,
                store.snapshot(),
                args.count_tentative,
                cli_args.solve_settings(args),
            )
            if args.save_as:
                store.save_version(
                    scenario.title, args.save_as, dump_yaml(scenario), check_summary(result.plan)
                )
            return result.scenario, result.plan
    except SQLAlchemyError as error:
        raise StoreError(str(getattr(error, "orig", error))) from None


def _pipeline(store: Store, args: argparse.Namespace) -> int:
    if args.weeks <= 0:
        raise StoreError("--weeks must be a positive number")
    data = pipeline(store.snapshot(), args.start, args.weeks, args.count_tentative)
    if args.json:
        print(
            json.dumps(
                {
                    "by_person": _records(data.by_person),
                    "by_role": _records(data.by_role),
                },
                ensure_ascii=False,
            )
        )
        return 0
    for key, frame in (("person", data.by_person), ("role", data.by_role)):
        print(f"Utilisation by {key} (booked / free hours per week):")
        print(_grid(frame, key) if not frame.empty else "  (no team in the store yet)")
        print()
    return 0


def _records(frame: Any) -> list[dict[str, Any]]:
    out = frame.copy()
    out["week"] = out["week"].map(date.isoformat)
    return out.to_dict(orient="records")


def _grid(frame: Any, key: str) -> str:
    table = frame.pivot(index=key, columns="week", values="utilisation")
    table.columns = [w.strftime("%d %b") for w in table.columns]
    return table.map(lambda share: f"{share:.0%}").to_string()


def _recheck(store: Store, args: argparse.Namespace) -> int:
    names = [p.name for p in store.snapshot().projects if p.status == "accepted"]
    risks = recheck(store, names, cli_args.solve_settings(args))
    print(f"Checked {len(names)} accepted project{'s' if len(names) != 1 else ''} again.")
    if not risks:
        print("Every promise they kept still holds.")
        return 0
    print(f"{len(risks)} promise{'s' if len(risks) != 1 else ''} at risk:")
    for r in risks:
        finish = r.finish.isoformat() if r.finish else "not planned"
        before = "" if r.kept_before else " (already late when accepted)"
        print(
            f"  {r.project}: {r.promise}, promised {r.due}, now {finish}, "
            f"{r.slip_days} working day{'s' if r.slip_days != 1 else ''} late{before}"
        )
    return 1


def _compare(store: Store, args: argparse.Namespace) -> int:
    versions = store.versions(args.brief)
    if not versions:
        raise StoreError(
            f"no saved versions of {args.brief!r}. Fix: planner check SCENARIO --db --save-as LABEL"
        )
    frame = comparison_frame(versions, args.audience)
    if args.json:
        print(json.dumps(frame.to_dict(), ensure_ascii=False))
    else:
        print(frame.to_string())
    return 0
