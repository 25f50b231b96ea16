"""Entity-tag comparison for the conditional headers of a download (RFC 9110 sections 8.8.3 and 13.1).

`If-None-Match` compares weakly (a `W/` prefix does not matter), and `*` matches the file that exists:
a match means the client's copy is current (304). `If-Range` compares strongly: it holds only for the
current strong tag itself; a weak tag, another tag or a date never holds, and the Range is then
ignored so that the whole file is sent.
"""

from __future__ import annotations

import re

# entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text
_ENTITY_TAG = re.compile(r'(?:W/)?("[\x21\x23-\x7e\x80-\xff]*")')
_OWS = " \t"


def none_match_holds(header: str | None, etag: str) -> bool:
    """True when `If-None-Match` names the strong tag `etag` (quoted), weakly or not, or is `*`."""
    if header is None:
        return False
    if header.strip(_OWS) == "*":
        return True
    return any(opaque == etag for opaque in _ENTITY_TAG.findall(header))


def if_range_holds(header: str | None, etag: str) -> bool:
    """True when there is no `If-Range`, or it is exactly the current strong tag `etag` (quoted)."""
    return header is None or header.strip(_OWS) == etag
