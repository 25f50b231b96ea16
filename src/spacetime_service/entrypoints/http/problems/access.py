"""401 and 403 as problems with their RFC 6750 challenges.

A refused credential says nothing more to the client than that it was refused (`invalid_token`), so
that a caller cannot tell an unknown key from a revoked one or an expired token from a forged one;
the reason goes to the log. A missing scope is named, in the body and in the challenge, because the
caller needs it to ask for the right credential and learns nothing it could not read in /openapi.json.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import structlog

from spacetime_service.domain.errors import Forbidden, Unauthenticated
from spacetime_service.entrypoints.http.problems.document import problem_response
from spacetime_service.entrypoints.http.problems.error_map import problem_kind_for

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

_log = structlog.get_logger("spacetime_service.access")


async def access_error_handler(request: Request, error: Exception) -> Response:
    kind = problem_kind_for(error)
    if isinstance(error, Forbidden):
        return problem_response(
            kind.status,
            title=kind.title,
            detail=f"this operation needs the scope {error.scope}",
            type_uri=kind.type_uri,
            instance=request.url.path,
            headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{error.scope}"'},
            extensions={"scope": error.scope},
        )
    assert isinstance(error, Unauthenticated)
    _log.warning(
        "request not authenticated",
        reason=error.detail,
        credential_given=error.credential_given,
        method=request.method,
        path=request.url.path,
    )
    if error.credential_given:
        challenge, detail = 'Bearer error="invalid_token"', "the credential was refused"
    else:
        challenge, detail = "Bearer", "this operation needs a credential (Authorization: Bearer ...)"
    return problem_response(
        kind.status,
        title=kind.title,
        detail=detail,
        type_uri=kind.type_uri,
        instance=request.url.path,
        headers={"WWW-Authenticate": challenge},
    )
