"""The heartbeat renews leases and tells running attempts about cancels and lost leases."""

from __future__ import annotations

from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.heartbeat import Heartbeat
from tests.support.jobs.engine import LEASE_SECONDS, Engine


def test_a_beat_renews_live_attempts_and_flags_cancelled_and_lost_ones() -> None:
    engine = Engine()
    live, cancelled, lost = (engine.submit("sum_of_squares", {"n": index}) for index in range(3))
    controls = [AttemptControl(job.id, engine.claim("w", job.id).attempt) for job in (live, cancelled, lost)]
    engine.repository.request_cancel(cancelled.id, engine.clock.now())
    engine.clock.advance(LEASE_SECONDS)
    engine.claim("other", lost.id)

    Heartbeat(engine.repository, engine.clock, LEASE_SECONDS).beat(controls)

    renewed = engine.stored(live.id).lease
    assert renewed is not None
    assert renewed.heartbeat_at == engine.clock.now()
    flags = [(control.cancel.is_set(), control.lost.is_set()) for control in controls]
    assert flags == [(False, False), (True, False), (False, True)]
