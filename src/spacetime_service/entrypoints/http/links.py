"""Links between pages. They are relative (path and query only): a link built from the Host header
would let any client choose the host that a cache serves to everyone else."""

from __future__ import annotations

from starlette.requests import Request

from spacetime_service.entrypoints.http.schemas.common import PageLinks


def page_links(request: Request, next_cursor: str | None) -> PageLinks:
    if next_cursor is None:
        return PageLinks(next=None)
    query = request.url.include_query_params(cursor=next_cursor).query
    return PageLinks(next=f"{request.url.path}?{query}")
