"""CredentialVerifier contract: the fixed-table fake, API keys over SQLite and PostgreSQL, and OIDC
tokens from a real issuer process all prove what was issued and refuse anything else alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import delete

from spacetime_service.adapters.sqlalchemy.api_keys.store import SqlAlchemyApiKeyStore
from spacetime_service.adapters.sqlalchemy.api_keys.tables import api_keys
from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.system.clock import SystemClock
from spacetime_service.application.identity.create_api_key import CreateApiKey, CreateApiKeyCommand
from spacetime_service.application.identity.verify_api_key import VerifyApiKey
from spacetime_service.bootstrap.identity_settings import IdentitySettings
from spacetime_service.bootstrap.oidc import oidc_verifier
from spacetime_service.domain.errors import Unauthenticated
from spacetime_service.domain.identity import Principal, Scope
from tests.fakes.credentials import FixedCredentials
from tests.support.jobs.sql_databases import migrated_url
from tests.support.oidc_issuer import AUDIENCE, RunningIssuer, SigningKey, running_issuer

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from spacetime_service.application.ports.credential_verifier import CredentialVerifier

SCOPES = frozenset({Scope.CATALOG_READ, Scope.REPORTS_WRITE})


@dataclass
class Credentials:
    """A verifier and a way to issue it a credential for an owner and scopes."""

    issue: Callable[[str, frozenset[Scope]], str]
    verifier: Callable[[], CredentialVerifier]


@dataclass
class FixedTable:
    issued: dict[str, Principal] = field(default_factory=dict)

    def issue(self, owner: str, scopes: frozenset[Scope]) -> str:
        bearer = f"fixed-{len(self.issued)}-{owner}"
        self.issued[bearer] = Principal(owner, scopes, credential="fixed")
        return bearer

    def verifier(self) -> CredentialVerifier:
        return FixedCredentials(self.issued)


@pytest.fixture(scope="module")
def issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningIssuer]:
    with running_issuer(tmp_path_factory.mktemp("contract-oidc")) as running:
        yield running


@pytest.fixture(scope="module")
def issuer_key(issuer: RunningIssuer) -> SigningKey:
    return issuer.issuer.add_key()


@pytest.fixture(
    params=["fake", "api-key-sqlite", pytest.param("api-key-postgresql", marks=pytest.mark.postgres), "oidc"]
)
def credentials(request: pytest.FixtureRequest) -> Iterator[Credentials]:
    if request.param == "fake":
        table = FixedTable()
        yield Credentials(table.issue, table.verifier)
    elif request.param == "oidc":
        running: RunningIssuer = request.getfixturevalue("issuer")
        key: SigningKey = request.getfixturevalue("issuer_key")
        settings = IdentitySettings(oidc_issuer=running.issuer.url, oidc_audience=AUDIENCE)
        tokens = oidc_verifier(settings, SystemClock())
        assert tokens is not None

        def token(owner: str, scopes: frozenset[Scope]) -> str:
            return running.issuer.token(key, sub=owner, scope=" ".join(scopes))

        yield Credentials(token, lambda: tokens)
    else:
        engine = create_database_engine(migrated_url(request, request.param.removeprefix("api-key-")))
        try:
            with engine.begin() as connection:
                connection.execute(delete(api_keys))
            store = SqlAlchemyApiKeyStore(engine)

            def api_key(owner: str, scopes: frozenset[Scope]) -> str:
                return CreateApiKey(store, SystemClock()).execute(CreateApiKeyCommand(owner, scopes)).text

            yield Credentials(api_key, lambda: VerifyApiKey(store, SystemClock()))
        finally:
            engine.dispose()


def refused(verifier: CredentialVerifier, bearer: str) -> None:
    with pytest.raises(Unauthenticated) as refusal:
        verifier.verify(bearer)
    assert refusal.value.credential_given


def test_an_issued_credential_proves_its_owner_and_scopes(credentials: Credentials) -> None:
    bearer = credentials.issue("etl", SCOPES)
    other = credentials.issue("bi", frozenset({Scope.ADMIN}))
    verifier = credentials.verifier()

    principal = verifier.verify(bearer)

    assert (principal.owner, principal.scopes) == ("etl", SCOPES)
    assert principal.credential
    assert verifier.verify(other).is_admin


def test_an_altered_credential_is_refused(credentials: Credentials) -> None:
    bearer = credentials.issue("etl", SCOPES)
    position = len(bearer) - 10
    altered = bearer[:position] + ("a" if bearer[position] != "a" else "b") + bearer[position + 1 :]

    refused(credentials.verifier(), altered)


@pytest.mark.parametrize("bearer", ["", "garbage", "stk_", "eyJ.eyJ.sig"])
def test_anything_else_is_refused(credentials: Credentials, bearer: str) -> None:
    credentials.issue("etl", SCOPES)

    refused(credentials.verifier(), bearer)
