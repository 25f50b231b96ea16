"""Contract: the database engine (one GROUP BY in the store) and the spacetime engine (keyset chunks
grouped by external sort) give identical rows, in identical order, on every store."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.analytics.aggregate_orders import AggregateOrdersCommand, AggregationEngine
from spacetime_service.domain.analytics import (
    AggregateQuery,
    AnalyticsFilter,
    Dimension,
    Metric,
    OrderBy,
)
from spacetime_service.domain.orders import OrderStatus
from tests.contracts.analytics.engines import aggregate_orders, both_engines
from tests.support.analytics_datasets import generated_history

if TYPE_CHECKING:
    from pathlib import Path

    from tests.support.analytics_stores import Store

ALL = tuple(Metric)
QUERIES = [
    AggregateQuery((), ALL),
    AggregateQuery((Dimension.CATEGORY,), ALL),
    AggregateQuery((Dimension.STATUS, Dimension.MONTH), ALL, order_by=OrderBy.parse("-revenue")),
    AggregateQuery(
        (Dimension.WEEK,), (Metric.AVG_UNIT_PRICE, Metric.UNITS), order_by=OrderBy.parse("avg_unit_price")
    ),
    AggregateQuery(
        (Dimension.DAY, Dimension.CATEGORY), (Metric.ORDERS,), order_by=OrderBy.parse("-day"), limit=25
    ),
    AggregateQuery((Dimension.PRODUCT_ID,), ALL, order_by=OrderBy.parse("-unique_customers"), limit=10),
    AggregateQuery(
        (Dimension.CUSTOMER_ID, Dimension.STATUS),
        (Metric.REVENUE,),
        analytics_filter=AnalyticsFilter.for_days(
            date(2025, 4, 1), date(2025, 5, 15), categories=("books", "toys"), statuses=(OrderStatus.PLACED,)
        ),
    ),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: ",".join(query.group_by) or "everything")
def test_both_engines_give_the_same_rows(store: Store, tmp_path: Path, query: AggregateQuery) -> None:
    store.load(generated_history(orders=3_000, customers=400))
    database, spacetime = both_engines(aggregate_orders(store.analytics(), tmp_path / "spill"), query)
    assert database, "the query selected nothing, so it compares nothing"
    assert spacetime == database


def test_many_groups_spill_and_still_agree(store: Store, tmp_path: Path) -> None:
    """50,000 customers, far more groups than the tiny sort budget holds at once."""
    store.load(generated_history(orders=120_000, customers=50_000))
    spill = tmp_path / "spill"
    use_case = aggregate_orders(store.analytics(), spill)
    query = AggregateQuery((Dimension.CUSTOMER_ID,), ALL)

    spacetime = use_case.groups(AggregateOrdersCommand(query, AggregationEngine.SPACETIME))
    first = next(spacetime)
    spilled = [path for path in spill.rglob("*") if path.is_file()]
    rows = [first, *spacetime]
    database = list(use_case.groups(AggregateOrdersCommand(query)))

    assert spilled, "the sort should have spilled runs to disk"
    assert len(database) > 45_000
    assert rows == database
    assert not [path for path in spill.rglob("*") if path.is_file()], "spill files outlived the stream"


def test_ordering_by_a_metric_over_many_groups_agrees(store: Store, tmp_path: Path) -> None:
    store.load(generated_history(orders=40_000, customers=20_000))
    query = AggregateQuery((Dimension.CUSTOMER_ID,), ALL, order_by=OrderBy.parse("-revenue"), limit=5_000)
    database, spacetime = both_engines(aggregate_orders(store.analytics(), tmp_path / "spill"), query)
    assert len(database) == 5_000
    assert spacetime == database
