"""Realistic generated scenarios for tests and benchmarks: an agency (``scenario``), its briefs
(``brief``) from a catalogue of deliverables (``catalog``)."""

from planner.generate.scenario import generate_agency

__all__ = ["generate_agency"]
