"""The demo-data generator: a statistical model of a shop, evaluated with NumPy one chunk at a time."""
