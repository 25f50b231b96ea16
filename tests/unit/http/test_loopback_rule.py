"""The loopback rule, judged when the app is built: without authentication configured the service
serves anonymous callers only on a loopback address, and refuses to be built for any other."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pydantic import SecretStr

from spacetime_service.bootstrap.containers.root import build_container
from spacetime_service.bootstrap.identity_settings import IdentitySettings
from spacetime_service.bootstrap.settings import ApiSettings, DatabaseSettings, Settings
from spacetime_service.entrypoints.http.access.policy import (
    AuthenticationNotConfigured,
    access_policy,
    arrived_on_loopback,
    is_loopback,
)
from spacetime_service.entrypoints.http.app import create_app

if TYPE_CHECKING:
    from pathlib import Path

OIDC = IdentitySettings(oidc_issuer="https://issuer.example", oidc_audience="spacetime")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", "LOCALHOST"])
def test_loopback_addresses(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.0.0.5", "192.168.1.2", "example.com", "", "api"])
def test_addresses_others_can_reach(host: str) -> None:
    assert not is_loopback(host)


def test_without_authentication_loopback_serves_the_anonymous_user() -> None:
    assert access_policy(IdentitySettings(), "127.0.0.1").anonymous_allowed


def test_auth_required_asks_for_a_credential_even_on_loopback() -> None:
    assert not access_policy(IdentitySettings(auth_required=True), "127.0.0.1").anonymous_allowed


def test_an_oidc_issuer_asks_for_a_credential_everywhere() -> None:
    assert not access_policy(OIDC, "127.0.0.1").anonymous_allowed
    assert not access_policy(OIDC, "0.0.0.0").anonymous_allowed


@pytest.mark.parametrize("identity", [IdentitySettings(auth_required=True), OIDC])
def test_with_authentication_any_address_is_allowed(identity: IdentitySettings) -> None:
    assert not access_policy(identity, "0.0.0.0").anonymous_allowed


def test_the_app_refuses_to_be_built_for_a_reachable_address_without_authentication(tmp_path: Path) -> None:
    settings = Settings(
        database=DatabaseSettings(DATABASE_URL=f"sqlite:///{tmp_path / 'unused.db'}"),
        api=ApiSettings(host="0.0.0.0", cursor_secret=SecretStr("unit-test-secret")),
    )

    with pytest.raises(AuthenticationNotConfigured) as refused:
        create_app(build_container(settings))

    message = str(refused.value)
    assert "0.0.0.0" in message
    assert "SPACETIME_AUTH_REQUIRED=true" in message
    assert "SPACETIME_OIDC_ISSUER" in message


@pytest.mark.parametrize(
    ("server", "loopback"),
    [
        (("127.0.0.1", 8000), True),
        (("::1", 8000), True),
        (("192.0.2.2", 8000), False),
        (("10.1.2.3", 8000), False),
        (("/run/spacetime.sock", None), True),
        (("testserver", 80), True),
        (None, True),
    ],
)
def test_a_connection_arrived_on_loopback_by_its_local_end(server: object, loopback: bool) -> None:
    assert arrived_on_loopback(server) is loopback
