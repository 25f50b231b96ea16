"""The use case and the job of product imports over fakes (and the real external sorter, which needs
only a directory), with helpers to build uploads."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from spacetime_service.adapters.spacetime.msgpack_external_sorter import MsgpackExternalSorter
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.imports.handler import (
    PRODUCT_IMPORT_KIND,
    ProductImportHandler,
)
from spacetime_service.application.imports.import_products import (
    ImportProducts,
    ImportProductsCommand,
    ImportProductsResult,
)
from spacetime_service.application.imports.limits import ImportLimits
from spacetime_service.application.jobs.submit_job import SubmitJob
from tests.fakes.artifacts import FakeArtifactStorage
from tests.fakes.batch_unit_of_work import BatchState, FakeBatchUnitOfWork
from tests.fakes.chunk_sizer import FixedRows
from tests.fakes.jobs import FixedClock, RecordingJobRunner, SequentialIds
from tests.support.batch_datasets import products
from tests.support.job_driver import JobDriver

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from spacetime_service.application.ports.batch_unit_of_work import BatchUnitOfWork
    from spacetime_service.domain.products import Product

HEADER = "sku,name,description,category,price,stock\n"
LIMITS = ImportLimits(max_body_bytes=1 << 20, max_line_bytes=4096, max_rows=10_000)


def csv_upload(rows: Iterable[tuple[str, str, str, str, int]]) -> bytes:
    """CSV lines of (sku, name, category, price, stock), descriptions empty."""
    lines = [f"{sku},{name},,{category},{price},{stock}\n" for sku, name, category, price, stock in rows]
    return (HEADER + "".join(lines)).encode()


def chunks(body: bytes, size: int = 5) -> Iterable[bytes]:
    return (body[start : start + size] for start in range(0, len(body), size))


@dataclass
class ImportWorld:
    tmp_path: Path
    state: BatchState = field(default_factory=BatchState)
    clock: FixedClock = field(default_factory=FixedClock)
    runner: RecordingJobRunner = field(default_factory=RecordingJobRunner)
    ids: SequentialIds = field(default_factory=SequentialIds)

    def __post_init__(self) -> None:
        self.staging = FakeArtifactStorage(self.tmp_path / "downloads")
        self.state.products = {product.id: product for product in products(10)}

    def use_case(self, limits: ImportLimits = LIMITS) -> ImportProducts:
        submit = SubmitJob(self.state.jobs, self.runner, self.clock, self.ids, kinds={PRODUCT_IMPORT_KIND})
        sorter = MsgpackExternalSorter(self.tmp_path / "spill", budget_bytes=4096)
        return ImportProducts(
            self.staging, sorter, submit, self.state.jobs, ids=self.ids, clock=self.clock, limits=limits
        )

    def upload(
        self, body: bytes, wire_format: WireFormat = WireFormat.CSV, key: str | None = None
    ) -> ImportProductsResult:
        command = ImportProductsCommand("alice", chunks(body), wire_format, key)
        return self.use_case().execute(command)

    def units(self) -> BatchUnitOfWork:
        return FakeBatchUnitOfWork(self.state)

    def driver(self, units: object = None, chunk_rows: int = 4) -> JobDriver:
        factory = units or self.units
        handler = ProductImportHandler(
            factory,  # type: ignore[arg-type]
            self.staging,
            FixedRows(chunk_rows),
            self.clock,
            min_chunk_rows=1,
        )
        return JobDriver(self.state.jobs, self.clock, handler, PRODUCT_IMPORT_KIND)

    def by_sku(self) -> dict[str, Product]:
        return {product.sku: product for product in self.state.products.values()}

    def staged_files(self) -> int:
        return len(self.staging.published) + len(self.staging.partials)


def price(text: str) -> Decimal:
    return Decimal(text)
