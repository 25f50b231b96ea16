"""Port: sort and group streams of records that may not fit in memory.

A record is a JSON-like value: None, bool, int (64-bit), float, str, or a tuple of these (nested tuples
allowed). A list is accepted but may come back as a tuple, because spilled records are read back as
tuples. Keys are records too, and are ordered totally and deterministically:

    None  <  numbers (bool, int, float, compared by value)  <  NaN  <  str  <  tuples (element-wise)

Both operations are stable: records with equal keys keep their input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar, runtime_checkable

from spacetime_service.application.ports.scoped_resource import ScopedResource

Scalar = None | bool | int | float | str
Record = Scalar | tuple["Record", ...] | list["Record"]

R = TypeVar("R", bound=Record)
A = TypeVar("A")
T_co = TypeVar("T_co", covariant=True)


class RecordStream(Iterator[T_co], ScopedResource, Protocol[T_co]):
    """An iterator that holds disk space until it is exhausted, closed, or left by `with`."""

    def close(self) -> None:
        """Releases files and removes spilled data; safe to call more than once."""


@runtime_checkable
class ExternalSorter(Protocol):
    def sort(
        self, records: Iterable[R], key: Callable[[R], Record] | None = None, *, reverse: bool = False
    ) -> RecordStream[R]:
        """`records` in key order (the record itself when `key` is None), reading the input once and
        holding about √n of them in memory; the rest waits in private spill files."""

    def group_by(
        self, records: Iterable[R], key: Callable[[R], Record], reducer: Callable[[Iterator[R]], A]
    ) -> RecordStream[tuple[Record, A]]:
        """One `(key, reducer(group))` per distinct key, in key order, one group at a time.

        The reducer gets the group as an iterator (it never sits in memory as a whole); the key is the
        first record's, so 1, 1.0 and True form one group, and so do all NaNs.
        """
