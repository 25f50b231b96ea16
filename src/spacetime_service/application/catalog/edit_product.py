"""Use cases: create, change and delete one product. A change or a deletion names the version of the
product its client has seen (HTTP `If-Match`); without one it is refused, so that no client overwrites
a change it never saw."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.errors import PreconditionRequired

if TYPE_CHECKING:
    from spacetime_service.application.ports.catalog_editor import CatalogEditor
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.domain.catalog_edits import ProductChanges, ProductDraft
    from spacetime_service.domain.products import Product


def _required(version: str | None) -> str:
    if version is None:
        raise PreconditionRequired("name the version you change with If-Match (the product's ETag)")
    return version


class CreateProduct:
    def __init__(self, editor: CatalogEditor, clock: Clock) -> None:
        self._editor = editor
        self._clock = clock

    def execute(self, draft: ProductDraft) -> Product:
        return self._editor.create_product(draft, self._clock.now())


class ChangeProduct:
    def __init__(self, editor: CatalogEditor, clock: Clock) -> None:
        self._editor = editor
        self._clock = clock

    def execute(self, product_id: int, changes: ProductChanges, version: str | None) -> Product:
        return self._editor.change_product(product_id, changes, _required(version), self._clock.now())


class DeleteProduct:
    def __init__(self, editor: CatalogEditor) -> None:
        self._editor = editor

    def execute(self, product_id: int, version: str | None) -> None:
        self._editor.delete_product(product_id, _required(version))
