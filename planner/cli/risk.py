"""``planner risk SCENARIO... [--samples N] [--seed S] [--json] [--scheduler ADDRESS]``.

Exit codes follow ``planner check``: 0 when every promise and the budget reach the threshold
odds, 1 when some do not (or there is no plan), 2 for bad input or an unreachable cluster.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from planner.cli import args as cli_args
from planner.cli.lang import add_lang_option
from planner.i18n import language_from_locale
from planner.io import load_scenario
from planner.model import Scenario
from planner.planning import SolveSettings
from planner.planning.pipeline import DEFAULT_TIME_LIMIT
from planner.report.page import report_html
from planner.risk.engine import ClusterError, Progress
from planner.risk.report import risk_section_html
from planner.risk.result import DEFAULT_THRESHOLD, RiskResult
from planner.risk.simulate import DEFAULT_SAMPLES, Optimised, optimise, sweep
from planner.risk.words import agency_lines

MAX_SAMPLES = 10_000_000


def add_risk_parser(commands: argparse._SubParsersAction) -> None:
    """Add the ``risk`` subcommand to the CLI's subparsers."""
    risk = commands.add_parser(
        "risk", help="how sure are the promises? Monte Carlo over the estimate ranges"
    )
    risk.add_argument(
        "scenario",
        type=Path,
        nargs="+",
        help="scenario file(s) (.yaml or .xlsx); several run as one sweep on the same engine",
    )
    risk.add_argument(
        "--samples", type=int, default=DEFAULT_SAMPLES, help=f"samples (default {DEFAULT_SAMPLES})"
    )
    risk.add_argument(
        "--seed", type=cli_args.seed, default=0, help="seed of the samples (default 0)"
    )
    risk.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help="odds below which a promise gets a 'commit to' date (default 0.8)",
    )
    risk.add_argument(
        "--scheduler", metavar="ADDRESS", help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786"
    )
    risk.add_argument(
        "--workers",
        type=cli_args.workers,
        help="local worker processes (default: CPUs, for large runs)",
    )
    risk.add_argument(
        "--time-limit",
        type=cli_args.time_limit,
        default=DEFAULT_TIME_LIMIT,
        help=f"solver time limit for the plan, seconds (default {DEFAULT_TIME_LIMIT:g})",
    )
    risk.add_argument("--json", action="store_true", help="print one JSON object (in English)")
    add_lang_option(risk, "language of the text output, the report and input errors")
    risk.add_argument(
        "--out", type=Path, help="write the feasibility report with a risk section here"
    )


def _bad_option(args: argparse.Namespace) -> str | None:
    if not 1 <= args.samples <= MAX_SAMPLES:
        return f"--samples must be a whole number from 1 to {MAX_SAMPLES:,}"
    if not 0 < args.threshold <= 1:  # also refuses nan
        return "--threshold must lie between 0 and 1, e.g. 0.8 for 4 in 5"
    return None


def run_risk_command(args: argparse.Namespace) -> int:
    """Run ``planner risk``; returns the exit code (ScenarioError is left to the caller)."""
    problem = _bad_option(args)
    if problem:
        print(f"planner: {problem}", file=sys.stderr)
        return 2
    lang = args.lang or language_from_locale()  # of the text and the report; --json is English
    scenarios = [load_scenario(path) for path in args.scenario]
    settings = SolveSettings(time_limit=args.time_limit)
    plans = [optimise(scenario, settings) for scenario in scenarios]
    try:
        results = sweep(
            scenarios,
            args.samples,
            args.seed,
            threshold=args.threshold,
            scheduler=args.scheduler,
            workers=args.workers,
            progress=terminal_progress(sys.stderr),
            optimised=plans,
        )
    except ClusterError as error:
        print(f"planner: {error}", file=sys.stderr)
        return 2
    if args.json:
        objects = [risk.to_dict() for risk in results]
        shown = objects[0] if len(objects) == 1 else {"scenarios": objects}
        print(json.dumps(shown, ensure_ascii=False))
    else:
        print("\n\n".join("\n".join(agency_lines(risk, lang)) for risk in results))
    if args.out:
        for path, scenario, plan, risk in zip(
            args.scenario, scenarios, plans, results, strict=True
        ):
            folder = args.out if len(scenarios) == 1 else args.out / path.stem
            written = write_risk_report(plan, scenario, risk, folder, lang)
            print(f"wrote {written}", file=sys.stderr if args.json else sys.stdout)
    return 0 if all(sure_enough(risk) for risk in results) else 1


def write_risk_report(
    optimised: Optimised, scenario: Scenario, risk: RiskResult, out: Path, lang: str = "en"
) -> Path:
    """Write ``out/report.html``: the feasibility report of the plan with the risk section,
    in ``lang`` (default English)."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "report.html"
    section = risk_section_html(risk, lang)
    page = report_html(optimised.plan, scenario, sections=(section,), lang=lang)
    path.write_text(page, encoding="utf-8")
    return path


def sure_enough(risk: RiskResult) -> bool:
    """True when every promise and the budget reach the run's threshold odds."""
    if not risk.has_figures:
        return False
    budget = risk.budget
    budget_ok = budget is None or budget.p_within is None or budget.p_within >= risk.threshold
    return budget_ok and all(p.p_on_time >= risk.threshold for p in risk.promises)


def progress_bar(done: int, total: int, width: int = 30) -> str:
    """``[#########.....................]  300/1,000 samples`` for a terminal."""
    filled = round(width * done / total) if total else width
    return f"[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} samples"


def terminal_progress(stream: TextIO) -> Progress | None:
    """A progress callback that redraws a bar on ``stream``; None when it is not a terminal."""
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{progress_bar(done, total)}", end=end, file=stream, flush=True)

    return show
