"""The lines of a report, encoded like every other stream of the service (CSV or NDJSON), and the
gzip members that a resumable compressed report is made of."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Mapping

from spacetime_service.application.encoding.reference_encoder import encode_rows
from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat
from spacetime_service.application.encoding.wire import WireValue, wire_money
from spacetime_service.domain.reports import DailyStats, DayRange, ProductSales, ReportKind

DAILY_STATS_COLUMNS = ("date", "orders", "revenue", "unique_customers", "returned_orders")
PRODUCT_SALES_COLUMNS = ("product_id", "sku", "period", "orders", "units", "revenue")
# A gzip stream (window bits 16 + 15) with zlib's fixed header: no name, mtime 0, so equal input
# gives equal bytes whichever attempt compresses it.
_GZIP_WINDOW_BITS = 31
GZIP_LEVEL = 6

Row = Mapping[str, WireValue]


def columns_of(kind: ReportKind) -> tuple[str, ...]:
    return DAILY_STATS_COLUMNS if kind is ReportKind.DAILY_STATS else PRODUCT_SALES_COLUMNS


def daily_stats_row(stats: DailyStats) -> Row:
    return {
        "date": stats.day.isoformat(),
        "orders": stats.orders,
        "revenue": wire_money(stats.revenue),
        "unique_customers": stats.unique_customers,
        "returned_orders": stats.returned_orders,
    }


def product_sales_row(sales: ProductSales) -> Row:
    return {
        "product_id": sales.product_id,
        "sku": sales.sku,
        "period": sales.period,
        "orders": sales.orders,
        "units": sales.units,
        "revenue": wire_money(sales.revenue),
    }


def every_day(days: DayRange, found: Iterable[DailyStats]) -> Iterator[DailyStats]:
    """One item per day of the range: the day's figures, or zeros for a day without orders."""
    by_day = {stats.day: stats for stats in found}
    for day in days.each_day():
        yield by_day.get(day) or DailyStats.empty(day)


def encoded_lines(
    rows: Iterable[Row], columns: tuple[str, ...], wire_format: WireFormat, *, header: bool
) -> Iterator[bytes]:
    """Pieces of about 64 KiB of whole lines, as every stream of the service encodes them; the CSV
    header first when `header` is set (a resumed report continues without it)."""
    return encode_rows(rows, TableEncoding(wire_format, columns), header=header)


def gzip_member(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """One complete gzip member holding `pieces`; concatenated members form one valid gzip file."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, _GZIP_WINDOW_BITS)
    for piece in pieces:
        compressed = compressor.compress(piece)
        if compressed:
            yield compressed
    yield compressor.flush()
