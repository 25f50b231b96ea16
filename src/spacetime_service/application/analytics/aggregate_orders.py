"""Use case: grouped figures of the order history, streamed as NDJSON."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from spacetime_service.application.analytics.group_lines import ndjson_chunks
from spacetime_service.application.analytics.keyset_rows import keyset_grouping_rows
from spacetime_service.application.analytics.spill_aggregation import spill_aggregate
from spacetime_service.application.encoding.encoded_stream import EncodedStream
from spacetime_service.application.encoding.media_types import NDJSON_MEDIA_TYPE

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.memory.guard import MemoryGuard
    from spacetime_service.application.ports.chunk_sizer import ChunkSizer
    from spacetime_service.application.ports.external_sorter import ExternalSorter
    from spacetime_service.application.ports.order_analytics import GroupRow, OrderAnalytics
    from spacetime_service.domain.analytics import AggregateQuery


class AggregationEngine(StrEnum):
    DATABASE = "database"  # one GROUP BY in the store
    SPACETIME = "spacetime"  # keyset chunks grouped here by external sort, in bounded memory


@dataclass(frozen=True, slots=True)
class AggregateOrdersCommand:
    query: AggregateQuery
    engine: AggregationEngine = AggregationEngine.DATABASE


class AggregateOrders:
    """One NDJSON line per group of the query, in its order. Both engines give the same lines for the
    same data: the database engine lets the store group; the spacetime engine reads the orders in
    keyset chunks of about √n rows and groups them through the external sorter, so its memory stays
    bounded whatever the number of groups. Being heavy, the spacetime engine is refused (Unavailable)
    while the memory circuit breaker is open; the query is checked before the first byte."""

    def __init__(
        self, analytics: OrderAnalytics, sorter: ExternalSorter, chunk_sizer: ChunkSizer, guard: MemoryGuard
    ) -> None:
        self._analytics = analytics
        self._sorter = sorter
        self._chunk_sizer = chunk_sizer
        self._guard = guard

    def execute(self, command: AggregateOrdersCommand) -> EncodedStream:
        return EncodedStream(
            media_type=NDJSON_MEDIA_TYPE,
            filename="aggregate.ndjson",
            chunks=ndjson_chunks(self.groups(command), command.query),
        )

    def groups(self, command: AggregateOrdersCommand) -> Iterator[GroupRow]:
        """The rows themselves, for callers that want objects rather than bytes; the breaker is asked
        here, before anything is read."""
        query = command.query
        if command.engine is AggregationEngine.DATABASE:
            return self._analytics.aggregate(query)
        self._guard.admit_heavy_job()
        rows = keyset_grouping_rows(
            self._analytics, self._chunk_sizer, query.analytics_filter, query.group_by
        )
        return spill_aggregate(rows, query, self._sorter)
