"""ExtractFeatures: allow-listed features of NDJSON or stored records, as NDJSON or formula-safe CSV."""

from __future__ import annotations

import csv
import io

import orjson
import pytest

from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.ml.extract_features import ExtractFeaturesCommand, feature_columns
from spacetime_service.application.ml.record_inputs import RecordInput, RecordQuery
from spacetime_service.domain.errors import InvalidInput
from tests.unit.ml.ml_world import MlWorld

RECORDS = [
    {"id": 7, "unit_price": 5.0, "customer_id": 42, "created_at": "2025-01-05T23:30:00+00:00"},
    {"id": 8, "unit_price": 0.0, "customer_id": 43, "created_at": "2025-06-02T08:00:00+00:00"},
]
FEATURES = ("unit_price", "customer_id", "created_at")


def _body(records: list[dict[str, object]]) -> RecordInput:
    return RecordInput(body=iter([b"".join(orjson.dumps(record) + b"\n" for record in records)]))


def _extract(command: ExtractFeaturesCommand) -> bytes:
    stream = MlWorld().extract_features().execute(command)
    return b"".join(stream.chunks)


def test_ndjson_rows_carry_dense_columns_and_sparse_maps() -> None:
    body = _extract(ExtractFeaturesCommand("order_returned", _body(RECORDS), FEATURES))

    rows = [orjson.loads(line) for line in body.splitlines()]
    assert [(row["line"], row["id"]) for row in rows] == [(1, 7), (2, 8)]
    assert rows[0]["unit_price"] == pytest.approx(1.791759, rel=1e-6)  # log1p(5)
    assert rows[0]["customer_id"] != rows[1]["customer_id"]
    assert all(value == 1.0 for value in rows[0]["customer_id"].values())
    assert rows[0]["created_at_is_weekend"] == 1.0
    assert rows[1]["created_at_is_weekend"] == 0.0


def test_csv_has_a_header_and_keeps_negative_numbers_as_numbers() -> None:
    body = _extract(ExtractFeaturesCommand("order_returned", _body(RECORDS), FEATURES, WireFormat.CSV))

    table = list(csv.reader(io.StringIO(body.decode())))
    assert tuple(table[0]) == feature_columns(FEATURES)
    assert len(table) == 3
    by_column = dict(zip(table[0], table[1], strict=True))
    negatives = [cell for row in table[1:] for cell in row if cell.startswith("-")]
    assert negatives, "June at 08:00 has negative cosines"
    assert all(float(cell) < 0 for cell in negatives)
    assert not any(cell.startswith("'") for row in table for cell in row)
    ndjson = _extract(ExtractFeaturesCommand("order_returned", _body(RECORDS), FEATURES))
    assert orjson.loads(by_column["customer_id"]) == orjson.loads(ndjson.splitlines()[0])["customer_id"]


def test_a_disallowed_feature_is_refused_with_the_allowed_ones() -> None:
    with pytest.raises(InvalidInput, match="allowed: ") as refused:
        MlWorld().extract_features().execute(
            ExtractFeaturesCommand("order_returned", _body(RECORDS), ("status",))
        )

    assert refused.value.field == "features"


def test_stored_products_are_extracted_for_a_product_task() -> None:
    query = RecordInput(query=RecordQuery(min_id=3, max_id=5))

    body = _extract(ExtractFeaturesCommand("product_segments", query))

    assert [orjson.loads(line)["id"] for line in body.splitlines()] == [3, 4, 5]


def test_a_bad_record_stops_a_csv_stream_with_an_error_not_a_short_file() -> None:
    records = [
        *RECORDS * 3,
        {"id": 9, "unit_price": -1.0, "customer_id": 1, "created_at": "2025-01-01T00:00:00Z"},
    ]
    command = ExtractFeaturesCommand("order_returned", _body(records), FEATURES, WireFormat.CSV, chunk_rows=2)
    stream = MlWorld().extract_features().execute(command)

    with pytest.raises(InvalidInput, match=r"^line 7: unit_price"):
        b"".join(stream.chunks)
