"""Steps of features/analytics: the use cases driven through the container over a SQLite file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import orjson
import pytest
from dependency_injector import providers
from pytest_bdd import given, parsers, scenarios, then, when

from spacetime_service.application.analytics.aggregate_orders import AggregateOrdersCommand, AggregationEngine
from spacetime_service.application.analytics.summary import AnalyticsSummaryCommand
from spacetime_service.domain.analytics import AggregateQuery, Dimension, Metric, OrderBy, parse_name
from spacetime_service.domain.errors import DomainError, Unavailable
from spacetime_service.domain.memory import MemoryPressure
from tests.bdd.catalog_world import World
from tests.contracts.analytics.conftest import SqlStore
from tests.contracts.analytics.datasets import generated_history
from tests.fakes.memory import FakeMemoryMonitor

scenarios("analytics")


@dataclass
class Answers:
    lines: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    cached: list[bool] = field(default_factory=list)
    summary: dict[str, int] = field(default_factory=dict)
    customers_who_ordered: int = 0


@pytest.fixture
def answers() -> Answers:
    return Answers()


@given(parsers.parse("an order history of {orders:d} orders from {customers:d} customers"))
def an_order_history(world: World, answers: Answers, orders: int, customers: int) -> None:
    history = generated_history(orders=orders, customers=customers)
    SqlStore(world.engine).load(history)
    # Customers are drawn at random, so a few of them may not have ordered at all.
    answers.customers_who_ordered = len({order.customer_id for order in history.orders})


@given("memory pressure is critical")
def critical_memory(world: World) -> None:
    monitor = FakeMemoryMonitor()
    monitor.set_pressure(MemoryPressure.CRITICAL)
    world.container.memory.monitor.override(providers.Object(monitor))


def _aggregate(world: World, answers: Answers, query_of: Callable[[], AggregateQuery], engine: str) -> None:
    try:
        query = query_of()
        command = AggregateOrdersCommand(query, AggregationEngine(engine))
        stream = world.container.analytics.aggregate().execute(command)
        answers.lines[engine] = [orjson.loads(line) for line in b"".join(stream.chunks).splitlines()]
    except DomainError as error:
        world.error = error


def _by(name: str) -> AggregateQuery:
    return AggregateQuery((parse_name(Dimension, name, field="group_by"),), (Metric.ORDERS, Metric.REVENUE))


@when(parsers.parse('I aggregate orders by "{name}" with the "{engine}" engine'))
def aggregate_with(world: World, answers: Answers, name: str, engine: str) -> None:
    _aggregate(world, answers, lambda: _by(name), engine)


@when(parsers.parse('I aggregate orders by "{name}"'))
def aggregate_by(world: World, answers: Answers, name: str) -> None:
    _aggregate(world, answers, lambda: _by(name), "database")


@when(parsers.parse('I aggregate orders by "{name}" ordered by "{order_by}" with a limit of {limit:d}'))
def aggregate_ordered(world: World, answers: Answers, name: str, order_by: str, limit: int) -> None:
    query = AggregateQuery(
        (Dimension(name),), (Metric.ORDERS, Metric.REVENUE), order_by=OrderBy.parse(order_by), limit=limit
    )
    _aggregate(world, answers, lambda: query, "database")


@then("both engines gave the same lines")
def same_lines(answers: Answers) -> None:
    assert answers.lines["database"] == answers.lines["spacetime"]


@then(parsers.parse("the order counts add up to {total:d}"))
def counts_add_up(answers: Answers, total: int) -> None:
    assert sum(int(str(line["orders"])) for line in answers.lines["database"]) == total


@then(parsers.parse("I get {count:d} lines"))
def line_count(answers: Answers, count: int) -> None:
    assert len(answers.lines["database"]) == count


@then("the revenues never increase")
def revenues_descending(answers: Answers) -> None:
    revenues = [Decimal(str(line["revenue"])) for line in answers.lines["database"]]
    assert revenues == sorted(revenues, reverse=True)


@then("the request is refused as unavailable")
def refused_unavailable(world: World) -> None:
    assert isinstance(world.error, Unavailable)


@when("I ask for the summary")
def ask_summary(world: World, answers: Answers) -> None:
    result = world.container.analytics.summary().execute(AnalyticsSummaryCommand())
    answers.cached.append(result.cached)
    answers.summary = {"orders": result.summary.orders, "customers": result.summary.unique_customers}


@then(parsers.parse("it counts {orders:d} orders and every customer who ordered once"))
def summary_counts(answers: Answers, orders: int) -> None:
    assert answers.summary == {"orders": orders, "customers": answers.customers_who_ordered}
    assert answers.customers_who_ordered > 250


@then("asking again is answered from the cache")
def answered_from_cache(world: World, answers: Answers) -> None:
    ask_summary(world, answers)
    assert answers.cached == [False, True]
