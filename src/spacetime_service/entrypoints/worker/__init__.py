"""The worker process of the distributed runner: `spacetime worker` (or `python -m` this package)."""
