"""The request of a `product_import` job: which staged upload to import, how many rows it holds and
the digest of its bytes (which tells a repeated upload from a different one)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput

if TYPE_CHECKING:
    from collections.abc import Mapping

    from spacetime_service.domain.jobs.json_value import JsonObject, JsonValue

_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class ProductImportJobRequest:
    upload_id: str
    rows: int
    sha256: str
    format: str

    def to_json(self) -> JsonObject:
        return {"upload_id": self.upload_id, "rows": self.rows, "sha256": self.sha256, "format": self.format}

    @classmethod
    def from_json(cls, document: Mapping[str, JsonValue]) -> ProductImportJobRequest:
        upload_id, rows = document.get("upload_id"), document.get("rows")
        sha256, wire_format = document.get("sha256"), document.get("format")
        if not isinstance(upload_id, str) or not upload_id:
            raise InvalidInput("upload_id must name a staged upload", field="upload_id")
        if isinstance(rows, bool) or not isinstance(rows, int) or rows < 0:
            raise InvalidInput("rows must be a count", field="rows")
        if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
            raise InvalidInput("sha256 must be a lower-case hex SHA-256", field="sha256")
        if wire_format not in ("csv", "ndjson"):
            raise InvalidInput("format is csv or ndjson", field="format")
        return cls(upload_id, rows, sha256, str(wire_format))

    def same_upload(self, other: ProductImportJobRequest) -> bool:
        """Whether both name the same rows (whatever their staged files are called)."""
        return (self.rows, self.sha256, self.format) == (other.rows, other.sha256, other.format)
