"""A job's Server-Sent Events through a real server: events as the record changes, replay after a
reconnect with Last-Event-ID, pings, the end event that closes the stream, and the per-client cap."""

from __future__ import annotations

import httpx

from tests.e2e.jobs.conftest import MAX_STREAMS_PER_CLIENT, JobServer
from tests.support.sse import events, messages
from tests.support.waiting import eventually

READ_TIMEOUT = httpx.Timeout(15.0)


def _client(server: JobServer) -> httpx.Client:
    return httpx.Client(base_url=server.base_url, timeout=READ_TIMEOUT)


def test_events_follow_the_job_until_the_end_event_closes_the_stream(job_server: JobServer) -> None:
    jobs = job_server.jobs
    job = jobs.start(jobs.create())

    with _client(job_server) as client, client.stream("GET", f"/jobs/{job.id}/events") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-cache"
        assert response.headers["x-accel-buffering"] == "no"
        received = messages(response.iter_lines())
        opening = next(received)
        assert opening.retry is not None
        stream = (message for message in received if message.data_lines)

        first = next(stream)
        assert (first.event, first.id, first.json()["status"]) == ("progress", str(job.version), "running")

        moved = jobs.progress(job, 40, 100)
        second = next(stream)
        assert (second.event, second.id) == ("progress", str(moved.version))
        assert second.json()["progress"] == {"done": 40, "total": 100, "unit": "rows", "percent": 40.0}

        ended = jobs.succeed(job, "artifact-42")
        last = next(stream)
        assert (last.event, last.id) == ("end", str(ended.version))
        assert last.json()["result_ref"] == "artifact-42"
        assert list(stream) == []  # the server closed the stream after the end event


def test_a_reconnecting_client_gets_the_latest_state_at_once(job_server: JobServer) -> None:
    jobs = job_server.jobs
    job = jobs.start(jobs.create())
    with _client(job_server) as client:
        with client.stream("GET", f"/jobs/{job.id}/events") as response:
            seen = next(events(response.iter_lines())).id
        assert seen == str(job.version)
        jobs.progress(job, 10, 100)
        latest = jobs.progress(job, 70, 100)

        headers = {"Last-Event-ID": seen}
        with client.stream("GET", f"/jobs/{job.id}/events", headers=headers) as response:
            replayed = next(events(response.iter_lines()))

    assert (replayed.event, replayed.id) == ("progress", str(latest.version))
    assert replayed.json()["progress"]["done"] == 70


def test_an_idle_stream_is_kept_open_with_pings(job_server: JobServer) -> None:
    jobs = job_server.jobs
    job = jobs.start(jobs.create())

    with _client(job_server) as client, client.stream("GET", f"/jobs/{job.id}/events") as response:
        received = messages(response.iter_lines())
        pings = (message for message in received if message.is_ping)
        assert next(pings).comments[0].startswith("ping")


def test_a_client_keeps_at_most_its_cap_of_streams_open(job_server: JobServer) -> None:
    jobs = job_server.jobs
    job = jobs.start(jobs.create())
    path = f"/jobs/{job.id}/events"
    with _client(job_server) as client:
        opened = [client.stream("GET", path) for _ in range(MAX_STREAMS_PER_CLIENT)]
        responses = [stream.__enter__() for stream in opened]
        try:
            assert all(response.status_code == 200 for response in responses)
            refused = client.get(path)
            assert refused.status_code == 429
            assert refused.headers["content-type"] == "application/problem+json"
            assert int(refused.headers["retry-after"]) > 0
        finally:
            for stream in opened:
                stream.__exit__(None, None, None)
        # The server frees a slot when it notices the client left.
        assert eventually(lambda: _opens(client, path))


def test_the_events_of_an_unknown_job_are_not_found(job_server: JobServer) -> None:
    response = httpx.get(f"{job_server.base_url}/jobs/00000000-0000-4000-8000-000000000000/events")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def _opens(client: httpx.Client, path: str) -> bool:
    with client.stream("GET", path) as response:
        return response.status_code == 200
