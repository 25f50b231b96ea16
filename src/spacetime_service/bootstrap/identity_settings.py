"""Settings of identity: whether a credential is required, and which OIDC issuer's tokens are taken."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Only asymmetric algorithms: the verifier holds public keys, and an HMAC algorithm would let anyone who
# has the public key (everyone) sign tokens with it as the shared secret.
ASYMMETRIC_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)


class IdentitySettings(BaseSettings):
    """SPACETIME_AUTH_REQUIRED: refuse a request without a credential (otherwise the service serves only on
    loopback, as the anonymous machine user). SPACETIME_OIDC_ISSUER and SPACETIME_OIDC_AUDIENCE: the
    issuer whose access tokens are taken and the audience they must name; the keys come from
    SPACETIME_OIDC_JWKS_URL, else from the issuer's discovery document. SPACETIME_OIDC_ALGORITHMS: the
    allowed signature algorithms, comma-separated. SPACETIME_OIDC_LEEWAY_SECONDS: clock skew tolerated on
    exp and nbf."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_prefix="SPACETIME_", frozen=True
    )

    auth_required: bool = False
    oidc_issuer: str | None = None
    oidc_audience: str | None = None
    oidc_algorithms: Annotated[tuple[str, ...], NoDecode] = ("RS256", "ES256")
    oidc_jwks_url: str | None = None
    oidc_leeway_seconds: int = Field(default=30, ge=0, le=600)
    oidc_timeout_seconds: float = Field(
        default=5.0,
        gt=0,
        le=60,
        description="how long a fetch of the discovery document or the JWKS may take",
    )
    oidc_jwks_max_age_seconds: float = Field(
        default=300.0, gt=0, description="keys are fetched again this long after the last fetch"
    )
    oidc_min_refetch_seconds: float = Field(
        default=30.0,
        ge=0,
        description="the JWKS is fetched at most this often for tokens that name an unknown key, and"
        " tried at most this often while the issuer cannot be reached",
    )

    @field_validator("oidc_algorithms", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(name.strip() for name in value.split(",") if name.strip())
        return value

    @field_validator("oidc_algorithms")
    @classmethod
    def _asymmetric_only(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("at least one algorithm is needed")
        refused = [name for name in value if name not in ASYMMETRIC_ALGORITHMS]
        if refused:
            raise ValueError(
                f"not an asymmetric signature algorithm: {', '.join(refused)};"
                f" allowed: {', '.join(sorted(ASYMMETRIC_ALGORITHMS))}"
            )
        return value

    @property
    def oidc_configured(self) -> bool:
        """Tokens are checked only when both the issuer and the audience are known."""
        return bool(self.oidc_issuer) and bool(self.oidc_audience)
