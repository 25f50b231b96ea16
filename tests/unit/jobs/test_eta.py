"""ETA maths: a time-weighted exponential moving average of throughput."""

from __future__ import annotations

import pytest

from spacetime_service.domain.jobs.eta import ThroughputEstimate
from spacetime_service.domain.jobs.progress import Progress
from tests.support.jobs.builders import at


def test_there_is_no_eta_until_a_rate_is_known() -> None:
    estimate = ThroughputEstimate(half_life_seconds=10).observe(0, at(0))

    assert estimate.rate is None
    assert estimate.eta_seconds(Progress(0, 100)) is None


def test_the_first_rate_is_the_first_sample() -> None:
    estimate = ThroughputEstimate(half_life_seconds=10).observe(0, at(0)).observe(50, at(10))

    assert estimate.rate == pytest.approx(5.0)
    assert estimate.eta_seconds(Progress(50, 100)) == pytest.approx(10.0)


def test_a_sample_covering_one_half_life_moves_the_rate_half_way() -> None:
    estimate = ThroughputEstimate(half_life_seconds=10).observe(0, at(0)).observe(100, at(10))

    slower = estimate.observe(120, at(20))  # 2 units/s for one half-life, after 10 units/s

    assert slower.rate == pytest.approx(6.0)
    assert slower.eta_seconds(Progress(120, 180)) == pytest.approx(10.0)


def test_a_short_sample_moves_the_rate_less_than_a_long_one() -> None:
    base = ThroughputEstimate(half_life_seconds=10).observe(0, at(0)).observe(100, at(10))

    short = base.observe(102, at(11))
    weight = 1 - 0.5 ** (1 / 10)

    assert short.rate == pytest.approx(10 + weight * (2 - 10))


def test_no_elapsed_time_teaches_nothing_but_keeps_the_units_for_later() -> None:
    base = ThroughputEstimate(half_life_seconds=10).observe(0, at(0))

    same_moment = base.observe(40, at(0))
    later = same_moment.observe(60, at(10))

    assert same_moment == base
    assert later.rate == pytest.approx(6.0)


def test_a_count_that_goes_back_restarts_the_baseline() -> None:
    estimate = ThroughputEstimate(half_life_seconds=10).observe(0, at(0)).observe(100, at(10))

    restarted = estimate.observe(10, at(11))

    assert (restarted.rate, restarted.last_done, restarted.last_at) == (10.0, 10, at(11))


def test_the_eta_is_zero_when_done_and_unknown_without_a_total() -> None:
    estimate = ThroughputEstimate(half_life_seconds=10).observe(0, at(0)).observe(10, at(1))

    assert estimate.eta_seconds(Progress(10, 10)) == 0.0
    assert estimate.eta_seconds(Progress(10)) is None


def test_a_stalled_job_has_no_eta() -> None:
    estimate = ThroughputEstimate(half_life_seconds=10).observe(5, at(0)).observe(5, at(10))

    assert estimate.rate == 0.0
    assert estimate.eta_seconds(Progress(5, 10)) is None
