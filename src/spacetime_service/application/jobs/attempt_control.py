"""Flags shared between the thread running one attempt and the threads that watch it."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class AttemptControl:
    """`lost`: a write or heartbeat was refused (fenced). `cancel`: a cancel was seen on the record.
    `suspend`: the runner is shutting down. The handler sees them at its next report."""

    job_id: str
    attempt: int
    lost: threading.Event = field(default_factory=threading.Event)
    cancel: threading.Event = field(default_factory=threading.Event)
    suspend: threading.Event = field(default_factory=threading.Event)
