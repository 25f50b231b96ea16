"""Settings of the per-owner quotas on job submissions."""

from __future__ import annotations

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

MEMORY_STORAGE_URL = "memory://"
_STORAGE_SCHEMES = ("memory://", "redis://", "rediss://", "redis+unix://")


class QuotaSettings(BaseSettings):
    """SPACETIME_MAX_ACTIVE_JOBS_PER_OWNER, SPACETIME_JOB_SUBMISSIONS_PER_MINUTE (0 turns either off)
    and SPACETIME_RATE_LIMIT_STORAGE_URL: `memory://` counts each process's submissions apart, a Redis
    URL (`redis://host:6379/1`) counts them across every process that names it."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_prefix="SPACETIME_", frozen=True
    )

    max_active_jobs_per_owner: int = Field(
        20, ge=0, description="an owner's jobs that may be queued or running at once; 0: no cap"
    )
    job_submissions_per_minute: int = Field(
        60, ge=0, description="job submissions an owner may make in any 60 seconds; 0: no limit"
    )
    # May hold a password, so it is kept out of reprs and logs.
    rate_limit_storage_url: SecretStr = Field(
        SecretStr(MEMORY_STORAGE_URL), description="where submissions are counted: memory:// or a Redis URL"
    )

    @field_validator("rate_limit_storage_url")
    @classmethod
    def _known_storage(cls, url: SecretStr) -> SecretStr:
        if not url.get_secret_value().startswith(_STORAGE_SCHEMES):
            raise ValueError(
                f"SPACETIME_RATE_LIMIT_STORAGE_URL must start with one of {', '.join(_STORAGE_SCHEMES)}"
            )
        return url
