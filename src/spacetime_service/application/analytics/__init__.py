"""Analytics helpers shared by the use cases: keyset reading, aggregation outside the store, lines."""
