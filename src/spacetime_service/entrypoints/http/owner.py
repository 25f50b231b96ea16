"""Who a job belongs to. Until the API authenticates its clients, the owner is whatever the optional
`X-Owner` header names, or `anonymous` without it. This keeps clients' jobs apart (another owner's job
answers 404, exactly like a missing one) but proves nothing about the caller: put the service behind a
proxy that sets the header from its own authentication if owners must be enforced."""

# No `from __future__ import annotations` here: FastAPI reads the Annotated hints at runtime.
from typing import Annotated

from fastapi import Depends, Header

from spacetime_service.domain.jobs.job import MAX_NAME_LENGTH

DEFAULT_OWNER = "anonymous"
OWNER_HEADER = "X-Owner"


def request_owner(
    x_owner: Annotated[
        str | None,
        Header(
            alias=OWNER_HEADER,
            min_length=1,
            max_length=MAX_NAME_LENGTH,
            pattern=r"^[!-~]+$",
            description=f"the owner of the jobs; `{DEFAULT_OWNER}` when absent (printable ASCII, no spaces)",
        ),
    ] = None,
) -> str:
    return DEFAULT_OWNER if x_owner is None else x_owner


Owner = Annotated[str, Depends(request_owner)]
