"""Spill files and bytes on disk, read at scrape time: the directory is the host's, not the process's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.ports.spill_usage import SpillUsage


class SpillCollector(Collector):
    def __init__(self, usage: SpillUsage) -> None:
        self._usage = usage

    def collect(self) -> Iterator[GaugeMetricFamily]:
        usage = self._usage.usage()
        yield GaugeMetricFamily("spacetime_spill_files", "Spill files on disk now", value=usage.files)
        yield GaugeMetricFamily(
            "spacetime_spill_bytes", "Bytes of spill files on disk now", value=usage.bytes
        )
