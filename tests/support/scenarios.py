"""Small scenarios shared by several test folders, each built to make one thing happen."""

from __future__ import annotations

from datetime import date

from planner.model import Dependency, Scenario, Task
from tests.conftest import tiny_scenario


def chain_scenario() -> Scenario:
    """Dana (7.5 h/day) does 15 h, the client reviews for 3 days, Dana does 7.5 h more.

    Mon 1 – Tue 2 Mar: draft (2 agency days); Wed 3 – Fri 5: review (3 client days);
    Mon 8: final (1 agency day) → 6 working days; the promise (Fri 5 Mar) allows 5.
    """
    return tiny_scenario(
        tasks=(
            Task("draft", role="designer", hours=15),
            Task("review", client_days=3, after=(Dependency("draft"),)),
            Task(
                "final",
                role="designer",
                hours=7.5,
                after=(Dependency("review"),),
                due=date(2027, 3, 5),
            ),
        )
    )
