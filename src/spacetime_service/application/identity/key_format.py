"""The text of an API key, `stk_<id>_<secret>`, and the hash under which its secret is kept.

The id (64 random bits, hex) finds the stored row; the secret (256 random bits, hex) proves possession.
Only SHA-256 of the secret is stored. A slow password hash (bcrypt, argon2) exists to make guessing a
low-entropy password from its hash expensive; a 256-bit random secret cannot be guessed at any speed,
so one fast hash is as safe and keeps verification cheap on every request.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from spacetime_service.application.ports.credential_verifier import API_KEY_PREFIX

KEY_ID_BYTES = 8
SECRET_BYTES = 32

_KEY = re.compile(
    rf"{re.escape(API_KEY_PREFIX)}"
    rf"(?P<id>[0-9a-f]{{{2 * KEY_ID_BYTES}}})_(?P<secret>[0-9a-f]{{{2 * SECRET_BYTES}}})"
)


@dataclass(frozen=True, slots=True)
class KeyText:
    key_id: str
    secret: str

    def __str__(self) -> str:
        return f"{API_KEY_PREFIX}{self.key_id}_{self.secret}"

    @property
    def secret_hash(self) -> str:
        return hash_secret(self.secret)


def new_key_text() -> KeyText:
    return KeyText(secrets.token_hex(KEY_ID_BYTES), secrets.token_hex(SECRET_BYTES))


def parse_key_text(bearer: str) -> KeyText | None:
    """The id and secret of a well-formed key, or None (then no lookup is made at all)."""
    match = _KEY.fullmatch(bearer)
    return None if match is None else KeyText(match["id"], match["secret"])


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def secret_matches(secret: str, secret_hash: str) -> bool:
    """Constant-time comparison, so the time taken tells nothing about how much of the hash matched."""
    return hmac.compare_digest(hash_secret(secret), secret_hash)
