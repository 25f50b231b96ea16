"""Ports: one Protocol per role that the application needs from the outside world."""
