"""The verifier of a service that takes no credential of its kind (say, OIDC tokens while no issuer is
configured): every credential is refused."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.errors import Unauthenticated

if TYPE_CHECKING:
    from spacetime_service.domain.identity import Principal


class RefuseAll:
    def __init__(self, reason: str) -> None:
        self._reason = reason

    def verify(self, bearer: str) -> Principal:  # noqa: ARG002 - refused whatever it is
        raise Unauthenticated(self._reason, credential_given=True)
