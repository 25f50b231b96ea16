"""Shared by bench/bulk_update.py and bench/daily_stats.py: seeded databases, job runs, and contenders
timed each in a process of its own (peak RSS from ru_maxrss of that child)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from spacetime_service.adapters.demo_data.numpy_demo_data_source import NumpyDemoDataSource
from spacetime_service.adapters.sqlalchemy.catalog_loading.loader import SqlAlchemyCatalogLoader
from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.application.demo.seed_demo_data import SeedDemoData, SeedDemoDataCommand

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def seeded(backend: str, name: str, products: int, orders: int, workdir: Path) -> str:
    """A database URL holding the demo catalog of this size (seed 1), built once and kept."""
    if backend == "sqlite":
        path = workdir / f"{name}.db"
        url = f"sqlite:///{path}"
        if not path.exists():
            _seed(url, products, orders)
        return url
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            admin.execute(f'CREATE DATABASE "{name}"')
            _seed(url, products, orders)
            with psycopg.connect(url.replace("+psycopg", "")) as connection:
                connection.execute("ANALYZE")
    return url


def _seed(url: str, products: int, orders: int) -> None:
    upgrade_to_head(url)
    engine = create_database_engine(url)
    try:
        SeedDemoData(NumpyDemoDataSource(), SqlAlchemyCatalogLoader(engine)).execute(
            SeedDemoDataCommand(products=products, orders=orders, seed=1)
        )
    finally:
        engine.dispose()


def fresh_copy(url: str, copy_name: str, workdir: Path) -> str:
    """A throw-away copy of a seeded database, for contenders that change it."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        target = workdir / f"{copy_name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        shutil.copyfile(str(parsed.database), target)
        return f"sqlite:///{target}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{copy_name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{copy_name}" TEMPLATE "{parsed.database}"')
    return str(parsed.set(database=copy_name))


# Runs the command as its only child and prints that child's peak RSS (KiB) on stderr's last line.
_MEASURE = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode;"
    " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)"
)


def timed(command: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (KiB) and stdout of the command, run in a process of its own."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], check=True, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    return elapsed, int(done.stderr.strip().splitlines()[-1]), done.stdout


def python_child(module: str, *arguments: str) -> list[str]:
    return [sys.executable, module, *arguments]


def emit(row: dict[str, object]) -> None:
    print(json.dumps(row), flush=True)
