"""The credential of an `Authorization: Bearer <credential>` header (RFC 6750 section 2.1)."""

from __future__ import annotations

from spacetime_service.domain.errors import Unauthenticated

# RFC 6750's b64token: what a bearer credential may be made of (JWTs and API keys both are).
_B64TOKEN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=")
# Far above a JWT with many claims; a longer header is refused before anything parses it.
MAX_CREDENTIAL_LENGTH = 8192


def bearer_credential(authorization: str) -> str:
    """The credential of the header's value; `Unauthenticated(credential_given=True)` when the header
    is not one bearer credential."""
    scheme, _, credential = authorization.strip().partition(" ")
    credential = credential.strip()
    if scheme.lower() != "bearer":
        raise Unauthenticated(
            f"the Authorization scheme is {scheme[:20]!r}, not Bearer", credential_given=True
        )
    if not credential or len(credential) > MAX_CREDENTIAL_LENGTH or not set(credential) <= _B64TOKEN:
        raise Unauthenticated("the bearer credential is empty or malformed", credential_given=True)
    return credential
