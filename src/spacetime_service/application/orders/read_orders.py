"""Use cases over the order history: a keyset page, and every matching order as a stream."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from spacetime_service.application.catalog.stream_products import EncodedStream
from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat
from spacetime_service.application.encoding.wire import ORDER_COLUMNS
from spacetime_service.application.pagination_cursor import CursorCodec
from spacetime_service.application.ports.order_reader import ORDER_SORT_FIELDS
from spacetime_service.application.ports.unit_of_work import UnitOfWork
from spacetime_service.domain.orders import Order, OrderFilter
from spacetime_service.domain.pagination import PageRequest, Sort


@dataclass(frozen=True, slots=True)
class ListOrdersCommand:
    order_filter: OrderFilter
    sort: Sort
    limit: int
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class OrderPage:
    items: Sequence[Order]
    next_cursor: str | None


class ListOrders:
    """A keyset page of orders by id or creation time, filtered by date range, status, customer and
    product. Deep pages cost the same as the first one."""

    def __init__(self, uow_factory: Callable[[], UnitOfWork], cursors: CursorCodec) -> None:
        self._uow_factory = uow_factory
        self._cursors = cursors

    def execute(self, command: ListOrdersCommand) -> OrderPage:
        after = self._cursors.decode(command.cursor) if command.cursor else None
        request = PageRequest(command.sort.require_in(ORDER_SORT_FIELDS), command.limit, after)
        with self._uow_factory() as uow:
            page = uow.orders.page(command.order_filter, request)
        next_cursor = self._cursors.encode(page.next_position) if page.next_position else None
        return OrderPage(page.items, next_cursor)


@dataclass(frozen=True, slots=True)
class StreamOrdersCommand:
    order_filter: OrderFilter
    wire_format: WireFormat = WireFormat.NDJSON
    columns: tuple[str, ...] = ()


class StreamOrders:
    """Every matching order in id order, encoded in chunks of about 64 KiB, in constant memory
    whatever the size of the history; closing the stream releases the database at once."""

    def __init__(self, uow_factory: Callable[[], UnitOfWork]) -> None:
        self._uow_factory = uow_factory

    def execute(self, command: StreamOrdersCommand) -> EncodedStream:
        encoding = TableEncoding.choose(command.wire_format, command.columns, ORDER_COLUMNS)
        return EncodedStream(
            media_type=encoding.format.media_type,
            filename=f"orders.{encoding.format.value}",
            chunks=self._chunks(command.order_filter, encoding),
        )

    def _chunks(self, order_filter: OrderFilter, encoding: TableEncoding) -> Iterator[bytes]:
        with self._uow_factory() as uow:
            yield from uow.orders.encoded(order_filter, encoding)
