"""Analytics of the order history: a cached summary, trends, grouped aggregates streamed as NDJSON,
and a live summary as Server-Sent Events."""

# No `from __future__ import annotations` here: the injection markers are read from the live
# Annotated hints of the endpoints.
from datetime import date
from typing import Annotated

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Body, Depends, Header, Query
from starlette.requests import Request
from starlette.responses import Response

from spacetime_service.application.analytics.aggregate_orders import (
    AggregateOrders,
    AggregateOrdersCommand,
    AggregationEngine,
)
from spacetime_service.application.analytics.stream_analytics import (
    MAX_WINDOW_SECONDS,
    StreamAnalytics,
    StreamAnalyticsCommand,
)
from spacetime_service.application.analytics.summary import (
    AnalyticsSummary,
    AnalyticsSummaryCommand,
)
from spacetime_service.application.analytics.trends import (
    DEFAULT_WINDOW,
    AnalyticsTrends,
    AnalyticsTrendsCommand,
)
from spacetime_service.application.encoding.media_types import NDJSON_MEDIA_TYPE
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.bootstrap.settings import Settings
from spacetime_service.domain.analytics import AggregateQuery, AnalyticsFilter, Interval, Metric, OrderBy
from spacetime_service.domain.analytics_series import MAX_WINDOW
from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.errors import Forbidden
from spacetime_service.domain.identity import Principal, Scope
from spacetime_service.domain.orders import OrderStatus
from spacetime_service.entrypoints.http.access.principal import requires
from spacetime_service.entrypoints.http.openapi import (
    PROBLEM_RESPONSES,
    STREAM_REFUSED_RESPONSES,
    event_stream,
    streamed,
)
from spacetime_service.entrypoints.http.query_params import each_one_of
from spacetime_service.entrypoints.http.schemas.analytics import (
    AggregateIn,
    SummaryEventOut,
    SummaryOut,
    TrendOut,
)
from spacetime_service.entrypoints.http.streams.analytics_events import serve_analytics_events
from spacetime_service.entrypoints.http.streams.limits import StreamLimiter
from spacetime_service.entrypoints.http.streams.responses import serve_stream, stream_limiter

router = APIRouter(prefix="/analytics", tags=["analytics"], responses=dict(PROBLEM_RESPONSES))
_CATEGORY_ENUM = each_one_of(CATEGORIES)
READ = requires(Scope.ANALYTICS_READ)

CACHE_HEADER = "X-Cache"
MIN_TICK_SECONDS = 1.0
MAX_TICK_SECONDS = 300.0


def analytics_filter(
    category: Annotated[
        list[str], Query(default_factory=list, description="repeatable", json_schema_extra=_CATEGORY_ENUM)
    ],
    status: Annotated[list[OrderStatus], Query(default_factory=list, description="repeatable")],
    start_date: Annotated[date | None, Query(description="first UTC day, included")] = None,
    end_date: Annotated[date | None, Query(description="last UTC day, included")] = None,
) -> AnalyticsFilter:
    return AnalyticsFilter.for_days(start_date, end_date, categories=tuple(category), statuses=tuple(status))


Filter = Annotated[AnalyticsFilter, Depends(analytics_filter)]


@router.get(
    "/summary",
    response_model=SummaryOut,
    summary="Orders, units, revenue, unique customers, return rate and average order value",
    responses={
        200: {"headers": {CACHE_HEADER: {"description": "hit or miss", "schema": {"type": "string"}}}}
    },
    dependencies=[READ],
)
@inject
def summary(
    response: Response,
    selection: Filter,
    use_case: Annotated[AnalyticsSummary, Depends(Provide[RootContainer.analytics.summary])],
) -> SummaryOut:
    result = use_case.execute(AnalyticsSummaryCommand(selection))
    response.headers[CACHE_HEADER] = "hit" if result.cached else "miss"
    return SummaryOut.of(result.summary)


@router.get(
    "/trends",
    response_model=TrendOut,
    summary="A metric per day, week or month, with a moving average",
    dependencies=[READ],
)
@inject
def trends(
    selection: Filter,
    use_case: Annotated[AnalyticsTrends, Depends(Provide[RootContainer.analytics.trends])],
    metric: Metric = Metric.REVENUE,
    interval: Interval = Interval.DAY,
    window: Annotated[
        int, Query(ge=1, le=MAX_WINDOW, description="points in the moving average")
    ] = DEFAULT_WINDOW,
) -> TrendOut:
    return TrendOut.of(use_case.execute(AnalyticsTrendsCommand(metric, interval, selection, window)))


@router.post(
    "/aggregate",
    summary="Grouped figures, one NDJSON line per group",
    description=f"The `spacetime` engine (an external sort in bounded memory) needs `{Scope.ANALYTICS_WRITE}`"
    " as well.",
    response_class=Response,
    responses={
        **streamed((NDJSON_MEDIA_TYPE,), "one JSON object per group: dimensions, then metrics"),
        **STREAM_REFUSED_RESPONSES,
    },
)
@inject
async def aggregate(
    *,
    caller: Annotated[Principal, requires(Scope.ANALYTICS_READ)],
    request: Request,
    body: Annotated[AggregateIn, Body()],
    streams: Annotated[StreamLimiter, Depends(stream_limiter)],
    use_case: Annotated[AggregateOrders, Depends(Provide[RootContainer.analytics.aggregate])],
) -> Response:
    filters = body.filters
    query = AggregateQuery(
        group_by=tuple(body.group_by),
        metrics=tuple(body.metrics),
        analytics_filter=AnalyticsFilter.for_days(
            filters.start_date,
            filters.end_date,
            categories=tuple(filters.category),
            statuses=tuple(filters.status),
        ),
        order_by=None if body.order_by is None else OrderBy.parse(body.order_by),
        limit=body.limit,
    )
    engine = AggregationEngine(body.engine)
    if engine is AggregationEngine.SPACETIME and not caller.may(Scope.ANALYTICS_WRITE):
        # The heavy engine spills to disk and holds a process's memory budget for long: a write.
        raise Forbidden(Scope.ANALYTICS_WRITE.value)
    command = AggregateOrdersCommand(query, engine)
    return await serve_stream(request, streams, lambda: use_case.execute(command))


_LIVE_RESPONSES = {
    **event_stream(("summary",), SummaryEventOut, "`summary` events, numbered; data is the summary as JSON"),
    **STREAM_REFUSED_RESPONSES,
}


@router.get(
    "/stream",
    summary="A live summary as Server-Sent Events",
    response_class=Response,
    responses=_LIVE_RESPONSES,
    dependencies=[READ],
)
# The name clients of the earlier version use: the same stream, under its first name.
@router.get(
    "/realtime",
    summary="A live summary as Server-Sent Events (the same stream as /analytics/stream)",
    response_class=Response,
    responses=_LIVE_RESPONSES,
    dependencies=[READ],
)
@inject
async def stream(
    *,
    request: Request,
    streams: Annotated[StreamLimiter, Depends(stream_limiter)],
    use_case: Annotated[StreamAnalytics, Depends(Provide[RootContainer.analytics.stream])],
    settings: Annotated[Settings, Depends(Provide[RootContainer.settings])],
    category: Annotated[
        list[str], Query(default_factory=list, description="repeatable", json_schema_extra=_CATEGORY_ENUM)
    ],
    status: Annotated[list[OrderStatus], Query(default_factory=list, description="repeatable")],
    interval_seconds: Annotated[
        float, Query(ge=MIN_TICK_SECONDS, le=MAX_TICK_SECONDS, description="seconds between events")
    ] = 5.0,
    window_seconds: Annotated[
        int | None, Query(ge=1, le=MAX_WINDOW_SECONDS, description="slide over this window; else since start")
    ] = None,
    max_events: Annotated[int | None, Query(ge=1, le=100_000, description="end after this many")] = None,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
) -> Response:
    # The filter is checked here, so that a bad category is a 422 rather than a broken stream.
    AnalyticsFilter.for_days(categories=tuple(category))
    sequence = int(last_event_id) + 1 if last_event_id and last_event_id.isdigit() else 1
    first = StreamAnalyticsCommand(
        sequence=sequence,
        window_seconds=window_seconds,
        categories=tuple(category),
        statuses=tuple(status),
    )
    return serve_analytics_events(
        request,
        streams,
        use_case,
        first,
        interval_seconds=interval_seconds,
        max_events=max_events,
        ping_seconds=settings.api.sse_ping_seconds,
    )
