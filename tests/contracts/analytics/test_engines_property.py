"""Property: on any small history and any allowed query, the spacetime engine equals the database
engine (the fake's and SQLite's GROUP BY)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.domain.analytics import AggregateQuery, Dimension, Metric, OrderBy
from tests.contracts.analytics.engines import aggregate_orders, both_engines
from tests.support.analytics_datasets import generated_history
from tests.support.analytics_stores import FakeStore, SqlStore


@st.composite
def queries(draw: st.DrawFn) -> AggregateQuery:
    group_by = tuple(draw(st.lists(st.sampled_from(Dimension), unique=True, max_size=3)))
    metrics = tuple(draw(st.lists(st.sampled_from(Metric), unique=True, min_size=1, max_size=5)))
    field = draw(st.none() | st.sampled_from([*group_by, *metrics]))
    order_by = None if field is None else OrderBy(field, descending=draw(st.booleans()))
    limit = draw(st.none() | st.integers(min_value=1, max_value=50))
    return AggregateQuery(group_by, metrics, order_by=order_by, limit=limit)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=queries(), orders=st.integers(min_value=0, max_value=300), seed=st.integers(0, 1000))
def test_spacetime_equals_database_on_the_fake_and_sqlite(
    query: AggregateQuery, orders: int, seed: int
) -> None:
    history = generated_history(orders=orders, customers=30, products=7, seed=seed)
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'analytics.db'}"
        upgrade_to_head(url)
        engine = create_database_engine(url)
        try:
            for store in (FakeStore(), SqlStore(engine)):
                store.load(history)
                database, spacetime = both_engines(
                    aggregate_orders(store.analytics(), Path(scratch) / "spill", budget_bytes=4096), query
                )
                assert spacetime == database
        finally:
            engine.dispose()
