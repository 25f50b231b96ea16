"""What every runner's worker side shares: the attempts it runs, and one heartbeat thread for them all.

The heartbeat thread renews, every `heartbeat_seconds`, the lease of each attempt running at that moment
(see `Heartbeat`). A failed beat is logged and retried at the next one: the lease outlasts several.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

import structlog

from spacetime_service.application.jobs.heartbeat import Heartbeat
from spacetime_service.application.jobs.untraced import untraced

if TYPE_CHECKING:
    from spacetime_service.application.jobs.attempt_control import AttemptControl
    from spacetime_service.application.jobs.executor import JobExecutor
    from spacetime_service.application.jobs.runner_settings import RunnerSettings
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.job_repository import JobRepository

_log = structlog.get_logger(__name__)


class AttemptHost(ABC):
    """Holds the repository, executor, clock and settings its attempts run with; `_heartbeat_loop` is
    the body of the heartbeat thread, which runs until `_heartbeat_stop` is set."""

    def __init__(
        self, repository: JobRepository, executor: JobExecutor, clock: Clock, settings: RunnerSettings
    ) -> None:
        self._repository = repository
        self._executor = executor
        self._clock = clock
        self._settings = settings
        self._heartbeat = Heartbeat(repository, clock, settings.lease_seconds)
        self._heartbeat_stop = threading.Event()

    @abstractmethod
    def _running_controls(self) -> list[AttemptControl]:
        """The controls of the attempts running now (a snapshot taken under the host's lock)."""

    def _heartbeat_loop(self) -> None:
        while not self._heartbeat_stop.wait(self._settings.heartbeat_seconds):
            controls = self._running_controls()
            try:
                with untraced():
                    self._heartbeat.beat(controls)
            except Exception:  # noqa: BLE001 - a missed beat is retried; the lease outlasts several
                _log.exception("jobs.heartbeat_failed")
