"""Steps of features/analytics/aggregate_orders.feature: grouped figures from either engine, through
the use case."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import orjson
import pytest
from dependency_injector import providers
from pytest_bdd import given, parsers, scenarios, then, when

from spacetime_service.application.analytics.aggregate_orders import AggregateOrdersCommand, AggregationEngine
from spacetime_service.domain.analytics import AggregateQuery, Dimension, Metric, OrderBy, parse_name
from spacetime_service.domain.errors import Unavailable
from spacetime_service.domain.memory import MemoryPressure
from tests.fakes.memory import FakeMemoryMonitor

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer
    from tests.bdd.refusal import Refusal

scenarios("analytics/aggregate_orders.feature")

# The lines each engine answered, by engine name.
Aggregated = dict[str, list[dict[str, object]]]


@pytest.fixture
def aggregated() -> Aggregated:
    return {}


@given("memory pressure is critical")
def critical_memory(container: RootContainer) -> None:
    monitor = FakeMemoryMonitor()
    monitor.set_pressure(MemoryPressure.CRITICAL)
    container.memory.monitor.override(providers.Object(monitor))


def _aggregate(
    container: RootContainer,
    refusal: Refusal,
    aggregated: Aggregated,
    name: str,
    engine: str,
    order_by: str | None = None,
    limit: int | None = None,
) -> None:
    """Orders and revenue by the dimension `name`; the lines are kept under the engine's name."""
    with refusal.recorded():
        query = AggregateQuery(
            (parse_name(Dimension, name, field="group_by"),),
            (Metric.ORDERS, Metric.REVENUE),
            order_by=None if order_by is None else OrderBy.parse(order_by),
            limit=limit,
        )
        stream = container.analytics.aggregate().execute(
            AggregateOrdersCommand(query, AggregationEngine(engine))
        )
        aggregated[engine] = [orjson.loads(line) for line in b"".join(stream.chunks).splitlines()]


@when(parsers.parse('I aggregate orders by "{name}" with the "{engine}" engine'))
def aggregate_with(
    container: RootContainer, refusal: Refusal, aggregated: Aggregated, name: str, engine: str
) -> None:
    _aggregate(container, refusal, aggregated, name, engine)


@when(parsers.parse('I aggregate orders by "{name}"'))
def aggregate_by(container: RootContainer, refusal: Refusal, aggregated: Aggregated, name: str) -> None:
    _aggregate(container, refusal, aggregated, name, "database")


@when(parsers.parse('I aggregate orders by "{name}" ordered by "{order_by}" with a limit of {limit:d}'))
def aggregate_ordered(
    container: RootContainer, refusal: Refusal, aggregated: Aggregated, name: str, order_by: str, limit: int
) -> None:
    _aggregate(container, refusal, aggregated, name, "database", order_by, limit)


@then("both engines gave the same lines")
def same_lines(aggregated: Aggregated) -> None:
    assert aggregated["database"] == aggregated["spacetime"]


@then(parsers.parse("the order counts add up to {total:d}"))
def counts_add_up(aggregated: Aggregated, total: int) -> None:
    assert sum(int(str(line["orders"])) for line in aggregated["database"]) == total


@then(parsers.parse("I get {count:d} lines"))
def line_count(aggregated: Aggregated, count: int) -> None:
    assert len(aggregated["database"]) == count


@then("the revenues never increase")
def revenues_descending(aggregated: Aggregated) -> None:
    revenues = [Decimal(str(line["revenue"])) for line in aggregated["database"]]
    assert revenues == sorted(revenues, reverse=True)


@then("the request is refused as unavailable")
def refused_unavailable(refusal: Refusal) -> None:
    assert isinstance(refusal.error, Unavailable), refusal.error
