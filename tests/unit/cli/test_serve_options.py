"""`spacetime serve` hands SPACETIME_TRUSTED_PROXIES to uvicorn; the setting refuses what is no address."""

from __future__ import annotations

import pytest
import uvicorn
from pydantic import ValidationError

from spacetime_service.bootstrap.proxy_settings import ProxySettings
from spacetime_service.bootstrap.settings import ApiSettings
from spacetime_service.entrypoints.cli.serve import APP_FACTORY, serve_options


def _config(proxies: ProxySettings) -> uvicorn.Config:
    options = serve_options(ApiSettings(), proxies, host="127.0.0.1", port=8123, workers=1)
    return uvicorn.Config(APP_FACTORY, **options)


def test_the_uvicorn_config_believes_forwarded_headers_only_from_the_trusted_proxies() -> None:
    config = _config(ProxySettings(trusted_proxies=" 10.0.0.5, 172.30.0.0/24 "))

    assert config.proxy_headers
    assert config.forwarded_allow_ips == ["10.0.0.5", "172.30.0.0/24"]
    assert (config.host, config.port, config.factory) == ("127.0.0.1", 8123, True)


def test_the_default_trusts_only_the_loopback_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPACETIME_TRUSTED_PROXIES", raising=False)

    assert _config(ProxySettings(_env_file=None)).forwarded_allow_ips == ["127.0.0.1"]


def test_the_environment_sets_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPACETIME_TRUSTED_PROXIES", "192.0.2.10,2001:db8::/32")

    assert ProxySettings().forwarded_allow_ips() == ["192.0.2.10", "2001:db8::/32"]


def test_an_empty_value_trusts_no_proxy() -> None:
    assert _config(ProxySettings(trusted_proxies="")).forwarded_allow_ips == []


@pytest.mark.parametrize("value", ["nginx", "10.0.0.1/33", "192.168.1.1/24"])
def test_what_is_no_address_or_network_is_refused(value: str) -> None:
    with pytest.raises(ValidationError, match="trusted_proxies"):
        ProxySettings(trusted_proxies=value)
