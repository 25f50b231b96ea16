"""An API key as clients and operators see it: its record, never its secret or the secret's hash."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.encoding.wire import wire_time

if TYPE_CHECKING:
    from datetime import datetime

    from spacetime_service.domain.api_keys import ApiKey


def api_key_view(key: ApiKey) -> dict[str, object]:
    """`{id, owner, scopes, created_at, last_used_at, expires_at, revoked_at}`; times in ISO 8601 UTC
    (whole seconds) or null, scopes sorted."""
    return {
        "id": key.id,
        "owner": key.owner,
        "scopes": sorted(key.scopes),
        "created_at": wire_time(key.created_at),
        "last_used_at": _time(key.last_used_at),
        "expires_at": _time(key.expires_at),
        "revoked_at": _time(key.revoked_at),
    }


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else wire_time(moment)
