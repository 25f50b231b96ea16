"""The authenticator sends API keys and tokens to their verifiers by the key prefix."""

from __future__ import annotations

import pytest

from spacetime_service.application.identity.authenticator import Authenticator
from spacetime_service.domain.errors import Unauthenticated
from spacetime_service.domain.identity import Principal, Scope
from tests.fakes.credentials import FixedCredentials

KEY = "stk_0123456789abcdef_" + "a" * 64
TOKEN = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"
BY_KEY = Principal("etl", frozenset({Scope.CATALOG_READ}), "api-key", "0123456789abcdef")
BY_TOKEN = Principal("alice", frozenset({Scope.JOBS_READ}), "jwt")


def test_a_key_goes_to_the_key_verifier_and_a_token_to_the_token_verifier() -> None:
    both = FixedCredentials({KEY: BY_KEY, TOKEN: BY_TOKEN})
    authenticator = Authenticator(api_keys=FixedCredentials({KEY: BY_KEY}), tokens=both)

    assert authenticator.verify(KEY) == BY_KEY
    assert authenticator.verify(TOKEN) == BY_TOKEN


def test_a_token_is_refused_while_no_issuer_is_configured() -> None:
    authenticator = Authenticator(api_keys=FixedCredentials({TOKEN: BY_TOKEN}), tokens=None)

    with pytest.raises(Unauthenticated, match="no OIDC issuer") as refused:
        authenticator.verify(TOKEN)
    assert refused.value.credential_given


def test_a_key_is_never_taken_for_a_token() -> None:
    authenticator = Authenticator(api_keys=FixedCredentials({}), tokens=FixedCredentials({KEY: BY_TOKEN}))

    with pytest.raises(Unauthenticated):
        authenticator.verify(KEY)


def test_an_empty_credential_is_refused() -> None:
    with pytest.raises(Unauthenticated):
        Authenticator(api_keys=FixedCredentials({"": BY_KEY}), tokens=None).verify("")
