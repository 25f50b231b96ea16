"""The proxies whose forwarding headers the HTTP server believes (SPACETIME_TRUSTED_PROXIES)."""

from __future__ import annotations

import ipaddress

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_TRUSTED_PROXIES = "127.0.0.1"


class ProxySettings(BaseSettings):
    """`trusted_proxies`: comma-separated addresses and CIDR networks (`*` for any, empty for none).
    A request from one of them is taken to come from the client that its `X-Forwarded-For` names (and
    over the scheme of `X-Forwarded-Proto`); from any other address these headers are ignored. The
    same value goes to uvicorn (`spacetime serve`) and gunicorn (deploy/gunicorn.conf.py)."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_prefix="SPACETIME_"
    )

    trusted_proxies: str = Field(
        DEFAULT_TRUSTED_PROXIES,
        description="addresses or networks of the reverse proxies whose X-Forwarded-For is believed",
    )

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses_or_networks(cls, value: str) -> str:
        items = [item.strip() for item in value.split(",") if item.strip()]
        for item in items:
            if item != "*":
                ipaddress.ip_network(item)  # a ValueError names the item; host bits set are refused
        return ",".join(items)

    def forwarded_allow_ips(self) -> list[str]:
        return self.trusted_proxies.split(",") if self.trusted_proxies else []
