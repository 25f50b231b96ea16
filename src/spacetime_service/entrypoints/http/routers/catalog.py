"""The catalog: pages, one product, text search, and whole-result streams (NDJSON and CSV)."""

# No `from __future__ import annotations` here: the injection markers are read from the live
# Annotated hints of the endpoints.
from dataclasses import replace
from typing import Annotated, Literal

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, Path, Query
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from spacetime_service.application.catalog.get_product import GetProduct
from spacetime_service.application.catalog.list_products import ListProducts, ListProductsCommand, ProductPage
from spacetime_service.application.catalog.search_products import (
    MAX_QUERY_LENGTH,
    SearchProducts,
    SearchProductsCommand,
)
from spacetime_service.application.catalog.stream_products import StreamProducts, StreamProductsCommand
from spacetime_service.application.encoding.media_types import CSV_MEDIA_TYPE, NDJSON_MEDIA_TYPE
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.encoding.wire import PRODUCT_COLUMNS, product_wire
from spacetime_service.application.ports.product_repository import PRODUCT_SORT_FIELDS
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.identity import Scope
from spacetime_service.domain.money import MAX_MONEY
from spacetime_service.domain.products import ProductFilter
from spacetime_service.domain.ranges import MAX_ID
from spacetime_service.entrypoints.http.access.principal import requires
from spacetime_service.entrypoints.http.links import page_links
from spacetime_service.entrypoints.http.openapi import (
    NOT_FOUND_RESPONSE,
    PROBLEM_RESPONSES,
    STREAM_REFUSED_RESPONSES,
    streamed,
)
from spacetime_service.entrypoints.http.product_versions import etag_of
from spacetime_service.entrypoints.http.query_params import (
    MONEY_QUERY_PATTERN,
    PageParams,
    columns_param_for,
    each_one_of,
    page_params_for,
    parse_optional_money,
)
from spacetime_service.entrypoints.http.schemas.catalog import ProductOut, ProductPageOut
from spacetime_service.entrypoints.http.streams.limits import StreamLimiter
from spacetime_service.entrypoints.http.streams.responses import serve_stream, stream_limiter

router = APIRouter(
    prefix="/products",
    tags=["products"],
    responses=dict(PROBLEM_RESPONSES),
    dependencies=[requires(Scope.CATALOG_READ)],
)

_MONEY_HELP = f"a decimal amount with at most two places, such as 12.50, at most {MAX_MONEY}"


def product_filter(
    category: Annotated[
        list[str],
        Query(
            default_factory=list,
            description=f"repeatable; one of {', '.join(CATEGORIES)}",
            json_schema_extra=each_one_of(CATEGORIES),
        ),
    ],
    min_price: Annotated[
        str | None, Query(description=f"inclusive; {_MONEY_HELP}", pattern=MONEY_QUERY_PATTERN)
    ] = None,
    max_price: Annotated[
        str | None, Query(description=f"inclusive; {_MONEY_HELP}", pattern=MONEY_QUERY_PATTERN)
    ] = None,
    in_stock: Annotated[bool | None, Query(description="true: stock > 0; false: stock = 0")] = None,
) -> ProductFilter:
    return ProductFilter(
        categories=tuple(category),
        min_price=parse_optional_money(min_price, field="min_price"),
        max_price=parse_optional_money(max_price, field="max_price"),
        in_stock=in_stock,
    )


Filter = Annotated[ProductFilter, Depends(product_filter)]
Paging = Annotated[PageParams, Depends(page_params_for(PRODUCT_SORT_FIELDS))]
Columns = Annotated[tuple[str, ...], Depends(columns_param_for(PRODUCT_COLUMNS))]
Streams = Annotated[StreamLimiter, Depends(stream_limiter)]
SearchText = Annotated[
    str, Query(min_length=1, max_length=MAX_QUERY_LENGTH, description="text in the name, description or sku")
]


@router.get("", response_model=ProductPageOut, summary="A page of products")
@inject
def list_products(
    request: Request,
    product_filter: Filter,
    paging: Paging,
    use_case: Annotated[ListProducts, Depends(Provide[RootContainer.catalog.list_products])],
) -> ProductPageOut:
    page = use_case.execute(_listing(product_filter, paging))
    return _page_out(request, page)


@router.get(
    "/stream",
    summary="Every matching product as NDJSON",
    response_class=Response,
    responses={**streamed((NDJSON_MEDIA_TYPE,), "one JSON object per line"), **STREAM_REFUSED_RESPONSES},
)
@inject
async def stream_products(
    request: Request,
    product_filter: Filter,
    columns: Columns,
    streams: Streams,
    use_case: Annotated[StreamProducts, Depends(Provide[RootContainer.catalog.stream_products])],
) -> Response:
    command = StreamProductsCommand(product_filter, WireFormat.NDJSON, columns)
    return await serve_stream(request, streams, lambda: use_case.execute(command))


@router.get(
    "/export/csv",
    summary="Every matching product as a CSV download",
    response_class=Response,
    responses={**streamed((CSV_MEDIA_TYPE,), "RFC 4180 CSV with a header row"), **STREAM_REFUSED_RESPONSES},
)
@inject
async def export_products_csv(
    request: Request,
    product_filter: Filter,
    columns: Columns,
    streams: Streams,
    use_case: Annotated[StreamProducts, Depends(Provide[RootContainer.catalog.stream_products])],
) -> Response:
    command = StreamProductsCommand(product_filter, WireFormat.CSV, columns)
    return await serve_stream(request, streams, lambda: use_case.execute(command), download=True)


@router.get(
    "/search",
    response_model=ProductPageOut,
    summary="Products whose name, description or sku contain the text",
    responses={
        **streamed((NDJSON_MEDIA_TYPE,), "a page, or with format=ndjson the whole result"),
        **STREAM_REFUSED_RESPONSES,
    },
)
@inject
async def search_products(
    *,
    request: Request,
    q: SearchText,
    product_filter: Filter,
    paging: Paging,
    streams: Streams,
    search: Annotated[SearchProducts, Depends(Provide[RootContainer.catalog.search_products])],
    stream: Annotated[StreamProducts, Depends(Provide[RootContainer.catalog.stream_products])],
    response_format: Annotated[
        Literal["json", "ndjson"], Query(alias="format", description="ndjson streams every match")
    ] = "json",
) -> Response | ProductPageOut:
    searched = replace(product_filter, text=q)
    if response_format == "ndjson":
        command = StreamProductsCommand(searched, WireFormat.NDJSON)
        return await serve_stream(request, streams, lambda: stream.execute(command))
    page = await run_in_threadpool(search.execute, SearchProductsCommand(_listing(searched, paging)))
    return _page_out(request, page)


@router.get(
    "/{product_id}", response_model=ProductOut, summary="One product", responses=dict(NOT_FOUND_RESPONSE)
)
@inject
def get_product(
    product_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    response: Response,
    use_case: Annotated[GetProduct, Depends(Provide[RootContainer.catalog.get_product])],
) -> ProductOut:
    product = use_case.execute(product_id)
    # The version a change must name in If-Match (PATCH and DELETE /products/{id}).
    response.headers["ETag"] = etag_of(product)
    return ProductOut.model_validate(product_wire(product))


def _listing(product_filter: ProductFilter, paging: PageParams) -> ListProductsCommand:
    return ListProductsCommand(product_filter, paging.sort, paging.limit, paging.cursor)


def _page_out(request: Request, page: ProductPage) -> ProductPageOut:
    return ProductPageOut(
        items=[ProductOut.model_validate(product_wire(product)) for product in page.items],
        next_cursor=page.next_cursor,
        links=page_links(request, page.next_cursor),
    )
