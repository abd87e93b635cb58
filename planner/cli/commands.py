"""Command line: ``planner check | explain | risk | template | convert`` and the store's
commands (``db``, ``accept``, ``pipeline``, ``compare``; see :mod:`planner.cli.store`).

Exit codes: 0 = every promise holds within budget, 1 = it does not (or nothing was proven),
2 = bad input (the message names file, field and fix; never a traceback), 130 = stopped by
Ctrl-C (nothing written). Output files and folders are never overwritten silently.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from planner.cli import args as cli_args
from planner.cli import client as client_cli
from planner.cli.interrupt import run_interruptible
from planner.cli.lang import add_lang_option, error_language
from planner.cli.plan_text import render_text as render_plan_text
from planner.cli.plan_text import wrote_line
from planner.cli.risk import add_risk_parser, run_risk_command
from planner.cli.store import (
    STORE_COMMANDS,
    add_store_commands,
    check_scenario,
    run_store_command,
)
from planner.diagnosis.explanation import (
    DEFAULT_EXPLAIN_LIMIT,
    explain_scenario,
    render_explanation,
)
from planner.i18n import LANGUAGES, language_from_locale
from planner.io import ScenarioError, load_scenario, save_scenario, template_scenario
from planner.io.outputs import (
    check_target,
    folder_written_atomically,
    progress_printer,
    write_file_atomically,
)
from planner.plan import Plan
from planner.planning.pipeline import DEFAULT_TIME_LIMIT, plan_scenario
from planner.report.audience import for_audience, plan_dict
from planner.report.page import write_outputs
from planner.store.engine import StoreError
from planner.wording import AUDIENCES, CLIENT, Audience, Lang

EXIT_FEASIBLE, EXIT_INFEASIBLE, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that exits with code 2 and a hint (its default is 2 too, kept explicit)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"planner: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with all subcommands."""
    parser = _Parser(prog="planner", description="Can the promises in a brief be kept?")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="plan a scenario and check every promise")
    check.add_argument("scenario", type=Path, help="scenario file (.yaml or .xlsx)")
    cli_args.add_solver_options(
        check,
        DEFAULT_TIME_LIMIT,
        f"solver time limit in seconds (default {DEFAULT_TIME_LIMIT:g}); with one worker "
        "the solver stops on a repeatable work budget that normally ends within it, and a "
        "very busy machine may take up to twice as long",
    )
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument(
        "--out",
        type=Path,
        help="write plan tables, charts and report into this new (or empty) folder",
    )
    _overwrite_option(check, "replace an --out folder that already holds files")
    _add_audience(check)
    client_cli.add_arguments(check)

    explain = commands.add_parser(
        "explain", help="why promises break and the cheapest ways to make them hold"
    )
    explain.add_argument("scenario", type=Path, help="scenario file (.yaml or .xlsx)")
    cli_args.add_solver_options(
        explain,
        DEFAULT_EXPLAIN_LIMIT,
        f"seconds per plan and re-plan; proofs get half (default {DEFAULT_EXPLAIN_LIMIT:g})",
    )
    explain.add_argument("--json", action="store_true", help="print one JSON object")
    _add_audience(explain)
    explain.add_argument(
        "--lang",
        choices=sorted(LANGUAGES),
        default=None,
        help="language of the answer (default: from the locale; --json stays language-neutral)",
    )

    add_risk_parser(commands)

    template = commands.add_parser("template", help="write an empty scenario with examples")
    template.add_argument("path", type=Path, help="file to write (.xlsx or .yaml)")
    _overwrite_option(template, "replace the file if it exists")

    conv = commands.add_parser("convert", help="convert a scenario between .yaml and .xlsx")
    conv.add_argument("source", type=Path, help="scenario to read (.yaml or .xlsx)")
    conv.add_argument("target", type=Path, help="file to write; format from its extension")
    _overwrite_option(conv, "replace the target file if it exists (never the source)")
    add_lang_option(conv)
    add_store_commands(commands, check)
    return parser


def _overwrite_option(command: argparse.ArgumentParser, text: str) -> None:
    command.add_argument("--overwrite", action="store_true", help=text)


def _add_audience(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--audience",
        choices=AUDIENCES,
        default=CLIENT,
        help=(
            "who the answer is for (default client: dates, price, budget, changes; agency "
            "adds internal cost, margin and utilisation by person)"
        ),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (2 for bad arguments, 130 after Ctrl-C)."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # bad arguments (2) or --help (0)
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
    try:
        return run_interruptible(lambda: _run(args))
    except ScenarioError as error:
        print(error.render(error_language(args)), file=sys.stderr)
        return EXIT_BAD_INPUT
    except StoreError as error:
        print(f"planner: store: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"planner: cannot write output: {_reason(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _run(args: argparse.Namespace) -> int:
    if args.command == "check":
        return _check(args)
    if args.command == "explain":
        return _explain(args)
    if args.command in STORE_COMMANDS:
        return run_store_command(args)
    if args.command == "risk":
        return run_risk_command(args)
    if args.command == "template":
        scenario, target, reading = template_scenario(), args.path, None
    else:
        scenario, target, reading = None, args.target, args.source
    check_target(target, args.overwrite, folder=False, reading=reading)
    if scenario is None:
        scenario = load_scenario(args.source)
    write_file_atomically(target, lambda path: save_scenario(scenario, path), args.overwrite)
    print(f"wrote {target}")
    return 0


def _reason(error: OSError) -> str:
    """An OSError in words, never empty (a time-out has no message of its own)."""
    text = error.strerror or str(error) or type(error).__name__
    return f"{text} ({error.filename})" if error.filename else text


def _check(args: argparse.Namespace) -> int:
    if args.rate_card is not None:
        return client_cli.run(args)
    if args.out:
        check_target(args.out, args.overwrite, folder=True)
    scenario = load_scenario(args.scenario)
    if args.db is not None or args.save_as:
        scenario, plan = check_scenario(scenario, args)
    else:
        plan = plan_scenario(scenario, cli_args.solve_settings(args))
    notes: list[str] = []
    written: list[Path] = []
    if args.out:
        print(f"planner: writing tables, charts and report to {args.out} …", file=sys.stderr)
        with folder_written_atomically(args.out, args.overwrite) as folder:
            files = write_outputs(
                plan,
                scenario,
                folder,
                notes,
                audience=args.audience,
                progress=progress_printer(folder),
                lang=_lang(args),
            )
        written = [args.out / path.relative_to(folder) for path in files]
    for note in notes:
        print(f"planner: note: {note}", file=sys.stderr)
    if args.json:
        print(json.dumps(plan_dict(plan, args.audience), ensure_ascii=False))
    else:
        print(render_text(plan, args.audience, _lang(args)))
        for path in written:
            print(wrote_line(path, _lang(args)))
    return EXIT_FEASIBLE if plan.verdict == "feasible" else EXIT_INFEASIBLE


def _explain(args: argparse.Namespace) -> int:
    explanation_scenario = load_scenario(args.scenario)
    lang = None if args.json else _lang(args)  # --json stays language-neutral (English)
    explanation = explain_scenario(explanation_scenario, cli_args.solve_settings(args), lang=lang)
    if args.json:
        data = json.dumps(explanation.to_dict(args.audience), ensure_ascii=False)
        print(for_audience(data, explanation_scenario, args.audience))
    else:
        text = render_explanation(explanation, args.audience, lang)
        print(for_audience(text, explanation_scenario, args.audience, lang))
    return EXIT_FEASIBLE if explanation.verdict == "feasible" else EXIT_INFEASIBLE


def _lang(args: argparse.Namespace) -> str:
    """The language of the human output: ``--lang``, else from the locale."""
    return args.lang or language_from_locale()


def render_text(plan: Plan, audience: Audience = CLIENT, lang: Lang = None) -> str:
    """The human report of ``planner check`` in ``lang`` (default English): see
    :func:`planner.cli.plan_text.render_text`."""
    return render_plan_text(plan, audience, lang)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
