"""HTTP clients that stop reading a stream, for tests of what the server holds while they stall."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from contextlib import ExitStack


def stall(stack: ExitStack, base_url: str, path: str = "/orders/stream") -> socket.socket:
    """A client that reads the head of a long stream at `path` and then stops reading, holding it open
    until `stack` closes. Its receive buffer is small and fixed (no autotuning), so the server cannot
    write the whole stream into the socket buffers and must wait, holding what the stream holds."""
    url = httpx.URL(base_url)
    client = stack.enter_context(socket.socket())
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 32 * 1024)
    client.connect((url.host, url.port or 80))
    client.sendall(f"GET {path} HTTP/1.1\r\nHost: {url.host}\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        received = client.recv(4096)
        assert received, "the server closed the stream"
        head += received
    assert head.startswith(b"HTTP/1.1 200 "), head[:200]
    return client
