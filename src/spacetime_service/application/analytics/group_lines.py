"""Aggregate rows as NDJSON: one object per group, dimensions then metrics, money as "12.34"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.encoding.reference_encoder import chunk_lines, ndjson_line
from spacetime_service.application.encoding.table_encoding import DEFAULT_CHUNK_BYTES
from spacetime_service.application.encoding.wire import WireValue, wire_money
from spacetime_service.domain.money import from_cents

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.ports.order_analytics import GroupRow
    from spacetime_service.domain.analytics import AggregateQuery, Metric, MetricValue


def wire_metric(metric: Metric, value: MetricValue) -> WireValue:
    """Money metrics (held in cents) as exact text; counts as numbers; None stays null."""
    if value is None or not metric.is_money:
        return value
    return wire_money(from_cents(value))


def group_line(row: GroupRow, query: AggregateQuery) -> bytes:
    fields: dict[str, WireValue] = {
        dimension.value: value for dimension, value in zip(query.group_by, row.key, strict=True)
    }
    for metric, value in zip(query.metrics, row.values, strict=True):
        fields[metric.value] = wire_metric(metric, value)
    return ndjson_line(fields)


def ndjson_chunks(rows: Iterator[GroupRow], query: AggregateQuery) -> Iterator[bytes]:
    """Lines gathered into chunks of about 64 KiB, as every stream of the service; closing this
    closes `rows` (so a client that goes away releases the database cursor at once)."""
    try:
        yield from chunk_lines((group_line(row, query) for row in rows), DEFAULT_CHUNK_BYTES)
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()
