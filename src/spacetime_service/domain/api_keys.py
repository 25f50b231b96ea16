"""API keys of service accounts: who a key speaks for, what it may do, and when it stops working.

A key is refused from the moment it is revoked or expires. Its last use is recorded to the minute, no
finer, so that a key behind a busy client does not turn every request into a write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput

if TYPE_CHECKING:
    from spacetime_service.domain.identity import Scope

MAX_OWNER_LENGTH = 200
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A key's record; its secret is never part of it (only the store keeps a hash of that)."""

    id: str
    owner: str
    scopes: frozenset[Scope]
    created_at: datetime
    expires_at: datetime | None = None
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.owner.strip() or len(self.owner) > MAX_OWNER_LENGTH:
            raise InvalidInput(f"an owner has 1 to {MAX_OWNER_LENGTH} characters", field="owner")
        if not self.scopes:
            raise InvalidInput("a key needs at least one scope", field="scopes")
        if self.expires_at is not None and self.expires_at <= self.created_at:
            raise InvalidInput("a key must expire after it is created", field="expires_at")

    def refusal(self, now: datetime) -> str | None:
        """Why the key proves nothing at `now`, or None while it is good."""
        if self.revoked_at is not None:
            return f"API key {self.id} was revoked"
        if self.expires_at is not None and now >= self.expires_at:
            return f"API key {self.id} has expired"
        return None

    def use_worth_recording(self, now: datetime) -> bool:
        """Whether a use at `now` should be written down (the recorded one is a minute old or more)."""
        return self.last_used_at is None or now - self.last_used_at >= LAST_USED_RESOLUTION


@dataclass(frozen=True, slots=True)
class StoredApiKey:
    """A key as its store holds it: the record and the SHA-256 (hex) of its secret."""

    key: ApiKey
    secret_hash: str
