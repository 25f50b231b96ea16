"""One fetch of an issuer's signing keys, by key id, through PyJWT's JWKS client."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jwt import PyJWKClient, PyJWKClientConnectionError, PyJWKClientError, PyJWKSetError

from spacetime_service.adapters.identity.discovery import discover_jwks_url
from spacetime_service.domain.errors import Unavailable

if TYPE_CHECKING:
    from jwt import PyJWK


class JwksSource:
    """Fetches the JWKS from `jwks_url`, or from the URL the issuer's discovery document names (looked
    up once, at the first fetch). The client's own caches are off: `JwksKeys` decides when to fetch."""

    def __init__(self, issuer: str, jwks_url: str | None, timeout_seconds: float) -> None:
        self._issuer = issuer
        self._timeout = timeout_seconds
        self._client = None if jwks_url is None else self._client_for(jwks_url)

    def fetch(self) -> dict[str, PyJWK]:
        """The signing keys by kid; Unavailable when the issuer cannot be reached or its JWKS is unusable."""
        if self._client is None:
            self._client = self._client_for(discover_jwks_url(self._issuer, self._timeout))
        try:
            keys = self._client.get_signing_keys()
        except PyJWKClientConnectionError as error:
            raise Unavailable(f"the OIDC issuer's keys cannot be fetched: {error}") from error
        except (PyJWKClientError, PyJWKSetError) as error:
            raise Unavailable(f"the OIDC issuer's key set is unusable: {error}") from error
        return {key.key_id: key for key in keys if key.key_id}

    def _client_for(self, url: str) -> PyJWKClient:
        try:
            return PyJWKClient(url, cache_keys=False, cache_jwk_set=False, timeout=self._timeout)
        except PyJWKClientError as error:
            raise Unavailable(f"the OIDC JWKS URL {url!r} is unusable: {error}") from error
