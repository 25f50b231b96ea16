"""Use case: every matching product as a stream of encoded chunks (NDJSON or CSV)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat
from spacetime_service.application.encoding.table_stream import table_stream
from spacetime_service.application.encoding.wire import PRODUCT_COLUMNS
from spacetime_service.domain.catalog import require_category

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.application.encoding.encoded_stream import EncodedStream
    from spacetime_service.application.ports.unit_of_work import UnitOfWork
    from spacetime_service.domain.products import ProductFilter


@dataclass(frozen=True, slots=True)
class StreamProductsCommand:
    product_filter: ProductFilter
    wire_format: WireFormat = WireFormat.NDJSON
    columns: tuple[str, ...] = ()


class StreamProducts:
    """Every product that matches, in id order, encoded in chunks of whole lines (about 256 KiB).
    The whole result is never held: the stream reads the store chunk by chunk and releases it when
    closed. The input is checked before the first byte, so a bad request fails as a whole instead of
    midway. Columns come from an allow-list; CSV cells that a spreadsheet would run as formulas are
    neutralised."""

    def __init__(self, uow_factory: Callable[[], UnitOfWork]) -> None:
        self._uow_factory = uow_factory

    def execute(self, command: StreamProductsCommand) -> EncodedStream:
        for category in command.product_filter.categories:
            require_category(category)
        encoding = TableEncoding.choose(command.wire_format, command.columns, PRODUCT_COLUMNS)
        return table_stream(
            "products",
            encoding,
            self._uow_factory,
            lambda uow: uow.products.encoded(command.product_filter, encoding),
        )
