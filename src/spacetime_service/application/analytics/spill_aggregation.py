"""Grouping outside the store, in bounded memory: an external sort by (group, customer), one group
folded at a time, and a second external sort when the rows are ordered by anything else."""

from __future__ import annotations

from itertools import groupby, islice
from typing import TYPE_CHECKING, Any

from spacetime_service.application.ports.order_analytics import GroupingRow, GroupRow
from spacetime_service.domain.analytics_figures import GroupTotals

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacetime_service.application.ports.external_sorter import ExternalSorter, Record
    from spacetime_service.domain.analytics import AggregateQuery, DimensionValue

# A spilled record: (key, customer_id, quantity, unit_price_cents, earning).
_Entry = tuple[Any, ...]


def spill_aggregate(
    rows: Iterable[GroupingRow], query: AggregateQuery, sorter: ExternalSorter
) -> Iterator[GroupRow]:
    """The same rows, in the same order, as the store's GROUP BY would give for `query`.

    Sorting by customer within a group lets distinct customers be counted exactly by counting changes,
    with nothing held but the group's running totals."""
    records = ((row.key, row.customer_id, row.quantity, row.unit_price_cents, row.earning) for row in rows)
    with sorter.sort(records, key=_group_then_customer) as ordered:
        groups = _folded(ordered, query)
        if query.sort_metric is None and query.sort_dimensions == query.group_by and not query.descending:
            yield from islice(groups, query.limit)
            return
        with sorter.sort(_sortable(groups, query), key=_first, reverse=query.descending) as resorted:
            for _, key, values in islice(resorted, query.limit):
                yield GroupRow(tuple(key), tuple(values))


def _group_then_customer(record: _Entry) -> Record:
    return (record[0], record[1])


def _first(record: _Entry) -> Record:
    first: Record = record[0]
    return first


def _folded(ordered: Iterator[_Entry], query: AggregateQuery) -> Iterator[GroupRow]:
    produced = False
    for key, group in groupby(ordered, key=lambda record: record[0]):
        totals = _totals(group)
        produced = True
        yield GroupRow(tuple(key), tuple(totals.value(metric) for metric in query.metrics))
    if not produced and not query.group_by:
        # Like SQL's aggregate without GROUP BY: one row over nothing.
        yield GroupRow((), tuple(GroupTotals().value(metric) for metric in query.metrics))


def _totals(group: Iterator[_Entry]) -> GroupTotals:
    orders = units = revenue = prices = customers = 0
    last_customer = None
    for _, customer_id, quantity, unit_price_cents, earning in group:
        orders += 1
        units += quantity
        prices += unit_price_cents
        if earning:
            revenue += quantity * unit_price_cents
        if customer_id != last_customer:
            customers += 1
            last_customer = customer_id
    return GroupTotals(orders, units, revenue, prices, customers)


def _sortable(groups: Iterator[GroupRow], query: AggregateQuery) -> Iterator[_Entry]:
    """(sort key, key, values): the sort metric first if any, then the dimensions in sort order."""
    positions = [query.group_by.index(dimension) for dimension in query.sort_dimensions]
    metric_position = None if query.sort_metric is None else query.metrics.index(query.sort_metric)
    for row in groups:
        dimensions: tuple[DimensionValue, ...] = tuple(row.key[position] for position in positions)
        sort_key = dimensions if metric_position is None else (row.values[metric_position], *dimensions)
        yield (sort_key, row.key, row.values)
