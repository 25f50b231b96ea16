"""The security part of the OpenAPI document, finished when the document is built: the OIDC scheme
points at the issuer's discovery document (or leaves the document, without an issuer), and every
operation that takes a credential lists its 401 and 403 problems."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacetime_service.application.encoding.media_types import PROBLEM_MEDIA_TYPE
from spacetime_service.entrypoints.http.access.schemes import OIDC_SCHEME, discovery_url

if TYPE_CHECKING:
    from spacetime_service.bootstrap.identity_settings import IdentitySettings

_PROBLEM = {"$ref": "#/components/schemas/Problem"}
_REFUSALS = {
    "401": "no credential, or one that was refused (`WWW-Authenticate: Bearer`)",
    "403": "the credential lacks the operation's scope, which the problem's `scope` names",
}


def secure_document(schema: dict[str, Any], identity: IdentitySettings) -> None:
    schemes: dict[str, Any] = schema.get("components", {}).get("securitySchemes", {})
    oidc_issuer = identity.oidc_issuer if identity.oidc_configured else None
    if oidc_issuer is not None and OIDC_SCHEME in schemes:
        schemes[OIDC_SCHEME]["openIdConnectUrl"] = discovery_url(oidc_issuer)
    else:
        schemes.pop(OIDC_SCHEME, None)
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            _secure_operation(operation, keep_oidc=oidc_issuer is not None)


def _secure_operation(operation: dict[str, Any], *, keep_oidc: bool) -> None:
    requirements: list[dict[str, list[str]]] = operation.get("security", [])
    if not requirements:
        return
    if not keep_oidc:
        operation["security"] = [item for item in requirements if OIDC_SCHEME not in item]
    responses = operation.setdefault("responses", {})
    for status, description in _REFUSALS.items():
        responses.setdefault(
            status, {"description": description, "content": {PROBLEM_MEDIA_TYPE: {"schema": _PROBLEM}}}
        )
