"""`spacetime keys ...` over a real SQLite file, through typer's runner and once as a process of its own
(each start imports the whole service), checked against the authenticator the HTTP side uses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from dependency_injector import providers
from typer.testing import CliRunner

from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.settings import DatabaseSettings, Settings
from spacetime_service.domain.errors import Unauthenticated
from spacetime_service.domain.identity import EVERY_SCOPE_BUT_ADMIN, Scope
from spacetime_service.entrypoints.cli.main import app
from tests.fakes.jobs import FixedClock

if TYPE_CHECKING:
    from pathlib import Path

RECORD_FIELDS = {"id", "owner", "scopes", "created_at", "last_used_at", "expires_at", "revoked_at"}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("keys") / "template.db"
    upgrade_to_head(f"sqlite:///{path}")
    return path


@pytest.fixture
def database(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "keys.db"
    path.write_bytes(template.read_bytes())
    return path


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def container(database: Path, clock: FixedClock) -> RootContainer:
    container = build_container(Settings(database=DatabaseSettings(DATABASE_URL=f"sqlite:///{database}")))
    container.clock.override(providers.Object(clock))
    return container


def spacetime(database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`spacetime keys <args>` as a process of its own."""
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    command = [sys.executable, "-m", "spacetime_service.entrypoints.cli.main", "keys", *args]
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=240, check=False)


def run(container: RootContainer, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["keys", *args], obj=container)
    return result.exit_code, result.stdout, result.stderr


def created_key(container: RootContainer, *args: str) -> str:
    code, out, err = run(container, "create", *args)
    assert code == 0, err
    return out.splitlines()[-1]


def listed(container: RootContainer) -> list[dict[str, object]]:
    code, out, _ = run(container, "list", "--json")
    assert code == 0
    keys: list[dict[str, object]] = json.loads(out)
    return keys


def test_a_key_works_until_another_process_revokes_it_and_never_shows_its_secret(
    database: Path, container: RootContainer
) -> None:
    text = created_key(
        container, "--owner", "etl", "--scopes", "catalog:read,jobs:write", "--expires-in", "30d"
    )
    key_id = text.split("_")[1]
    authenticator = container.identity.authenticator()

    principal = authenticator.verify(text)

    assert (principal.owner, principal.scopes) == ("etl", {Scope.CATALOG_READ, Scope.JOBS_WRITE})
    assert principal.credential_id == key_id
    [record] = listed(container)
    assert set(record) == RECORD_FIELDS
    assert record["id"] == key_id
    assert record["scopes"] == ["catalog:read", "jobs:write"]
    assert record["last_used_at"] == "2025-03-01T12:00:00Z"
    assert record["revoked_at"] is None
    secret = text.split("_")[2]
    _, out, _ = run(container, "list")
    assert secret not in json.dumps(record)
    assert secret not in out
    assert key_id in out
    assert "active" in out

    # Revoked by another process: this one, which took the key a moment ago, refuses it at once.
    revoked = spacetime(database, "revoke", key_id)

    assert revoked.returncode == 0, revoked.stderr
    assert key_id in revoked.stdout
    with pytest.raises(Unauthenticated, match="revoked"):
        authenticator.verify(text)
    assert listed(container)[0]["revoked_at"] is not None


def test_a_key_without_scopes_has_all_but_admin_and_the_key_is_the_last_line(
    container: RootContainer,
) -> None:
    code, out, err = run(container, "create", "--owner", "bi")

    assert code == 0
    assert out.count("stk_") == 1
    assert "cannot be shown again" in err
    principal = container.identity.authenticator().verify(out.splitlines()[-1])
    assert principal.scopes == EVERY_SCOPE_BUT_ADMIN
    assert listed(container)[0]["expires_at"] is None


def test_a_key_is_refused_once_it_has_expired(container: RootContainer, clock: FixedClock) -> None:
    text = created_key(container, "--owner", "etl", "--expires-in", "90m")
    authenticator = container.identity.authenticator()
    assert listed(container)[0]["expires_at"] == "2025-03-01T13:30:00Z"
    authenticator.verify(text)

    clock.advance(timedelta(minutes=90).total_seconds())

    with pytest.raises(Unauthenticated, match="expired"):
        authenticator.verify(text)
    _, out, _ = run(container, "list")
    assert "expired" in out


def test_keys_list_for_one_owner(container: RootContainer, clock: FixedClock) -> None:
    created_key(container, "--owner", "etl")
    clock.advance(1)
    created_key(container, "--owner", "bi", "--expires-in", "12h")

    code, out, _ = run(container, "list", "--json", "--owner", "bi")

    assert code == 0
    assert [key["owner"] for key in json.loads(out)] == ["bi"]
    assert [key["owner"] for key in listed(container)] == ["etl", "bi"]


def test_revoking_an_unknown_key_fails_with_a_clear_message(container: RootContainer) -> None:
    code, _, err = run(container, "revoke", "0123456789abcdef")

    assert code == 3
    assert "API key 0123456789abcdef does not exist" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--owner", "etl", "--scopes", "catalog:read,nope:x"], "unknown scope"),
        (["--owner", "etl", "--expires-in", "30"], "not a lifetime"),
        (["--owner", "etl", "--expires-in", "2w"], "not a lifetime"),
        (["--owner", ""], "owner"),
    ],
)
def test_a_bad_option_creates_no_key(container: RootContainer, args: list[str], message: str) -> None:
    code, out, err = run(container, "create", *args)

    assert code != 0
    assert message in err
    assert "stk_" not in out
    assert listed(container) == []
