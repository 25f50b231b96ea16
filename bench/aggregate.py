"""Groups n orders by customer with each contender in a fresh process; reports wall time and peak RSS.

    uv run --frozen python bench/aggregate.py 1000000 5000000

One SQLite file per n is seeded once (customers = n / 20, so 50,000 customers at 1M). Contenders:
the database engine (one GROUP BY in SQLite, rows streamed out), the spacetime engine (keyset chunks
of about √n rows grouped by the external sorter with SPACETIME_SORT_MEMORY), and a naive Python dict
keyed by customer over the same keyset stream. Each runs under /usr/bin/time -v in its own process; the
three outputs must have the same digest. Peak RSS is GNU time's "Maximum resident set size".
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

CONTENDERS = ("database", "spacetime", "python dict")
SORT_MEMORY = 64 * 10**6
START = datetime(2025, 1, 1, tzinfo=UTC)
METRICS = ("orders", "units", "revenue", "avg_unit_price", "unique_customers")


def seed_database(path: Path, orders: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.support.seed import _batches, _orders, _products, product_rows

    from spacetime_service.adapters.sqlalchemy.catalog_loading.loader import SqlAlchemyCatalogLoader
    from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
    from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head

    url = f"sqlite:///{path}"
    upgrade_to_head(url)
    engine = create_database_engine(url)
    customers = max(1, orders // 20)
    rows = (
        {
            "id": j,
            "customer_id": (j * 7919) % customers + 1,
            "product_id": j % 2000 + 1,
            "quantity": j % 4 + 1,
            "unit_price": Decimal(j % 500) + Decimal("0.25"),
            "status": ("placed", "shipped", "returned", "cancelled")[j % 4],
            "created_at": START + timedelta(seconds=j),
        }
        for j in range(1, orders + 1)
    )
    try:
        SqlAlchemyCatalogLoader(engine).load(_batches(product_rows(2000), _products), _batches(rows, _orders))
    finally:
        engine.dispose()


def child(contender: str, database: str, target: str, scratch: str) -> None:
    """Runs inside the measured process: writes one NDJSON line per customer to `target`."""
    from tests.fakes.memory import FakeMemoryMonitor

    from spacetime_service.adapters.spacetime.chunk_sizers import SqrtChunkSizer
    from spacetime_service.adapters.spacetime.msgpack_external_sorter import MsgpackExternalSorter
    from spacetime_service.adapters.sqlalchemy.analytics.order_analytics import SqlAlchemyOrderAnalytics
    from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
    from spacetime_service.application.analytics.aggregate_orders import (
        AggregateOrders,
        AggregateOrdersCommand,
        AggregationEngine,
    )
    from spacetime_service.application.analytics.group_lines import ndjson_chunks
    from spacetime_service.application.analytics.keyset_rows import keyset_grouping_rows
    from spacetime_service.application.memory.guard import MemoryGuard
    from spacetime_service.application.ports.order_analytics import GroupRow
    from spacetime_service.domain.analytics import AggregateQuery, AnalyticsFilter, Dimension, Metric
    from spacetime_service.domain.analytics_figures import GroupTotals

    engine = create_database_engine(f"sqlite:///{database}")
    analytics = SqlAlchemyOrderAnalytics(engine, 5000)
    chunks = SqrtChunkSizer(budget_bytes=64 * 10**6, min_rows=100, max_rows=100_000)
    sorter = MsgpackExternalSorter(Path(scratch), budget_bytes=SORT_MEMORY)
    query = AggregateQuery((Dimension.CUSTOMER_ID,), tuple(Metric(name) for name in METRICS))
    use_case = AggregateOrders(analytics, sorter, chunks, MemoryGuard(FakeMemoryMonitor()))
    if contender == "python dict":
        groups: dict[int, list[int]] = {}
        customers: dict[int, set[int]] = {}
        for row in keyset_grouping_rows(analytics, chunks, AnalyticsFilter(), query.group_by):
            totals = groups.setdefault(row.customer_id, [0, 0, 0, 0])
            totals[0] += 1
            totals[1] += row.quantity
            totals[2] += row.quantity * row.unit_price_cents if row.earning else 0
            totals[3] += row.unit_price_cents
            customers.setdefault(row.customer_id, set()).add(row.customer_id)

        def group_totals(key: int) -> GroupTotals:
            orders, units, revenue_cents, unit_price_cents = groups[key]
            return GroupTotals(orders, units, revenue_cents, unit_price_cents, len(customers[key]))

        rows: Iterator[GroupRow] = (
            GroupRow((key,), tuple(group_totals(key).value(m) for m in query.metrics))
            for key in sorted(groups)
        )
    else:
        engine_name = AggregationEngine.DATABASE if contender == "database" else AggregationEngine.SPACETIME
        rows = use_case.groups(AggregateOrdersCommand(query, engine_name))
    with Path(target).open("wb") as out:
        for chunk in ndjson_chunks(rows, query):
            out.write(chunk)
    engine.dispose()


def measure(contender: str, database: Path, workdir: Path) -> tuple[float, int, str]:
    target = workdir / f"{contender.replace(' ', '_')}.ndjson"
    scratch = workdir / "spill"
    command = [
        "/usr/bin/time",
        "-v",
        sys.executable,
        __file__,
        "--child",
        contender,
        str(database),
        str(target),
        str(scratch),
    ]
    started = time.perf_counter()
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - started
    peak_kb = next(
        int(line.split(":")[1])
        for line in finished.stderr.splitlines()
        if "Maximum resident set size" in line
    )
    digest = hashlib.sha256(target.read_bytes()).hexdigest()[:16]
    return elapsed, peak_kb * 1024, digest


def main(sizes: list[int]) -> None:
    print("| orders | customers | contender | time (s) | peak RSS (MB) | output digest |")
    print("|---:|---:|---|---:|---:|---|")
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-aggregate-") as scratch:
            workdir = Path(scratch)
            database = workdir / "orders.db"
            seed_database(database, size)
            digests = set()
            for contender in CONTENDERS:
                elapsed, peak, digest = measure(contender, database, workdir)
                digests.add(digest)
                cells = (
                    f"{size:,}",
                    f"{size // 20:,}",
                    contender,
                    f"{elapsed:.1f}",
                    f"{peak / 1e6:.0f}",
                    digest,
                )
                print("| " + " | ".join(cells) + " |", flush=True)
            if len(digests) != 1:
                raise SystemExit(f"the contenders disagree at n = {size}: {digests}")


if __name__ == "__main__":
    if sys.argv[1] == "--child":
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        child(*sys.argv[2:6])
    else:
        main([int(arg) for arg in sys.argv[1:]])
