"""The issuer's signing keys, cached: fetched again when they grow old, when a token names a key not
among them (the issuer rotated its keys), and never more often than a set interval.

Times come from the Clock port, so that tests move them instead of waiting.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import structlog

from spacetime_service.domain.errors import Unavailable

if TYPE_CHECKING:
    from datetime import datetime, timedelta

    from jwt import PyJWK

    from spacetime_service.adapters.identity.jwks_source import JwksSource
    from spacetime_service.application.ports.clock import Clock

log = structlog.get_logger(__name__)


class JwksKeys:
    """Keys by kid. A key the issuer no longer publishes is dropped at the next fetch, at most
    `max_age` after the last. An unknown kid fetches again at most once per `min_refetch`: tokens with
    made-up kids cannot make the service hammer the issuer. While the issuer cannot be reached the
    keys already fetched are kept (a token signed by one of them is still checked in full); without
    any, the caller meets Unavailable."""

    def __init__(
        self, source: JwksSource, clock: Clock, *, max_age: timedelta, min_refetch: timedelta
    ) -> None:
        self._source = source
        self._clock = clock
        self._max_age = max_age
        self._min_refetch = min_refetch
        self._keys: dict[str, PyJWK] | None = None
        self._fetched_at: datetime | None = None
        self._attempted_at: datetime | None = None
        # One fetch at a time: callers that arrive meanwhile wait and then read its result.
        self._lock = threading.Lock()

    def key(self, kid: str) -> PyJWK | None:
        """The key with this kid, or None when the issuer does not publish it."""
        with self._lock:
            now = self._clock.now()
            stale = self._keys is None or _older_than(self._fetched_at, now, self._max_age)
            unknown = self._keys is not None and kid not in self._keys
            if (stale or unknown) and _older_than(self._attempted_at, now, self._min_refetch):
                self._fetch(now)
            if self._keys is None:
                raise Unavailable("the OIDC issuer's keys could not be fetched; retry later")
            return self._keys.get(kid)

    def _fetch(self, now: datetime) -> None:
        self._attempted_at = now
        try:
            keys = self._source.fetch()
        except Unavailable as error:
            if self._keys is None:
                raise
            log.warning("oidc_keys_kept", reason=error.detail)
            return
        self._keys = keys
        self._fetched_at = now


def _older_than(moment: datetime | None, now: datetime, age: timedelta) -> bool:
    return moment is None or now - moment >= age
