"""Value rules: JSON objects, request hashes, idempotency keys, progress, outcomes, leases."""

from __future__ import annotations

import hashlib

import pytest

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.jobs.idempotency import request_hash, require_idempotency_key
from spacetime_service.domain.jobs.json_value import JsonObject, canonical_json, require_json_object
from spacetime_service.domain.jobs.lease import new_lease
from spacetime_service.domain.jobs.outcome import JobOutcome
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.jobs.status import JobStatus
from tests.support.jobs.builders import at


def test_the_request_hash_is_sha256_of_the_canonical_json() -> None:
    request: JsonObject = {"b": [1, "é"], "a": {"y": None, "x": 1.5}}

    assert canonical_json(request) == '{"a":{"x":1.5,"y":null},"b":[1,"é"]}'.encode()
    assert request_hash(request) == hashlib.sha256(canonical_json(request)).hexdigest()
    assert request_hash({"a": 1, "b": 2}) == request_hash({"b": 2, "a": 1})
    assert request_hash({"a": 1}) != request_hash({"a": "1"})


@pytest.mark.parametrize(
    "value",
    [[1], {"a": (1, 2)}, {"a": float("nan")}, {1: "x"}, {"a": {1, 2}}, {"a": b"bytes"}],
)
def test_only_plain_json_objects_are_accepted(value: object) -> None:
    with pytest.raises(InvalidInput):
        require_json_object(value, field="request")


def test_an_accepted_object_is_a_deep_copy() -> None:
    original: dict[str, list[object]] = {"a": [1, {"b": 2}]}

    copied = require_json_object(original, field="request")
    original["a"].append(3)

    assert copied == {"a": [1, {"b": 2}]}


@pytest.mark.parametrize("key", ["", "has space", "é", "x" * 201])
def test_malformed_idempotency_keys_are_refused(key: str) -> None:
    with pytest.raises(InvalidInput):
        require_idempotency_key(key)


def test_a_well_formed_idempotency_key_is_kept() -> None:
    assert require_idempotency_key("order-2025-03-01:nightly") == "order-2025-03-01:nightly"


def test_progress_knows_its_fraction_and_what_remains() -> None:
    assert (Progress(25, 100).fraction, Progress(25, 100).remaining) == (0.25, 75)
    assert (Progress(120, 100).fraction, Progress(120, 100).remaining) == (1.0, 0)
    assert (Progress(5).fraction, Progress(5).remaining) == (None, None)
    assert Progress(0, 0).fraction == 1.0
    with pytest.raises(InvalidInput):
        Progress(-1)


def test_outcomes_carry_exactly_what_their_status_allows() -> None:
    assert JobOutcome.succeeded("model-1").result_ref == "model-1"
    assert JobOutcome.failed("").error == "failed"
    with pytest.raises(InvalidInput):
        JobOutcome(JobStatus.FAILED)
    with pytest.raises(InvalidInput):
        JobOutcome(JobStatus.CANCELLED, result_ref="x")
    with pytest.raises(InvalidInput):
        JobOutcome(JobStatus.RUNNING)


def test_a_lease_expires_at_its_expiry() -> None:
    lease = new_lease("w", at(0), 30)

    assert (lease.expired(at(29)), lease.expired(at(30))) == (False, True)
    with pytest.raises(InvalidInput):
        new_lease("", at(0), 30)
    with pytest.raises(InvalidInput):
        new_lease("w", at(0), 0)
