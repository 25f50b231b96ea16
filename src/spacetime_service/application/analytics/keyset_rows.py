"""Every matching order's grouping fields, read by keyset in chunks of about √n rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from spacetime_service.application.ports.chunk_sizer import ChunkSizer
    from spacetime_service.application.ports.order_analytics import GroupingRow, OrderAnalytics
    from spacetime_service.domain.analytics import AnalyticsFilter, Dimension

# What one GroupingRow takes in memory, roughly: the object, its key tuple and a few small values.
GROUPING_ROW_BYTES = 240


def keyset_grouping_rows(
    analytics: OrderAnalytics,
    chunk_sizer: ChunkSizer,
    analytics_filter: AnalyticsFilter,
    dimensions: Sequence[Dimension],
) -> Iterator[GroupingRow]:
    """In id order; each chunk starts after the last id of the one before (`WHERE id > :last ORDER BY
    id LIMIT :n`), so a chunk costs the same however deep it is, and only one is held at a time. The
    chunk size is asked once the count of matching orders is known, and again after every chunk, so
    that an adaptive strategy can shrink it as pressure rises."""
    total = analytics.count(analytics_filter)
    after_id = 0
    while True:
        limit = chunk_sizer.rows_per_chunk(total, GROUPING_ROW_BYTES)
        chunk = analytics.grouping_rows(analytics_filter, dimensions, after_id=after_id, limit=limit)
        yield from chunk
        if len(chunk) < limit:
            return
        after_id = chunk[-1].id
