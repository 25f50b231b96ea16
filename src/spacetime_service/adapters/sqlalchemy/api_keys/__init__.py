"""API keys of service accounts in a SQL database."""
