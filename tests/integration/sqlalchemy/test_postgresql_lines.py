"""The PostgreSQL lines join each row's cells in one call, which would shift the cells at a NULL, so a
nullable column is refused before any query runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import BigInteger, Column, MetaData, String, Table

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.exports.encoded_rows import encoded_rows
from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Engine

pytestmark = pytest.mark.postgres


@pytest.fixture
def engine(postgres_url: str) -> Iterator[Engine]:
    engine = create_database_engine(postgres_url)
    yield engine
    engine.dispose()


def _notes(*, nullable: bool) -> Table:
    return Table(
        "notes",
        MetaData(),
        Column("id", BigInteger, primary_key=True),
        Column("body", String(40), nullable=nullable),
    )


@pytest.mark.parametrize("wire_format", list(WireFormat))
def test_a_nullable_column_is_refused(engine: Engine, wire_format: WireFormat) -> None:
    encoding = TableEncoding(wire_format, ("id", "body"))
    with engine.connect() as connection:
        with pytest.raises(ValueError, match="nullable columns \\['body'\\]"):
            encoded_rows(connection, _notes(nullable=True), [], encoding, fetch_rows=100)
        # the same columns held NOT NULL are taken
        encoded_rows(connection, _notes(nullable=False), [], encoding, fetch_rows=100)
