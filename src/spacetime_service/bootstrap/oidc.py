"""The OIDC token verifier built from the identity settings, or None while no issuer is configured.

The adapters (PyJWT, and through it `cryptography`: about 11 MiB) are imported only when an issuer is
configured."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacetime_service.adapters.identity.oidc_verifier import OidcTokenVerifier
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.bootstrap.identity_settings import IdentitySettings


def oidc_verifier(settings: IdentitySettings, clock: Clock) -> OidcTokenVerifier | None:
    if not settings.oidc_issuer or not settings.oidc_audience:
        return None
    from spacetime_service.adapters.identity.jwks_keys import JwksKeys
    from spacetime_service.adapters.identity.jwks_source import JwksSource
    from spacetime_service.adapters.identity.oidc_verifier import OidcTokenVerifier

    source = JwksSource(settings.oidc_issuer, settings.oidc_jwks_url, settings.oidc_timeout_seconds)
    keys = JwksKeys(
        source,
        clock,
        max_age=timedelta(seconds=settings.oidc_jwks_max_age_seconds),
        min_refetch=timedelta(seconds=settings.oidc_min_refetch_seconds),
    )
    return OidcTokenVerifier(
        keys,
        issuer=settings.oidc_issuer,
        audience=settings.oidc_audience,
        algorithms=settings.oidc_algorithms,
        leeway=timedelta(seconds=settings.oidc_leeway_seconds),
    )
