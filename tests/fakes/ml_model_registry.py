"""ModelRegistry in memory, for use-case tests; passes the contract suite in tests/contracts/ml_registry/."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import Conflict, NotFound
from spacetime_service.domain.ml.aliases import ModelAlias, point_alias
from spacetime_service.domain.ml.model_listing import ModelPage, ModelPosition, ModelQuery

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.domain.ml.model_version import ModelStatus, ModelVersion


class InMemoryModelRegistry:
    """Every call holds one lock, which makes it atomic as a SQL transaction is."""

    def __init__(self) -> None:
        self.versions: dict[str, ModelVersion] = {}
        self.aliases: dict[tuple[str, str, str], ModelAlias] = {}
        self._lock = threading.Lock()

    def register(self, version: ModelVersion) -> ModelVersion:
        with self._lock:
            return self.versions.setdefault(version.id, version)

    def get(self, model_id: str) -> ModelVersion | None:
        with self._lock:
            return self.versions.get(model_id)

    def update(
        self, version: ModelVersion, *, expected: ModelStatus, aliases: Sequence[ModelAlias] = ()
    ) -> None:
        with self._lock:
            stored = self.versions.get(version.id)
            if stored is None:
                raise NotFound(f"model {version.id} does not exist")
            if stored.status is not expected:
                raise Conflict(f"model {version.id} is {stored.status}, not {expected}")
            self.versions[version.id] = version
            for alias in aliases:
                self.aliases[(alias.owner, alias.task, alias.name)] = alias

    def page(self, query: ModelQuery) -> ModelPage:
        with self._lock:
            newest_first = sorted(
                (version for version in self.versions.values() if query.matches(version)),
                key=lambda version: (version.created_at, version.id),
                reverse=True,
            )
        if query.after is not None:
            after = (query.after.created_at, query.after.id)
            newest_first = [version for version in newest_first if (version.created_at, version.id) < after]
        items = newest_first[: query.limit]
        full = len(items) == query.limit
        return ModelPage(items, ModelPosition.of(items[-1]) if full and items else None)

    def point_alias(self, alias: ModelAlias) -> None:
        with self._lock:
            version = self.versions.get(alias.model_id)
            if version is None or version.owner != alias.owner:
                raise NotFound(f"model {alias.model_id} does not exist")
            self.aliases[(alias.owner, alias.task, alias.name)] = point_alias(alias.task, alias.name, version)

    def alias(self, owner: str, task: str, name: str) -> ModelAlias | None:
        with self._lock:
            return self.aliases.get((owner, task, name))

    def aliases_of(self, model_id: str) -> Sequence[ModelAlias]:
        with self._lock:
            return sorted(
                (alias for alias in self.aliases.values() if alias.model_id == model_id),
                key=lambda alias: (alias.task, alias.name),
            )
