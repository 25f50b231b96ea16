"""Orders placed one at a time, and one order read back: `POST /orders` takes the product's stock and
records the order at its price in one transaction; with an `Idempotency-Key`, the same request again
answers the same order (200 instead of 201) and takes nothing."""

# No `from __future__ import annotations` here: FastAPI reads the Annotated hints at runtime.
from typing import Annotated

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, Path, Response
from fastapi.concurrency import run_in_threadpool

from spacetime_service.application.encoding.wire import order_wire
from spacetime_service.application.orders.get_order import GetOrder
from spacetime_service.application.orders.place_order import PlaceOrder
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.domain.catalog_edits import OrderDraft
from spacetime_service.domain.identity import Principal, Scope
from spacetime_service.domain.ranges import MAX_ID
from spacetime_service.entrypoints.http.access.principal import requires
from spacetime_service.entrypoints.http.idempotency import IdempotencyKey
from spacetime_service.entrypoints.http.openapi import NOT_FOUND_RESPONSE, PROBLEM_RESPONSES, problem_response
from spacetime_service.entrypoints.http.schemas.catalog_edits import OrderIn
from spacetime_service.entrypoints.http.schemas.orders import OrderOut

router = APIRouter(prefix="/orders", tags=["orders"], responses=dict(PROBLEM_RESPONSES))


@router.post(
    "",
    status_code=201,
    response_model=OrderOut,
    summary="Place an order",
    responses={
        200: {"model": OrderOut, "description": "the order placed earlier with this Idempotency-Key"},
        **NOT_FOUND_RESPONSE,
        409: problem_response("too little stock, or the Idempotency-Key was used for another order"),
    },
)
@inject
async def place_order(
    body: OrderIn,
    response: Response,
    principal: Annotated[Principal, requires(Scope.ORDERS_WRITE)],
    idempotency_key: IdempotencyKey,
    use_case: Annotated[PlaceOrder, Depends(Provide[RootContainer.orders.place_order])],
) -> OrderOut:
    draft = OrderDraft(customer_id=body.customer_id, product_id=body.product_id, quantity=body.quantity)
    placed = await run_in_threadpool(use_case.execute, draft, principal.owner, idempotency_key)
    response.status_code = 201 if placed.created else 200
    response.headers["Location"] = f"/orders/{placed.order.id}"
    return OrderOut.model_validate(order_wire(placed.order))


@router.get(
    "/{order_id}",
    response_model=OrderOut,
    summary="One order",
    responses=dict(NOT_FOUND_RESPONSE),
    dependencies=[requires(Scope.ORDERS_READ)],
)
@inject
def get_order(
    order_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    use_case: Annotated[GetOrder, Depends(Provide[RootContainer.orders.get_order])],
) -> OrderOut:
    return OrderOut.model_validate(order_wire(use_case.execute(order_id)))
