"""The order history: keyset pages, and every matching order as NDJSON or CSV."""

# No `from __future__ import annotations` here: the injection markers are read from the live
# Annotated hints of the endpoints.
from typing import Annotated, Literal

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from spacetime_service.application.encoding.media_types import CSV_MEDIA_TYPE, NDJSON_MEDIA_TYPE
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.encoding.wire import ORDER_COLUMNS, order_wire
from spacetime_service.application.orders.list_orders import ListOrders, ListOrdersCommand
from spacetime_service.application.orders.stream_orders import StreamOrders, StreamOrdersCommand
from spacetime_service.application.ports.order_reader import ORDER_SORT_FIELDS
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.domain.identity import Scope
from spacetime_service.domain.orders import MAX_CUSTOMER_ID, OrderFilter, OrderStatus
from spacetime_service.domain.ranges import MAX_ID
from spacetime_service.entrypoints.http.access.principal import requires
from spacetime_service.entrypoints.http.links import page_links
from spacetime_service.entrypoints.http.openapi import PROBLEM_RESPONSES, STREAM_REFUSED_RESPONSES, streamed
from spacetime_service.entrypoints.http.query_params import (
    PageParams,
    columns_param_for,
    page_params_for,
    parse_moment,
)
from spacetime_service.entrypoints.http.schemas.orders import OrderOut, OrderPageOut
from spacetime_service.entrypoints.http.streams.limits import StreamLimiter
from spacetime_service.entrypoints.http.streams.responses import serve_stream, stream_limiter

router = APIRouter(
    prefix="/orders",
    tags=["orders"],
    responses=dict(PROBLEM_RESPONSES),
    dependencies=[requires(Scope.ORDERS_READ)],
)

_MOMENT_HELP = "ISO 8601 date (midnight UTC) or date-time (UTC when it has no offset; write + as %2B)"


def order_filter(
    status: Annotated[list[OrderStatus], Query(default_factory=list, description="repeatable")],
    created_from: Annotated[str | None, Query(description=f"inclusive; {_MOMENT_HELP}")] = None,
    created_to: Annotated[str | None, Query(description=f"exclusive; {_MOMENT_HELP}")] = None,
    customer_id: Annotated[int | None, Query(ge=1, le=MAX_CUSTOMER_ID)] = None,
    product_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> OrderFilter:
    return OrderFilter(
        created_from=None if created_from is None else parse_moment(created_from, field="created_from"),
        created_to=None if created_to is None else parse_moment(created_to, field="created_to"),
        statuses=tuple(status),
        customer_id=customer_id,
        product_id=product_id,
    )


Filter = Annotated[OrderFilter, Depends(order_filter)]


@router.get("", response_model=OrderPageOut, summary="A page of orders (sort by id or created_at)")
@inject
def list_orders(
    request: Request,
    order_filter: Filter,
    paging: Annotated[PageParams, Depends(page_params_for(ORDER_SORT_FIELDS))],
    use_case: Annotated[ListOrders, Depends(Provide[RootContainer.orders.list_orders])],
) -> OrderPageOut:
    page = use_case.execute(ListOrdersCommand(order_filter, paging.sort, paging.limit, paging.cursor))
    return OrderPageOut(
        items=[OrderOut.model_validate(order_wire(order)) for order in page.items],
        next_cursor=page.next_cursor,
        links=page_links(request, page.next_cursor),
    )


@router.get(
    "/stream",
    summary="Every matching order, in id order, as NDJSON or a CSV download",
    response_class=Response,
    responses={
        **streamed((NDJSON_MEDIA_TYPE, CSV_MEDIA_TYPE), "NDJSON lines, or CSV with format=csv"),
        **STREAM_REFUSED_RESPONSES,
    },
)
@inject
async def stream_orders(
    *,
    request: Request,
    order_filter: Filter,
    columns: Annotated[tuple[str, ...], Depends(columns_param_for(ORDER_COLUMNS))],
    streams: Annotated[StreamLimiter, Depends(stream_limiter)],
    use_case: Annotated[StreamOrders, Depends(Provide[RootContainer.orders.stream_orders])],
    wire_format: Annotated[Literal["ndjson", "csv"], Query(alias="format")] = "ndjson",
) -> Response:
    command = StreamOrdersCommand(order_filter, WireFormat(wire_format), columns)
    download = command.wire_format is WireFormat.CSV
    return await serve_stream(request, streams, lambda: use_case.execute(command), download=download)
