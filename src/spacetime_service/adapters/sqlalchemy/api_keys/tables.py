"""The API-key table, on the catalog's `metadata`: one row per key, with the SHA-256 of its secret.

Scopes are kept as their names, space-separated and sorted: they are read whole with the key and never
queried inside.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, String, Table, Text

from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import metadata
from spacetime_service.adapters.sqlalchemy.schema.column_types import UtcDateTime
from spacetime_service.domain.api_keys import MAX_OWNER_LENGTH

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("owner", String(MAX_OWNER_LENGTH), nullable=False),
    Column("scopes", Text, nullable=False),
    Column("secret_hash", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=True),
    Column("last_used_at", UtcDateTime, nullable=True),
    Column("revoked_at", UtcDateTime, nullable=True),
)
# Listings go oldest first by (created_at, id), often for one owner.
Index(None, api_keys.c.created_at, api_keys.c.id)
Index(None, api_keys.c.owner, api_keys.c.created_at, api_keys.c.id)
