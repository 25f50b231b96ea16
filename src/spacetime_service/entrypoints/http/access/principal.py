"""The FastAPI dependency that gives an operation its caller: the bearer credential verified into a
principal (or the anonymous principal, when the loopback rule allows it), refused unless it holds
the operation's scope.

`requires(Scope.X)` is the one way an endpoint declares its scope: `Security` puts the scope into the
OpenAPI document, under both security schemes, and hands it to `authorized` as `SecurityScopes`.
"""

# No `from __future__ import annotations` here: FastAPI reads the hints of `authorized` at runtime.
from typing import Annotated, Any

import structlog
from fastapi import Depends, Security
from fastapi.security import HTTPAuthorizationCredentials, SecurityScopes
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from spacetime_service.application.ports.credential_verifier import CredentialVerifier
from spacetime_service.domain.errors import Forbidden, Unauthenticated
from spacetime_service.domain.identity import Principal, Scope, anonymous_principal
from spacetime_service.entrypoints.http.access.bearer import bearer_credential
from spacetime_service.entrypoints.http.access.policy import AccessPolicy, arrived_on_loopback
from spacetime_service.entrypoints.http.access.schemes import api_key_scheme, oidc_scheme

_log = structlog.get_logger("spacetime_service.access")


async def authorized(
    security_scopes: SecurityScopes,
    request: Request,
    # Declared only so that the OpenAPI document lists both schemes; the header is read below.
    _api_key: Annotated[HTTPAuthorizationCredentials | None, Depends(api_key_scheme)],
    _token: Annotated[str | None, Depends(oidc_scheme)],
) -> Principal:
    principal = await _principal(request)
    for name in security_scopes.scopes:
        if not principal.may(Scope(name)):
            _log.warning(
                "scope missing", owner=principal.owner, credential_id=principal.credential_id, scope=name
            )
            raise Forbidden(name)
    return principal


def requires(scope: Scope) -> Any:
    """The caller, refused unless it holds `scope`: `Annotated[Principal, requires(Scope.JOBS_READ)]`,
    or `dependencies=[requires(...)]` where the endpoint does not need to know who calls."""
    return Security(authorized, scopes=[scope.value])


async def _principal(request: Request) -> Principal:
    """Verified once per request (an operation may ask twice, for two scopes)."""
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    authorization = request.headers.get("Authorization")
    if authorization is None:
        policy: AccessPolicy = request.app.state.access_policy
        if not policy.anonymous_allowed:
            raise Unauthenticated("no credential", credential_given=False)
        if not arrived_on_loopback(request.scope.get("server")):
            # The start-up rule judged SPACETIME_HOST; a bare `uvicorn --host` beyond it is caught here.
            raise Unauthenticated("no credential, on a non-loopback address", credential_given=False)
        principal = anonymous_principal()
    else:
        verifier: CredentialVerifier = request.app.state.container.identity.authenticator()
        # The verifier may read the key store or fetch the issuer's keys: off the event loop.
        principal = await run_in_threadpool(verifier.verify, bearer_credential(authorization))
    request.state.principal = principal
    return principal
