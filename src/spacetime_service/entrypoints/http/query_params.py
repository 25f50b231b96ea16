"""Query parameters shared by several endpoints, turned into the domain's terms. The rules stay in the
domain and the use cases; this module only parses text."""

# No `from __future__ import annotations` here: FastAPI reads the hints of the paging parameters that
# page_params_for builds at run time, and they name its local allow-list.
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import Query

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.money import parse_money
from spacetime_service.domain.pagination import MAX_PAGE_SIZE, MIN_PAGE_SIZE, Direction, Sort

DEFAULT_PAGE_SIZE = 50
# The wire form of an amount in a query: digits with at most two decimal places, 0 to MAX_MONEY. The
# domain would also take 1e2 or +5; the query takes only the form that the document shows.
MONEY_QUERY_PATTERN = r"^(?:\d{1,7}(?:\.\d{1,2})?|10000000(?:\.0{1,2})?)$"


@dataclass(frozen=True, slots=True)
class PageParams:
    sort: Sort
    limit: int
    cursor: str | None


def parse_sort(value: str) -> Sort:
    """`field` sorts ascending and `-field` descending; the use case checks the field's allow-list."""
    field = value.removeprefix("-")
    if not field:
        raise InvalidInput("sort needs a field name, such as price or -price", field="sort")
    return Sort(field, Direction.DESC if value.startswith("-") else Direction.ASC)


def parse_moment(value: str, *, field: str) -> datetime:
    """An ISO 8601 date (midnight UTC) or date-time; a date-time without an offset is UTC."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise InvalidInput(
            f"{field} must be an ISO 8601 date (2025-03-01) or date-time (2025-03-01T12:00:00Z)", field=field
        ) from error
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def parse_optional_money(value: str | None, *, field: str) -> Decimal | None:
    return None if value is None else parse_money(value, field=field)


def parse_columns(values: list[str]) -> tuple[str, ...]:
    """Columns may be repeated (`columns=id&columns=name`) or comma-separated (`columns=id,name`)."""
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


def one_of(choices: Sequence[str]) -> dict[str, Any]:
    """OpenAPI for a text parameter checked against an allow-list by the domain: the list as its enum."""
    return {"enum": list(choices)}


def matching(pattern: str) -> dict[str, Any]:
    """OpenAPI for a text the domain checks against `pattern` (a whole-text regular expression)."""
    return {"pattern": f"^{pattern}$"}


def each_one_of(choices: Sequence[str]) -> dict[str, Any]:
    """OpenAPI for a repeatable text parameter whose every value is allow-listed."""
    return {"items": {"type": "string", "enum": list(choices)}}


def page_params_for(sort_fields: Sequence[str]) -> Callable[..., PageParams]:
    """The paging parameters of a listing sorted by `sort_fields`, which OpenAPI shows as the sort's enum
    (each field ascending, and descending with `-`); the use case still checks the field."""

    def page_params(
        limit: Annotated[
            int, Query(ge=MIN_PAGE_SIZE, le=MAX_PAGE_SIZE, description="items per page")
        ] = DEFAULT_PAGE_SIZE,
        cursor: Annotated[
            str | None, Query(description="the `next_cursor` of the previous page; omit for the first page")
        ] = None,
        sort: Annotated[
            str,
            Query(
                description="the field to sort by, `-` in front for descending (`-price`)",
                json_schema_extra=one_of([f"{sign}{field}" for field in sort_fields for sign in ("", "-")]),
            ),
        ] = "id",
    ) -> PageParams:
        return PageParams(parse_sort(sort), limit, cursor)

    return page_params


def columns_param_for(allowed: Sequence[str]) -> Callable[..., tuple[str, ...]]:
    """The `columns` parameter of a stream of the `allowed` columns, which OpenAPI shows as a pattern
    over the allow-list: names repeated or comma-separated, blanks around them ignored, as
    parse_columns reads them; the use case still checks the names, and that none comes twice."""
    name = "|".join(re.escape(column) for column in allowed)
    pattern = rf"^\s*(?:{name})?\s*(?:,\s*(?:{name})?\s*)*$"

    def columns_param(
        columns: Annotated[
            list[str],
            Query(
                default_factory=list,
                description=f"the columns to send, in order (repeat or comma-separate): {', '.join(allowed)}",
                json_schema_extra={"items": {"type": "string", "pattern": pattern}},
            ),
        ],
    ) -> tuple[str, ...]:
        return parse_columns(columns)

    return columns_param
