"""Routers: each translates HTTP to a use case's command and its result back to HTTP, nothing more."""
