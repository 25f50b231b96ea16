"""Settings, one model per concern, read from the environment (and `.env`) once, in bootstrap."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from spacetime_service.bootstrap.cursor_secret import DEFAULT_CURSOR_SECRET
from spacetime_service.bootstrap.identity_settings import IdentitySettings
from spacetime_service.bootstrap.import_settings import ImportSettings
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.bootstrap.memory_settings import MemorySettings
from spacetime_service.bootstrap.ml_settings import MlSettings
from spacetime_service.bootstrap.observability_settings import ObservabilitySettings
from spacetime_service.bootstrap.quota_settings import QuotaSettings

# What a browser sends as Origin: a scheme, a host and maybe a port, nothing after.
_ORIGIN = re.compile(r"https?://(\[[0-9A-Fa-f:.]+\]|[^/\s:\[\]]+)(:\d{1,5})?")
_COMMON = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

DEFAULT_DATABASE_URL = "sqlite:///var/spacetime.db"


class DatabaseSettings(BaseSettings):
    """`DATABASE_URL`: `sqlite:///path.db` (the default) or `postgresql+psycopg://user@host/db`."""

    model_config = _COMMON

    url: str = Field(DEFAULT_DATABASE_URL, validation_alias="DATABASE_URL")
    fetch_rows: int = Field(
        5000,
        ge=100,
        le=100_000,
        validation_alias="SPACETIME_FETCH_ROWS",
        description="rows per round trip of a streaming read",
    )
    export_backends: int = Field(
        2,
        ge=1,
        le=8,
        validation_alias="SPACETIME_EXPORT_BACKENDS",
        description="connections (PostgreSQL backends, SQLite readers) that build one export side by side",
    )
    pool_size: int = Field(
        5,
        ge=1,
        le=200,
        validation_alias="SPACETIME_DB_POOL_SIZE",
        description="connections the HTTP side keeps open in its pool",
    )
    max_overflow: int = Field(
        10,
        ge=0,
        le=200,
        validation_alias="SPACETIME_DB_MAX_OVERFLOW",
        description="connections the HTTP side may open past the pool size at busy times",
    )
    pool_timeout_seconds: float = Field(
        5.0,
        gt=0,
        le=300,
        validation_alias="SPACETIME_DB_POOL_TIMEOUT_SECONDS",
        description="how long a request waits for a free connection before it is answered 503",
    )
    job_pool_size: int = Field(
        10,
        ge=1,
        le=200,
        validation_alias="SPACETIME_DB_JOB_POOL_SIZE",
        description="connections of the job runners' own pool (as many again at busy times), which HTTP"
        " traffic never uses; about twice the jobs that run at once, plus two",
    )


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(**_COMMON, env_prefix="SPACETIME_")

    host: str = "127.0.0.1"
    port: int = 8000
    cursor_secret: SecretStr = Field(
        SecretStr(DEFAULT_CURSOR_SECRET),
        description="signs pagination cursors; set the same value on every machine. Left at the default,"
        " the secret kept in cursor_secret_file is used (bootstrap/cursor_secret.py)",
    )
    cursor_secret_file: Path = Field(
        Path("var/cursor-secret"),
        description="where a secret made on first start is kept (mode 0600) for every worker of the machine",
    )
    cors_origins: Annotated[tuple[str, ...], NoDecode] = Field(
        (),
        description="origins (scheme://host[:port], comma-separated, or *) whose browser pages may call the"
        " API; empty: no CORS headers at all",
    )
    max_streams_per_client: int = Field(4, ge=1)
    max_streams: int = Field(
        64, ge=1, description="streams one process serves at once across all clients; past it, a 503"
    )
    stream_idle_seconds: float = Field(
        60.0, gt=0, description="a stream whose client has not read for this long is closed"
    )
    sse_ping_seconds: float = Field(15.0, gt=0)
    max_json_body_bytes: int = Field(
        1024 * 1024,
        ge=1024,
        description="the largest JSON request body; uploads to /products/import keep their own limit",
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins_from_a_list(cls, value: object) -> object:
        """A comma-separated list, as the environment gives it; each origin as a browser sends it."""
        if isinstance(value, str):
            value = [origin.strip() for origin in value.split(",") if origin.strip()]
        if not isinstance(value, list | tuple):
            return value
        for origin in value:
            if origin != "*" and not (isinstance(origin, str) and _ORIGIN.fullmatch(origin)):
                raise ValueError(f"{origin!r} is not an origin: scheme://host[:port] with no path")
        return tuple(value)


class DemoSettings(BaseSettings):
    """Size of the demo data that `spacetime serve` loads into an empty database."""

    model_config = SettingsConfigDict(**_COMMON, env_prefix="SPACETIME_DEMO_")

    products: int = Field(2_000, ge=0)
    orders: int = Field(100_000, ge=0)
    seed: int = 42


class StorageSettings(BaseSettings):
    model_config = SettingsConfigDict(**_COMMON, env_prefix="SPACETIME_")

    artifact_storage: Path = Path("var/artifacts")
    artifact_retention_hours: float = Field(24 * 7, gt=0)


class Settings:
    """Everything, loaded once; tests build one with explicit values."""

    def __init__(
        self,
        *,
        database: DatabaseSettings | None = None,
        api: ApiSettings | None = None,
        demo: DemoSettings | None = None,
        storage: StorageSettings | None = None,
        memory: MemorySettings | None = None,
        observability: ObservabilitySettings | None = None,
        jobs: JobSettings | None = None,
        ml: MlSettings | None = None,
        imports: ImportSettings | None = None,
        quotas: QuotaSettings | None = None,
        identity: IdentitySettings | None = None,
    ) -> None:
        self.database = database or DatabaseSettings()
        self.api = api or ApiSettings()
        self.demo = demo or DemoSettings()
        self.storage = storage or StorageSettings()
        self.memory = memory or MemorySettings()
        self.observability = observability or ObservabilitySettings()
        self.jobs = jobs or JobSettings()
        self.ml = ml or MlSettings()
        self.imports = imports or ImportSettings()
        self.quotas = quotas or QuotaSettings()
        self.identity = identity or IdentitySettings()
