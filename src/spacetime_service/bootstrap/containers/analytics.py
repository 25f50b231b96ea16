"""Analytics of the order history: the SQL store of aggregates and the four use cases over it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from spacetime_service.adapters.sqlalchemy.analytics.order_analytics import SqlAlchemyOrderAnalytics
from spacetime_service.application.analytics.aggregate_orders import AggregateOrders
from spacetime_service.application.analytics.stream_analytics import StreamAnalytics
from spacetime_service.application.analytics.summary import AnalyticsSummary
from spacetime_service.application.analytics.trends import AnalyticsTrends
from spacetime_service.bootstrap.settings import Settings

if TYPE_CHECKING:
    from spacetime_service.application.ports.clock import Clock


class AnalyticsContainer(containers.DeclarativeContainer):
    """`database` is the DatabaseContainer, `memory` the MemoryContainer (cache, sorter, chunk sizes,
    guard); `clock` is the root's."""

    settings = providers.Dependency(instance_of=Settings)
    database = providers.DependenciesContainer()
    memory = providers.DependenciesContainer()
    clock: providers.Dependency[Clock] = providers.Dependency()

    # A Factory: it holds the engine, which the database container may shut down and start again.
    order_analytics = providers.Factory(
        SqlAlchemyOrderAnalytics, database.engine, fetch_rows=settings.provided.database.fetch_rows
    )

    summary = providers.Factory(AnalyticsSummary, order_analytics, memory.cache, clock)
    trends = providers.Factory(AnalyticsTrends, order_analytics)
    aggregate = providers.Factory(
        AggregateOrders, order_analytics, memory.sorter, memory.chunk_sizer, memory.guard
    )
    stream = providers.Factory(StreamAnalytics, order_analytics, clock)
