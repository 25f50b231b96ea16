"""What the last restart of the service did."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Restarts:
    """The jobs that the last process to start handed to its runner."""

    resumed: tuple[str, ...] = ()
