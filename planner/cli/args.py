"""Checked command-line values: each is refused with a plain reason (exit 2), never a traceback.

``--time-limit nan`` or ``inf`` would make the solver run forever or not at all, a seed beyond
32 bits or a billion workers would reach the solver as garbage; argparse calls these
converters and turns their ``ArgumentTypeError`` into ``planner: error: …`` and exit code 2.
"""

from __future__ import annotations

import argparse
import math

from planner.planning import SolveSettings

MAX_TIME_LIMIT = 24 * 3600.0
"""Longest solver time limit accepted (one day)."""

MAX_SEED = 2**31 - 1
"""Largest seed CP-SAT takes (a signed 32-bit integer)."""

MAX_WORKERS = 64
"""Most solver workers accepted (CP-SAT gains little beyond the machine's cores)."""


def _integer(text: str, what: str) -> int:
    try:
        return int(text.strip().replace("_", ""), 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what} must be a whole number (got {text!r})") from None


def time_limit(text: str) -> float:
    """Seconds: a finite number above 0 and at most :data:`MAX_TIME_LIMIT`."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--time-limit must be a number of seconds (got {text!r})"
        ) from None
    if not math.isfinite(value) or not 0 < value <= MAX_TIME_LIMIT:
        raise argparse.ArgumentTypeError(
            f"--time-limit must be more than 0 and at most {MAX_TIME_LIMIT:g} seconds "
            f"(got {text!r})"
        )
    return value


def seed(text: str) -> int:
    """A solver seed from 0 to :data:`MAX_SEED`."""
    value = _integer(text, "--seed")
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"--seed must be from 0 to {MAX_SEED} (got {text!r})")
    return value


def workers(text: str) -> int:
    """Solver workers from 1 to :data:`MAX_WORKERS`."""
    value = _integer(text, "--workers")
    if not 1 <= value <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(
            f"--workers must be from 1 to {MAX_WORKERS} (got {text!r})"
        )
    return value


def add_solver_options(parser: argparse.ArgumentParser, default_limit: float, help: str) -> None:
    """``--time-limit``, ``--seed`` and ``--workers``, checked, for a command that solves."""
    parser.add_argument("--time-limit", type=time_limit, default=default_limit, help=help)
    parser.add_argument("--seed", type=seed, default=0, help="solver seed (default 0)")
    parser.add_argument(
        "--workers",
        type=workers,
        default=1,
        help="solver workers (default 1: repeatable; more search in parallel, runs may differ)",
    )


def solve_settings(args: argparse.Namespace) -> SolveSettings:
    """The one :class:`SolveSettings` of a command's checked options."""
    return SolveSettings(time_limit=args.time_limit, seed=args.seed, workers=args.workers)
