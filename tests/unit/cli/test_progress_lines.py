"""Plain progress lines: one per state and per tenth of the total, or every few seconds without a
total, never one per update; the clock is a counter the test moves."""

from __future__ import annotations

import io

from spacetime_service.entrypoints.cli.progress_lines import EVERY_SECONDS, ProgressLines
from spacetime_service.entrypoints.cli.progress_text import BYTES, amount_text, size_text


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_known_total_gives_a_line_per_tenth_and_the_final_state_once() -> None:
    stream = io.StringIO()
    lines = ProgressLines(stream, "seed", "rows", total=1000, clock=Clock())

    for done in range(0, 1001, 10):
        lines.update(done)
    lines.close(finished=True)

    printed = stream.getvalue().splitlines()
    assert printed[0] == "seed: 0/1,000 rows (0%)"
    assert printed[1] == "seed: 100/1,000 rows (10%)"
    assert printed[-1] == "seed: 1,000/1,000 rows (100%)"
    assert len(printed) == 11


def test_a_new_state_is_a_line_of_its_own_and_a_detail_is_not() -> None:
    stream = io.StringIO()
    lines = ProgressLines(stream, "report r1", "days", total=100, clock=Clock())

    lines.update(0, note="queued")
    lines.update(1, note="running", detail="a")
    lines.update(2, note="running", detail="b")
    lines.update(3, note="succeeded")

    assert stream.getvalue().splitlines() == [
        "report r1: 0/100 days (0%)  queued",
        "report r1: 1/100 days (1%)  a  running",
        "report r1: 3/100 days (3%)  succeeded",
    ]


def test_without_a_total_a_line_comes_every_few_seconds_and_at_the_end() -> None:
    stream = io.StringIO()
    clock = Clock()
    lines = ProgressLines(stream, "orders export", "lines", clock=clock)

    lines.update(10, detail=size_text(100))
    lines.update(20, detail=size_text(200))
    clock.now = EVERY_SECONDS
    lines.update(30, detail=size_text(300))
    lines.update(40, detail=size_text(4096))
    lines.close(finished=True)

    assert stream.getvalue().splitlines() == [
        "orders export: 10 lines  100 B",
        "orders export: 30 lines  300 B",
        "orders export: 40 lines  4.0 KiB",
    ]


def test_amounts_of_bytes_read_in_binary_units() -> None:
    assert amount_text(3 * 1024**2 // 2, 4 * 1024**2, BYTES) == "1.5 MiB/4.0 MiB (37%)"
    assert amount_text(0, 0, "days") == "0/0 days (100%)"


def test_after_a_failure_no_final_line_comes_before_the_error() -> None:
    stream = io.StringIO()
    lines = ProgressLines(stream, "orders export", "lines", clock=Clock())

    lines.update(10)
    lines.update(20)
    lines.close(finished=False)

    assert stream.getvalue().splitlines() == ["orders export: 10 lines"]
