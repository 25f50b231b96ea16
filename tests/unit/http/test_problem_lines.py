"""A refused upload line reaches the client as a field of the problem, read from the error itself."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.entrypoints.http.problems.handlers import install_problem_handlers


def _client() -> TestClient:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/records")
    def bad_record() -> None:
        raise InvalidInput("quantity must be an integer", field="quantity", line=3)

    @app.get("/things")
    def bad_parameter() -> None:
        raise InvalidInput("limit must be between 1 and 1000", field="limit")

    return TestClient(app)


def test_a_bad_line_names_its_line_and_field_in_the_body() -> None:
    problem = _client().post("/records").json()

    assert problem["detail"] == "line 3: quantity must be an integer"
    assert problem["errors"] == [
        {"name": "quantity", "in": "body", "line": 3, "detail": "line 3: quantity must be an integer"}
    ]


def test_an_error_without_a_line_names_the_parameter() -> None:
    problem = _client().get("/things").json()

    assert problem["errors"] == [
        {"name": "limit", "in": "query", "detail": "limit must be between 1 and 1000"}
    ]
