"""ListApiKeys: the keys of every service account, or of one owner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.application.ports.api_key_store import ApiKeyStore
    from spacetime_service.domain.api_keys import ApiKey


@dataclass(frozen=True, slots=True)
class ListApiKeysCommand:
    owner: str | None = None


class ListApiKeys:
    """Every key, revoked and expired ones included (an operator looks for what to clean up), oldest
    first; records only, never a secret or its hash."""

    def __init__(self, store: ApiKeyStore) -> None:
        self._store = store

    def execute(self, command: ListApiKeysCommand) -> Sequence[ApiKey]:
        return self._store.list_keys(command.owner)
