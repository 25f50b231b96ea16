"""SQL conditions for an AnalyticsFilter, and the FROM clause they (and the dimensions) need."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.adapters.sqlalchemy.catalog.filters import order_period_conditions
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders, products
from spacetime_service.domain.analytics import AnalyticsFilter, Dimension

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlalchemy import ColumnElement, FromClause


def analytics_conditions(analytics_filter: AnalyticsFilter) -> list[ColumnElement[bool]]:
    """Every value a bound parameter."""
    f = analytics_filter
    conditions = order_period_conditions(f.created_from, f.created_to, f.statuses)
    if f.categories:
        conditions.append(products.c.category.in_(f.categories))
    return conditions


def orders_source(analytics_filter: AnalyticsFilter, dimensions: Iterable[Dimension] = ()) -> FromClause:
    """The orders, joined to their products only when a category is asked for."""
    if analytics_filter.categories or Dimension.CATEGORY in dimensions:
        return orders.join(products, orders.c.product_id == products.c.id)
    return orders
