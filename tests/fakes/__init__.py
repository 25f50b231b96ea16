"""In-memory fakes of the ports, for use-case unit tests; each passes its port's contract suite."""
