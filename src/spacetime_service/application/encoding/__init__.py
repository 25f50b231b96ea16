"""How rows go on the wire: the columns, the CSV and NDJSON rules, and the reference encoder."""
