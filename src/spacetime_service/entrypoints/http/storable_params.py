"""One rule for the text of every path and query parameter: it must be storable (domain/text.py), so
that a NUL in `/jobs/a%00b` or `?kind=` is a 422 naming the parameter before it reaches any use case
or database. Installed as an app-wide dependency, it runs before each endpoint's own parameters."""

# No `from __future__ import annotations` here: FastAPI reads the Request hint at run time.
from starlette.requests import Request

from spacetime_service.domain.text import require_storable


async def storable_params(request: Request) -> None:
    for name, value in request.path_params.items():
        if isinstance(value, str):
            require_storable(value, field=name)
    for name, value in request.query_params.multi_items():
        require_storable(value, field=name)
