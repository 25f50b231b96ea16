"""/readyz is asked every few seconds by every orchestrator: it checks the schema's revision without
a log line of its own (Alembic announces its dialect at INFO whenever a migration context is built)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient
from pydantic import SecretStr

from spacetime_service.bootstrap.containers.root import build_container
from spacetime_service.bootstrap.settings import ApiSettings, DatabaseSettings, Settings
from spacetime_service.entrypoints.http.app import create_app

if TYPE_CHECKING:
    from pathlib import Path

PROBES = 5


class Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_readiness_probes_add_no_alembic_lines(tmp_path: Path) -> None:
    settings = Settings(
        database=DatabaseSettings(DATABASE_URL=f"sqlite:///{tmp_path / 'ready.db'}"),
        api=ApiSettings(cursor_secret=SecretStr("readiness-secret")),
    )
    container = build_container(settings)
    container.database.migrate()
    alembic = logging.getLogger("alembic")
    kept = Kept()
    level = alembic.level
    with TestClient(create_app(container)) as client:
        # Attached after the app configured logging, at INFO, where Alembic's announcements are.
        alembic.addHandler(kept)
        alembic.setLevel(logging.INFO)
        try:
            answers = [client.get("/readyz") for _ in range(PROBES)]
        finally:
            alembic.removeHandler(kept)
            alembic.setLevel(level)
    assert [answer.json()["status"] for answer in answers] == ["ready"] * PROBES
    assert [record.getMessage() for record in kept.records] == []
