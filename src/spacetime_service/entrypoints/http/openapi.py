"""OpenAPI details FastAPI cannot infer: error responses are problem+json, streams are NDJSON or CSV,
and the security schemes follow the identity settings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from spacetime_service.application.encoding.media_types import (
    EVENT_STREAM_MEDIA_TYPE,
    JSON_MEDIA_TYPE,
    PROBLEM_MEDIA_TYPE,
)
from spacetime_service.domain.ranges import MAX_ID
from spacetime_service.entrypoints.http.access.document import secure_document
from spacetime_service.entrypoints.http.schema_examples import attach_examples
from spacetime_service.entrypoints.http.schemas.common import Problem


def _problem(description: str) -> dict[str, Any]:
    return {"model": Problem, "description": description}


def problem_response(description: str) -> dict[str, Any]:
    """A problem+json answer of an operation's own, for its `responses`."""
    return _problem(description)


PROBLEM_RESPONSES: Mapping[int | str, dict[str, Any]] = {
    422: _problem("a parameter is invalid; `errors` names each one"),
    500: _problem("the server failed; nothing about the failure is disclosed"),
    # Every operation reads the database, if only to check an API key.
    503: _problem("the database cannot answer now (no free connection in time, or down); see Retry-After"),
}
NOT_FOUND_RESPONSE: Mapping[int | str, dict[str, Any]] = {404: _problem("no such entity")}
STREAM_REFUSED_RESPONSES: Mapping[int | str, dict[str, Any]] = {
    429: _problem("the client has too many streams open; see Retry-After"),
    503: _problem("the process serves its cap of streams, or the database cannot; see Retry-After"),
}
# Every POST that submits a job may meet these, whatever the job.
JOB_SUBMISSION_RESPONSES: Mapping[int | str, dict[str, Any]] = {
    409: _problem("the same Idempotency-Key came with another request"),
    429: _problem("the owner has its cap of unfinished jobs, or of submissions a minute; see Retry-After"),
    503: _problem("memory pressure is critical, or the database cannot answer; see Retry-After"),
}
_BOUNDS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
_COMPONENT_REF = "#/components/schemas/{model}"
NOT_READY_RESPONSE: Mapping[int | str, dict[str, Any]] = {503: _problem("a dependency is not ready")}


def streamed(media_types: tuple[str, ...], description: str) -> dict[int | str, dict[str, Any]]:
    text_schema = {"type": "string"}
    return {
        200: {
            "description": description,
            "content": {media: {"schema": text_schema} for media in media_types},
        }
    }


def event_stream(
    events: tuple[str, ...], data: type[BaseModel], description: str
) -> dict[int | str, dict[str, Any]]:
    """A 200 of Server-Sent Events, documented one event at a time (as OpenAPI 3.1 tools read an event
    stream's schema): its name is one of `events`, its id is set, and its data is `data` as JSON. The
    `retry:` hint and the pings carry no data, so they are no events."""
    data_schema = data.model_json_schema(mode="serialization", ref_template=_COMPONENT_REF)
    event = {
        "type": "object",
        "properties": {
            "event": {"type": "string", "enum": list(events)},
            "id": {"type": "string", "minLength": 1},
            "retry": {"type": "integer", "minimum": 0},
            "data": {"type": "string", "contentMediaType": JSON_MEDIA_TYPE, "contentSchema": data_schema},
        },
        "required": ["event", "id", "data"],
    }
    return {200: {"description": description, "content": {EVENT_STREAM_MEDIA_TYPE: {"schema": event}}}}


def install_openapi(app: FastAPI) -> None:
    """Generates the schema once, with every 4xx/5xx body filed under `application/problem+json`."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            for path in schema.get("paths", {}).values():
                for operation in path.values():
                    _declare_malformed_body(operation)
                    _file_errors_as_problems(operation.get("responses", {}))
            _hoist_definitions(schema.get("paths", {}), schema.setdefault("components", {}))
            _exact_bounds(schema)
            attach_examples(schema["components"])
            secure_document(schema, app.state.container.settings().identity)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _declare_malformed_body(operation: dict[str, Any]) -> None:
    """FastAPI answers a JSON body it cannot decode (bytes that are not UTF-8) with a 400 of its own,
    before any validation that would make it a 422; every operation that takes JSON may give it."""
    content = operation.get("requestBody", {}).get("content", {})
    responses = operation.setdefault("responses", {})
    if JSON_MEDIA_TYPE in content and "400" not in responses:
        responses["400"] = {
            "description": "the body is not well-formed: not UTF-8 text",
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }


def _hoist_definitions(node: Any, components: dict[str, Any]) -> None:
    """Moves the models nested in an event's data (the `$defs` of a `contentSchema`, which pydantic
    refers to as components) into the document's components, where the references point."""
    if isinstance(node, dict):
        content_schema = node.get("contentSchema")
        if isinstance(content_schema, dict):
            for name, definition in content_schema.pop("$defs", {}).items():
                components.setdefault("schemas", {}).setdefault(name, definition)
        for value in node.values():
            _hoist_definitions(value, components)
    elif isinstance(node, list):
        for value in node:
            _hoist_definitions(value, components)


def _exact_bounds(node: Any) -> None:
    """FastAPI's OpenAPI models hold numeric bounds as floats, and a float cannot hold MAX_ID: 2**63 - 1
    comes out as 2**63, one past the largest id. Integral bounds are written back as integers."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _BOUNDS and isinstance(value, float) and value.is_integer():
                node[key] = MAX_ID if value == float(MAX_ID) else int(value)
            else:
                _exact_bounds(value)
    elif isinstance(node, list):
        for value in node:
            _exact_bounds(value)


def _file_errors_as_problems(responses: dict[str, Any]) -> None:
    for status, response in responses.items():
        content = response.get("content", {})
        if status[:1] in {"4", "5"} and JSON_MEDIA_TYPE in content:
            content[PROBLEM_MEDIA_TYPE] = content.pop(JSON_MEDIA_TYPE)
