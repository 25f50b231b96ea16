"""SPACETIME_* memory settings: sizes with units, strategy names, and bounds that must agree."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from spacetime_service.bootstrap.memory_settings import MemorySettings


def settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> MemorySettings:
    for name, value in env.items():
        monkeypatch.setenv(f"SPACETIME_{name.upper()}", value)
    return MemorySettings(_env_file=None)


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = settings(monkeypatch)
    assert (loaded.memory_limit, loaded.chunk_strategy, loaded.compression) == (512 * 10**6, "sqrt_n", "none")
    assert loaded.chunk_budget_bytes == 64 * 10**6


def test_sizes_accept_decimal_and_binary_units(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = settings(monkeypatch, memory_limit="1GiB", sort_memory="100MB")
    assert (loaded.memory_limit, loaded.sort_memory) == (2**30, 100 * 10**6)


@pytest.mark.parametrize(
    "env",
    [
        {"chunk_strategy": "fastest"},
        {"compression": "lzma"},
        {"memory_limit": "0"},
        {"min_chunk_rows": "5000", "max_chunk_rows": "10"},
        {"memory_limit": "100MB", "sort_memory": "200MB"},
    ],
)
def test_refuses_settings_that_cannot_work(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        settings(monkeypatch, **env)
