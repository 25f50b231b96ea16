"""Checks of OIDC access tokens against the issuer's published keys (PyJWT)."""
