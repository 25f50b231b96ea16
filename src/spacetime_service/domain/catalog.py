"""The catalog's fixed vocabulary: product categories are an allow-list, not free text."""

from __future__ import annotations

from spacetime_service.domain.errors import InvalidInput

CATEGORIES: tuple[str, ...] = (
    "automotive",
    "beauty",
    "books",
    "clothing",
    "electronics",
    "garden",
    "grocery",
    "home",
    "sports",
    "toys",
)


def require_category(value: str, *, field: str = "category") -> str:
    if value not in CATEGORIES:
        raise InvalidInput(f"unknown {field} {value!r}; known: {', '.join(CATEGORIES)}", field=field)
    return value
