"""Money is an exact Decimal with two places; stores keep it as an integer count of cents."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from spacetime_service.domain.errors import InvalidInput

CENT = Decimal("0.01")
# The largest amount the service takes (prices and price filters). Stores keep cents in a signed 64-bit
# BIGINT, and a bulk update multiplies those cents by a factor of up to 1000 kept in millionths
# (10**9 at most): 10**9 cents times 10**9 still fits 2**63 - 1, so no amount in range can overflow.
MAX_MONEY = Decimal("10000000.00")


def parse_money(value: str | Decimal | int, *, field: str = "price") -> Decimal:
    """An exact amount with at most two decimal places and at most MAX_MONEY either way, or InvalidInput."""
    try:
        amount = Decimal(value)
    except (InvalidOperation, ValueError) as error:
        raise InvalidInput(f"{field} must be a decimal number such as 12.50", field=field) from error
    if not amount.is_finite():
        raise InvalidInput(f"{field} must be a finite number", field=field)
    if abs(amount) > MAX_MONEY:
        raise InvalidInput(f"{field} must lie between -{MAX_MONEY} and {MAX_MONEY}", field=field)
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
