"""The two aggregation engines of AggregateOrders over one OrderAnalytics, with a tiny sort budget so
that the spacetime engine spills to disk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.adapters.spacetime.chunk_sizers import SqrtChunkSizer
from spacetime_service.adapters.spacetime.msgpack_external_sorter import MsgpackExternalSorter
from spacetime_service.application.analytics.aggregate_orders import (
    AggregateOrders,
    AggregateOrdersCommand,
    AggregationEngine,
)
from spacetime_service.application.memory.guard import MemoryGuard
from tests.fakes.memory import FakeMemoryMonitor

if TYPE_CHECKING:
    from pathlib import Path

    from spacetime_service.application.ports.order_analytics import GroupRow, OrderAnalytics
    from spacetime_service.domain.analytics import AggregateQuery

# Runs of a few thousand rows: tens of spilled runs for the larger histories.
TINY_SORT_BUDGET = 2 * 1024 * 1024


def aggregate_orders(
    analytics: OrderAnalytics, spill: Path, *, budget_bytes: int = TINY_SORT_BUDGET
) -> AggregateOrders:
    sorter = MsgpackExternalSorter(spill, budget_bytes=budget_bytes)
    chunks = SqrtChunkSizer(budget_bytes=64 * 1024 * 1024, min_rows=10, max_rows=100_000)
    return AggregateOrders(analytics, sorter, chunks, MemoryGuard(FakeMemoryMonitor()))


def both_engines(use_case: AggregateOrders, query: AggregateQuery) -> tuple[list[GroupRow], list[GroupRow]]:
    database = list(use_case.groups(AggregateOrdersCommand(query, AggregationEngine.DATABASE)))
    spacetime = list(use_case.groups(AggregateOrdersCommand(query, AggregationEngine.SPACETIME)))
    return database, spacetime
