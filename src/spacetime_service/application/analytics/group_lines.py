"""Aggregate rows as NDJSON: one object per group, dimensions then metrics, money as "12.34"."""

from __future__ import annotations

from collections.abc import Iterator

import orjson

from spacetime_service.application.encoding.wire import wire_money
from spacetime_service.application.ports.order_analytics import GroupRow
from spacetime_service.domain.analytics import AggregateQuery, Metric, MetricValue
from spacetime_service.domain.money import from_cents

CHUNK_BYTES = 64 * 1024

WireMetric = int | str | None


def wire_metric(metric: Metric, value: MetricValue) -> WireMetric:
    """Money metrics (held in cents) as exact text; counts as numbers; None stays null."""
    if value is None or not metric.is_money:
        return value
    return wire_money(from_cents(value))


def group_line(row: GroupRow, query: AggregateQuery) -> bytes:
    fields: dict[str, WireMetric] = {
        dimension.value: value for dimension, value in zip(query.group_by, row.key, strict=True)
    }
    for metric, value in zip(query.metrics, row.values, strict=True):
        fields[metric.value] = wire_metric(metric, value)
    return orjson.dumps(fields) + b"\n"


def ndjson_chunks(rows: Iterator[GroupRow], query: AggregateQuery) -> Iterator[bytes]:
    """Lines gathered into chunks of about CHUNK_BYTES; closing this closes `rows`."""
    try:
        pending: list[bytes] = []
        size = 0
        for row in rows:
            line = group_line(row, query)
            pending.append(line)
            size += len(line)
            if size >= CHUNK_BYTES:
                yield b"".join(pending)
                pending, size = [], 0
        if pending:
            yield b"".join(pending)
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()
