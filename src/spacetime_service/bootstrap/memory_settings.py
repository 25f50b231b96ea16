"""Settings of the memory side: the budget, chunk sizing, and where and how work spills to disk."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path
from typing import Literal, Self

from pydantic import ByteSize, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from spacetime_service.adapters.spacetime.chunk_sizers import ChunkStrategy
from spacetime_service.adapters.spacetime.run_files import Compression
from spacetime_service.adapters.sqrtspace.library import EXTRA_HINT

# One chunk may take an eighth of the budget: its rows, their encoded copy, and the rest of the process
# (other requests, the interpreter) have to fit beside it.
CHUNK_BUDGET_SHARE = 8


class MemorySettings(BaseSettings):
    """SPACETIME_* variables. Sizes accept bytes or units: "512MB" is 512·10⁶ bytes, "512MiB" 512·2²⁰."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_prefix="SPACETIME_", frozen=True
    )

    memory_limit: ByteSize = Field(default=ByteSize(512 * 10**6), gt=0)
    external_storage: Path = Path("var/spill")
    chunk_strategy: ChunkStrategy = "sqrt_n"
    compression: Compression = "none"
    fixed_chunk_rows: int = Field(default=1000, ge=1)
    min_chunk_rows: int = Field(default=100, ge=1)
    max_chunk_rows: int = Field(default=100_000, ge=1)
    sort_memory: ByteSize = Field(
        default=ByteSize(64 * 10**6), gt=0, description="runs and read buffers of one external sort"
    )
    cache_size: ByteSize = Field(
        default=ByteSize(32 * 10**6), ge=0, description="the in-process result cache at normal pressure"
    )
    memory_library: Literal["builtin", "sqrtspace"] = Field(
        default="builtin",
        description="whose sqrt_n chunk rule: the service's own, or sqrtspace-spacetime's (needs the extra)",
    )

    @model_validator(mode="after")
    def _bounds_in_order(self) -> Self:
        if self.min_chunk_rows > self.max_chunk_rows:
            raise ValueError("SPACETIME_MIN_CHUNK_ROWS must not exceed SPACETIME_MAX_CHUNK_ROWS")
        if self.sort_memory > self.memory_limit:
            raise ValueError("SPACETIME_SORT_MEMORY must fit in SPACETIME_MEMORY_LIMIT")
        # Checked when the settings are read, so that every process stops at start-up, not at its first
        # chunk. find_spec locates the package without importing it (no import-time side effects).
        if self.memory_library == "sqrtspace" and find_spec("sqrtspace_spacetime") is None:
            raise ValueError(EXTRA_HINT)
        return self

    @property
    def chunk_budget_bytes(self) -> int:
        return int(self.memory_limit) // CHUNK_BUDGET_SHARE

    @property
    def library_directory(self) -> Path:
        """Where sqrtspace-spacetime's import puts the directory it makes (see adapters/sqrtspace)."""
        return self.external_storage / "sqrtspace"
