"""Warm start for fixed-duration makespan problems (RCPSP): improved serial schedules.

CP-SAT closes small RCPSP instances on its own, but on larger ones the schedule it starts
from and the horizon it is given decide much of what it reaches in a few seconds. This module
builds that start with the methods the project-scheduling literature found to work best per
schedule generated:

* the serial schedule generation scheme (SGS) decoding an *activity list* (a priority order;
  the first ready activity of the list goes next, as early as precedences and capacity allow);
* **forward–backward improvement** (double justification, Valls et al. 2005): schedule every
  activity as late as possible in order of decreasing finish, then as early as possible in
  order of increasing start, until the makespan stops shrinking;
* several priority rules (LFT, LST, MTS, GRPW, LPT) and regret-based biased random sampling
  for a diverse first population;
* a short activity-list **genetic algorithm** (Hartmann 1998: two-point crossover, swap
  mutation, elitist replacement without duplicates, a restart from fresh samples when the
  best stops improving), every child justified (:mod:`planner.scheduler.passes`);
* a lower bound (critical path, resource energy, disjunctive jobs) that ends the search, and
  lets the caller skip CP-SAT, once a schedule reaches it.

The work is counted in schedules generated, not seconds, so one seed gives one answer;
a wall-clock cap only guards against a very slow machine. Capacity rows may vary per period;
effort activities are out of scope (:func:`applies` says when this module can be used).
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass

from planner.scheduler.passes import Compact, applies, compact, forward, justify, makespan_of
from planner.scheduler.problem import Problem, Schedule

POPULATION = 40
"""Individuals kept by the genetic algorithm."""

MUTATION = 0.05
"""Chance per list position of a swap with the next activity."""

FIRST_SHARE = 0.002
"""Share of the time limit for the first warm start (rules, justification, a few samples)."""

PROBE_SHARE = 0.1
"""Share of the time limit for the first CP-SAT run; most small problems are proven in it."""

EVOLVE_SHARE = 0.3
"""Share of the time limit for the genetic algorithm when the first CP-SAT run did not prove."""

EVOLVE_ABOVE = 40
"""The genetic algorithm runs only for more activities than this: below, CP-SAT alone finds
the optimum quickly and the time is better spent on the proof (PSPLIB j30 has 32)."""

PLACEMENTS_PER_SECOND = 400_000
"""Activities placed per second by :func:`forward` / :func:`backward` (measured: a 122-activity
PSPLIB j120 pass takes about 0.3 ms on an idle 2-core Xeon)."""

RESTART = 10
"""Children without a new best, in multiples of the population, before a restart."""


def critical_bounds(c: Compact) -> tuple[list[int], list[int]]:
    """Earliest starts (releases, lags) and longest tails (duration + path to the end)."""
    order = sorted(range(c.n), key=c.rank.__getitem__)
    est = c.release[:]
    for i in order:
        for j, lag in c.succs[i]:
            est[j] = max(est[j], est[i] + c.duration[i] + lag)
    tail = c.duration[:]
    for i in reversed(order):
        for j, lag in c.succs[i]:
            tail[i] = max(tail[i], c.duration[i] + lag + tail[j])
    return est, tail


def lower_bound(c: Compact) -> int:
    """A valid lower bound on the makespan: critical path, resource energy, disjunctions.

    * critical path: longest chain of durations and lags from the releases;
    * energy: the first period by which a resource's cumulated capacity covers the units all
      activities need from it;
    * disjunction: activities needing more than half of a resource's peak never overlap, so
      their durations add up.
    """
    est, tail = critical_bounds(c)
    bound = max((e + t for e, t in zip(est, tail, strict=True)), default=0)
    for k, row in enumerate(c.capacity):
        users = [(c.duration[i], q) for i in range(c.n) for r, q in c.need[i] if r == k]
        energy = sum(d * q for d, q in users)
        covered, t = 0, 0
        while covered < energy and t < len(row):
            covered += row[t]
            t += 1
        bound = max(bound, t)
        peak = max(row, default=0)
        bound = max(bound, sum(d for d, q in users if 2 * q > peak))
    return bound


def priority_rules(c: Compact) -> list[list[float]]:
    """Priorities (lower first) of the classic rules LFT, LST, MTS, GRPW, LPT and MINSLK-EST."""
    est, tail = critical_bounds(c)
    end = max((e + t for e, t in zip(est, tail, strict=True)), default=0)
    lft = [end - t + d for t, d in zip(tail, c.duration, strict=True)]
    lst = [end - t for t in tail]
    successors_total = _successor_counts(c)
    grpw = [d + sum(c.duration[j] for j, _ in s) for d, s in zip(c.duration, c.succs, strict=True)]
    return [
        [float(x) for x in lft],
        [float(x) for x in lst],
        [-float(x) for x in successors_total],
        [-float(x) for x in grpw],
        [-float(d) for d in c.duration],
        [float(s - e) * 1000 + e for s, e in zip(lst, est, strict=True)],
    ]


def _successor_counts(c: Compact) -> list[int]:
    """Number of (direct and indirect) successors of each activity."""
    reach: list[int] = [0] * c.n  # bit sets
    for i in sorted(range(c.n), key=c.rank.__getitem__, reverse=True):
        bits = 0
        for j, _ in c.succs[i]:
            bits |= reach[j] | (1 << j)
        reach[i] = bits
    return [bin(b).count("1") for b in reach]


def biased_sample(c: Compact, key: Sequence[float], rng: random.Random) -> list[float]:
    """A random activity list favouring low ``key`` (regret-based biased random sampling).

    Among ready activities, each is drawn with weight ``(max key - key + 1)``; returns list
    positions usable as a priority.
    """
    waiting = [len(p) for p in c.preds]
    ready = [i for i in range(c.n) if not waiting[i]]
    position = [0.0] * c.n
    for step in range(c.n):
        top = max(key[i] for i in ready)
        weights = [top - key[i] + 1.0 for i in ready]
        pick = rng.choices(range(len(ready)), weights)[0]
        i = ready.pop(pick)
        position[i] = float(step)
        for j, _ in c.succs[i]:
            waiting[j] -= 1
            if not waiting[j]:
                ready.append(j)
    return position


@dataclass
class WarmStart:
    """Outcome of :func:`warm_start`.

    Attributes
    ----------
    schedule : Schedule | None
        Best schedule found (None if no activity list fits the capacity rows).
    lower_bound : int
        Valid lower bound on the makespan.
    schedules : int
        Schedules generated (forward and backward passes).
    seconds : float
        Time spent.
    share : float
        Share of the caller's time limit planned for it (see :func:`plan_warm_start`).
    """

    schedule: Schedule | None
    lower_bound: int
    schedules: int
    seconds: float
    share: float = 0.0


class _Search:
    """Population, best solution and the schedule budget of one warm start."""

    def __init__(self, c: Compact, budget: int, wall: float, seed: int, bound: int) -> None:
        self.c, self.budget, self.bound = c, budget, bound
        self.deadline = time.perf_counter() + wall
        self.rng = random.Random(seed)
        self.used = 0
        self.best: list[int] | None = None
        self.best_span = 1 << 60
        self.since_best = 0
        self.population: list[tuple[int, list[int]]] = []
        self.seen: set[tuple[int, ...]] = set()

    def done(self) -> bool:
        return (
            self.best_span <= self.bound
            or self.used >= self.budget
            or time.perf_counter() > self.deadline
        )

    def evaluate(self, priority: Sequence[float]) -> None:
        """Decode, justify, and keep the result in the population unless already there."""
        start = forward(self.c, priority)
        self.used += 1
        self.since_best += 1
        if start is None:
            return
        span_before = makespan_of(self.c, start)
        start, span = justify(self.c, start)
        self.used += 2 + 2 * (span < span_before)
        if span < self.best_span:
            self.best, self.best_span, self.since_best = start, span, 0
        key = tuple(start)
        if key not in self.seen:
            self.seen.add(key)
            self.population.append((span, start))

    def trim(self, size: int) -> None:
        """Keep the ``size`` shortest schedules."""
        self.population.sort(key=lambda x: x[0])
        for _, start in self.population[size:]:
            self.seen.discard(tuple(start))
        del self.population[size:]

    def select(self) -> list[int]:
        """Binary tournament on makespan; the winner as an activity list (start order)."""
        a, b = self.rng.sample(self.population, 2)
        start = min(a, b, key=lambda x: x[0])[1]
        return sorted(range(self.c.n), key=lambda i: (start[i], self.c.rank[i]))

    def breed(self) -> list[float]:
        """Two-point crossover of two parents' activity lists plus swap mutation."""
        c, rng = self.c, self.rng
        mother, father = self.select(), self.select()
        q1, q2 = sorted(rng.sample(range(c.n + 1), 2))
        child = mother[:q1]
        taken = set(child)
        for i in father:
            if len(child) >= q2:
                break
            if i not in taken:
                child.append(i)
                taken.add(i)
        child += [i for i in mother if i not in taken]
        for p in range(c.n - 1):
            if rng.random() < MUTATION:
                child[p], child[p + 1] = child[p + 1], child[p]
        priority = [0.0] * c.n
        for p, i in enumerate(child):
            priority[i] = float(p)
        return priority


def warm_start(problem: Problem, budget: int, wall: float, seed: int = 0) -> WarmStart | None:
    """Best schedule of rule-based, sampled and evolved activity lists, all justified.

    Parameters
    ----------
    problem
        A problem for which :func:`applies` holds.
    budget
        Schedules (forward or backward passes) to generate at most.
    wall
        Seconds after which the search stops whatever the budget (guards slow machines).
    seed
        Seed of the random sampling and of the genetic algorithm.

    Returns
    -------
    WarmStart or None
        None when the module does not apply to ``problem``.
    """
    started = time.perf_counter()
    c = compact(problem)
    if c is None:
        return None
    search = _Search(c, budget, wall, seed, lower_bound(c))
    rules = priority_rules(c)
    for rule in rules:
        search.evaluate(rule)
        if search.done():
            break
    while not search.done() and len(search.population) < POPULATION:
        search.evaluate(biased_sample(c, rules[len(search.population) % 2], search.rng))
    while not search.done() and len(search.population) >= 2:
        search.evaluate(search.breed())
        if len(search.population) > 2 * POPULATION:
            search.trim(POPULATION)
        if search.since_best > RESTART * POPULATION:
            search.trim(1)
            search.since_best = 0
            while not search.done() and len(search.population) < POPULATION:
                key = rules[search.rng.randrange(len(rules))]
                search.evaluate(biased_sample(c, key, search.rng))
    schedule = None
    if search.best is not None:
        start = dict(zip(c.ids, search.best, strict=True))
        finish = {a: start[a] + d for a, d in zip(c.ids, c.duration, strict=True)}
        schedule = Schedule(start=start, finish=finish)
    return WarmStart(schedule, search.bound, search.used, time.perf_counter() - started)


def plan_warm_start(
    problem: Problem, time_limit: float, share: float, seed: int = 0
) -> WarmStart | None:
    """:func:`warm_start` with a budget in schedules that fits ``share`` of ``time_limit``.

    The budget assumes :data:`PLACEMENTS_PER_SECOND`; the wall-clock cap of the same share
    only binds on a slower (or busy) machine. None when :func:`applies` is false.
    """
    if not applies(problem):
        return None
    n = max(1, len(problem.activities))
    budget = max(1, int(share * time_limit * PLACEMENTS_PER_SECOND / n))
    result = warm_start(problem, budget, share * time_limit, seed)
    if result is not None:
        result.share = share
    return result
