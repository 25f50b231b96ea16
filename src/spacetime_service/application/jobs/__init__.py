"""The job engine: handlers, the context they run in, the executor of one attempt, and the runner."""
