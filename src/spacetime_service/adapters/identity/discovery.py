"""Where an issuer publishes its keys: the `jwks_uri` of its OpenID Connect discovery document."""

from __future__ import annotations

import json
import urllib.request
from http.client import HTTPException
from urllib.error import URLError

from spacetime_service.domain.errors import Unavailable

WELL_KNOWN = "/.well-known/openid-configuration"


def discover_jwks_url(issuer: str, timeout_seconds: float) -> str:
    """The issuer's JWKS URL. An issuer that cannot be reached, or whose document is unusable or names
    another issuer (OpenID Connect Discovery 1.0, section 4.3), is Unavailable: the fault is the
    service's or the issuer's, never the client's."""
    url = issuer.rstrip("/") + WELL_KNOWN
    if not url.startswith(("https://", "http://")):
        raise Unavailable(f"the OIDC issuer {issuer!r} is not an http(s) URL")
    try:
        with urllib.request.urlopen(url, timeout=timeout_seconds) as response:  # noqa: S310 - scheme checked
            document = json.load(response)
    except (URLError, HTTPException, TimeoutError, OSError) as error:
        raise Unavailable(f"the OIDC issuer's discovery document cannot be read: {error}") from error
    except ValueError as error:
        raise Unavailable(f"the OIDC issuer's discovery document is not JSON: {error}") from error
    if not isinstance(document, dict) or not isinstance(document.get("jwks_uri"), str):
        raise Unavailable("the OIDC issuer's discovery document has no jwks_uri")
    if document.get("issuer") != issuer:
        raise Unavailable(
            f"the discovery document names the issuer {document.get('issuer')!r}, not {issuer!r}"
        )
    jwks_uri: str = document["jwks_uri"]
    return jwks_uri
