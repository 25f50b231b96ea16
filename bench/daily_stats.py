"""Times the daily-stats report job against the same GROUP BY in the database's own shell.

    uv run --frozen python bench/daily_stats.py --backend sqlite --backend postgresql \
        --orders 1000000 --orders 5000000

Seeds the demo catalog (100 000 products) once per size and backend, then runs, each in a process of
its own and in turn in every round: `cli`, the same GROUP BY over the whole range in `sqlite3 -csv` or
`psql --csv`, output to /dev/null, and `report`, the ReportHandler through the JobExecutor over the
whole order history (CSV, one SQL GROUP BY per 31-day chunk, a checkpoint after each, the artifact
fsynced and published); with --compare-src, `report, before` runs the same on another source tree.
Prints JSON lines with wall time, peak RSS and, for a report, `job_seconds`: from the job's submission
to its success (the engine is made before, as a long-lived service holds one).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from batch_common import emit, seeded, timed
from spacetime_service.adapters.filesystem.artifact_storage import FilesystemArtifactStorage
from spacetime_service.adapters.sqlalchemy.analytics.order_statistics import daily_stats_statement
from spacetime_service.adapters.sqlalchemy.batch_unit_of_work import SqlAlchemyBatchUnitOfWork
from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders
from spacetime_service.adapters.system.clock import SystemClock
from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.executor import JobExecutor
from spacetime_service.application.reports.handler import REPORT_KIND, ReportHandler
from spacetime_service.application.reports.request import ReportRequest
from spacetime_service.domain.jobs.job import NewJob
from spacetime_service.domain.reports import DayRange, ReportKind


def history_days(url: str) -> DayRange:
    engine = create_database_engine(url)
    with engine.connect() as connection:
        first, last = connection.execute(
            select(func.min(orders.c.created_at), func.max(orders.c.created_at))
        ).one()
    engine.dispose()
    return DayRange(first.date(), last.date())


def run_report(url: str, start: str, end: str) -> None:
    started = time.perf_counter()
    engine = create_database_engine(url)
    clock = SystemClock()
    repository = SqlAlchemyJobRepository(engine)
    request = ReportRequest(
        ReportKind.DAILY_STATS, DayRange(date.fromisoformat(start), date.fromisoformat(end))
    )
    job_id = str(uuid.uuid4())
    submitted = time.perf_counter()  # the service's engine is long-lived: the job's time starts here
    repository.create(NewJob(job_id, REPORT_KIND, "bench", None, request.to_json(), clock.now()))
    with tempfile.TemporaryDirectory() as directory:
        storage = FilesystemArtifactStorage(Path(directory))
        handler = ReportHandler(lambda: SqlAlchemyBatchUnitOfWork(engine, 1000), storage, clock)
        executor = JobExecutor(repository, {REPORT_KIND: handler}, clock)
        job = repository.claim("bench", clock.now(), 600, job_id=job_id)
        assert job is not None
        finished = executor.run(job, AttemptControl(job.id, job.attempt))
        assert finished is not None
        assert finished.result_ref is not None
        info = storage.info(finished.result_ref)
        assert info is not None
        now = time.perf_counter()
        print(
            f"{finished.status.value} bytes={info.size} work_seconds={now - started:.2f}"
            f" job_seconds={now - submitted:.2f}"
        )


def cli_command(url: str, days: DayRange) -> list[str]:
    engine = create_database_engine(url)
    statement = daily_stats_statement(engine.dialect.name, days)
    sql = str(statement.compile(engine, compile_kwargs={"literal_binds": True})) + ";"
    parsed = make_url(url)
    if engine.dialect.name == "sqlite":
        return ["sh", "-c", f'sqlite3 -csv {parsed.database} "$0" > /dev/null', sql]
    plain = url.replace("+psycopg", "")
    return ["sh", "-c", f'psql --csv -q -d {plain} -c "$0" > /dev/null', sql]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", action="append", choices=["sqlite", "postgresql"])
    parser.add_argument("--orders", type=int, action="append")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("var/bench"))
    parser.add_argument("--run-report", nargs=3, metavar=("URL", "START", "END"))
    parser.add_argument("--compare-src", type=Path, help="a checkout whose src/ runs beside")
    args = parser.parse_args()
    if args.run_report:
        run_report(*args.run_report)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    for backend in args.backend or ["sqlite"]:
        for count in args.orders or [1_000_000]:
            url = seeded(backend, f"bench_stats_{count}", 100_000, count, args.workdir)
            days = history_days(url)
            report = [sys.executable, __file__, "--run-report", url, str(days.start), str(days.end)]
            contenders = {"cli": cli_command(url, days), "report": report}
            if args.compare_src:
                contenders["report, before"] = ["env", f"PYTHONPATH={args.compare_src / 'src'}", *report]
            for run in range(args.runs):
                for name, command in contenders.items():
                    seconds, peak_kib, output = timed(command)
                    emit(
                        {
                            "backend": backend, "orders": count, "days": days.days, "contender": name,
                            "run": run, "seconds": round(seconds, 2),
                            "peak_rss_mib": round(peak_kib / 1024, 1),
                            "result": output.strip(),
                        }
                    )  # fmt: skip


if __name__ == "__main__":
    main()
