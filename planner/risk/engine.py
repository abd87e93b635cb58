"""Where the samples run: in this process, in local worker processes, or on a Dask cluster.

Every engine runs the same chunks (:func:`planner.risk.retime.simulate_chunk`) with the same
per-chunk random streams, so the figures do not depend on the engine or the number of
workers. Dask distributed is imported only when a cluster address is given.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed

from planner.risk.frame import RetimeFrame
from planner.risk.retime import ChunkResult, chunk_sizes, simulate_chunk

Progress = Callable[[int, int], None]
"""Called with (samples done, samples in all) after each finished chunk."""

SERIAL, PROCESSES, DASK = "in-process", "local processes", "dask"

PARALLEL_FROM = 10_000
"""Below this many samples local runs stay in this process: starting worker processes costs
more than the samples (1,000 samples of the Tundra sample take well under a second, see
docs/benchmarks.md)."""


CONNECT_TIMEOUT = "10s"
"""How long to try reaching a Dask scheduler before giving up."""


class ClusterError(RuntimeError):
    """The Dask scheduler at the given address could not be reached or used."""


def default_workers() -> int:
    """Worker processes by default: the CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def run_chunks(
    frame: RetimeFrame,
    samples: int,
    seed: int,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> tuple[list[ChunkResult], str]:
    """Simulate ``samples`` samples of one plan in chunks on the chosen engine.

    Parameters
    ----------
    frame
        The optimised plan's frame.
    samples
        Number of samples (at least 1).
    seed
        The run's seed.
    scheduler
        Address of a Dask scheduler (``tcp://host:8786``); ``None`` runs locally.
    workers
        Local worker processes (default: the CPUs available from :data:`PARALLEL_FROM`
        samples on, else 1); 1 runs in this process.
    progress
        Called after each chunk with (samples done, samples in all).

    Returns
    -------
    tuple
        The chunk results in chunk order and the engine's name.

    Raises
    ------
    ClusterError
        When the Dask scheduler cannot be reached.
    """
    (chunks,), engine = run_many(
        [frame], samples, seed, scheduler=scheduler, workers=workers, progress=progress
    )
    return chunks, engine


def run_many(
    frames: list[RetimeFrame],
    samples: int,
    seed: int,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> tuple[list[list[ChunkResult]], str]:
    """Simulate ``samples`` samples of each of several plans (a sweep) on one engine.

    All chunks of all plans go to the same pool or cluster at once; each plan's chunks use
    the same random streams as a run of that plan alone. Parameters as :func:`run_chunks`
    (``samples`` per plan; progress counts the samples of all plans).

    Returns
    -------
    tuple
        Per plan its chunk results in chunk order, and the engine's name.
    """
    jobs = [
        (run, k, size) for run in range(len(frames)) for k, size in enumerate(chunk_sizes(samples))
    ]
    total = samples * len(frames)
    if workers is None:
        workers = default_workers() if total >= PARALLEL_FROM else 1
    workers = max(1, workers)
    if scheduler:
        results, engine = _on_dask(frames, seed, jobs, scheduler), DASK
    elif workers == 1 or len(jobs) == 1:
        results = (simulate_chunk(frames[run], seed, k, size, run) for run, k, size in jobs)
        engine = SERIAL
    else:
        results, engine = _in_processes(frames, seed, jobs, workers), PROCESSES
    done = _collect(results, total, progress)
    return [[c for c in done if c.run == run] for run in range(len(frames))], engine


def _collect(
    results: Iterable[ChunkResult], samples: int, progress: Progress | None
) -> list[ChunkResult]:
    done: list[ChunkResult] = []
    count = 0
    for result in results:
        done.append(result)
        count += len(result.prices)
        if progress is not None:
            progress(count, samples)
    return sorted(done, key=lambda result: (result.run, result.index))


def _in_processes(
    frames: list[RetimeFrame], seed: int, jobs: list[tuple[int, int, int]], workers: int
) -> Iterator[ChunkResult]:
    # fork is fast, but unsafe in a process that runs other threads (e.g. a Streamlit server)
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        futures = [
            pool.submit(simulate_chunk, frames[run], seed, k, size, run) for run, k, size in jobs
        ]
        for future in as_completed(futures):
            yield future.result()


def _on_dask(
    frames: list[RetimeFrame], seed: int, jobs: list[tuple[int, int, int]], address: str
) -> Iterator[ChunkResult]:
    from distributed import Client
    from distributed import as_completed as dask_completed

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    with client:
        shared = [client.scatter(frame, broadcast=True) for frame in frames]
        futures = [
            client.submit(simulate_chunk, shared[run], seed, k, size, run, pure=False)
            for run, k, size in jobs
        ]
        for future in dask_completed(futures, loop=client.loop):
            yield future.result()
