"""Port: the registry of model versions and the aliases that name them.

A version is registered when its training is asked for and changes status as the training ends. Every
change is one atomic, conditional write, so two workers finishing the same version cannot both win.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.domain.ml.aliases import ModelAlias
    from spacetime_service.domain.ml.model_listing import ModelPage, ModelQuery
    from spacetime_service.domain.ml.model_version import ModelStatus, ModelVersion


@runtime_checkable
class ModelRegistry(Protocol):
    def register(self, version: ModelVersion) -> ModelVersion:
        """Stores the version unless one with its id exists, and returns the stored one: registering
        again (a retried submission, a resumed job) changes nothing."""

    def get(self, model_id: str) -> ModelVersion | None:
        """The version with this id, or None."""

    def update(
        self, version: ModelVersion, *, expected: ModelStatus, aliases: Sequence[ModelAlias] = ()
    ) -> None:
        """Stores the version's new state and points `aliases` at it, in one transaction, if the stored
        version still has status `expected`; `Conflict` if it has moved on, `NotFound` if it is absent."""

    def page(self, query: ModelQuery) -> ModelPage:
        """Matching versions newest first by (created_at, id), strictly after `query.after`, at most
        `query.limit`; `next_position` is the last item's position when the page is full, else None."""

    def point_alias(self, alias: ModelAlias) -> None:
        """Makes `alias` (owner, task, name) name its model id, replacing what it named before. In the
        same transaction the version is checked again: `NotFound` if it is absent or another owner's,
        `Conflict` unless it is a ready version of the alias's task."""

    def alias(self, owner: str, task: str, name: str) -> ModelAlias | None:
        """The owner's alias `name` of `task`, or None."""

    def aliases_of(self, model_id: str) -> Sequence[ModelAlias]:
        """Every alias that names this version, by task and name."""
