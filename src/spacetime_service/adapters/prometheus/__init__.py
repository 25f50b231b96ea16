"""Prometheus: the recorders behind the metrics ports, the collectors read at scrape time, and the
exposition (multiprocess under gunicorn, the process's own registry elsewhere)."""
