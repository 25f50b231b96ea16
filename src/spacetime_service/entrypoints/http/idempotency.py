"""The `Idempotency-Key` request header of the POSTs that create jobs.

A client that retries a POST with the same key gets the job of its first attempt instead of a second
job; the same key with a different body is a 409 problem. Keys are per owner, 1 to 200 printable ASCII
characters without spaces (the domain's rule, checked here so that a bad key is a 422 naming the header).
"""

# No `from __future__ import annotations` here: FastAPI reads the Annotated hints at runtime.
from typing import Annotated

from fastapi import Depends, Header

from spacetime_service.domain.jobs.idempotency import MAX_KEY_LENGTH

IDEMPOTENCY_HEADER = "Idempotency-Key"


def idempotency_key(
    key: Annotated[
        str | None,
        Header(
            alias=IDEMPOTENCY_HEADER,
            min_length=1,
            max_length=MAX_KEY_LENGTH,
            pattern=r"^[!-~]+$",
            description=(
                "repeat the request safely: the same key and body return the first job; "
                f"1 to {MAX_KEY_LENGTH} printable ASCII characters without spaces"
            ),
        ),
    ] = None,
) -> str | None:
    return key


IdempotencyKey = Annotated[str | None, Depends(idempotency_key)]
