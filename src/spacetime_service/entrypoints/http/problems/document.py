"""RFC 9457 problem details: every error the API answers with is an `application/problem+json` body."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.responses import JSONResponse

from spacetime_service.application.encoding.media_types import PROBLEM_MEDIA_TYPE

# Problem types are identifiers, not links (RFC 9457 section 3.1.1): a tag URI never sends a client
# looking for a page that does not exist. docs/api.md lists them.
PROBLEM_TYPE_PREFIX = "tag:spacetime-service,2025:problem:"
# The type of a problem that says no more than its status (RFC 9457 section 4.2.1).
ABOUT_BLANK = "about:blank"


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_MEDIA_TYPE


def problem_type_uri(slug: str) -> str:
    return PROBLEM_TYPE_PREFIX + slug


def problem_response(
    status: int,
    *,
    title: str,
    detail: str,
    type_uri: str = ABOUT_BLANK,
    instance: str | None = None,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, Any] | None = None,
) -> ProblemResponse:
    """A problem body with the RFC's members first and any extension members after them."""
    body: dict[str, Any] = {"type": type_uri, "title": title, "status": status, "detail": detail}
    if instance is not None:
        body["instance"] = instance
    body.update(extensions or {})
    return ProblemResponse(body, status_code=status, headers=dict(headers or {}))
