"""The optional `sqrtspace-spacetime` adapter (extra `spacetime-service[sqrtspace]`): the library's parts
that were measured correct, behind the service's ports. See docs/adr/0001-spacetime-adapter.md."""
