"""How the CLI writes amounts of work: counts with thousands separators, bytes in binary units."""

from __future__ import annotations

BYTES = "bytes"
_BINARY_UNITS = ("B", "KiB", "MiB", "GiB", "TiB")


def amount_text(done: int, total: int | None, unit: str) -> str:
    """`1,200/5,000 rows (24%)`, `1,200 rows` without a total, `1.5 MiB/4.0 MiB (37%)` for bytes."""
    shown = size_text if unit == BYTES else _count_text
    if total is None:
        return f"{shown(done)}{_unit_suffix(unit)}"
    percent = 100 if total == 0 else min(100, done * 100 // total)
    return f"{shown(done)}/{shown(total)}{_unit_suffix(unit)} ({percent}%)"


def size_text(size: int) -> str:
    """`512 B`, `1.5 MiB`: one decimal from KiB up."""
    value = float(size)
    for name in _BINARY_UNITS:
        if value < 1024 or name == _BINARY_UNITS[-1]:
            return f"{size} B" if name == "B" else f"{value:.1f} {name}"
        value /= 1024
    raise AssertionError("unreachable")


def _count_text(count: int) -> str:
    return f"{count:,}"


def _unit_suffix(unit: str) -> str:
    return "" if unit in ("", BYTES) else f" {unit}"
