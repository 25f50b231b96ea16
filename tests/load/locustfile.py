"""Mixed read, stream and job traffic for measuring the service under load (not a pytest module).

Run it headless against a served API, for example::

    uv run --frozen locust -f tests/load/locustfile.py --headless -u 50 -r 5 -t 60s \
        --host http://127.0.0.1:8000 --csv var/load/sqlite-50

Each simulated user is a client of its own: an API key of its own owner for its jobs (made in the
served database, so ``DATABASE_URL`` must name it; without it every user is the anonymous user of a
loopback service, and they share one owner's quotas) and an ``X-Forwarded-For`` address (believed
from 127.0.0.1, the default trusted proxy), so that the per-client stream cap counts per user as it
would for real clients. A 5xx or a broken body is a failure; a 429 or 503 that carries
``Retry-After`` is a refusal, recorded under the request type ``REFUSED`` instead. When the run stops,
every job submitted under load is followed through ``GET /jobs`` until it ends (at most
``LOAD_JOBS_WAIT_SECONDS``, default 120) and the counts by status are printed and written to
``LOAD_JOBS_FILE`` when that is set.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import random
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gevent  # type: ignore[import-untyped]
import httpx
from locust import HttpUser, between, events, task

from spacetime_service.application.identity.create_api_key import CreateApiKeyCommand
from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.domain.catalog import CATEGORIES

if TYPE_CHECKING:
    from locust.env import Environment

PRODUCT_SORTS = ("id", "-id", "price", "-price", "name", "-created_at")
ORDER_SORTS = ("id", "-id", "created_at", "-created_at")
ORDER_STATUSES = ("placed", "shipped", "returned", "cancelled")
SEARCH_WORDS = ("lamp", "helmet", "shirt", "book", "pro", "mini", "organic", "steel", "kit", "bag")
FIRST_ORDER_DAY = date(2023, 7, 2)
LAST_ORDER_DAY = date(2025, 6, 30)
REFUSED = "REFUSED"
TERMINAL = frozenset({"succeeded", "failed", "cancelled"})

_user_numbers = itertools.count(1)
_submitted: dict[str, set[str]] = {}
_credentials: dict[str, dict[str, str]] = {}
_containers: list[RootContainer] = []


def _credential(owner: str) -> dict[str, str]:
    """The Authorization header of a new API key of `owner`, or none without DATABASE_URL."""
    if not os.environ.get("DATABASE_URL"):
        return {}
    if not _containers:
        _containers.append(build_container())
    key = _containers[0].identity.create_api_key().execute(CreateApiKeyCommand(owner))
    _credentials[owner] = {"Authorization": f"Bearer {key.text}"}
    return _credentials[owner]


class BrokenBodyError(Exception):
    """A 200 whose body is not what the endpoint promises."""


class ApiClient(HttpUser):
    """One client of the API with a traffic mix of browsing, searching, streaming and reports."""

    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        number = next(_user_numbers)
        self.owner = f"load-{os.getpid()}-{number}"
        self.headers = {
            **_credential(self.owner),
            "X-Forwarded-For": f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}",
        }
        self.jobs: list[str] = []
        _submitted.setdefault(self.owner, set())

    def _get(self, url: str, name: str, *, stream: bool = False) -> Any:
        return self.client.get(url, name=name, headers=self.headers, catch_response=True, stream=stream)

    def _judge(self, response: Any, name: str) -> bool:
        """True when the body should be checked; refusals and errors are recorded here."""
        status = int(response.status_code)
        if status in (429, 503) and response.headers.get("Retry-After"):
            response.success()
            self.environment.events.request.fire(
                request_type=REFUSED,
                name=f"{status} {name}",
                response_time=response.request_meta["response_time"],
                response_length=0,
                exception=None,
                context={},
            )
            return False
        if status >= 500:
            response.failure(f"{status} from {name}")
            return False
        if status >= 400:
            response.failure(f"unexpected {status} from {name}: {response.text[:200]}")
            return False
        return True

    def _page(self, path: str, name: str, pages: int) -> None:
        url: str | None = path
        for _ in range(pages):
            if url is None:
                return
            with self._get(url, name) as response:
                if not self._judge(response, name):
                    return
                try:
                    body = response.json()
                    items = body["items"]
                    if not isinstance(items, list):
                        raise BrokenBodyError("items is not a list")
                    url = body["links"]["next"] if body["next_cursor"] else None
                except (ValueError, KeyError, TypeError, BrokenBodyError) as error:
                    response.failure(f"broken page body: {error!r}")
                    return

    @task(30)
    def browse_products(self) -> None:
        query = f"limit=50&sort={random.choice(PRODUCT_SORTS)}"
        if random.random() < 0.5:
            query += f"&category={random.choice(CATEGORIES)}"
        self._page(f"/products?{query}", "/products", random.randint(1, 4))

    @task(20)
    def browse_orders(self) -> None:
        start = FIRST_ORDER_DAY + timedelta(days=random.randrange(700))
        end = start + timedelta(days=30)
        query = f"limit=50&sort={random.choice(ORDER_SORTS)}&created_from={start}&created_to={end}"
        if random.random() < 0.3:
            query += f"&status={random.choice(ORDER_STATUSES)}"
        self._page(f"/orders?{query}", "/orders", random.randint(1, 4))

    @task(15)
    def search(self) -> None:
        self._page(f"/products/search?q={random.choice(SEARCH_WORDS)}&limit=20", "/products/search", 1)

    @task(5)
    def stream_products(self) -> None:
        name = "/products/stream"
        with self._get(
            f"{name}?category={random.choice(CATEGORIES)}&columns=id,name,price", name
        ) as response:
            if not self._judge(response, name):
                return
            try:
                for line in response.text.splitlines():
                    row = json.loads(line)
                    if set(row) != {"id", "name", "price"}:
                        raise BrokenBodyError(f"unexpected row {line[:100]}")
            except (ValueError, BrokenBodyError) as error:
                response.failure(f"broken NDJSON: {error!r}")

    @task(3)
    def export_csv(self) -> None:
        name = "/products/export/csv"
        with self._get(
            f"{name}?min_price={random.randint(1, 500)}.00&columns=id,sku,price", name
        ) as response:
            if not self._judge(response, name):
                return
            lines = response.text.split("\n")
            if (
                lines[0] != "id,sku,price"
                or lines[-1] != ""
                or any(line.count(",") != 2 for line in lines[1:-1])
            ):
                response.failure(f"broken CSV: {response.text[:100]!r} ... {response.text[-100:]!r}")

    @task(3)
    def submit_report(self) -> None:
        name = "/reports/generate"
        start = FIRST_ORDER_DAY + timedelta(
            days=random.randrange((LAST_ORDER_DAY - FIRST_ORDER_DAY).days - 14)
        )
        body = {"kind": "daily_stats", "start_date": str(start), "end_date": str(start + timedelta(days=6))}
        headers = {**self.headers, "Idempotency-Key": str(uuid.uuid4())}
        with self.client.post(name, json=body, headers=headers, name=name, catch_response=True) as response:
            if not self._judge(response, name):
                return
            try:
                job_id = str(response.json()["id"])
            except (ValueError, KeyError, TypeError) as error:
                response.failure(f"broken job body: {error!r}")
                return
            if response.status_code != 202:
                response.failure(f"expected 202, got {response.status_code}")
            self.jobs.append(job_id)
            _submitted[self.owner].add(job_id)

    @task(4)
    def watch_job(self) -> None:
        if not self.jobs:
            self.submit_report()
            return
        name = "/jobs/{id}/events"
        with self._get(f"/jobs/{random.choice(self.jobs[-3:])}/events", name, stream=True) as response:
            if not self._judge(response, name):
                return
            try:
                self._read_events(response, wanted=random.randint(1, 3))
            except (ValueError, KeyError, TypeError, BrokenBodyError) as error:
                response.failure(f"broken event stream: {error!r}")
            finally:
                response.close()

    @staticmethod
    def _read_events(response: Any, wanted: int) -> None:
        seen = 0
        event: dict[str, str] = {}
        for raw in response.iter_lines(decode_unicode=True):
            line = str(raw)
            if line.startswith(":") or line.startswith("retry:"):
                continue
            if line:
                field, _, value = line.partition(":")
                event[field] = value.lstrip()
                continue
            if not event:
                continue
            job = json.loads(event["data"])
            if "status" not in job or "id" not in job:
                raise BrokenBodyError(f"event without a job: {event}")
            seen += 1
            if event.get("event") == "end" or seen >= wanted:
                return
            event = {}
        if seen == 0:
            raise BrokenBodyError("the stream ended before its first event")


def _count_jobs(host: str, wait_seconds: float) -> dict[str, int]:
    """Follows every submitted job through ``GET /jobs`` until all have ended or the wait is over."""
    deadline = time.monotonic() + wait_seconds
    wanted = sum(len(ids) for ids in _submitted.values())
    while True:
        statuses: dict[str, str] = {}
        with httpx.Client(base_url=host, timeout=30) as client:
            for owner, ids in _submitted.items():
                if not ids:
                    continue
                url: str | None = "/jobs?limit=1000"
                while url is not None:
                    body = client.get(url, headers=_credentials.get(owner, {})).raise_for_status().json()
                    statuses.update({job["id"]: job["status"] for job in body["items"] if job["id"] in ids})
                    url = f"/jobs?limit=1000&cursor={body['next_cursor']}" if body["next_cursor"] else None
        finished = all(status in TERMINAL for status in statuses.values())
        if (finished and len(statuses) == wanted) or time.monotonic() > deadline:
            counts = {"submitted": wanted, "listed": len(statuses)}
            for status in statuses.values():
                counts[status] = counts.get(status, 0) + 1
            return counts
        time.sleep(2)


def _report_jobs(environment: Environment, **_: Any) -> None:
    if environment.host is None or not _submitted:
        return
    logging.getLogger("httpx").setLevel(logging.WARNING)
    counts = _count_jobs(environment.host, float(os.environ.get("LOAD_JOBS_WAIT_SECONDS", "120")))
    print(f"jobs: {json.dumps(counts, sort_keys=True)}")
    target = os.environ.get("LOAD_JOBS_FILE")
    if target:
        Path(target).write_text(json.dumps(counts, sort_keys=True) + "\n", encoding="utf-8")


def _fresh_loop_time(**_: Any) -> None:
    # gevent's loop keeps the time of its last turn, and locust counts --run-time from that time. The
    # imports of this file (the service's container among them) run without a turn of the loop, so on
    # a busy machine the run was cut short by as long as they took (a 20 s run ended after 4 s).
    gevent.get_hub().loop.update_now()


events.quitting.add_listener(_report_jobs)  # type: ignore[no-untyped-call]
events.init.add_listener(_fresh_loop_time)  # type: ignore[no-untyped-call]
