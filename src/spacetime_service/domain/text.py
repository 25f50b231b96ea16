"""Text that the stores can hold: no NUL (PostgreSQL refuses it in text) and no lone surrogate (no
UTF-8 encodes one). Any other text is storable, so such a value can only be a malformed request."""

from __future__ import annotations

import re

from spacetime_service.domain.errors import InvalidInput

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def require_storable(value: str, *, field: str) -> str:
    """`value` itself, or InvalidInput naming `field` when it holds a character no store can hold."""
    if _UNSTORABLE.search(value):
        raise InvalidInput(f"{field} must not contain NUL characters or lone surrogates", field=field)
    return value
