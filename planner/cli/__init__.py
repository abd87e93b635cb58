"""The ``planner`` command: a thin shell over the library (``main``), its argument checks
(``args``), Ctrl-C handling (``interrupt``) and the commands of the client mode, the portfolio
store and the risk simulation (``client``, ``store``, ``risk``)."""

from planner.cli.commands import main

__all__ = ["main"]
