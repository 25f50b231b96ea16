"""The OIDC verifier against a real issuer process: discovery, key rotation while running, and every
way a token is refused. The key cache runs on a clock the tests move; token times are real."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from typing import TYPE_CHECKING

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from spacetime_service.bootstrap.identity_settings import IdentitySettings
from spacetime_service.bootstrap.oidc import oidc_verifier
from spacetime_service.domain.errors import Unauthenticated, Unavailable
from spacetime_service.domain.identity import Principal, Scope
from tests.fakes.jobs import FixedClock
from tests.support.oidc_issuer import (
    AUDIENCE,
    RunningIssuer,
    SigningKey,
    TestIssuer,
    new_key,
    running_issuer,
)
from tests.support.uvicorn_server import free_port

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.adapters.identity.oidc_verifier import OidcTokenVerifier

MAX_AGE = 300
MIN_REFETCH = 30


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningIssuer]:
    with running_issuer(tmp_path_factory.mktemp("oidc")) as running:
        yield running


@pytest.fixture(scope="module")
def issuer(running: RunningIssuer) -> TestIssuer:
    return running.issuer


@pytest.fixture(scope="module")
def rsa_key(issuer: TestIssuer) -> SigningKey:
    return issuer.add_key("RS256")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


def verifier(issuer_url: str, clock: FixedClock, **settings: object) -> OidcTokenVerifier:
    built = oidc_verifier(
        IdentitySettings(
            oidc_issuer=issuer_url,
            oidc_audience=AUDIENCE,
            oidc_jwks_max_age_seconds=MAX_AGE,
            oidc_min_refetch_seconds=MIN_REFETCH,
            oidc_timeout_seconds=5,
            **settings,  # type: ignore[arg-type]
        ),
        clock,
    )
    assert built is not None
    return built


@pytest.fixture
def tokens(issuer: TestIssuer, clock: FixedClock) -> OidcTokenVerifier:
    return verifier(issuer.url, clock)


def refusal(tokens: OidcTokenVerifier, token: str) -> str:
    with pytest.raises(Unauthenticated) as refused:
        tokens.verify(token)
    assert refused.value.credential_given
    return refused.value.detail


def test_a_good_token_proves_its_subject_and_scopes(
    issuer: TestIssuer, rsa_key: SigningKey, tokens: OidcTokenVerifier
) -> None:
    principal = tokens.verify(issuer.token(rsa_key, jti="token-1"))

    scopes = frozenset({Scope.CATALOG_READ, Scope.JOBS_READ})
    assert principal == Principal("alice", scopes, credential="jwt", credential_id="token-1")


def test_an_es256_token_from_the_configured_jwks_url_is_taken(issuer: TestIssuer, clock: FixedClock) -> None:
    key = issuer.add_key("ES256")
    tokens = verifier(issuer.url, clock, oidc_jwks_url=issuer.jwks_url)

    assert tokens.verify(issuer.token(key, sub="etl", jti=None)).owner == "etl"


def test_unknown_scope_names_are_ignored_and_scp_lists_count(
    issuer: TestIssuer, rsa_key: SigningKey, tokens: OidcTokenVerifier
) -> None:
    spaced = issuer.token(rsa_key, scope="billing:write catalog:write openid ml:read")
    listed = issuer.token(rsa_key, scope=None, scp=["orders:read", "other:thing"])
    without = issuer.token(rsa_key, scope=None)

    assert tokens.verify(spaced).scopes == {Scope.CATALOG_WRITE, Scope.ML_READ}
    assert tokens.verify(listed).scopes == {Scope.ORDERS_READ}
    assert tokens.verify(without).scopes == frozenset()


def test_a_rotated_key_is_taken_and_a_removed_one_refused_without_a_restart(
    running: RunningIssuer, clock: FixedClock
) -> None:
    issuer = running.issuer
    old = issuer.add_key()
    tokens = verifier(issuer.url, clock)
    assert tokens.verify(issuer.token(old)).owner == "alice"
    fetches = running.jwks_fetches()

    new = issuer.add_key()
    # Within the refetch interval an unknown kid is refused without asking the issuer again...
    assert "no key" in refusal(tokens, issuer.token(new))
    assert running.jwks_fetches() == fetches
    # ...and after it, the new key is fetched and taken.
    clock.advance(MIN_REFETCH)
    assert tokens.verify(issuer.token(new)).owner == "alice"
    assert running.jwks_fetches() == fetches + 1

    issuer.remove_key(old)
    clock.advance(MAX_AGE)
    assert "no key" in refusal(tokens, issuer.token(old))
    assert tokens.verify(issuer.token(new)).owner == "alice"


def test_a_burst_of_made_up_kids_fetches_the_keys_once(
    running: RunningIssuer, rsa_key: SigningKey, clock: FixedClock
) -> None:
    issuer = running.issuer
    tokens = verifier(issuer.url, clock)
    tokens.verify(issuer.token(rsa_key))
    clock.advance(MIN_REFETCH)
    fetches = running.jwks_fetches()

    for _ in range(5):
        forged = jwt.encode(
            issuer.claims(), rsa_key.private, algorithm="RS256", headers={"kid": uuid.uuid4().hex}
        )
        refusal(tokens, forged)

    assert running.jwks_fetches() == fetches + 1


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"exp": -120}, "expired"),
        ({"nbf": 120}, "not yet valid"),
        ({"aud": "someone-else"}, "audience"),
        ({"iss": "https://issuer.example"}, "issuer"),
        ({"sub": None}, "sub"),
        ({"exp": None}, "exp"),
        ({"aud": None}, "aud"),
        ({"sub": ""}, "subject"),
    ],
)
def test_a_token_whose_claims_do_not_hold_is_refused(
    issuer: TestIssuer,
    rsa_key: SigningKey,
    tokens: OidcTokenVerifier,
    claims: dict[str, int | str | None],
    reason: str,
) -> None:
    now = int(time.time())
    relative = {name: now + value if isinstance(value, int) else value for name, value in claims.items()}

    assert reason in refusal(tokens, issuer.token(rsa_key, **relative)).lower()


def test_the_leeway_forgives_a_little_clock_skew(
    issuer: TestIssuer, rsa_key: SigningKey, tokens: OidcTokenVerifier
) -> None:
    now = int(time.time())

    assert tokens.verify(issuer.token(rsa_key, exp=now - 5, nbf=now + 5)).owner == "alice"


def test_an_unsigned_token_is_refused(
    issuer: TestIssuer, rsa_key: SigningKey, tokens: OidcTokenVerifier
) -> None:
    unsigned = jwt.encode(issuer.claims(), key="", algorithm="none", headers={"kid": rsa_key.kid})

    assert "'none' is not accepted" in refusal(tokens, unsigned)


def test_an_hmac_token_keyed_with_the_public_key_is_refused(
    issuer: TestIssuer, rsa_key: SigningKey, tokens: OidcTokenVerifier
) -> None:
    public_pem = rsa_key.private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    forged = _hs256(issuer.claims(), public_pem, kid=rsa_key.kid)

    assert "'HS256' is not accepted" in refusal(tokens, forged)


def test_a_token_signed_by_another_key_under_a_published_kid_is_refused(
    issuer: TestIssuer, rsa_key: SigningKey, tokens: OidcTokenVerifier
) -> None:
    impostor = issuer.add_key()
    issuer.remove_key(impostor)
    forged = jwt.encode(issuer.claims(), impostor.private, algorithm="RS256", headers={"kid": rsa_key.kid})

    assert "Signature verification failed" in refusal(tokens, forged)


@pytest.mark.parametrize("bearer", ["not-a-token", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30"])
def test_a_malformed_token_is_refused(tokens: OidcTokenVerifier, bearer: str) -> None:
    assert "malformed" in refusal(tokens, bearer)


def test_an_issuer_that_cannot_be_reached_is_unavailable_not_a_refusal(clock: FixedClock) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    key = new_key()
    tokens = verifier(closed, clock)

    with pytest.raises(Unavailable):
        tokens.verify(jwt.encode({"sub": "a"}, key.private, algorithm="RS256", headers={"kid": key.kid}))


def _hs256(claims: dict[str, object], secret: bytes, *, kid: str) -> str:
    """HS256 by hand: PyJWT rightly refuses a PEM as an HMAC secret, so the forgery is built here."""

    def encoded(part: bytes) -> bytes:
        return base64.urlsafe_b64encode(part).rstrip(b"=")

    header = encoded(json.dumps({"alg": "HS256", "typ": "JWT", "kid": kid}).encode())
    payload = encoded(json.dumps(claims).encode())
    signature = encoded(hmac.new(secret, header + b"." + payload, hashlib.sha256).digest())
    return (header + b"." + payload + b"." + signature).decode()


def test_a_discovery_document_that_names_another_issuer_is_unavailable(
    issuer: TestIssuer, rsa_key: SigningKey, clock: FixedClock
) -> None:
    tokens = verifier(issuer.url + "/", clock)

    with pytest.raises(Unavailable, match="names the issuer"):
        tokens.verify(issuer.token(rsa_key))
