"""The chunk-size strategies: √n within bounds, fixed, adaptive; all capped by the byte budget."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spacetime_service.adapters.spacetime.chunk_sizers import (
    AdaptiveChunkSizer,
    FixedChunkSizer,
    SqrtChunkSizer,
    chunk_sizer_named,
)
from spacetime_service.domain.memory import MemoryPressure
from tests.fakes.memory import FakeMemoryMonitor

if TYPE_CHECKING:
    from spacetime_service.application.ports.chunk_sizer import ChunkSizer

GIB = 2**30


def sqrt_sizer(budget_bytes: int = GIB) -> SqrtChunkSizer:
    return SqrtChunkSizer(budget_bytes=budget_bytes, min_rows=100, max_rows=100_000)


@pytest.mark.parametrize(
    ("total", "expected"),
    [(0, 100), (9_999, 100), (1_000_000, 1000), (1_002_000, 1000), (10**12, 100_000), (None, 100_000)],
)
def test_sqrt_n_answers_the_square_root_within_bounds(total: int | None, expected: int) -> None:
    assert sqrt_sizer().rows_per_chunk(total, 100) == expected


def test_sqrt_n_never_answers_more_than_the_budget_holds() -> None:
    assert sqrt_sizer(budget_bytes=50_000).rows_per_chunk(10**8, 100) == 500


def test_every_strategy_answers_at_least_one_row_however_large_a_row() -> None:
    monitor = FakeMemoryMonitor()
    monitor.set_pressure(MemoryPressure.CRITICAL)
    sizers: list[ChunkSizer] = [
        sqrt_sizer(10),
        FixedChunkSizer(budget_bytes=10, rows=50),
        AdaptiveChunkSizer(sqrt_sizer(), monitor),
    ]
    assert [sizer.rows_per_chunk(10**6, 10**9) for sizer in sizers] == [1, 1, 1]


@given(
    total=st.integers(0, 10**14) | st.none(), row_bytes=st.integers(1, 10**7), budget=st.integers(1, 2**40)
)
def test_sqrt_n_stays_within_bounds_and_budget(total: int | None, row_bytes: int, budget: int) -> None:
    rows = sqrt_sizer(budget).rows_per_chunk(total, row_bytes)
    assert 1 <= rows <= 100_000
    assert rows == 1 or rows * row_bytes <= budget
    if rows * row_bytes + row_bytes <= budget:  # the budget did not cut it
        assert rows >= 100


def test_fixed_answers_the_same_for_any_input() -> None:
    sizer = FixedChunkSizer(budget_bytes=GIB, rows=777)
    assert {sizer.rows_per_chunk(total, 64) for total in (None, 0, 10, 10**9)} == {777}


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (MemoryPressure.NORMAL, 1000),
        (MemoryPressure.ELEVATED, 500),
        (MemoryPressure.HIGH, 250),
        (MemoryPressure.CRITICAL, 62),
    ],
)
def test_adaptive_shrinks_as_pressure_rises(level: MemoryPressure, expected: int) -> None:
    monitor = FakeMemoryMonitor(limit_bytes=100 * GIB)
    monitor.set_pressure(level)
    assert AdaptiveChunkSizer(sqrt_sizer(), monitor).rows_per_chunk(1_000_000, 100) == expected


def test_adaptive_takes_at_most_an_eighth_of_what_memory_is_left() -> None:
    monitor = FakeMemoryMonitor(used_bytes=920_000, limit_bytes=1_000_000)  # high pressure, 80 000 bytes left
    assert AdaptiveChunkSizer(sqrt_sizer(), monitor).rows_per_chunk(1_000_000, 100) == 100


@pytest.mark.parametrize(
    ("name", "kind"),
    [("sqrt_n", SqrtChunkSizer), ("fixed", FixedChunkSizer), ("adaptive", AdaptiveChunkSizer)],
)
def test_strategies_are_picked_by_name(name: str, kind: type) -> None:
    sizer = chunk_sizer_named(
        name,  # type: ignore[arg-type]  # the names come from validated settings
        budget_bytes=GIB,
        min_rows=10,
        max_rows=1000,
        fixed_rows=5,
        monitor=FakeMemoryMonitor(),
    )
    assert isinstance(sizer, kind)
