"""Settings of product imports: how big an upload may be, where it is staged, and its chunks."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pydantic import ByteSize, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from spacetime_service.application.imports.handler import DEFAULT_MIN_CHUNK_ROWS
from spacetime_service.application.imports.limits import ImportLimits


class ImportSettings(BaseSettings):
    """SPACETIME_IMPORT_* variables. Sizes accept bytes or units ("1GiB", "64KiB")."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_prefix="SPACETIME_IMPORT_"
    )

    max_body_bytes: ByteSize = Field(default=ByteSize(1 << 30), gt=0)
    max_line_bytes: ByteSize = Field(default=ByteSize(64 * 1024), gt=0)
    max_rows: int = Field(default=5_000_000, ge=1)
    staging: Path = Path("var/imports")
    retention_hours: float = Field(default=24 * 7, gt=0)
    min_chunk_rows: int = Field(default=DEFAULT_MIN_CHUNK_ROWS, ge=1)

    def limits(self) -> ImportLimits:
        return ImportLimits(int(self.max_body_bytes), int(self.max_line_bytes), self.max_rows)

    def retention(self) -> timedelta:
        return timedelta(hours=self.retention_hours)
