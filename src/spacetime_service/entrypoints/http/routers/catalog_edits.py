"""Single products created, changed (JSON merge patch) and deleted, under optimistic concurrency: every
answer that shows a product carries its `ETag`, and a change or deletion must name it in `If-Match`
(428 without it, 412 when the product changed meanwhile)."""

# No `from __future__ import annotations` here: FastAPI reads the Annotated hints at runtime.
from decimal import Decimal
from typing import Annotated

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, Header, Path, Response
from fastapi.concurrency import run_in_threadpool

from spacetime_service.application.catalog.edit_product import ChangeProduct, CreateProduct, DeleteProduct
from spacetime_service.application.catalog.get_product import GetProduct
from spacetime_service.application.encoding.wire import product_wire
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.domain.catalog_edits import ProductChanges, ProductDraft
from spacetime_service.domain.errors import PreconditionFailed
from spacetime_service.domain.identity import Scope
from spacetime_service.domain.products import Product
from spacetime_service.domain.ranges import MAX_ID
from spacetime_service.entrypoints.http.access.principal import requires
from spacetime_service.entrypoints.http.openapi import NOT_FOUND_RESPONSE, PROBLEM_RESPONSES, problem_response
from spacetime_service.entrypoints.http.product_versions import etag_of, if_match_holds
from spacetime_service.entrypoints.http.schemas.catalog import ProductOut
from spacetime_service.entrypoints.http.schemas.catalog_edits import ProductChangesIn, ProductIn

router = APIRouter(
    prefix="/products",
    tags=["products"],
    responses=dict(PROBLEM_RESPONSES),
    dependencies=[requires(Scope.CATALOG_WRITE)],
)

ProductId = Annotated[int, Path(ge=1, le=MAX_ID)]
IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=1024,
        description="the product's ETag as last read; required, so that no change overwrites an unseen one",
    ),
]
_VERSIONED_RESPONSES = {
    **NOT_FOUND_RESPONSE,
    412: problem_response("the product changed since the ETag given; read it again"),
    428: problem_response("If-Match is required"),
}


@router.post(
    "",
    status_code=201,
    response_model=ProductOut,
    summary="Create a product",
    responses={409: problem_response("the sku is taken")},
)
@inject
async def create_product(
    body: ProductIn,
    response: Response,
    use_case: Annotated[CreateProduct, Depends(Provide[RootContainer.catalog.create_product])],
) -> ProductOut:
    draft = ProductDraft(
        sku=body.sku,
        name=body.name,
        description=body.description,
        category=body.category.value,
        price=Decimal(body.price),
        stock=body.stock,
    )
    product = await run_in_threadpool(use_case.execute, draft)
    response.headers["Location"] = f"/products/{product.id}"
    return _shown(product, response)


@router.patch(
    "/{product_id}",
    response_model=ProductOut,
    summary="Change some fields of a product (JSON merge patch)",
    responses={**_VERSIONED_RESPONSES, 409: problem_response("the new sku is taken")},
)
@inject
async def change_product(
    *,
    product_id: ProductId,
    body: ProductChangesIn,
    response: Response,
    current: Annotated[GetProduct, Depends(Provide[RootContainer.catalog.get_product])],
    use_case: Annotated[ChangeProduct, Depends(Provide[RootContainer.catalog.change_product])],
    if_match: IfMatch = None,
) -> ProductOut:
    changes = ProductChanges(
        sku=body.sku,
        name=body.name,
        description=body.description,
        category=None if body.category is None else body.category.value,
        price=None if body.price is None else Decimal(body.price),
        stock=body.stock,
    )
    version = await _matched_version(current, product_id, if_match)
    product = await run_in_threadpool(use_case.execute, product_id, changes, version)
    return _shown(product, response)


@router.delete(
    "/{product_id}",
    status_code=204,
    summary="Delete a product that no order names",
    responses={**_VERSIONED_RESPONSES, 409: problem_response("orders name the product")},
)
@inject
async def delete_product(
    product_id: ProductId,
    current: Annotated[GetProduct, Depends(Provide[RootContainer.catalog.get_product])],
    use_case: Annotated[DeleteProduct, Depends(Provide[RootContainer.catalog.delete_product])],
    if_match: IfMatch = None,
) -> Response:
    version = await _matched_version(current, product_id, if_match)
    await run_in_threadpool(use_case.execute, product_id, version)
    return Response(status_code=204)


async def _matched_version(current: GetProduct, product_id: int, if_match: str | None) -> str | None:
    """The version `If-Match` names, checked against the product as it is now; None without the
    header (the use case refuses that)."""
    if if_match is None:
        return None
    product = await run_in_threadpool(current.execute, product_id)
    if not if_match_holds(if_match, product):
        raise PreconditionFailed(f"product {product_id} changed since the ETag given; read it again")
    return etag_of(product).strip('"')


def _shown(product: Product, response: Response) -> ProductOut:
    response.headers["ETag"] = etag_of(product)
    return ProductOut.model_validate(product_wire(product))
