"""Access: who the caller is (a bearer credential verified into a principal), what the operation needs
(one scope per operation, declared with FastAPI's `Security` so that the OpenAPI document carries it),
and when a caller without a credential is let in at all (the loopback rule)."""
