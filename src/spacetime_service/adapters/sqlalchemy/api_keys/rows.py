"""API keys to rows and back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacetime_service.domain.api_keys import ApiKey, StoredApiKey
from spacetime_service.domain.identity import Scope

if TYPE_CHECKING:
    from sqlalchemy import Row

_KNOWN = {scope.value for scope in Scope}


def row_of_key(stored: StoredApiKey) -> dict[str, Any]:
    key = stored.key
    return {
        "id": key.id,
        "owner": key.owner,
        "scopes": " ".join(sorted(key.scopes)),
        "secret_hash": stored.secret_hash,
        "created_at": key.created_at,
        "expires_at": key.expires_at,
        "last_used_at": key.last_used_at,
        "revoked_at": key.revoked_at,
    }


def key_of_row(row: Row[Any]) -> ApiKey:
    return ApiKey(
        id=row.id,
        owner=row.owner,
        # A scope that a later version no longer knows is dropped rather than failing every use.
        scopes=frozenset(Scope(name) for name in row.scopes.split() if name in _KNOWN),
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )


def stored_key_of_row(row: Row[Any]) -> StoredApiKey:
    return StoredApiKey(key_of_row(row), row.secret_hash)
