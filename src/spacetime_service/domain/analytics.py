"""Analytics over the order history: what orders may be grouped by, which figures may be computed, and
which orders count.

Every name a client sends (a dimension, a metric, a sort field) is looked up in these allow-lists before
it goes anywhere near a store, so that stores map names to prebuilt expressions and never see client
text. Figures are exact integers (money in cents) so that every way of computing them agrees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from spacetime_service.domain.catalog import require_category
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ranges import require_period

if TYPE_CHECKING:
    from spacetime_service.domain.orders import OrderStatus

MAX_GROUP_BY = 4
MAX_LIMIT = 10_000_000

DimensionValue = int | str
MetricValue = int | None


class Dimension(StrEnum):
    """What orders may be grouped by; the time dimensions are UTC periods named by their first day."""

    CATEGORY = "category"
    STATUS = "status"
    PRODUCT_ID = "product_id"
    CUSTOMER_ID = "customer_id"
    DAY = "day"
    WEEK = "week"  # ISO weeks: Monday to Sunday
    MONTH = "month"


class Metric(StrEnum):
    """`orders`, `units` and `unique_customers` count every matching order; `revenue` sums quantity x
    unit price over earning orders only (placed or shipped); `avg_unit_price` is the mean unit price of
    the orders, in cents rounded half up."""

    ORDERS = "orders"
    UNITS = "units"
    REVENUE = "revenue"
    AVG_UNIT_PRICE = "avg_unit_price"
    UNIQUE_CUSTOMERS = "unique_customers"

    @property
    def is_money(self) -> bool:
        return self in (Metric.REVENUE, Metric.AVG_UNIT_PRICE)


class Interval(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"

    @property
    def dimension(self) -> Dimension:
        return Dimension(self.value)


E = TypeVar("E", bound=StrEnum)


def parse_name(kind: type[E], value: str, *, field: str) -> E:
    """The allow-listed member named `value`, or InvalidInput that lists the names known."""
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(member.value for member in kind)
        raise InvalidInput(f"unknown {field} {value!r}; known: {known}", field=field) from None


@dataclass(frozen=True, slots=True)
class AnalyticsFilter:
    """Orders created in [created_from, created_to) (both optional, timezone-aware), of the listed
    product categories and order statuses (any when empty)."""

    created_from: datetime | None = None
    created_to: datetime | None = None
    categories: tuple[str, ...] = ()
    statuses: tuple[OrderStatus, ...] = ()

    def __post_init__(self) -> None:
        require_period(
            self.created_from, self.created_to, detail="the start must be before the end", field="start_date"
        )
        for category in self.categories:
            require_category(category)

    @classmethod
    def for_days(
        cls,
        start_date: date | None = None,
        end_date: date | None = None,
        *,
        categories: tuple[str, ...] = (),
        statuses: tuple[OrderStatus, ...] = (),
    ) -> AnalyticsFilter:
        """UTC days from `start_date` to `end_date`, both included."""
        if start_date and end_date and start_date > end_date:
            raise InvalidInput("start_date is after end_date", field="start_date")
        return cls(
            created_from=None if start_date is None else _midnight(start_date),
            created_to=None if end_date is None else _midnight(end_date + timedelta(days=1)),
            categories=tuple(dict.fromkeys(categories)),
            statuses=tuple(dict.fromkeys(statuses)),
        )


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class OrderBy:
    field: Dimension | Metric
    descending: bool = False

    @classmethod
    def parse(cls, text: str) -> OrderBy:
        """`revenue` ascending, `-revenue` descending; the field is a metric or a dimension."""
        name = text.removeprefix("-")
        field: Dimension | Metric
        if name in Metric.__members__.values():
            field = Metric(name)
        else:
            field = parse_name(Dimension, name, field="order_by")
        return cls(field, descending=text.startswith("-"))


@dataclass(frozen=True, slots=True)
class AggregateQuery:
    """One row per distinct combination of `group_by` values (a single row over everything when it is
    empty), holding `metrics`. Rows come in `order_by` order, ties (and the default order) broken by the
    group-by values in the same direction, and at most `limit` of them."""

    group_by: tuple[Dimension, ...]
    metrics: tuple[Metric, ...]
    analytics_filter: AnalyticsFilter = field(default_factory=AnalyticsFilter)
    order_by: OrderBy | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        if len(set(self.group_by)) != len(self.group_by):
            raise InvalidInput("group_by names a dimension twice", field="group_by")
        if len(self.group_by) > MAX_GROUP_BY:
            raise InvalidInput(f"group_by takes at most {MAX_GROUP_BY} dimensions", field="group_by")
        if not self.metrics or len(set(self.metrics)) != len(self.metrics):
            raise InvalidInput("metrics must name at least one metric, each once", field="metrics")
        if self.order_by is not None and self.order_by.field not in (*self.group_by, *self.metrics):
            raise InvalidInput("order_by must be one of the group_by dimensions or metrics", field="order_by")
        if self.limit is not None and not 1 <= self.limit <= MAX_LIMIT:
            raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}", field="limit")

    @property
    def descending(self) -> bool:
        return self.order_by is not None and self.order_by.descending

    @property
    def sort_metric(self) -> Metric | None:
        """The metric that orders the rows, when one does (a dimension orders them like the default)."""
        field = None if self.order_by is None else self.order_by.field
        return field if isinstance(field, Metric) else None

    @property
    def sort_dimensions(self) -> tuple[Dimension, ...]:
        """The group-by values in sort order: the one named by order_by first, then the others."""
        first = self.order_by.field if self.order_by else None
        if isinstance(first, Dimension):
            return (first, *(dimension for dimension in self.group_by if dimension is not first))
        return self.group_by
