"""A gauge whose value belongs to one process (its memory, its cache), labelled with the pid.

Under gunicorn each worker holds its own value, and a sum or a maximum over workers would mislead
(one worker near its budget is what trips its breaker); so in multiprocess mode the gauge is
`liveall`, which adds the pid of every live worker (gunicorn's child_exit drops a dead worker's
file). In single-process mode the pid label is set here, so the series look alike either way.
"""

from __future__ import annotations

import os

from prometheus_client import Gauge

from spacetime_service.adapters.prometheus.multiprocess_mode import multiprocess_dir


class ProcessGauge:
    def __init__(self, name: str, documentation: str) -> None:
        self._shared = multiprocess_dir() is not None
        labels = () if self._shared else ("pid",)
        self._gauge = Gauge(name, documentation, labels, multiprocess_mode="liveall")

    def set(self, value: float) -> None:
        if self._shared:
            self._gauge.set(value)
        else:
            self._gauge.labels(str(os.getpid())).set(value)
