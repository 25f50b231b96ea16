"""Settings of machine learning: where models live, and how training reports and predictions chunk."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class MlSettings(BaseSettings):
    """SPACETIME_MODEL_STORAGE is the directory of the skops model store (one folder per model id);
    SPACETIME_PREDICT_CHUNK_ROWS the records checked and answered at a time by prediction and feature
    extraction (the first chunk is checked before any output); SPACETIME_TRAINING_PROGRESS_SECONDS how
    often a training job records progress between its checkpoints."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_prefix="SPACETIME_", frozen=True
    )

    model_storage: Path = Path("var/models")
    predict_chunk_rows: int = Field(default=1000, ge=1, le=10_000)
    training_progress_seconds: float = Field(default=1.0, gt=0)
