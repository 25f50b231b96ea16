"""Harnesses, datasets and launchers shared by the test packages; no test package imports another's."""
