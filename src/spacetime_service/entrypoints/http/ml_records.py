"""The records a prediction or extraction request names: its NDJSON body, read as a stream, or, with
`Content-Type: application/json`, a `{"query": {...}}` over the stored records."""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import ValidationError
from starlette.requests import Request

from spacetime_service.application.encoding.media_types import JSON_MEDIA_TYPE, NDJSON_MEDIA_TYPE
from spacetime_service.application.ml.record_inputs import RecordInput
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.entrypoints.http.request_body import BlockingBody, small_body
from spacetime_service.entrypoints.http.schemas.ml import QueryBodyIn

RECORDS_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            NDJSON_MEDIA_TYPE: {"schema": {"type": "string", "description": "one JSON record per line"}},
            JSON_MEDIA_TYPE: {"schema": QueryBodyIn.model_json_schema()},
        },
    }
}


async def request_records(request: Request) -> RecordInput:
    """A JSON body names a query over stored records; any other body is NDJSON, read as a stream."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != JSON_MEDIA_TYPE:
        return RecordInput(body=BlockingBody(request))
    try:
        body = QueryBodyIn.model_validate(orjson.loads(await small_body(request)))
    except (orjson.JSONDecodeError, ValidationError) as error:
        raise InvalidInput(
            f'a JSON body is {{"query": {{...}}}} ({_first_error(error)})', field="query"
        ) from None
    return RecordInput(query=body.query.to_query())


def _first_error(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']}" if where else str(first["msg"])
    return "not valid JSON"
