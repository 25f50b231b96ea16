"""Figures of the streamed responses (NDJSON, CSV, event streams), kept by the StreamLimiter through
which every stream takes and frees its slot.

`spacetime_stream_requests_total` and `spacetime_processing_seconds` are names an earlier version
exposed, which existing dashboards scrape; they keep that meaning: stream requests, and how long each
stream was served.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

OPENED = "opened"
REFUSED_FOR_CLIENT = "refused_client"
REFUSED_BUSY = "refused_busy"

STREAM_REQUESTS = Counter(
    "spacetime_stream_requests_total",
    "Stream requests: opened, or refused (refused_client: the client's cap, 429; refused_busy: the"
    " process's cap, 503)",
    ("outcome",),
)
# Under gunicorn the open streams of every live worker add up to the server's.
OPEN_STREAMS = Gauge("spacetime_streams_open", "Streams being served now", multiprocess_mode="livesum")
PROCESSING = Histogram(
    "spacetime_processing_seconds",
    "How long a stream was served, from taking its slot to its end (whole, cut or failed)",
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600),
)
