"""Column types that keep the domain's exact values: money as integer cents, time as UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, DateTime, Dialect, Integer
from sqlalchemy.types import TypeDecorator

from spacetime_service.domain.money import from_cents, to_cents

# SQLite makes only an INTEGER PRIMARY KEY an alias of the rowid (fast and auto-incrementing).
Identifier = BigInteger().with_variant(Integer, "sqlite")


class Money(TypeDecorator[Decimal]):
    """A Decimal amount stored as a BIGINT count of cents: exact on every database, and summable."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:  # noqa: ARG002
        return None if value is None else to_cents(value)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:  # noqa: ARG002
        return None if value is None else from_cents(value)


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out. PostgreSQL keeps `timestamptz`; SQLite keeps naive
    UTC text in SQLAlchemy's fixed-width format (`YYYY-MM-DD HH:MM:SS.ffffff`), so text order is time
    order."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a timezone-aware one is required")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:  # noqa: ARG002
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
