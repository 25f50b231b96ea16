"""The one place where an error becomes an RFC 9457 `application/problem+json` response: the map from
error classes to status, type and title (error_map), the document (document), and the handlers that
FastAPI calls (handlers)."""
