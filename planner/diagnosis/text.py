"""Words for a client meeting: dates, money and hours written the same way everywhere."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

CURRENCY_SYMBOLS: dict[str, str] = {"EUR": "€", "USD": "$", "GBP": "£"}


def day_text(day: date) -> str:
    """``2027-03-17`` → ``"17 Mar 2027"``."""
    return f"{day.day} {day:%b %Y}"


def money_text(amount: float, currency: str) -> str:
    """``42345.0, "EUR"`` → ``"€42,345"``; unknown codes go after the number."""
    sign = "-" if amount < 0 else ""
    figure = f"{abs(amount):,.0f}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{sign}{symbol}{figure}" if symbol else f"{sign}{figure} {currency}"


def hours_text(minutes: int | float) -> str:
    """Minutes as hours: ``2400`` → ``"40 h"``, ``270`` → ``"4.5 h"``, ``100`` → ``"1.67 h"``."""
    hours = minutes / 60
    if abs(hours - round(hours)) < 1e-9:
        return f"{round(hours):,} h"
    text = f"{hours:,.2f}".rstrip("0").rstrip(".")
    return f"{text} h"


def days_text(days: int) -> str:
    """``1`` → ``"1 working day"``, ``4`` → ``"4 working days"``."""
    return f"{days} working day" + ("" if days == 1 else "s")


def listing(items: Sequence[str]) -> str:
    """``["a", "b", "c"]`` → ``"a, b and c"``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def capitalised(text: str) -> str:
    """The text with a capital first letter (task ids often start lower case)."""
    return text[:1].upper() + text[1:]
