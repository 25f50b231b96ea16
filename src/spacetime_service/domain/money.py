"""Money is an exact Decimal with two places; stores keep it as an integer count of cents."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from spacetime_service.domain.errors import InvalidInput

CENT = Decimal("0.01")


def parse_money(value: str | Decimal | int, *, field: str = "price") -> Decimal:
    """An exact amount with at most two decimal places, or InvalidInput."""
    try:
        amount = Decimal(value)
    except (InvalidOperation, ValueError) as error:
        raise InvalidInput(f"{field} must be a decimal number such as 12.50", field=field) from error
    if not amount.is_finite():
        raise InvalidInput(f"{field} must be a finite number", field=field)
    if amount != amount.quantize(CENT):
        raise InvalidInput(f"{field} has more than two decimal places", field=field)
    return amount.quantize(CENT)


def round_money(amount: Decimal) -> Decimal:
    """Rounds to cents the way accountants do (half to even), for computed prices."""
    return amount.quantize(CENT, rounding=ROUND_HALF_EVEN)


def to_cents(amount: Decimal) -> int:
    return int(amount.quantize(CENT) * 100)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)
