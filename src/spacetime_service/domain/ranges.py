"""Checks shared by every filter that takes a range: its ends are in order, each value fits the column
it is compared with, and times are aware."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput

if TYPE_CHECKING:
    from datetime import datetime
    from decimal import Decimal

# Ids are signed 64-bit BIGINTs in both databases: a larger number can name no row, and no driver can
# send it, so it is refused as input instead of reaching SQL.
MAX_ID = 2**63 - 1


def require_between(value: int | None, low: int, high: int, *, field: str) -> None:
    """None (no condition) or an integer within [low, high]; else InvalidInput naming `field`."""
    if value is not None and not low <= value <= high:
        raise InvalidInput(f"{field} must be between {low} and {high}", field=field)


def require_ordered(
    low: int | Decimal | None, high: int | Decimal | None, *, low_name: str, high_name: str
) -> None:
    """An open-ended range is always valid; a closed one needs `low <= high` (InvalidInput naming low)."""
    if low is not None and high is not None and low > high:
        raise InvalidInput(f"{low_name} is greater than {high_name}", field=low_name)


def require_period(
    created_from: datetime | None,
    created_to: datetime | None,
    *,
    detail: str = "created_from must be before created_to",
    field: str = "created_from",
) -> None:
    """A half-open period [created_from, created_to): each given end carries a timezone (a naive time
    means nothing in a service that stores UTC), and a closed period is not empty."""
    for name, moment in (("created_from", created_from), ("created_to", created_to)):
        if moment is not None and moment.tzinfo is None:
            raise InvalidInput(f"{name} must carry a timezone", field=name)
    if created_from is not None and created_to is not None and created_from >= created_to:
        raise InvalidInput(detail, field=field)
