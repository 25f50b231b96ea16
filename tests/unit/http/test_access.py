"""The bearer credential, scopes and their problems, in process over a real SQLite file; the full
walk over every operation is tests/e2e/access/test_openapi_security.py."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest

from spacetime_service.bootstrap.identity_settings import IdentitySettings
from spacetime_service.domain.identity import Scope
from tests.support.access import admit, bearer, principal, token_of
from tests.support.jobs.jobs_app import JobsApp, job_settings, jobs_app

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

READER = principal("reader", {Scope.JOBS_READ, Scope.ANALYTICS_READ})
ADMIN = principal("root", {Scope.ADMIN})


@pytest.fixture
def app(tmp_path: Path) -> Iterator[JobsApp]:
    settings = job_settings(tmp_path)
    settings.identity = IdentitySettings(auth_required=True)
    with jobs_app(settings) as app:
        admit(app.container, principal("alice"), READER, ADMIN)
        yield app


@pytest.fixture
def loopback_app(tmp_path: Path) -> Iterator[JobsApp]:
    with jobs_app(job_settings(tmp_path)) as app:
        admit(app.container, READER)
        yield app


def test_without_a_credential_the_answer_is_401_with_a_bare_challenge(app: JobsApp) -> None:
    response = app.client.get("/jobs")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 401


def test_a_refused_credential_is_401_invalid_token_and_its_reason_is_only_logged(
    app: JobsApp, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="spacetime_service.access"):
        response = app.client.get("/jobs", headers=bearer("stk_unknown"))

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
    assert "unknown" not in response.text
    assert response.json()["detail"] == "the credential was refused"
    warnings = [str(record.msg) for record in caplog.records if record.name == "spacetime_service.access"]
    assert len(warnings) == 1
    assert "an unknown credential" in warnings[0]


@pytest.mark.parametrize("header", ["Basic YWxpY2U6cw==", "Bearer", "Bearer two words", "stk_alice"])
def test_an_authorization_header_that_is_not_one_bearer_credential_is_refused(
    app: JobsApp, header: str
) -> None:
    response = app.client.get("/jobs", headers={"Authorization": header})

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'


def test_a_credential_without_the_scope_is_403_naming_it(app: JobsApp) -> None:
    job = app.jobs.create(owner="reader")

    response = app.client.post(f"/jobs/{job.id}/cancel", headers=bearer(token_of("reader")))

    assert response.status_code == 403
    assert response.headers["www-authenticate"] == 'Bearer error="insufficient_scope", scope="jobs:write"'
    assert response.json()["scope"] == "jobs:write"
    assert "jobs:write" in response.json()["detail"]
    assert app.client.get(f"/jobs/{job.id}", headers=bearer(token_of("reader"))).status_code == 200


def test_an_admin_sees_and_cancels_every_owners_jobs(app: JobsApp) -> None:
    alices = app.jobs.create(owner="alice")
    readers = app.jobs.create(owner="reader")
    admin = bearer(token_of("root"))

    listed = [job["id"] for job in app.client.get("/jobs", headers=admin).json()["items"]]
    cancelled = app.client.post(f"/jobs/{alices.id}/cancel", headers=admin)

    assert set(listed) == {alices.id, readers.id}
    assert app.client.get(f"/jobs/{readers.id}", headers=admin).json()["owner"] == "reader"
    assert cancelled.status_code == 202
    assert cancelled.json()["status"] == "cancelled"


def test_the_spacetime_aggregation_engine_needs_analytics_write(app: JobsApp) -> None:
    body = {"group_by": ["category"], "metrics": ["orders"], "engine": "spacetime"}

    response = app.client.post("/analytics/aggregate", json=body, headers=bearer(token_of("reader")))

    assert response.status_code == 403
    assert response.json()["scope"] == "analytics:write"


def test_probes_metrics_and_the_documents_need_no_credential(app: JobsApp) -> None:
    for path in ("/livez", "/metrics", "/openapi.json", "/docs"):
        assert app.client.get(path).status_code == 200, path


def test_on_loopback_a_request_without_a_credential_is_served(loopback_app: JobsApp) -> None:
    assert loopback_app.client.get("/jobs").status_code == 200


def test_on_loopback_a_credential_that_is_brought_is_still_verified(loopback_app: JobsApp) -> None:
    refused = loopback_app.client.get("/jobs", headers=bearer("stk_unknown"))
    limited = loopback_app.client.get("/system/memory", headers=bearer(token_of("reader")))

    assert refused.status_code == 401
    assert limited.status_code == 403
    assert limited.json()["scope"] == "system:read"
