"""Use case: place one order for the calling owner, idempotent by the owner's key."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacetime_service.application.ports.catalog_editor import CatalogEditor
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.domain.catalog_edits import OrderDraft, PlacedOrder


class PlaceOrder:
    def __init__(self, editor: CatalogEditor, clock: Clock) -> None:
        self._editor = editor
        self._clock = clock

    def execute(self, draft: OrderDraft, owner: str, idempotency_key: str | None) -> PlacedOrder:
        return self._editor.place_order(draft, owner, idempotency_key, self._clock.now())
