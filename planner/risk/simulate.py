"""Monte Carlo over a scenario: optimise once, then sample the estimates and re-time the plan.

Entry point::

    from planner.io import load_scenario
    from planner.risk import run_risk
    risk = run_risk(load_scenario("data/tundra-product-launch.yaml"), samples=1000, seed=1)
    for promise in risk.promises:
        print(promise.name, promise.p_on_time, promise.p80)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from planner.model import Scenario
from planner.plan import Plan
from planner.planning import SolveSettings
from planner.planning.pipeline import DEFAULT_SETTINGS, PlanningContext, plan_from_result, prepare
from planner.risk.engine import SERIAL, Progress, run_many
from planner.risk.frame import RetimeFrame, build_frame
from planner.risk.result import DEFAULT_THRESHOLD, RiskResult, budget_risk, promise_risk
from planner.risk.retime import ChunkResult
from planner.scheduler import solve

DEFAULT_SAMPLES = 1000


@dataclass(frozen=True)
class Optimised:
    """The deterministic plan (likely values) and the frame to re-time it with."""

    context: PlanningContext
    plan: Plan
    frame: RetimeFrame | None


def optimise(scenario: Scenario, settings: SolveSettings = DEFAULT_SETTINGS) -> Optimised:
    """Plan ``scenario`` with its likely values and keep what re-timing needs.

    Parameters
    ----------
    scenario
        The scenario (three-point estimates are planned at their likely value).
    settings
        Solver settings of the plan.

    Returns
    -------
    Optimised
        ``frame`` is None when the solver found no schedule.
    """
    context = prepare(scenario)
    result = solve(context.problem, **settings.options)
    plan = plan_from_result(context, result)
    frame = build_frame(context, context.problem, result.schedule) if result.schedule else None
    return Optimised(context, plan, frame)


def run_risk(
    scenario: Scenario,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    plan_settings: SolveSettings = DEFAULT_SETTINGS,
    optimised: Optimised | None = None,
) -> RiskResult:
    """How sure are the promises and the price? A Monte Carlo run over the optimised plan.

    Parameters
    ----------
    scenario
        The scenario; tasks without a range keep their single value in every sample.
    samples
        Number of samples (at least 1).
    seed
        Seed of the samples: the same scenario, samples and seed give the same figures on
        every engine and any number of workers.
    threshold
        On-time probability below which a promise gets a "commit to <P80 date>" suggestion.
    scheduler
        Address of a Dask scheduler to run the samples on; None runs locally.
    workers
        Local worker processes (default: the CPUs available for large runs, see
        :data:`planner.risk.engine.PARALLEL_FROM`; 1 runs in this process).
    progress
        Called with (samples done, samples in all) as chunks finish.
    plan_settings
        Solver settings of the deterministic plan.
    optimised
        A plan already made with :func:`optimise` (skips the solve).

    Returns
    -------
    RiskResult
        Per promise its odds and P50/P80/P95 dates; the price odds against the budget.
    """
    (risk,) = sweep(
        [scenario],
        samples,
        seed,
        threshold=threshold,
        scheduler=scheduler,
        workers=workers,
        progress=progress,
        plan_settings=plan_settings,
        optimised=None if optimised is None else [optimised],
    )
    return risk


def sweep(
    scenarios: Sequence[Scenario],
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    plan_settings: SolveSettings = DEFAULT_SETTINGS,
    optimised: Sequence[Optimised] | None = None,
) -> list[RiskResult]:
    """:func:`run_risk` for several scenarios at once: all their samples on one engine.

    Each scenario is planned here (the solver runs locally); then the chunks of every plan go
    to the same local pool or Dask cluster together. Each scenario's figures equal those of
    its own :func:`run_risk` with the same samples and seed. Parameters as :func:`run_risk`
    (``optimised``: one per scenario, in order).

    Returns
    -------
    list of RiskResult
        One per scenario, in order; ``seconds`` is the time of the whole sweep.
    """
    if samples < 1:
        raise ValueError("samples must be at least 1")
    if not 0 < threshold <= 1:
        raise ValueError("threshold must lie in (0, 1]")
    began = time.perf_counter()
    plans = list(optimised or [optimise(s, plan_settings) for s in scenarios])
    frames = [o.frame for o in plans if o.frame is not None]
    runs, engine = (
        run_many(frames, samples, seed, scheduler=scheduler, workers=workers, progress=progress)
        if frames
        else ([], SERIAL)
    )
    chunks = iter(runs)
    results = []
    for scenario, plan in zip(scenarios, plans, strict=True):
        if plan.frame is None:
            message = f"no plan to re-time ({plan.plan.solver_status}: {plan.plan.message})"
            results.append(
                RiskResult(
                    scenario.title,
                    scenario.currency,
                    0,
                    seed,
                    threshold,
                    "",
                    (),
                    None,
                    message=message,
                )
            )
        else:
            results.append(
                replace(
                    _summarise(plan, plan.frame, next(chunks), threshold), seed=seed, engine=engine
                )
            )
    seconds = time.perf_counter() - began
    return [replace(result, seconds=seconds) for result in results]


def _summarise(
    optimised: Optimised, frame: RetimeFrame, chunks: list[ChunkResult], threshold: float
) -> RiskResult:
    """The figures of all chunks: odds per promise, price odds (seed and engine left blank)."""
    scenario, plan = optimised.context.scenario, optimised.plan
    finish_days = np.concatenate([c.finish_days for c in chunks])
    prices = np.concatenate([c.prices for c in chunks])
    days = optimised.context.calendar.days
    promises = tuple(
        promise_risk(
            (p.task, p.name, p.due, p.finish),
            finish_days[:, j],
            frame.promises[j][1],
            days,
            threshold,
        )
        for j, p in enumerate(plan.promises)
    )
    return RiskResult(
        title=scenario.title,
        currency=scenario.currency,
        samples=len(prices),
        seed=0,
        threshold=threshold,
        engine="",
        promises=promises,
        budget=budget_risk(prices, scenario.brief.budget, plan.budget.price),
        prices=prices,
        overflow=sum(c.overflow for c in chunks),
        uncertain_tasks=len(frame.uncertain),
    )
