"""The request of a `bulk_update` job: the update's JSON plus `upto_id`, the largest product id at
submission, which freezes the target set (products added later are never touched)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.bulk_updates.request_json import bulk_update_json, parse_bulk_update
from spacetime_service.domain.errors import InvalidInput

if TYPE_CHECKING:
    from collections.abc import Mapping

    from spacetime_service.domain.bulk_updates import BulkUpdate
    from spacetime_service.domain.jobs.json_value import JsonObject, JsonValue


@dataclass(frozen=True, slots=True)
class BulkUpdateJobRequest:
    update: BulkUpdate
    upto_id: int

    def to_json(self) -> JsonObject:
        return {**bulk_update_json(self.update), "upto_id": self.upto_id}

    @classmethod
    def from_json(cls, document: Mapping[str, JsonValue]) -> BulkUpdateJobRequest:
        upto_id = document.get("upto_id")
        if isinstance(upto_id, bool) or not isinstance(upto_id, int) or upto_id < 0:
            raise InvalidInput("upto_id must be a product id", field="upto_id")
        return cls(parse_bulk_update(document), upto_id)
