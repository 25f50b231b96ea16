"""`GET /`: a person who opens the service's address in a browser lands on the interactive docs."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse

router = APIRouter()


@router.get("/", include_in_schema=False)
def front_door() -> RedirectResponse:
    return RedirectResponse("/docs", status_code=307)
