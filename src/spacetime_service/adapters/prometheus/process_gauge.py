"""A gauge whose value belongs to one process (its memory, its cache), labelled with the pid.

Under gunicorn each worker holds its own value, and a sum or a maximum over workers would mislead
(one worker near its budget is what trips its breaker); so in multiprocess mode the gauge is
`liveall`, which adds the pid of every live worker (gunicorn's child_exit drops a dead worker's
file). In single-process mode the pid label is set here, so the series look alike either way.
"""

from __future__ import annotations

import os
import threading

from prometheus_client import Gauge

from spacetime_service.adapters.prometheus.multiprocess_mode import multiprocess_dir


class ProcessGauge:
    def __init__(self, name: str, documentation: str) -> None:
        self._name = name
        self._documentation = documentation
        self._lock = threading.Lock()
        self._shared: Gauge | None = None
        self._own: Gauge | None = None
        if multiprocess_dir() is None:
            self._own = Gauge(name, documentation, ("pid",))

    def set(self, value: float) -> None:
        if self._own is not None:
            self._own.labels(str(os.getpid())).set(value)
        else:
            self._shared_gauge().set(value)

    def _shared_gauge(self) -> Gauge:
        # Made at the first value: an unlabelled multiprocess gauge writes 0 to its file when it is
        # made, and a worker that has not measured anything yet would show a memory of 0. The
        # multiprocess collector reads the files, so the gauge needs no registry.
        with self._lock:
            if self._shared is None:
                self._shared = Gauge(
                    self._name, self._documentation, registry=None, multiprocess_mode="liveall"
                )
            return self._shared
