"""Exception handlers that turn every failure into problem+json: mapped errors with their status,
FastAPI's parameter validation as 422, Starlette's 404/405, and anything else as a bare 500."""

from __future__ import annotations

from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from spacetime_service.domain.errors import DomainError, Forbidden, InvalidInput, Unauthenticated, Unavailable
from spacetime_service.domain.quotas import QuotaExceeded
from spacetime_service.entrypoints.http.problems.access import access_error_handler
from spacetime_service.entrypoints.http.problems.document import problem_response
from spacetime_service.entrypoints.http.problems.error_map import (
    ERROR_PROBLEMS,
    INTERNAL_PROBLEM,
    VALIDATION_PROBLEM,
    problem_kind_for,
)
from spacetime_service.entrypoints.http.problems.refusal import RequestRefused


def install_problem_handlers(app: FastAPI) -> None:
    for error_class in ERROR_PROBLEMS:
        app.add_exception_handler(error_class, mapped_error_handler)
    # Their own handler: a refused credential's reason is for the log, and both carry a challenge.
    app.add_exception_handler(Unauthenticated, access_error_handler)
    app.add_exception_handler(Forbidden, access_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(HTTPException, http_error_handler)
    app.add_exception_handler(Exception, unexpected_error_handler)


async def mapped_error_handler(request: Request, error: Exception) -> Response:
    kind = problem_kind_for(error)
    detail = error.detail if isinstance(error, DomainError | RequestRefused) else kind.title
    retry_after = _retry_after(error)
    headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
    extensions: dict[str, Any] = {}
    if isinstance(error, InvalidInput) and error.line is not None:
        extensions["errors"] = [{"name": error.field, "in": "body", "line": error.line, "detail": detail}]
    elif isinstance(error, InvalidInput) and error.field is not None:
        extensions["errors"] = [
            {"name": error.field, "in": _location(request, error.field), "detail": detail}
        ]
    return problem_response(
        kind.status,
        title=kind.title,
        detail=detail,
        type_uri=kind.type_uri,
        instance=request.url.path,
        headers=headers,
        extensions=extensions,
    )


async def validation_error_handler(request: Request, error: Exception) -> Response:
    """Lists each rejected parameter with where it was and what it should have been."""
    assert isinstance(error, RequestValidationError)
    errors = [_invalid_param(item) for item in error.errors()]
    detail = "; ".join(f"{item['name']}: {item['detail']}" for item in errors)
    return problem_response(
        VALIDATION_PROBLEM.status,
        title=VALIDATION_PROBLEM.title,
        detail=detail or "the request is invalid",
        type_uri=VALIDATION_PROBLEM.type_uri,
        instance=request.url.path,
        extensions={"errors": errors},
    )


async def http_error_handler(request: Request, error: Exception) -> Response:
    """Starlette's own errors (no such route, method not allowed) as about:blank problems."""
    assert isinstance(error, HTTPException)
    phrase = HTTPStatus(error.status_code).phrase
    detail = error.detail if error.detail != phrase else _plain_detail(request, error.status_code, phrase)
    return problem_response(
        error.status_code, title=phrase, detail=detail, instance=request.url.path, headers=error.headers
    )


async def unexpected_error_handler(request: Request, error: Exception) -> Response:  # noqa: ARG001
    """Says nothing about the failure itself: the traceback goes to the server log, never to the client."""
    return problem_response(
        INTERNAL_PROBLEM.status,
        title=INTERNAL_PROBLEM.title,
        detail="the server failed to answer this request; it has been logged",
        type_uri=INTERNAL_PROBLEM.type_uri,
        instance=request.url.path,
    )


def _invalid_param(error: Any) -> dict[str, Any]:
    """`loc` is (where, name), (where, name, index) for a repeated parameter, or the path of a nested
    body field, such as (body, query, min_id): named `query.min_id`, with the last list index if any."""
    location: Sequence[str | int] = error.get("loc", ())
    where = str(location[0]) if location else "request"
    names = [str(part) for part in location[1:] if not isinstance(part, int)]
    indexes = [part for part in location[1:] if isinstance(part, int)]
    param: dict[str, Any] = {"name": ".".join(names) or where, "in": where}
    if indexes:
        param["index"] = indexes[-1]
    param["detail"] = str(error.get("msg", "is invalid"))
    return param


def _retry_after(error: Exception) -> int | None:
    """Seconds after which the client may try again, for the errors that say so."""
    refusals = Unavailable | QuotaExceeded | RequestRefused
    return error.retry_after_seconds if isinstance(error, refusals) else None


def _location(request: Request, field: str) -> str:
    """Where a field the domain named came from, as request validation's `loc` says it: a path or
    query parameter of that name, else the body when the request has one (a JSON field), else the
    query (a value derived from the query string)."""
    if field in request.path_params:
        return "path"
    if field in request.query_params:
        return "query"
    has_body = "content-length" in request.headers or "transfer-encoding" in request.headers
    return "body" if has_body and request.method not in {"GET", "HEAD"} else "query"


def _plain_detail(request: Request, status: int, phrase: str) -> str:
    if status == HTTPStatus.NOT_FOUND:
        return f"there is no resource at {request.url.path}"
    if status == HTTPStatus.METHOD_NOT_ALLOWED:
        return f"{request.method} is not allowed on {request.url.path}"
    return phrase
