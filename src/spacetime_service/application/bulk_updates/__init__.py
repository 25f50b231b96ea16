"""Bulk product updates: the JSON form of a request, shared by the use case, the job and clients."""
