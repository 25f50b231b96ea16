"""The OIDC token verifier: an access token (a JWT) checked against the issuer's published keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import jwt

from spacetime_service.adapters.identity.token_scopes import scopes_of_claims
from spacetime_service.domain.api_keys import MAX_OWNER_LENGTH
from spacetime_service.domain.errors import Unauthenticated
from spacetime_service.domain.identity import Principal

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import timedelta

    from spacetime_service.adapters.identity.jwks_keys import JwksKeys

JWT_CREDENTIAL = "jwt"
REQUIRED_CLAIMS = ["exp", "iss", "aud", "sub"]


class OidcTokenVerifier:
    """A CredentialVerifier. A token is taken when its header names an allowed (asymmetric) algorithm
    and a key the issuer publishes, its signature verifies with that key, and its exp, nbf, iss and aud
    hold (within `leeway`); exp, iss, aud and sub are required. The header's algorithm is checked
    against the allow-list before any key is looked up, so `alg: none` and an HMAC token "signed" with
    the public key are refused whatever the key set holds. The owner is `sub`."""

    def __init__(
        self,
        keys: JwksKeys,
        *,
        issuer: str,
        audience: str,
        algorithms: Sequence[str],
        leeway: timedelta,
    ) -> None:
        self._keys = keys
        self._issuer = issuer
        self._audience = audience
        self._algorithms = list(algorithms)
        self._leeway = leeway

    def verify(self, bearer: str) -> Principal:
        claims = self._claims(bearer)
        subject = claims["sub"]
        if not isinstance(subject, str) or not subject.strip() or len(subject) > MAX_OWNER_LENGTH:
            raise _refused(f"the subject must have 1 to {MAX_OWNER_LENGTH} characters")
        token_id = claims.get("jti")
        return Principal(
            owner=subject,
            scopes=scopes_of_claims(claims),
            credential=JWT_CREDENTIAL,
            credential_id=token_id if isinstance(token_id, str) else None,
        )

    def _claims(self, bearer: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(bearer)
        except jwt.InvalidTokenError as error:
            raise _refused(f"malformed token: {error}") from error
        algorithm = header.get("alg")
        if algorithm not in self._algorithms:
            raise _refused(f"the signature algorithm {algorithm!r} is not accepted")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise _refused("the token names no signing key (kid)")
        key = self._keys.key(kid)
        if key is None:
            raise _refused(f"the issuer publishes no key {kid!r}")
        try:
            claims: dict[str, Any] = jwt.decode(
                bearer,
                key=key,
                algorithms=self._algorithms,
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": REQUIRED_CLAIMS},
            )
        except jwt.InvalidTokenError as error:
            raise _refused(f"token refused: {error}") from error
        return claims


def _refused(reason: str) -> Unauthenticated:
    return Unauthenticated(reason, credential_given=True)
