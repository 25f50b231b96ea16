"""Flags shared between the thread running one attempt and the threads that watch it."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


class _Flag(threading.Event):
    """An Event that also sets its attempt's `changed` event, so one wait sees any of the flags."""

    def __init__(self, changed: threading.Event) -> None:
        super().__init__()
        self._changed = changed

    def set(self) -> None:
        super().set()
        self._changed.set()


@dataclass(frozen=True, slots=True)
class AttemptControl:
    """`lost`: a write or heartbeat was refused (fenced). `cancel`: a cancel was seen on the record.
    `suspend`: the runner is shutting down. The handler sees them at its next report; an attempt
    waiting before a retry (`pause`) wakes as soon as any of them is set."""

    job_id: str
    attempt: int
    changed: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)
    lost: threading.Event = field(init=False, repr=False, compare=False)
    cancel: threading.Event = field(init=False, repr=False, compare=False)
    suspend: threading.Event = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("lost", "cancel", "suspend"):
            object.__setattr__(self, name, _Flag(self.changed))

    @property
    def stopping(self) -> bool:
        """Whether the attempt must stop: its lease was lost, or it was cancelled or suspended."""
        return self.lost.is_set() or self.cancel.is_set() or self.suspend.is_set()

    def pause(self, seconds: float) -> None:
        """Waits `seconds`, or less when the attempt is told to stop meanwhile."""
        if not self.stopping:
            self.changed.wait(seconds)
