"""ML harnesses shared by the test packages: a synthetic order history, its tables, and training helpers."""
