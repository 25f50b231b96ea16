"""The √n space-time primitives: memory measurement, chunk sizing, spill files, external sort, cache."""
