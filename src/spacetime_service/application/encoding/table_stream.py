"""One table of the store as a stream of encoded chunks, read inside one unit of work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.encoding.encoded_stream import EncodedStream

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from spacetime_service.application.encoding.table_encoding import TableEncoding
    from spacetime_service.application.ports.unit_of_work import UnitOfWork


def table_stream(
    name: str,
    encoding: TableEncoding,
    uow_factory: Callable[[], UnitOfWork],
    read: Callable[[UnitOfWork], Iterable[bytes]],
) -> EncodedStream:
    """The chunks `read` takes from a unit of work, as the file `<name>.<format>`. Nothing is opened
    before the first chunk is asked for, and the unit of work ends when the stream is exhausted or
    closed, so that the whole result is never held."""
    return EncodedStream(
        media_type=encoding.format.media_type,
        filename=f"{name}.{encoding.format.value}",
        chunks=_chunks(uow_factory, read),
    )


def _chunks(
    uow_factory: Callable[[], UnitOfWork], read: Callable[[UnitOfWork], Iterable[bytes]]
) -> Iterator[bytes]:
    with uow_factory() as uow:
        yield from read(uow)
