"""Every operation of the OpenAPI document, fuzzed against a real server: no 5xx, and every answer as
documented (a declared status code, a declared media type, a body and headers that validate, NDJSON
one JSON object a line).

Each operation runs with inputs that fit the document and with inputs that break it (which must be
refused with a 4xx), both with the run's API key; an operation that answers 2xx is asked again without
the key and with a wrong one, and must refuse. Each secured operation is also asked without any
credential, and must answer its documented 401. Event streams are read up to their first event and then
cut, so that streams which never end (the live analytics summary) are checked without waiting for an
end; the job event streams end by themselves once the job has.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from spacetime_service.application.encoding.media_types import NDJSON_MEDIA_TYPE
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.bootstrap.settings import DatabaseSettings, Settings
from spacetime_service.entrypoints.http.app import create_app

if TYPE_CHECKING:
    from schemathesis import Case, CheckContext, Response
    from schemathesis.schemas import APIOperation

    from tests.schema.conftest import Service

    Operation = APIOperation[Any, Any, Any, Any]

# Small, fixed and derandomized: the same examples on every run, about a minute for the whole document.
EXAMPLES_PER_MODE = 6
# The events read from an event stream before it is cut. Every stream here sends its first event at once
# and the next ones seconds apart (pings between them are not events); the request timeout below bounds
# a stream that would send nothing but pings.
STREAM_EVENTS = 1
TIMEOUT_SECONDS = 10.0
LOG_TAIL_CHARACTERS = 6_000


def ndjson_lines_are_objects(_ctx: CheckContext, response: Response, _case: Case[Operation]) -> None:
    """The document describes an NDJSON body only as text; every line must still be one JSON object."""
    if (
        not 200 <= response.status_code < 300
        or NDJSON_MEDIA_TYPE not in response.headers.get("content-type", [""])[0]
    ):
        return
    for number, line in enumerate(response.content.splitlines(), start=1):
        value = json.loads(line)
        assert isinstance(value, dict), f"NDJSON line {number} is not a JSON object: {line[:200]!r}"


CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    ndjson_lines_are_objects,
]
CHECKS = {
    GenerationMode.POSITIVE: [*CONFORMANCE, ignored_auth],
    GenerationMode.NEGATIVE: [*CONFORMANCE, ignored_auth, negative_data_rejection],
}
ANONYMOUS_EXAMPLES = 3


def _document() -> dict[str, Any]:
    # Building the document touches no database: the app's resources start only in its lifespan.
    settings = Settings(database=DatabaseSettings.model_validate({"DATABASE_URL": "sqlite://"}))
    return create_app(RootContainer(settings=settings)).openapi()


SCHEMA = schemathesis.openapi.from_dict(_document())
SCHEMA.config.max_stream_events = STREAM_EVENTS
# The run sends its API key with every request, and the check of ignored credentials withholds it and
# sends a wrong one; generated credentials would only ever be refused.
SCHEMA.config.generation.update(with_security_parameters=False)


def _operations() -> list[Operation]:
    operations = []
    for result in SCHEMA.get_all_operations():
        if isinstance(result, Err):
            raise result.err()
        operations.append(result.ok())
    return operations


OPERATIONS = _operations()
# NDJSON bodies are text: generated strings go on the wire as they are, like any text body.
schemathesis.serializer.alias("application/x-ndjson", "text/plain")


def _has_input(operation: Operation) -> bool:
    """Whether there is anything to break: the probes take no parameter and no body."""
    return bool(operation.definition.raw.get("parameters") or operation.definition.raw.get("requestBody"))


def _params() -> list[Any]:
    params = []
    for operation in OPERATIONS:
        for mode in GenerationMode:
            if mode is GenerationMode.NEGATIVE and not _has_input(operation):
                continue
            test_id = f"{operation.label} {mode.value}"
            params.append(pytest.param(operation, mode, id=test_id))
    return params


def _cases(
    operation: Operation, mode: GenerationMode, known: dict[str, Any]
) -> st.SearchStrategy[Case[Operation]]:
    """Generated cases, and as many again whose path names an entity that exists (made by the fixture)."""
    generated = operation.as_strategy(generation_mode=mode)
    names = re.findall(r"{(\w+)}", operation.path)
    if not names or not all(name in known for name in names):
        return generated
    existing = operation.as_strategy(
        generation_mode=mode, path_parameters={name: known[name] for name in names}
    )
    return st.one_of(generated, existing)


@pytest.mark.parametrize(("operation", "mode"), _params())
@settings(
    max_examples=EXAMPLES_PER_MODE,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_every_operation_answers_as_documented(
    operation: Operation,
    mode: GenerationMode,
    service: Service,
    known_path_parameters: dict[str, Any],
    data: st.DataObject,
) -> None:
    case = data.draw(_cases(operation, mode, known_path_parameters), label="case")
    try:
        case.call_and_validate(
            base_url=service.server.base_url,
            headers=service.credentials,
            checks=CHECKS[mode],
            timeout=TIMEOUT_SECONDS,
        )
    except BaseException as failure:
        # A 5xx says nothing over the wire by design; the cause is in the server's log.
        failure.add_note(f"the server's log ends:\n{service.server.log()[-LOG_TAIL_CHARACTERS:]}")
        raise


def _secured(operation: Operation) -> bool:
    return bool(operation.definition.raw.get("security", SCHEMA.raw_schema.get("security")))


@pytest.mark.parametrize("operation", [pytest.param(op, id=op.label) for op in OPERATIONS if _secured(op)])
@settings(
    max_examples=ANONYMOUS_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_without_a_credential_every_secured_operation_is_refused_as_documented(
    operation: Operation, service: Service, data: st.DataObject
) -> None:
    case = data.draw(operation.as_strategy(), label="case")
    response = case.call_and_validate(
        base_url=service.server.base_url, checks=CONFORMANCE, timeout=TIMEOUT_SECONDS
    )
    assert response.status_code == 401, response.text
