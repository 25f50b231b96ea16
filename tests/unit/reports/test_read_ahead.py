"""Reads ahead of a report's writes: in order, errors where they belong, nothing left running."""

from __future__ import annotations

import threading
from contextlib import closing

import pytest

from spacetime_service.application.reports.read_ahead import read_ahead


@pytest.mark.parametrize("depth", [1, 2, 5])
def test_every_item_comes_with_its_read_in_order(depth: int) -> None:
    assert list(read_ahead(range(20), lambda n: n * n, depth)) == [(n, n * n) for n in range(20)]


def test_reads_run_side_by_side() -> None:
    both_started = threading.Barrier(2, timeout=10)

    def read(item: int) -> int:
        if item < 2:
            both_started.wait()  # only returns when the two first reads run at once
        return item

    assert [item for item, _ in read_ahead(range(4), read, depth=2)] == [0, 1, 2, 3]


def test_a_failed_read_is_raised_when_its_item_comes_up() -> None:
    def read(item: int) -> int:
        if item == 3:
            raise ValueError("chunk 3")
        return item

    reads = read_ahead(range(10), read, depth=2)
    seen = [next(reads)[0] for _ in range(3)]

    with pytest.raises(ValueError, match="chunk 3"):
        next(reads)
    assert seen == [0, 1, 2]


def test_closing_early_waits_for_the_running_reads_and_starts_no_more() -> None:
    started: list[int] = []

    def read(item: int) -> int:
        started.append(item)
        return item

    with closing(read_ahead(range(100), read, depth=3)) as reads:
        assert next(reads) == (0, 0)

    assert not [thread for thread in threading.enumerate() if thread.name.startswith("report-read")]
    assert len(started) <= 4  # the one consumed, and at most depth more
