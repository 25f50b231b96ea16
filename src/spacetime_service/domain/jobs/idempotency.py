"""Idempotent submission: one owner's key names one request; its hash tells a retry from a different ask."""

from __future__ import annotations

import hashlib

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.jobs.json_value import JsonObject, canonical_json

MAX_KEY_LENGTH = 200


def request_hash(request: JsonObject) -> str:
    """Lower-case hex SHA-256 of the request's canonical JSON (sorted keys, no spaces, UTF-8)."""
    return hashlib.sha256(canonical_json(request)).hexdigest()


def require_idempotency_key(key: str) -> str:
    """A key is 1 to 200 printable ASCII characters without spaces (the Idempotency-Key header's alphabet)."""
    if not 1 <= len(key) <= MAX_KEY_LENGTH or not all("!" <= char <= "~" for char in key):
        raise InvalidInput(
            f"an idempotency key has 1 to {MAX_KEY_LENGTH} printable ASCII characters without spaces",
            field="idempotency_key",
        )
    return key
