"""Whose things a caller sees."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacetime_service.domain.identity import Principal


def jobs_owner(principal: Principal) -> str | None:
    """The owner whose jobs the caller may see and cancel; None (every owner's) for an admin."""
    return None if principal.is_admin else principal.owner
