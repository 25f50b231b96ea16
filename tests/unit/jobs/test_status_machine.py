"""Every transition of the status machine, allowed or refused, and the pure record changes."""

from __future__ import annotations

import itertools

import pytest

from spacetime_service.domain.jobs import transitions
from spacetime_service.domain.jobs.errors import IllegalTransition, LeaseLost
from spacetime_service.domain.jobs.outcome import JobOutcome
from spacetime_service.domain.jobs.status import JobStatus, can_transition, require_transition, sources_of
from tests.support.jobs.builders import at, new_job

S = JobStatus
ALLOWED = {
    (S.QUEUED, S.RUNNING),
    (S.QUEUED, S.CANCELLED),
    (S.RUNNING, S.RUNNING),
    (S.RUNNING, S.CANCELLING),
    (S.RUNNING, S.SUCCEEDED),
    (S.RUNNING, S.FAILED),
    (S.RUNNING, S.QUEUED),
    (S.CANCELLING, S.CANCELLING),
    (S.CANCELLING, S.CANCELLED),
    (S.CANCELLING, S.SUCCEEDED),
    (S.CANCELLING, S.FAILED),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(S, S)))
def test_exactly_the_listed_transitions_are_allowed(current: JobStatus, target: JobStatus) -> None:
    allowed = (current, target) in ALLOWED

    assert can_transition(current, target) is allowed
    if allowed:
        require_transition(current, target)
    else:
        with pytest.raises(IllegalTransition):
            require_transition(current, target)


def test_terminal_statuses_lead_nowhere_and_only_leased_ones_hold_a_lease() -> None:
    assert {status for status in S if status.is_terminal} == {S.CANCELLED, S.SUCCEEDED, S.FAILED}
    assert {status for status in S if status.is_leased} == {S.RUNNING, S.CANCELLING}
    assert sources_of(S.CANCELLED) == {S.QUEUED, S.CANCELLING}
    assert sources_of(S.SUCCEEDED) == {S.RUNNING, S.CANCELLING}


def test_a_finish_the_machine_forbids_is_refused_even_for_the_lease_holder() -> None:
    running = transitions.claimed(new_job(0).to_job(), "w", at(1), 60)

    with pytest.raises(IllegalTransition):
        transitions.finished(running, 1, JobOutcome.cancelled(), at(2))


def test_a_live_lease_or_a_finished_job_cannot_be_claimed() -> None:
    running = transitions.claimed(new_job(0).to_job(), "w", at(1), 60)
    ended = transitions.finished(running, 1, JobOutcome.failed("x"), at(2))

    with pytest.raises(IllegalTransition):
        transitions.claimed(running, "other", at(60), 60)
    with pytest.raises(IllegalTransition):
        transitions.claimed(ended, "other", at(999), 60)
    assert transitions.claimed(running, "other", at(61), 60).attempt == 2


def test_every_fenced_change_refuses_an_older_attempt() -> None:
    first = transitions.claimed(new_job(0).to_job(), "a", at(1), 60)
    second = transitions.claimed(first, "b", at(61), 60)

    with pytest.raises(LeaseLost):
        transitions.heartbeat_extended(second, 1, at(62), 60)
    with pytest.raises(LeaseLost):
        transitions.finished(second, 1, JobOutcome.succeeded(), at(62))
    with pytest.raises(LeaseLost):
        transitions.released(second, 1, at(62))


def test_cancel_ends_a_queued_job_and_asks_a_running_one_to_stop() -> None:
    queued = new_job(0).to_job()
    running = transitions.claimed(queued, "w", at(1), 60)

    assert transitions.cancel_requested(queued, at(2)).status is S.CANCELLED
    assert transitions.cancel_requested(running, at(2)).status is S.CANCELLING
    cancelling = transitions.cancel_requested(running, at(2))
    assert transitions.cancel_requested(cancelling, at(3)) is cancelling
