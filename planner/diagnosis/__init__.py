"""Building blocks of :mod:`planner.diagnosis.diagnose` and :mod:`planner.diagnosis.levers`.

* :mod:`~planner.diagnosis.text` — dates, money and hours for client-meeting sentences;
* :mod:`~planner.diagnosis.chain` — how long the dependency chains take with unlimited people;
* :mod:`~planner.diagnosis.capacity` — hours needed against hours free in a window, and what
  took the missing hours (holidays, time off, other commitments);
* :mod:`~planner.diagnosis.sentences` — the causes in words for a client meeting;
* :mod:`~planner.diagnosis.changes` — the changes a lever can make and how they are applied;
* :mod:`~planner.diagnosis.search` — the search for the cheapest set of changes;
* :mod:`~planner.diagnosis.reverse` — earliest dates and the largest scope within budget;
* :mod:`~planner.diagnosis.explanation` — all of it together, as ``planner explain`` shows it.
"""
