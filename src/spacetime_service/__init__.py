"""spacetime-service."""
