"""Steps of features/demo/demo_traffic.feature, through the demo traffic's use case and the live
analytics summary, over the scenario's SQLite database."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import islice
from random import Random
from typing import TYPE_CHECKING

import pytest
from pytest_bdd import parsers, scenarios, then, when
from sqlalchemy import func, select

from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders
from spacetime_service.application.analytics.stream_analytics import StreamAnalyticsCommand
from spacetime_service.application.demo.demo_traffic import DemoTrafficCommand
from tests.bdd.catalog_rows import product_rows

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from spacetime_service.bootstrap.containers.root import RootContainer

scenarios("demo/demo_traffic.feature")


@pytest.fixture
def started() -> datetime:
    return datetime.now(UTC)


@when(parsers.parse("the demo traffic places {count:d} orders"))
def traffic_places(container: RootContainer, started: datetime, count: int) -> None:
    # `started` is asked for here so that its moment is taken before the first order.
    traffic = container.demo.demo_traffic(random=Random(11))
    placed = list(islice(traffic.orders(DemoTrafficCommand(customers=50)), count))
    assert len(placed) == count


@then(parsers.parse("the order history has {count:d} orders placed since the traffic started"))
def history_has(database: Engine, started: datetime, count: int) -> None:
    with database.connect() as connection:
        since = connection.scalar(
            select(func.count()).select_from(orders).where(orders.c.created_at >= started)
        )
    assert since == count


@then("every product still has stock of zero or more")
def stock_not_negative(database: Engine) -> None:
    assert all(int(row["stock"]) >= 0 for row in product_rows(database).values())


@then(parsers.parse("the live summary of the last hour counts {count:d} orders"))
def live_summary(container: RootContainer, count: int) -> None:
    tick = container.analytics.stream().execute(StreamAnalyticsCommand(sequence=1, window_seconds=3600))
    assert tick.summary.orders == count
