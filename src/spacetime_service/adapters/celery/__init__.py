"""The distributed job runner on Celery with a Redis broker: the queue carries job ids, the database
carries everything else (state, leases, checkpoints)."""
