"""The total order on record keys that the external sorter promises (see ports/external_sorter.py).

Python refuses to compare None with numbers, or numbers with text, and NaN compares false with
everything, which breaks sorting and grouping. Each key is mapped to a tuple that starts with the rank
of its kind, so that any two keys compare, always the same way.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacetime_service.application.ports.external_sorter import Record

NONE_RANK, NUMBER_RANK, NAN_RANK, TEXT_RANK, TUPLE_RANK = range(5)

OrderKey = tuple[Any, ...]

_PLAIN_RANKS: dict[type, int] = {int: NUMBER_RANK, str: TEXT_RANK}
_PLAIN_KINDS = frozenset({int, str, float})


def order_key(value: Record) -> OrderKey:
    """(rank, value): None < numbers by value < NaN < str < tuples and lists element-wise."""
    rank = _PLAIN_RANKS.get(type(value))  # plain int and str first: the common and cheapest case
    if rank is not None:
        return (rank, value)
    return _other_order_key(value)


def _other_order_key(value: Record) -> OrderKey:
    if value is None:
        return (NONE_RANK,)
    if isinstance(value, float):
        return (NAN_RANK,) if math.isnan(value) else (NUMBER_RANK, value)
    if isinstance(value, int):  # bool and int subclasses
        return (NUMBER_RANK, int(value))
    if isinstance(value, str):
        return (TEXT_RANK, str(value))
    if isinstance(value, tuple | list):
        return (TUPLE_RANK, tuple(map(order_key, value)))
    raise TypeError(f"a sort key must be None, a number, a str or a tuple, not {type(value).__name__}")


def plain_kind(keys: list[Any]) -> type | None:
    """The one type of all `keys` when it is plain int, plain str, or float without NaN, else None.

    Keys of one such kind already compare exactly as `order_key` orders them, so they can be sorted
    and merged without wrapping each in a tuple: a sort of ints runs about twice as fast.
    """
    kinds = set(map(type, keys))
    if len(kinds) != 1:
        return None
    (kind,) = kinds
    if kind is float and any(math.isnan(k) for k in keys):
        return None
    return kind if kind in _PLAIN_KINDS else None
