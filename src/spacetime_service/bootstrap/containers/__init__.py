"""dependency-injector containers: adapters, use cases, and the root that joins them."""
