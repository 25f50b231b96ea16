"""One `audit` log line for every request that may change something (any method but GET, HEAD and
OPTIONS) and reached an operation: who asked (owner, credential kind and id), what (method, route
template, the operation's name, the status), and which job or resource it touched.

It is one middleware rather than a line in each endpoint, so that no write can be added without its
audit line. It reads the principal that the access dependency left on `request.state`; a request
refused before one was known (no credential, a bad one) is logged with no owner.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import structlog

from spacetime_service.domain.identity import Principal
from spacetime_service.entrypoints.http.response_watch import HttpMiddleware

if TYPE_CHECKING:
    from starlette.types import Message, Receive, Scope, Send

AUDIT_LOGGER = "spacetime_service.audit"
_READS = frozenset({"GET", "HEAD", "OPTIONS"})
# A job's JSON is a few KiB; a larger answer is no job and is not read for one.
_MAX_JOB_BODY_BYTES = 64 * 1024


class AuditMiddleware(HttpMiddleware):
    """Logs after the answer is sent, with its status, so that refusals are audited as well as writes.
    Sits inside the other middlewares, where the router has put the matched route into the scope and
    the answer's body is not yet compressed."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] in _READS:
            await self._app(scope, receive, send)
            return
        answer = _Answer(send)
        try:
            await self._app(scope, receive, answer.send)
        finally:
            if scope.get("route") is not None:
                _audit(scope, answer)


class _Answer:
    """Passes the response on, keeping its status, its Location, and the body of a 202 (a job)."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.status = 500
        self.location: str | None = None
        self._body: bytearray | None = None

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            headers = dict(message.get("headers", []))
            location = headers.get(b"location")
            self.location = location.decode("latin-1") if location else None
            is_json = headers.get(b"content-type", b"").startswith(b"application/json")
            self._body = bytearray() if self.status == 202 and is_json else None
        elif message["type"] == "http.response.body" and self._body is not None:
            self._body += message.get("body", b"")
            if len(self._body) > _MAX_JOB_BODY_BYTES:
                self._body = None
        await self._send(message)

    def job_id(self) -> str | None:
        """The id of the job a 202 answered with (a job, or an acceptance that holds one as `job`)."""
        if not self._body:
            return None
        try:
            document: Any = json.loads(self._body)
        except ValueError:
            return None
        job = document.get("job", document) if isinstance(document, dict) else None
        job_id = job.get("id") if isinstance(job, dict) and "status" in job else None
        return job_id if isinstance(job_id, str) else None


def _audit(scope: Scope, answer: _Answer) -> None:
    route = scope["route"]
    principal = scope.get("state", {}).get("principal")
    who = principal if isinstance(principal, Principal) else None
    path_params: dict[str, Any] = scope.get("path_params", {})
    path_job_id = path_params.get("job_id")
    # Looked up at each line rather than kept in a module global: a logger cached on its first use
    # would keep the logging configuration of that moment.
    structlog.get_logger(AUDIT_LOGGER).info(
        "audit",
        owner=who.owner if who else None,
        credential=who.credential if who else "none",
        credential_id=who.credential_id if who else None,
        method=scope["method"],
        route=getattr(route, "path", None),
        action=getattr(route, "name", None),
        status=answer.status,
        job_id=answer.job_id() or (path_job_id if isinstance(path_job_id, str) else None),
        resource=answer.location or scope["path"],
    )
