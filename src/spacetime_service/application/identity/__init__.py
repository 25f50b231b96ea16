"""Identity: API keys of service accounts, and the authenticator that turns a bearer credential into a
principal."""
