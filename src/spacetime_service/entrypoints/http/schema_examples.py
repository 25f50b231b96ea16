"""One example of every request and response body, as the service sends or takes it, attached to the
OpenAPI document's component schemas so that `/docs` shows a realistic body for each. Each example is
validated against its model by the tests, so an example cannot drift from the schema it illustrates.

Models that carry their own examples in `model_config` (the catalog edits' bodies, for instance) are
left to them; the enums' allowed values are their own examples.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from spacetime_service.entrypoints.http.schemas.analytics import (
    AggregateFiltersIn,
    AggregateIn,
    SummaryOut,
    TrendOut,
    TrendPointOut,
)
from spacetime_service.entrypoints.http.schemas.bulk_updates import DryRunOut
from spacetime_service.entrypoints.http.schemas.catalog import ProductOut, ProductPageOut
from spacetime_service.entrypoints.http.schemas.common import InvalidParam, PageLinks, Problem
from spacetime_service.entrypoints.http.schemas.jobs import CheckpointOut, JobOut, JobPageOut, JobProgressOut
from spacetime_service.entrypoints.http.schemas.memory import CacheStatsOut, ChunkOut, MemoryOut, SpillOut
from spacetime_service.entrypoints.http.schemas.ml import (
    AliasIn,
    AliasOut,
    ModelOut,
    ModelPageOut,
    ModelStatusOut,
    RecordQueryIn,
    TrainAcceptedOut,
    TrainIn,
)
from spacetime_service.entrypoints.http.schemas.orders import OrderOut, OrderPageOut
from spacetime_service.entrypoints.http.schemas.reports import ReportIn

_MODEL_ID = "01a24523-a433-711d-97ec-2df0a70de668"
_CURSOR = "WyJpZCIsMSwxLCJhc2MiXXDUORmi6-3Vgdmu-7RshQw"

PRODUCT: dict[str, Any] = {
    "id": 42,
    "sku": "HOM-000042",
    "name": "Lumen Desk Lamp",
    "description": "Adjustable desk lamp, warm white.",
    "category": "home",
    "price": "19.99",
    "stock": 13,
    "created_at": "2024-07-02T03:33:34Z",
    "updated_at": "2025-02-16T20:34:25Z",
}
ORDER: dict[str, Any] = {
    "id": 1,
    "customer_id": 11530,
    "product_id": 42,
    "quantity": 2,
    "unit_price": "19.99",
    "status": "shipped",
    "created_at": "2025-06-30T00:13:07Z",
}
PROGRESS: dict[str, Any] = {"done": 120, "total": 181, "unit": "days", "percent": 66.3}
JOB: dict[str, Any] = {
    "id": "01a24523-9532-7da8-bfab-b284b9677635",
    "kind": "report",
    "owner": "analytics-team",
    "status": "running",
    "attempt": 1,
    "progress": PROGRESS,
    "eta_seconds": 4.2,
    "checkpoint": {"last_id": None, "last_day": "2025-04-30"},
    "result_ref": None,
    "error": None,
    "created_at": "2025-07-01T08:00:00Z",
    "started_at": "2025-07-01T08:00:01Z",
    "finished_at": None,
    "updated_at": "2025-07-01T08:00:09Z",
    "version": 7,
    "retries": 0,
    "retry_error": None,
}
_TRAINING_JOB: dict[str, Any] = {
    **JOB,
    "id": _MODEL_ID,
    "kind": "train_model",
    "status": "succeeded",
    "progress": {"done": 400000, "total": 400000, "unit": "rows", "percent": 100.0},
    "eta_seconds": None,
    "checkpoint": None,
    "result_ref": _MODEL_ID,
    "finished_at": "2025-07-01T08:00:20Z",
}
_METRICS: dict[str, float] = {"rows": 9957.0, "accuracy": 0.936, "log_loss": 0.219, "roc_auc": 0.721}
MODEL: dict[str, Any] = {
    "id": _MODEL_ID,
    "task": "order_returned",
    "status": "ready",
    "job_id": _MODEL_ID,
    "request": {
        "spec": {"task": "order_returned", "features": ["quantity", "unit_price", "category"], "seed": 0},
        "epochs": 2,
        "chunk_rows": 10000,
    },
    "metrics": _METRICS,
    "epoch_metrics": [_METRICS, _METRICS],
    "trained_range": {"first_id": 1, "last_id": 100000, "trained_rows": 90043, "validation_rows": 9957},
    "aliases": ["production"],
    "error": None,
    "created_at": "2025-07-01T08:00:00Z",
    "finished_at": "2025-07-01T08:00:20Z",
}
CACHE_STATS: dict[str, Any] = {
    "hits": 120,
    "misses": 30,
    "evictions": 2,
    "size": 28,
    "size_bytes": 1048576,
    "capacity_bytes": 32000000,
    "hit_ratio": 0.8,
}
_LINKS: dict[str, Any] = {"next": f"/products?limit=1&cursor={_CURSOR}"}

EXAMPLES: dict[type[BaseModel], dict[str, Any]] = {
    ProductOut: PRODUCT,
    ProductPageOut: {"items": [PRODUCT], "next_cursor": _CURSOR, "links": _LINKS},
    OrderOut: ORDER,
    OrderPageOut: {"items": [ORDER], "next_cursor": None, "links": {"next": None}},
    PageLinks: _LINKS,
    InvalidParam: {"name": "limit", "in": "query", "detail": "Input should be less than or equal to 1000"},
    Problem: {
        "type": "tag:spacetime-service,2025:problem:invalid-input",
        "title": "The request has an invalid parameter",
        "status": 422,
        "detail": "limit: Input should be less than or equal to 1000",
        "instance": "/products",
        "errors": [{"name": "limit", "in": "query", "detail": "Input should be less than or equal to 1000"}],
    },
    JobProgressOut: PROGRESS,
    CheckpointOut: {"last_id": 52000, "last_day": None},
    JobOut: JOB,
    JobPageOut: {"items": [JOB], "next_cursor": None, "links": {"next": None}},
    DryRunOut: {"would_change": 1284},
    ReportIn: {"kind": "daily_stats", "start_date": "2025-01-01", "end_date": "2025-06-30"},
    SummaryOut: {
        "orders": 100040,
        "units": 160186,
        "revenue": "3577124.58",
        "unique_customers": 12286,
        "return_rate": 0.0641,
        "average_order_value": "39.41",
    },
    TrendPointOut: {"bucket": "2025-06-02", "value": "4226.25", "moving_average": "5120.40"},
    TrendOut: {
        "metric": "revenue",
        "interval": "day",
        "window": 7,
        "points": [{"bucket": "2025-06-02", "value": "4226.25", "moving_average": "5120.40"}],
    },
    AggregateFiltersIn: {"start_date": "2025-01-01", "end_date": "2025-06-30", "category": ["books"]},
    AggregateIn: {
        "group_by": ["category"],
        "metrics": ["orders", "revenue"],
        "filters": {"start_date": "2025-01-01", "end_date": "2025-06-30"},
        "order_by": "-revenue",
        "limit": 10,
    },
    CacheStatsOut: CACHE_STATS,
    ChunkOut: {"strategy": "sqrt_n", "sample_rows": 1000000, "rows_per_chunk": 1000},
    SpillOut: {"directory_files": 0, "directory_bytes": 0},
    MemoryOut: {
        "used_bytes": 155107328,
        "peak_bytes": 155107328,
        "limit_bytes": 512000000,
        "configured_limit_bytes": 512000000,
        "container_limit_bytes": None,
        "available_bytes": 356892672,
        "pressure": "normal",
        "breaker": "closed",
        "chunk": {"strategy": "sqrt_n", "sample_rows": 1000000, "rows_per_chunk": 1000},
        "spill": {"directory_files": 0, "directory_bytes": 0},
        "current_usage_mb": 155.1,
        "peak_usage_mb": 155.1,
        "available_mb": 356.9,
        "pressure_level": "normal",
        "cache_stats": CACHE_STATS,
        "external_files": 0,
    },
    TrainIn: {"task": "order_returned", "features": ["quantity", "unit_price", "category"], "epochs": 2},
    TrainAcceptedOut: {"model_id": _MODEL_ID, "model": MODEL, "job": _TRAINING_JOB},
    ModelOut: MODEL,
    ModelPageOut: {"items": [MODEL], "next_cursor": None, "links": {"next": None}},
    ModelStatusOut: {
        "model_id": _MODEL_ID,
        "status": "training",
        "epoch": 1,
        "epochs": 2,
        "phase": "fit",
        "metrics": {},
        "job": {**_TRAINING_JOB, "status": "running", "finished_at": None},
    },
    AliasIn: {"model_id": _MODEL_ID},
    AliasOut: {"task": "order_returned", "name": "production", "model_id": _MODEL_ID},
    RecordQueryIn: {"created_from": "2025-06-01T00:00:00Z", "created_to": "2025-07-01T00:00:00Z"},
}


def attach_examples(components: dict[str, Any]) -> None:
    """Gives each component schema named after a model its example, unless it has one of its own."""
    schemas = components.get("schemas", {})
    for model, example in EXAMPLES.items():
        schema = schemas.get(model.__name__)
        if schema is not None and "examples" not in schema:
            schema["examples"] = [example]
