"""The identity container as the HTTP side gets it: one authenticator for API keys and, once an issuer
is configured, OIDC tokens; over a real SQLite file and a real issuer process."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.application.identity.create_api_key import CreateApiKeyCommand
from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.identity_settings import IdentitySettings
from spacetime_service.bootstrap.settings import DatabaseSettings, Settings
from spacetime_service.domain.errors import Unauthenticated
from tests.support.oidc_issuer import AUDIENCE, running_issuer

if TYPE_CHECKING:
    from pathlib import Path


def container(tmp_path: Path, identity: IdentitySettings) -> RootContainer:
    url = f"sqlite:///{tmp_path / 'identity.db'}"
    upgrade_to_head(url)
    return build_container(Settings(database=DatabaseSettings(DATABASE_URL=url), identity=identity))


def test_keys_and_tokens_both_authenticate_once_an_issuer_is_configured(tmp_path: Path) -> None:
    with running_issuer(tmp_path) as running:
        issuer = running.issuer
        key = issuer.add_key()
        root = container(tmp_path, IdentitySettings(oidc_issuer=issuer.url, oidc_audience=AUDIENCE))
        made = root.identity.create_api_key().execute(CreateApiKeyCommand("etl"))
        authenticator = root.identity.authenticator()

        assert authenticator.verify(issuer.token(key, sub="alice")).credential == "jwt"
        assert authenticator.verify(made.text).credential == "api-key"
        assert root.identity.authenticator() is authenticator


def test_without_an_issuer_only_keys_authenticate(tmp_path: Path) -> None:
    root = container(tmp_path, IdentitySettings())
    made = root.identity.create_api_key().execute(CreateApiKeyCommand("etl"))
    authenticator = root.identity.authenticator()

    assert authenticator.verify(made.text).owner == "etl"
    with pytest.raises(Unauthenticated, match="no OIDC issuer"):
        authenticator.verify("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")
