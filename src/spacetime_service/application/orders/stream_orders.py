"""Use case: every matching order as a stream of encoded chunks (NDJSON or CSV)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat
from spacetime_service.application.encoding.table_stream import table_stream
from spacetime_service.application.encoding.wire import ORDER_COLUMNS

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.application.encoding.encoded_stream import EncodedStream
    from spacetime_service.application.ports.unit_of_work import UnitOfWork
    from spacetime_service.domain.orders import OrderFilter


@dataclass(frozen=True, slots=True)
class StreamOrdersCommand:
    order_filter: OrderFilter
    wire_format: WireFormat = WireFormat.NDJSON
    columns: tuple[str, ...] = ()


class StreamOrders:
    """Every matching order in id order, encoded in chunks of whole lines (about 256 KiB), in constant memory
    whatever the size of the history; closing the stream releases the database at once."""

    def __init__(self, uow_factory: Callable[[], UnitOfWork]) -> None:
        self._uow_factory = uow_factory

    def execute(self, command: StreamOrdersCommand) -> EncodedStream:
        encoding = TableEncoding.choose(command.wire_format, command.columns, ORDER_COLUMNS)
        return table_stream(
            "orders",
            encoding,
            self._uow_factory,
            lambda uow: uow.orders.encoded(command.order_filter, encoding),
        )
