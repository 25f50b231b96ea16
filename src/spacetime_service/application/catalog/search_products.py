"""Use case: text search over the catalog, as pages or as a stream."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput

if TYPE_CHECKING:
    from spacetime_service.application.catalog.list_products import (
        ListProducts,
        ListProductsCommand,
        ProductPage,
    )

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True, slots=True)
class SearchProductsCommand:
    query: ListProductsCommand


class SearchProducts:
    """Products whose name, description or sku contain the text (case-insensitive), with the same
    filters, sorting and keyset pages as the listing. The text must be present, not blank, and at most
    200 characters; `%` and `_` match themselves, not patterns."""

    def __init__(self, listing: ListProducts) -> None:
        self._listing = listing

    def execute(self, command: SearchProductsCommand) -> ProductPage:
        text = command.query.product_filter.text
        if text is None:
            raise InvalidInput("search needs the text to look for in q", field="q")
        if len(text) > MAX_QUERY_LENGTH:
            raise InvalidInput(f"q is longer than {MAX_QUERY_LENGTH} characters", field="q")
        return self._listing.execute(command.query)
