"""Reading a Prometheus scrape the way Prometheus does: the text parsed into samples by name and labels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
from prometheus_client.parser import text_string_to_metric_families

if TYPE_CHECKING:
    from collections.abc import Mapping


@dataclass(frozen=True)
class Scrape:
    text: str

    @classmethod
    def of(cls, url: str) -> Scrape:
        response = httpx.get(url, timeout=30)
        assert response.status_code == 200, response.text
        return cls(response.text)

    def value(self, name: str, labels: Mapping[str, str] | None = None) -> float:
        """The sample's value; 0 when the scrape has no such sample (a counter not yet incremented)."""
        wanted = dict(labels or {})
        for family in text_string_to_metric_families(self.text):
            for sample in family.samples:
                if sample.name == name and all(sample.labels.get(k) == v for k, v in wanted.items()):
                    return float(sample.value)
        return 0.0

    def samples(self, name: str) -> list[tuple[dict[str, str], float]]:
        return [
            (dict(sample.labels), float(sample.value))
            for family in text_string_to_metric_families(self.text)
            for sample in family.samples
            if sample.name == name
        ]

    def families(self) -> dict[str, tuple[str, list[str]]]:
        """Each family's type and the names of its samples, by family name."""
        return {
            family.name: (family.type, sorted({sample.name for sample in family.samples}))
            for family in text_string_to_metric_families(self.text)
        }
