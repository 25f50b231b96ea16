"""HTTP clients that stop reading streams, for tests of what the server holds while they stall."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from contextlib import ExitStack

DEFAULT_RECEIVE_BUFFER = 32 * 1024
# How a whole chunked body ends; a stream that the server cut short lacks it.
LAST_CHUNK = b"\r\n0\r\n\r\n"


def stall(
    stack: ExitStack,
    base_url: str,
    path: str = "/orders/stream",
    *,
    receive_buffer: int = DEFAULT_RECEIVE_BUFFER,
    segment_size: int | None = None,
) -> socket.socket:
    """A client that reads the head of a long stream at `path` and then stops reading, holding it open
    until `stack` closes. Its receive buffer is small and fixed (no autotuning), so the server cannot
    write the whole stream into the socket buffers and must wait, holding what the stream holds.

    A slow stream (an event stream's pings) fills the buffers sooner with a smaller `receive_buffer`
    and a `segment_size` (the TCP MSS this client announces): on loopback the server's send buffer
    is sized from the segment size, and with full-size segments it takes megabytes."""
    url = httpx.URL(base_url)
    client = stack.enter_context(socket.socket())
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    if segment_size is not None:
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, segment_size)
    client.connect((url.host, url.port or 80))
    client.sendall(f"GET {path} HTTP/1.1\r\nHost: {url.host}\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        received = client.recv(4096)
        assert received, "the server closed the stream"
        head += received
    assert head.startswith(b"HTTP/1.1 200 "), head[:200]
    return client


def drain(client: socket.socket) -> bytes:
    """The last bytes of what is left of a stalled stream, read until the server closes the
    connection."""
    tail = b""
    while True:
        try:
            received = client.recv(65536)
        except ConnectionResetError:
            return tail
        if not received:
            return tail
        tail = (tail + received)[-64:]
