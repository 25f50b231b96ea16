"""Times a bulk update of every product through the chunked job handler against one plain UPDATE.

    uv run --frozen python bench/bulk_update.py --backend sqlite --backend postgresql --products 1000000

Seeds the demo catalog once per backend (kept in --workdir / as a PostgreSQL database), then runs each
contender on a fresh copy of it in a process of its own: `job` is the BulkUpdateHandler through the
JobExecutor (√n rows per chunk, each chunk one transaction with its checkpoint), `plain` the same
UPDATE over the whole id range in one statement and one transaction. Prints JSON lines.
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_common import emit, fresh_copy, seeded, timed
from spacetime_service.adapters.spacetime.chunk_sizers import SqrtChunkSizer
from spacetime_service.adapters.sqlalchemy.batch_unit_of_work import SqlAlchemyBatchUnitOfWork
from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.adapters.system.clock import SystemClock
from spacetime_service.application.bulk_updates.handler import (
    BULK_UPDATE_KIND,
    BulkUpdateHandler,
)
from spacetime_service.application.bulk_updates.job_request import BulkUpdateJobRequest
from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.executor import JobExecutor
from spacetime_service.domain.bulk_updates import BulkUpdate, BulkUpdateFilter, MultiplyPrice
from spacetime_service.domain.jobs.job import NewJob

UPDATE = BulkUpdate(BulkUpdateFilter(min_id=1), MultiplyPrice(Decimal("1.1")))
BUDGET_BYTES = 512 * 1024 * 1024


def run_job(url: str) -> None:
    started = time.perf_counter()
    engine = create_database_engine(url)
    clock = SystemClock()
    repository = SqlAlchemyJobRepository(engine)
    with SqlAlchemyBatchUnitOfWork(engine, 1000) as uow:
        upto_id = uow.product_updates.max_id()
    request = BulkUpdateJobRequest(UPDATE, upto_id).to_json()
    job_id = repository.create(
        NewJob(str(uuid.uuid4()), BULK_UPDATE_KIND, "bench", None, request, clock.now())
    ).job.id
    sizer = SqrtChunkSizer(budget_bytes=BUDGET_BYTES, min_rows=1000, max_rows=100_000)
    handler = BulkUpdateHandler(lambda: SqlAlchemyBatchUnitOfWork(engine, 1000), sizer, clock)
    executor = JobExecutor(repository, {BULK_UPDATE_KIND: handler}, clock)
    job = repository.claim("bench", clock.now(), 600, job_id=job_id)
    assert job is not None
    finished = executor.run(job, AttemptControl(job.id, job.attempt))
    assert finished is not None
    seconds = time.perf_counter() - started
    print(f"{finished.status.value} changed={finished.progress.done} work_seconds={seconds:.2f}")


def run_plain(url: str) -> None:
    started = time.perf_counter()
    engine = create_database_engine(url)
    with SqlAlchemyBatchUnitOfWork(engine, 1000) as uow:
        upto_id = uow.product_updates.max_id()
        changed = uow.product_updates.apply(UPDATE, 0, upto_id, datetime.now(UTC))
        uow.commit()
    print(f"succeeded changed={changed} work_seconds={time.perf_counter() - started:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", action="append", choices=["sqlite", "postgresql"])
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("var/bench"))
    parser.add_argument("--run", choices=["job", "plain"])
    parser.add_argument("--url")
    args = parser.parse_args()
    if args.run:
        (run_job if args.run == "job" else run_plain)(args.url)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    for backend in args.backend or ["sqlite"]:
        source = seeded(backend, f"bench_bulk_{args.products}", args.products, 0, args.workdir)
        for run in range(args.runs):
            for contender in ("plain", "job"):
                url = fresh_copy(source, f"bench_bulk_copy_{contender}", args.workdir)
                seconds, peak_kib, output = timed(
                    [sys.executable, __file__, "--run", contender, "--url", url]
                )
                emit(
                    {
                        "backend": backend, "products": args.products, "contender": contender, "run": run,
                        "seconds": round(seconds, 2), "peak_rss_mib": round(peak_kib / 1024, 1),
                        "result": output.strip(),
                    }
                )  # fmt: skip


if __name__ == "__main__":
    main()
