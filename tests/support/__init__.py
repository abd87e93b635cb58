"""Test tooling shared by several test folders and scripts (never imported by planner/)."""
