"""Same seed, same figures, on every engine: in-process, local processes and Dask."""

from __future__ import annotations

import numpy as np
import pytest

from planner.io import load_scenario
from planner.risk import ClusterError, optimise, run_risk, sweep
from planner.risk import engine as engine_module
from tests.conftest import DATA_DIR

TUNDRA = DATA_DIR / "tundra-product-launch.yaml"


@pytest.fixture(scope="module")
def tundra():
    scenario = load_scenario(TUNDRA)
    return scenario, optimise(scenario)


def local_cluster(distributed, workers: int):
    """A small Dask cluster of worker processes on 127.0.0.1, no dashboards."""
    return distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
    )


def _figures(risk) -> tuple:
    return (risk.to_dict()["promises"], risk.to_dict()["budget"], risk.prices.tolist())


def test_same_seed_same_figures_different_seed_different_prices(tundra) -> None:
    scenario, optimised = tundra
    first = run_risk(scenario, 300, seed=4, workers=1, optimised=optimised)
    again = run_risk(scenario, 300, seed=4, workers=1, optimised=optimised)
    other = run_risk(scenario, 300, seed=5, workers=1, optimised=optimised)
    assert _figures(first) == _figures(again)
    assert not np.array_equal(first.prices, other.prices)


def test_local_processes_give_the_in_process_figures(tundra) -> None:
    scenario, optimised = tundra
    alone = run_risk(scenario, 350, seed=2, workers=1, optimised=optimised)
    pooled = run_risk(scenario, 350, seed=2, workers=2, optimised=optimised)
    assert (alone.engine, pooled.engine) == ("in-process", "local processes")
    assert _figures(alone) == _figures(pooled)


def test_progress_is_reported_per_chunk_up_to_the_total(tundra) -> None:
    scenario, optimised = tundra
    seen: list[tuple[int, int]] = []
    run_risk(
        scenario,
        250,
        seed=0,
        workers=1,
        optimised=optimised,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(100, 250), (200, 250), (250, 250)]


def test_dask_cluster_gives_the_same_figures(tundra) -> None:
    distributed = pytest.importorskip("distributed")
    scenario, optimised = tundra
    local = run_risk(scenario, 400, seed=9, workers=1, optimised=optimised)
    with local_cluster(distributed, workers=2) as cluster:
        seen: list[int] = []
        remote = run_risk(
            scenario,
            400,
            seed=9,
            scheduler=cluster.scheduler_address,
            optimised=optimised,
            progress=lambda done, total: seen.append(done),
        )
    assert remote.engine == "dask"
    assert _figures(remote) == _figures(local)
    assert sorted(seen) == seen and seen[-1] == 400


def test_an_unreachable_cluster_is_a_clear_error(tundra, monkeypatch, unused_port) -> None:
    scenario, optimised = tundra
    monkeypatch.setattr(engine_module, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        run_risk(scenario, 10, scheduler=f"tcp://127.0.0.1:{unused_port}", optimised=optimised)


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_sweep_on_dask_gives_each_scenario_its_own_figures(tundra) -> None:
    distributed = pytest.importorskip("distributed")
    scenario, optimised = tundra
    lumo = load_scenario(DATA_DIR / "lumo-spring-campaign.yaml")
    lumo_plan = optimise(lumo)
    alone = [
        run_risk(s, 300, seed=1, workers=1, optimised=o)
        for s, o in ((scenario, optimised), (lumo, lumo_plan))
    ]
    with local_cluster(distributed, workers=1) as cluster:
        swept = sweep(
            [scenario, lumo],
            300,
            seed=1,
            scheduler=cluster.scheduler_address,
            optimised=[optimised, lumo_plan],
        )
    assert [_figures(r) for r in swept] == [_figures(r) for r in alone]
