"""Contract of ExternalSorter: the same order as sorted() under the promised total order, and the
same groups as itertools.groupby, whether everything fits in memory or spills in many runs."""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacetime_service.adapters.spacetime.msgpack_external_sorter import MsgpackExternalSorter
from spacetime_service.adapters.spacetime.record_order import order_key
from spacetime_service.application.ports.external_sorter import ExternalSorter

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

# A budget this small gives runs of a few rows and merges two runs at a time, in many passes.
TINY_BUDGET = 4096

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=8)
)
keys = scalars | st.tuples(scalars, scalars)
records = st.lists(st.tuples(keys, st.integers(0, 10**6)), max_size=300)


@pytest.fixture(
    scope="module",
    params=[("none", TINY_BUDGET), ("gzip", TINY_BUDGET), ("gzip", 64 * 2**20)],
    ids=["plain-spilling", "gzip-spilling", "gzip-in-memory"],
)
def sorter(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ExternalSorter]:
    storage = tmp_path_factory.mktemp("spill")
    compression, budget = request.param
    yield MsgpackExternalSorter(storage, compression=compression, budget_bytes=budget)
    assert list(storage.iterdir()) == []


def first(record: tuple[Any, int]) -> Any:
    return record[0]


def exactly(values: list[Any]) -> str:
    """Compares NaN equal to NaN and tells 1 from 1.0 and True: repr shows exactly what came back."""
    return repr(values)


def expected_sort(data: list[Any], key: Callable[[Any], Any] | None, reverse: bool = False) -> list[Any]:
    return sorted(data, key=lambda record: order_key(record if key is None else key(record)), reverse=reverse)


def test_is_an_external_sorter(sorter: ExternalSorter) -> None:
    assert isinstance(sorter, ExternalSorter)


@settings(max_examples=150, deadline=None)
@given(data=records, reverse=st.booleans())
def test_sort_by_key_is_sorted_stable_and_total(
    sorter: ExternalSorter, data: list[Any], reverse: bool
) -> None:
    with sorter.sort(iter(data), key=first, reverse=reverse) as result:
        assert exactly(list(result)) == exactly(expected_sort(data, first, reverse))


@settings(max_examples=100, deadline=None)
@given(data=st.lists(keys, max_size=300))
def test_sort_of_whole_records(sorter: ExternalSorter, data: list[Any]) -> None:
    with sorter.sort(data) as result:
        assert exactly(list(result)) == exactly(expected_sort(data, None))


@settings(max_examples=100, deadline=None)
@given(data=st.lists(st.integers(-50, 50), max_size=400) | st.lists(st.text("ab", max_size=3), max_size=400))
def test_sort_of_one_plain_kind_matches_sorted(sorter: ExternalSorter, data: list[Any]) -> None:
    with sorter.sort(iter(data)) as result:
        assert list(result) == sorted(data)


@settings(max_examples=100, deadline=None)
@given(data=records)
def test_group_by_matches_groupby_over_sorted(sorter: ExternalSorter, data: list[Any]) -> None:
    def group_key(record: tuple[Any, int]) -> Any:
        return order_key(record[0])

    expected = [
        (group[0][0], group)
        for group in (
            list(members) for _, members in itertools.groupby(expected_sort(data, first), key=group_key)
        )
    ]
    with sorter.group_by(iter(data), key=first, reducer=list) as groups:
        assert exactly(list(groups)) == exactly(expected)


def test_group_by_streams_each_group_to_the_reducer(sorter: ExternalSorter) -> None:
    data = [(None, 1), ("b", 2), (float("nan"), 3), (1, 4), (True, 5), (1.0, 6), (float("nan"), 7), (None, 8)]
    with sorter.group_by(data, key=first, reducer=lambda group: [n for _, n in group]) as groups:
        result = list(groups)
    assert exactly(result) == exactly([(None, [1, 8]), (1, [4, 5, 6]), (math.nan, [3, 7]), ("b", [2])])


@pytest.mark.parametrize("size", [0, 1, 2])
def test_tiny_inputs(sorter: ExternalSorter, size: int) -> None:
    with sorter.sort(iter(range(size, 0, -1))) as result:
        assert list(result) == list(range(1, size + 1))


def test_organ_pipe_data(sorter: ExternalSorter) -> None:
    data = [*range(5000), *range(5000, -1, -1)]
    with sorter.sort(data) as result:
        assert list(result) == sorted(data)


def test_nan_among_floats(sorter: ExternalSorter) -> None:
    data = [float(x % 97) if x % 13 else math.nan for x in range(3000)]
    with sorter.sort(data) as result:
        got = list(result)
    numbers = sorted(x for x in data if not math.isnan(x))
    assert got[: len(numbers)] == numbers
    assert len(got) == len(data)
    assert all(map(math.isnan, got[len(numbers) :]))


def test_a_million_records(tmp_path: Path) -> None:
    data = [(i * 7919) % 1_000_003 for i in range(1_000_000)]
    sorter = MsgpackExternalSorter(tmp_path, compression="gzip", budget_bytes=8 * 2**20)
    with sorter.sort(iter(data)) as result:
        assert list(result) == sorted(data)


def test_an_unorderable_key_is_refused(sorter: ExternalSorter) -> None:
    records: list[Any] = [(object(), 1), (object(), 2)]
    with pytest.raises(TypeError, match="sort key"), sorter.sort(records, key=first) as out:
        list(out)


def test_runs_of_plain_keys_merge_with_runs_of_mixed_keys(sorter: ExternalSorter) -> None:
    data: list[Any] = [*range(3000, 0, -1), None, "z", 2.5, math.nan, *map(str, range(500)), *range(-5, 5)]
    with sorter.sort(iter(data)) as result:
        assert exactly(list(result)) == exactly(expected_sort(data, None))
