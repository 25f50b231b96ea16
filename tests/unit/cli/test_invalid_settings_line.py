"""The line a bad setting becomes: the variable (its alias, or the prefix and the field), what it
accepts and what it got; a check across settings keeps its own words; a secret is never echoed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from pydantic import ValidationError

from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.bootstrap.memory_settings import MemorySettings
from spacetime_service.bootstrap.quota_settings import QuotaSettings
from spacetime_service.bootstrap.settings import DatabaseSettings
from spacetime_service.bootstrap.settings_errors import invalid_settings_line

if TYPE_CHECKING:
    from pydantic_settings import BaseSettings


def _line(model: type[BaseSettings], **values: Any) -> str:
    with pytest.raises(ValidationError) as raised:
        model(**values)
    return invalid_settings_line(raised.value)


def test_a_prefixed_field_is_named_by_its_variable() -> None:
    assert _line(MemorySettings, compression="rar") == (
        "spacetime: SPACETIME_COMPRESSION: one of 'none' or 'gzip' (got 'rar')"
    )


def test_an_aliased_field_is_named_by_its_alias() -> None:
    assert _line(DatabaseSettings, SPACETIME_FETCH_ROWS="5") == (
        "spacetime: SPACETIME_FETCH_ROWS: a number of at least 100 (got '5')"
    )


def test_a_check_across_settings_keeps_its_message() -> None:
    assert _line(JobSettings, heartbeat_seconds=100) == (
        "spacetime: SPACETIME_HEARTBEAT_SECONDS must be at most half of SPACETIME_LEASE_SECONDS"
    )


def test_a_secret_is_not_echoed() -> None:
    line = _line(QuotaSettings, rate_limit_storage_url="http://user:hunter2@cache:6379")
    assert line.startswith("spacetime: SPACETIME_RATE_LIMIT_STORAGE_URL: ")
    assert "hunter2" not in line
