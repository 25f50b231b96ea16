"""TrainingDataSource contract: the in-memory fake, SQLite and PostgreSQL give the same chunks, windows,
ids and records."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine

from spacetime_service.adapters.sqlalchemy.ml import training_rows
from spacetime_service.adapters.sqlalchemy.ml.training_rows import SqlAlchemyTrainingDataSource
from spacetime_service.application.ports.training_data import IdWindow
from spacetime_service.domain.ml.fields import INPUT_FIELDS, RecordSource
from spacetime_service.domain.ml.specs import DataRange
from tests.fakes.ml_training_data import InMemoryTrainingData
from tests.support import servers
from tests.support.ml.history_tables import fill
from tests.support.ml.synthetic_orders import history

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from spacetime_service.application.ports.training_data import TrainingDataSource
    from spacetime_service.domain.ml.records import RecordChunk

HISTORY = history(products=25, orders=700, seed=3)
EVERYTHING = DataRange()
ORDER_FIELDS = tuple(sorted(INPUT_FIELDS))


@pytest.fixture
def own_postgres_url() -> Iterator[str]:
    """A database of this test's own: other suites share the session's database."""
    yield from servers.fresh_postgres_database()


@pytest.fixture(params=["fake", "sqlite", "postgres"])
def source(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TrainingDataSource]:
    if request.param == "fake":
        yield InMemoryTrainingData(HISTORY.order_records(), HISTORY.product_records())
        return
    url = f"sqlite:///{tmp_path / 'orders.db'}"
    if request.param == "postgres":
        url = request.getfixturevalue("own_postgres_url")
    engine = create_engine(url)
    fill(engine, HISTORY)
    yield SqlAlchemyTrainingDataSource(engine)
    engine.dispose()


def _all(chunks: Iterator[RecordChunk]) -> list[RecordChunk]:
    return list(chunks)


def test_the_upper_id_and_count_cover_the_range(source: TrainingDataSource) -> None:
    assert source.upper_id(RecordSource.ORDERS, EVERYTHING) == 700
    assert source.lower_id(RecordSource.ORDERS, EVERYTHING) == 1
    assert source.count(RecordSource.ORDERS, EVERYTHING, 700) == 700
    assert source.count(RecordSource.ORDERS, EVERYTHING, 350) == 350
    assert source.upper_id(RecordSource.PRODUCTS, EVERYTHING) == 25


def test_chunks_are_keyset_pages_of_typed_records(source: TrainingDataSource) -> None:
    chunks = _all(
        source.chunks(RecordSource.ORDERS, EVERYTHING, ORDER_FIELDS, after_id=0, upper_id=700, chunk_rows=300)
    )
    assert [len(chunk) for chunk in chunks] == [300, 300, 100]
    ids = [i for chunk in chunks for i in chunk.ids]
    assert ids == list(range(1, 701))
    expected = HISTORY.order_records()
    got = [
        {"id": i, **{f: chunk.columns[f][n] for f in ORDER_FIELDS}}
        for chunk in chunks
        for n, i in enumerate(chunk.ids)
    ]
    assert got == expected


def test_reading_resumes_strictly_after_an_id_and_stops_at_the_upper_id(source: TrainingDataSource) -> None:
    chunks = _all(
        source.chunks(
            RecordSource.ORDERS, EVERYTHING, ("quantity",), after_id=250, upper_id=420, chunk_rows=100
        )
    )
    assert [chunk.ids[0] for chunk in chunks] == [251, 351]
    assert chunks[-1].last_id == 420
    assert (
        _all(
            source.chunks(
                RecordSource.ORDERS, EVERYTHING, ("quantity",), after_id=700, upper_id=700, chunk_rows=100
            )
        )
        == []
    )


def test_a_date_range_selects_by_creation_time(source: TrainingDataSource) -> None:
    june = DataRange(datetime(2024, 6, 1, tzinfo=UTC), datetime(2024, 7, 1, tzinfo=UTC))
    expected = [o.id for o in HISTORY.orders if june.created_from <= o.created_at < june.created_to]  # type: ignore[operator]
    upper = source.upper_id(RecordSource.ORDERS, june)
    assert upper == expected[-1]
    assert source.lower_id(RecordSource.ORDERS, june) == expected[0]
    chunks = _all(
        source.chunks(RecordSource.ORDERS, june, ("created_at",), after_id=0, upper_id=upper, chunk_rows=1000)
    )
    assert [i for chunk in chunks for i in chunk.ids] == expected
    assert source.count(RecordSource.ORDERS, june, upper) == len(expected)


def test_products_are_a_source_of_their_own(source: TrainingDataSource) -> None:
    fields = ("category", "product_id", "product_price", "product_stock")
    chunks = _all(
        source.chunks(RecordSource.PRODUCTS, EVERYTHING, fields, after_id=0, upper_id=25, chunk_rows=10)
    )
    assert [len(chunk) for chunk in chunks] == [10, 10, 5]
    first = HISTORY.product_records()[0]
    assert {f: chunks[0].columns[f][0] for f in fields} == {f: first[f] for f in fields}


def _records(chunk: RecordChunk, fields: tuple[str, ...]) -> list[dict[str, object]]:
    return [{"id": i, **{f: chunk.columns[f][n] for f in fields}} for n, i in enumerate(chunk.ids)]


def test_windows_are_the_first_records_of_each_window_in_one_chunk(source: TrainingDataSource) -> None:
    windows = [IdWindow(0, 100, 30), IdWindow(100, 250, 200), IdWindow(260, 262, 9), IdWindow(690, 900, 5)]
    chunk = source.windows(RecordSource.ORDERS, EVERYTHING, ORDER_FIELDS, windows)
    assert list(chunk.ids) == [*range(1, 31), *range(101, 251), 261, 262, *range(691, 696)]
    by_id = {record["id"]: record for record in HISTORY.order_records()}
    assert _records(chunk, ORDER_FIELDS) == [by_id[i] for i in chunk.ids]
    empty = source.windows(RecordSource.ORDERS, EVERYTHING, ("quantity",), [IdWindow(700, 800, 10)])
    assert (list(empty.ids), list(empty.columns["quantity"])) == ([], [])


def test_windows_keep_to_the_date_range(source: TrainingDataSource) -> None:
    june = DataRange(datetime(2024, 6, 1, tzinfo=UTC), datetime(2024, 7, 1, tzinfo=UTC))
    expected = [o.id for o in HISTORY.orders if june.created_from <= o.created_at < june.created_to]  # type: ignore[operator]
    chunk = source.windows(RecordSource.ORDERS, june, ("created_at",), [IdWindow(0, 700, 700)])
    assert list(chunk.ids) == expected


def test_ids_are_a_keyset_page_of_the_range(source: TrainingDataSource) -> None:
    assert list(source.ids(RecordSource.ORDERS, EVERYTHING, after_id=250, upper_id=420, limit=100)) == list(
        range(251, 351)
    )
    assert list(source.ids(RecordSource.ORDERS, EVERYTHING, after_id=400, upper_id=420, limit=100)) == list(
        range(401, 421)
    )
    assert list(source.ids(RecordSource.ORDERS, EVERYTHING, after_id=700, upper_id=700, limit=100)) == []
    june = DataRange(datetime(2024, 6, 1, tzinfo=UTC), datetime(2024, 7, 1, tzinfo=UTC))
    expected = [o.id for o in HISTORY.orders if june.created_from <= o.created_at < june.created_to]  # type: ignore[operator]
    assert list(source.ids(RecordSource.ORDERS, june, after_id=0, upper_id=700, limit=1000)) == expected


def test_records_are_read_by_id_in_id_order(
    source: TrainingDataSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(training_rows, "_IDS_PER_READ", 64)  # several IN lists for the databases
    chosen = list(range(3, 701, 3))
    chunk = source.records(RecordSource.ORDERS, ORDER_FIELDS, chosen)
    assert list(chunk.ids) == chosen
    by_id = {record["id"]: record for record in HISTORY.order_records()}
    assert _records(chunk, ORDER_FIELDS) == [by_id[i] for i in chosen]
    products = source.records(RecordSource.PRODUCTS, ("category",), [2, 5])
    assert list(products.ids) == [2, 5]
    assert list(products.columns["category"]) == [HISTORY.product_records()[i]["category"] for i in (1, 4)]
