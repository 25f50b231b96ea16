"""A bulk update held at the start of one of its chunks until the scenario lets it go on."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tests.bdd.service_processes import DEADLINE_SECONDS

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.application.ports.batch_unit_of_work import BatchUnitOfWork


@dataclass
class HeldUnitsOfWork:
    """A factory of batch units of work that holds the `hold_at`-th one, before its transaction begins,
    until the scenario releases it. A bulk update opens one unit of work to count its targets and then
    one per chunk, so `hold_at=4` holds the worker as its third chunk begins."""

    factory: Callable[[], BatchUnitOfWork]
    hold_at: int
    opened: int = 0
    reached: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def __call__(self) -> BatchUnitOfWork:
        self.opened += 1
        if self.opened == self.hold_at:
            self.reached.set()
            self.release.wait(DEADLINE_SECONDS)
        return self.factory()

    def wait_until_held(self) -> None:
        assert self.reached.wait(DEADLINE_SECONDS), "the worker never reached the held chunk"
