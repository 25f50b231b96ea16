"""A request makes one server span, not one more per ASGI message: a stream of many chunks would
otherwise make a span for each of its sends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.support.span_capture import captured_spans

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def test_a_stream_makes_one_server_span_and_none_per_message(client: TestClient) -> None:
    with captured_spans() as exporter:
        response = client.get("/orders/stream?format=csv")
        assert response.status_code == 200
        assert response.text.count("\n") > 1
    names = [span.name for span in exporter.get_finished_spans()]
    assert "GET /orders/stream" in names
    assert [name for name in names if name.endswith((" http send", " http receive"))] == []
