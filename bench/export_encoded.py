"""Times the catalog adapter's `encoded` export (no HTTP) against the database's own CSV tool.

    uv run --frozen python bench/export_encoded.py --url sqlite:///var/bench/orders.db --rows 1000000
    uv run --frozen python bench/export_encoded.py --url postgresql+psycopg://postgres@127.0.0.1/bench

Fills `orders` with synthetic rows when it holds fewer than --rows (its own quick filler, through the
migrations' schema), then runs each method --runs times in a fresh process, alternating, and prints the
median wall time, peak RSS and the rate relative to the tool's CSV. On PostgreSQL it also prints the
median CPU of the exporting process and of its database backends (read from /proc, so the server must
run on this machine), the export on --backends backends (SPACETIME_EXPORT_BACKENDS); the tool's CPU is
psql's own.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url

from spacetime_service.adapters.sqlalchemy.engine import DEFAULT_EXPORT_BACKENDS, create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders
from spacetime_service.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat
from spacetime_service.application.encoding.wire import ORDER_COLUMNS
from spacetime_service.domain.orders import OrderFilter

_ORDER_VALUES = (
    "SELECT i, (i * 7919) % 100000, 1 + (i * 31) % 2000, 1 + i % 5, (i * 97) % 50000,"
    " CASE i % 10 WHEN 0 THEN 'returned' WHEN 1 THEN 'cancelled' WHEN 2 THEN 'placed' ELSE 'shipped' END,"
)
_FILL = {
    "sqlite": (
        "INSERT INTO products (id, sku, name, description, category, price, stock, created_at, updated_at)"
        " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
        " SELECT i, 'SKU-' || i, 'Product ' || i, 'A \"nice\", thing', 'books',"
        " i * 137 % 100000, i % 50,"
        " '2024-01-01 00:00:00.000000', '2024-06-01 12:00:00.000000' FROM n",
        "INSERT INTO orders (id, customer_id, product_id, quantity, unit_price, status, created_at)"
        " WITH RECURSIVE n(i) AS (SELECT :first UNION ALL SELECT i + 1 FROM n WHERE i < :last)"
        f" {_ORDER_VALUES} strftime('%Y-%m-%d %H:%M:%S', 1672531200 + i * 63, 'unixepoch') || '.000000'"
        " FROM n",
    ),
    "postgresql": (
        "INSERT INTO products (id, sku, name, description, category, price, stock, created_at, updated_at)"
        " SELECT i, 'SKU-' || i, 'Product ' || i, 'A \"nice\", thing', 'books',"
        " i * 137 % 100000, i % 50,"
        " '2024-01-01T00:00:00Z', '2024-06-01T12:00:00Z' FROM generate_series(1, 2000) AS i",
        "INSERT INTO orders (id, customer_id, product_id, quantity, unit_price, status, created_at)"
        f" {_ORDER_VALUES} to_timestamp(1672531200 + i::bigint * 63)"
        " FROM generate_series(CAST(:first AS BIGINT), CAST(:last AS BIGINT)) AS i",
    ),
}


def fill(url: str, rows: int) -> None:
    upgrade_to_head(url)
    engine = create_database_engine(url)
    with engine.begin() as connection:
        present = connection.execute(select(func.count()).select_from(orders)).scalar_one()
        if present < rows:
            products_sql, orders_sql = _FILL[engine.dialect.name]
            if present == 0:
                connection.execute(text("DELETE FROM products"))
                connection.execute(text(products_sql))
            connection.execute(text(orders_sql), {"first": present + 1, "last": rows})
            print(f"filled orders {present + 1}..{rows}", file=sys.stderr)
    engine.dispose()


def _cpu_seconds(pid: int) -> float:
    """User and system CPU of a process on this machine (fields 14 and 15 of /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _backends_cpu(engine: Engine) -> float:
    """CPU of the backends of the engine's pooled connections, asked before the pool is closed (each
    connection answers with its own backend); 0 on SQLite, which has none."""
    if engine.dialect.name != "postgresql":
        return 0.0
    pool = engine.pool
    connections = [engine.connect() for _ in range(pool.checkedin())]  # type: ignore[attr-defined]
    try:
        pids = {
            connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one() for connection in connections
        }
    finally:
        for connection in connections:
            connection.close()
    return sum(_cpu_seconds(pid) for pid in pids)


def measure(url: str, method: str, backends: int) -> None:
    """Runs one method in this process and prints `seconds bytes peak_rss_kib own_cpu backends_cpu`."""
    started = time.perf_counter()
    size = 0
    backends_cpu = 0.0
    own_started = time.process_time()  # after the imports, which are no part of the export
    if method in ("csv", "ndjson"):
        engine = create_database_engine(url, export_backends=backends)
        encoding = TableEncoding(WireFormat(method), ORDER_COLUMNS)
        with SqlAlchemyUnitOfWork(engine, 5000) as uow:
            for chunk in uow.orders.encoded(OrderFilter(), encoding):
                size += len(chunk)
        backends_cpu = _backends_cpu(engine)
        engine.dispose()
    else:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            command = ["sqlite3", "-csv", str(parsed.database), "SELECT * FROM orders"]
        else:
            plain = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
            command = ["psql", plain, "-c", "COPY orders TO STDOUT (FORMAT csv)"]
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    seconds = time.perf_counter() - started
    who = resource.RUSAGE_SELF if method in ("csv", "ndjson") else resource.RUSAGE_CHILDREN
    usage = resource.getrusage(who)
    own_cpu = (
        time.process_time() - own_started if who == resource.RUSAGE_SELF else usage.ru_utime + usage.ru_stime
    )
    print(f"{seconds} {size} {usage.ru_maxrss} {own_cpu} {backends_cpu}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backends", type=int, default=DEFAULT_EXPORT_BACKENDS)
    parser.add_argument("--measure", choices=("tool", "csv", "ndjson"))
    args = parser.parse_args()
    if args.measure:
        measure(args.url, args.measure, args.backends)
        return
    fill(args.url, args.rows)
    results: dict[str, list[tuple[float, int, int, float, float]]] = {"tool": [], "csv": [], "ndjson": []}
    for _ in range(args.runs):
        for method, runs in results.items():
            out = subprocess.run(
                [sys.executable, __file__, "--url", args.url, "--measure", method,
                 "--backends", str(args.backends)],
                check=True, capture_output=True, text=True,
            ).stdout.split()  # fmt: skip
            runs.append((float(out[0]), int(out[1]), int(out[2]), float(out[3]), float(out[4])))
    tool_seconds = statistics.median(run[0] for run in results["tool"])
    for method, runs in results.items():
        seconds = statistics.median(run[0] for run in runs)
        peak = max(run[2] for run in runs) / 1024
        megabytes = runs[0][1] / 1e6 if method != "tool" else float("nan")
        # the same rows every time, so the ratio of times is the ratio of row rates
        own_cpu = statistics.median(run[3] for run in runs)
        backends_cpu = statistics.median(run[4] for run in runs)
        print(
            f"{method:7} {seconds:6.2f} s  {megabytes:7.1f} MB  peak {peak:6.1f} MiB"
            f"  {tool_seconds / seconds:.2f}x tool  CPU {own_cpu:.2f} s, backends {backends_cpu:.2f} s"
        )


if __name__ == "__main__":
    main()
