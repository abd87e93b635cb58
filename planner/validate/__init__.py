"""The independent checker: is a plan valid for its scenario? It shares no code with the scheduler.

``rules`` holds one method per rule (capacity, roles, dependencies, client steps, promises,
price…); ``calendar`` is its own working-day calendar, written apart from
:mod:`planner.planning.calendar` so a calendar mistake cannot hide itself.
"""

from planner.validate.rules import Violation, assert_valid, validate_plan

__all__ = ["Violation", "assert_valid", "validate_plan"]
