"""The errors the HTTP layer raises itself: refusals of a request that the domain never sees."""

from __future__ import annotations


class RequestRefused(Exception):  # noqa: N818 - reads as a sentence at the raise site
    """A request the HTTP layer turns away before any use case runs. `detail` is meant for the client;
    `retry_after_seconds`, when set, becomes the problem's `Retry-After` header."""

    def __init__(self, detail: str, *, retry_after_seconds: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.retry_after_seconds = retry_after_seconds
