"""Identity settings: read from the environment, and only asymmetric signature algorithms allowed."""

from __future__ import annotations

import pytest

from spacetime_service.bootstrap.identity_settings import IdentitySettings


@pytest.mark.parametrize("algorithms", ["HS256", "RS256,none", ""])
def test_only_asymmetric_algorithms_may_be_configured(
    algorithms: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPACETIME_OIDC_ALGORITHMS", algorithms)

    with pytest.raises(ValueError, match="algorithm"):
        IdentitySettings()


def test_algorithms_and_configuration_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPACETIME_OIDC_ALGORITHMS", "ES256, RS256")
    monkeypatch.setenv("SPACETIME_OIDC_ISSUER", "https://login.example")
    monkeypatch.setenv("SPACETIME_AUTH_REQUIRED", "true")

    settings = IdentitySettings()

    assert settings.oidc_algorithms == ("ES256", "RS256")
    assert settings.auth_required
    assert not settings.oidc_configured
    monkeypatch.setenv("SPACETIME_OIDC_AUDIENCE", "spacetime-api")
    assert IdentitySettings().oidc_configured
