"""Health of the Celery broker: a connection to it can be opened now."""

from __future__ import annotations

from typing import Any

# A broker that does not answer within this time is down for the probe's purpose.
CONNECT_TIMEOUT_SECONDS = 2.0


class CeleryBrokerHealthProbe:
    """Opens (and closes) one connection to the app's broker, without retries: a readiness probe asks
    whether the broker answers now, and the orchestrator asks again."""

    name = "broker"

    def __init__(self, app: Any) -> None:
        self._app = app

    def check(self) -> str | None:
        try:
            with self._app.connection_for_write(connect_timeout=CONNECT_TIMEOUT_SECONDS) as connection:
                connection.ensure_connection(max_retries=0)
        except Exception as error:  # noqa: BLE001 - the transports raise their own errors; any means down
            return f"the broker does not answer ({type(error).__name__})"
        return None
