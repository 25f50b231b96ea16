"""Times the HTTP exports of the real server against each database's own CSV tool, and its peak memory.

    uv run --frozen python bench/export_http.py --postgres postgresql://postgres@127.0.0.1/postgres \
        --workdir /tmp/stbench --keep-postgres

For SQLite (a file per size in --workdir) and PostgreSQL (a database per size) it fills 20,000 products
and --sizes orders; a database already filled to its size is used as it is (--workdir and
--keep-postgres keep them for the next run; without them they are scratch). At each size it starts one
uvicorn process per variant (PostgreSQL: one per --export-backends count, SPACETIME_EXPORT_BACKENDS;
with --compare-src, the same again on the source tree in that folder, labelled "before"), then runs
--runs rounds; each round runs `sqlite3 -csv db 'select * from orders'` or
`psql -c "COPY orders TO STDOUT (FORMAT csv)"` to /dev/null, then each export fetched with curl to
/dev/null from each server in turn, so that the contenders alternate. The server's VmRSS is sampled from
/proc while its export runs (its peak is the figure). Prints one line per measurement and a Markdown
table of medians, the ratio of each export's time to the tool's (the same rows, so the ratio of row
rates).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import httpx
import psycopg
from sqlalchemy import text

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

T = TypeVar("T")
EXPORTS = {
    "orders ndjson": "/orders/stream",
    "orders csv": "/orders/stream?format=csv",
    "products csv": "/products/export/csv",
}
PRODUCTS = 20_000
_STATUS = "CASE i % 10 WHEN 0 THEN 'returned' WHEN 1 THEN 'cancelled' WHEN 2 THEN 'placed' ELSE 'shipped' END"
_SQLITE_SERIES = "WITH RECURSIVE n(i) AS (SELECT :first UNION ALL SELECT i + 1 FROM n WHERE i < :last)"
_FILL = {
    "sqlite": (
        f"INSERT INTO products {_SQLITE_SERIES} SELECT i, 'SKU-' || i, 'Product ' || i,"
        " 'A \"nice\", thing' || CASE i % 7 WHEN 0 THEN char(10) || '=second line' ELSE '' END,"
        " 'books', i * 137 % 100000, i % 50,"
        " '2024-01-01 00:00:00.000000', '2024-06-01 12:00:00.250000' FROM n",
        f"INSERT INTO orders {_SQLITE_SERIES} SELECT i, (i * 7919) % 100000, 1 + (i * 31) % {PRODUCTS},"
        f" 1 + i % 5, (i * 97) % 50000, {_STATUS},"
        " strftime('%Y-%m-%d %H:%M:%S', 1672531200 + i * 63, 'unixepoch') || '.000000' FROM n",
    ),
    "postgresql": (
        "INSERT INTO products SELECT i, 'SKU-' || i, 'Product ' || i,"
        " 'A \"nice\", thing' || CASE i % 7 WHEN 0 THEN chr(10) || '=second line' ELSE '' END,"
        " 'books', i * 137 % 100000, i % 50, '2024-01-01T00:00:00Z', '2024-06-01T12:00:00.25Z'"
        " FROM generate_series(CAST(:first AS BIGINT), CAST(:last AS BIGINT)) AS i",
        f"INSERT INTO orders SELECT i, (i * 7919) % 100000, 1 + (i * 31) % {PRODUCTS}, 1 + i % 5,"
        f" (i * 97) % 50000, {_STATUS}, to_timestamp(1672531200 + i * 63)"
        " FROM generate_series(CAST(:first AS BIGINT), CAST(:last AS BIGINT)) AS i",
    ),
}


def fill(url: str, orders: int) -> None:
    """Products once, then orders up to `orders` (the table only grows)."""
    engine = create_database_engine(url)
    products_sql, orders_sql = _FILL[engine.dialect.name]
    with engine.begin() as connection:
        if connection.execute(text("SELECT count(*) FROM products")).scalar_one() == 0:
            connection.execute(text(products_sql), {"first": 1, "last": PRODUCTS})
        present = connection.execute(text("SELECT count(*) FROM orders")).scalar_one()
        if present > orders:
            raise RuntimeError(f"{url} holds {present:,} orders, more than the {orders:,} asked for")
        if present < orders:
            connection.execute(text(orders_sql), {"first": present + 1, "last": orders})
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    engine.dispose()


@contextmanager
def postgres_database(admin_url: str, name: str, *, keep: bool) -> Iterator[str]:
    """The SQLAlchemy URL of database `name` on the server of `admin_url`, created when missing and
    dropped afterwards unless `keep`."""
    with psycopg.connect(admin_url, autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            server_url = admin_url.rsplit("/", 1)[0]
            yield f"{server_url.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
        finally:
            if not keep:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def tool_command(url: str) -> list[str]:
    if url.startswith("sqlite"):
        return ["sqlite3", "-csv", url.removeprefix("sqlite:///"), "select * from orders"]
    plain = url.replace("postgresql+psycopg://", "postgresql://", 1)
    return ["psql", plain, "-c", "COPY orders TO STDOUT (FORMAT csv)"]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


@contextmanager
def server(url: str, workdir: Path, env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """A fresh uvicorn process (as tests/support/uvicorn_server.py starts it); yields its URL and pid.
    `env` may set PYTHONPATH to serve another source tree."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "uvicorn", "spacetime_service.entrypoints.http.app:create_app",
               "--factory", "--host", "127.0.0.1", "--port", str(port), "--no-access-log"]  # fmt: skip
    environment = {**os.environ, "DATABASE_URL": url, **env}
    with (workdir / "uvicorn.log").open("ab") as log:
        process = subprocess.Popen(command, cwd=workdir, env=environment, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                if httpx.get(f"{base}/livez", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError((workdir / "uvicorn.log").read_text()[-2000:]) from None
            time.sleep(0.1)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def peak_during(pid: int, work: Callable[[], T]) -> tuple[T, float]:
    """`work()` and the server's peak RSS while it ran, sampled every 10 ms."""
    peak = rss_mib(pid)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.01):
            peak = max(peak, rss_mib(pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        return work(), peak
    finally:
        done.set()
        sampler.join()


def fetch(base: str, path: str) -> tuple[float, int]:
    out = subprocess.run(
        ["curl", "-sS", "--fail", "-o", "/dev/null", "-w", "%{time_total} %{size_download}", base + path],
        check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    return float(out[0]), int(out[1])


Variant = tuple[str, dict[str, str]]


def variants(name: str, backends: list[int], compare_src: Path | None) -> list[Variant]:
    """The servers to compare: PostgreSQL once per number of export backends, SQLite once; each again
    on the source tree `compare_src` (labelled "before") when given."""
    ours: list[Variant] = [(name, {})] if name == "SQLite" else [
        (f"{name}, {count} backend{'s' if count > 1 else ''}", {"SPACETIME_EXPORT_BACKENDS": str(count)})
        for count in backends
    ]  # fmt: skip
    if compare_src is None:
        return ours
    before = [(f"{label}, before", {**env, "PYTHONPATH": str(compare_src / "src")}) for label, env in ours]
    return [pair for both in zip(before, ours, strict=True) for pair in both]


def bench(label: str, url: str, size: int, runs: int, workdir: Path, servers: list[Variant]) -> list[str]:
    """One server per variant, all started before the first round; in each round the tool runs, then
    each export from each server in turn, each export's peak RSS sampled while it runs."""
    upgrade_to_head(url)
    fill(url, size)
    with ExitStack() as stack:
        started = [(name, *stack.enter_context(server(url, workdir, env))) for name, env in servers]
        return _measure(label, started, url, size, runs)


def _measure(label: str, servers: list[tuple[str, str, int]], url: str, size: int, runs: int) -> list[str]:
    times: dict[tuple[str, str], list[float]] = {}
    peaks: dict[tuple[str, str], list[float]] = {}
    sizes_mb: dict[str, float] = {}
    tool_times: list[float] = []
    for _ in range(runs):
        tool_times.append(timed(tool_command(url)))
        print(f"{label} {size} tool: {tool_times[-1]:.2f} s load {os.getloadavg()[0]:.2f}", file=sys.stderr)
        for export, path in EXPORTS.items():
            for name, base, pid in servers:
                (seconds, size_bytes), peak = peak_during(pid, partial(fetch, base, path))
                peaks.setdefault((name, export), []).append(peak)
                times.setdefault((name, export), []).append(seconds)
                sizes_mb[export] = size_bytes / 1e6
                print(f"{name} {size} {export}: {seconds:.2f} s {peak:.1f} MiB", file=sys.stderr)
    tool = statistics.median(tool_times)
    rows = [f"| {label} | {size:,} | tool CSV | {tool:.2f} s | | | 1.00 |"]
    for export in EXPORTS:
        for name, _base, _pid in servers:
            seconds = statistics.median(times[name, export])
            rows.append(
                f"| {name} | {size:,} | {export} | {seconds:.2f} s | {sizes_mb[export]:.1f} MB"
                f" | {max(peaks[name, export]):.1f} MiB | {ratio(export, tool, seconds)} |"
            )
    return rows


def ratio(export: str, tool: float, seconds: float) -> str:
    """The tool dumps `orders`, so only the orders exports have a ratio."""
    return f"{tool / seconds:.2f}" if export.startswith("orders") else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="an admin URL of a PostgreSQL server; skipped when absent")
    parser.add_argument("--sizes", default="100000,1000000,5000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--export-backends", default="2", help="PostgreSQL variants to compare")
    parser.add_argument("--workdir", type=Path, help="keeps the SQLite databases (orders-SIZE.db) here")
    parser.add_argument("--keep-postgres", action="store_true", help="keeps the databases st_bench_http_SIZE")
    parser.add_argument("--compare-src", type=Path, help="a checkout whose src/ runs beside, as before")
    args = parser.parse_args()
    backends = [int(count) for count in args.export_backends.split(",")]
    sizes = sorted(int(size) for size in args.sizes.split(","))
    rows = ["| database | orders | export | median time | body | server peak RSS | rate vs tool |",
            "|---|---:|---|---:|---:|---:|---:|"]  # fmt: skip
    with ExitStack() as stack:
        workdir = args.workdir or Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="export-http-"))
        )
        workdir.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            if not args.no_sqlite:
                servers = variants("SQLite", backends, args.compare_src)
                url = f"sqlite:///{workdir / f'orders-{size}.db'}"
                rows += bench("SQLite", url, size, args.runs, workdir, servers)
            if args.postgres:
                servers = variants("PostgreSQL", backends, args.compare_src)
                name = f"st_bench_http_{size}"
                with postgres_database(args.postgres, name, keep=args.keep_postgres) as url:
                    rows += bench("PostgreSQL", url, size, args.runs, workdir, servers)
    print(f"load average at the end: {os.getloadavg()}", file=sys.stderr)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
