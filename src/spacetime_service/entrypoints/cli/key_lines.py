"""How `spacetime keys list` prints keys for people: a table, one row per key, with its state now."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from spacetime_service.domain.api_keys import ApiKey

COLUMNS = ("ID", "OWNER", "STATE", "CREATED", "LAST USED", "EXPIRES", "SCOPES")


def key_table(keys: Sequence[ApiKey], now: datetime) -> list[str]:
    rows = [COLUMNS, *(_row(key, now) for key in keys)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(COLUMNS) - 1)]
    return [
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]])
        for row in rows
    ]


def _row(key: ApiKey, now: datetime) -> tuple[str, ...]:
    return (
        key.id,
        key.owner,
        _state(key, now),
        _moment(key.created_at),
        _moment(key.last_used_at),
        _moment(key.expires_at),
        ",".join(sorted(key.scopes)),
    )


def _state(key: ApiKey, now: datetime) -> str:
    if key.revoked_at is not None:
        return "revoked"
    if key.expires_at is not None and now >= key.expires_at:
        return "expired"
    return "active"


def _moment(moment: datetime | None) -> str:
    return "-" if moment is None else moment.strftime("%Y-%m-%d %H:%M")
