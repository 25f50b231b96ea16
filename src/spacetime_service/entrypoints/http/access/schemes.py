"""The two ways to present a credential, as OpenAPI security schemes: both are an
`Authorization: Bearer` header, and an operation takes either (its `security` lists them as
alternatives, each with the operation's scope).

- `apiKey`: HTTP bearer, for the service's own API keys (`stk_...`). Swagger UI's Authorize button
  asks for the key and sends it.
- `oidc`: OpenID Connect, for the issuer's access tokens. Its discovery URL is set from
  SPACETIME_OIDC_ISSUER when the document is built (see `document.py`); Swagger UI reads the
  authorization-code flow, its endpoints and scopes from the issuer's discovery document itself, so
  the service fetches nothing from the issuer to describe them. Without an issuer the scheme is left
  out of the document.
"""

from __future__ import annotations

from fastapi.security import HTTPBearer, OpenIdConnect

API_KEY_SCHEME = "apiKey"
OIDC_SCHEME = "oidc"
DISCOVERY_PATH = "/.well-known/openid-configuration"

# Neither raises: the principal dependency reads the header itself, so that a missing or refused
# credential is always the service's own 401 problem.
api_key_scheme = HTTPBearer(
    scheme_name=API_KEY_SCHEME,
    bearerFormat="stk_...",
    description="an API key from `spacetime keys create`, as `Authorization: Bearer stk_...`",
    auto_error=False,
)
oidc_scheme = OpenIdConnect(
    openIdConnectUrl=DISCOVERY_PATH,
    scheme_name=OIDC_SCHEME,
    description="an access token of the OIDC issuer, as `Authorization: Bearer <JWT>`",
    auto_error=False,
)


def discovery_url(issuer: str) -> str:
    return issuer.rstrip("/") + DISCOVERY_PATH
