"""Rate limits kept by the `limits` library, in this process's memory or in Redis."""
