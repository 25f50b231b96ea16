"""The refusal of the scenario's last refused request, for the steps that assert why it was refused."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import DomainError

if TYPE_CHECKING:
    from collections.abc import Iterator


@dataclass
class Refusal:
    """A step that asks the service something it may refuse runs the request inside `recorded()`: a
    refusal is kept here instead of failing the step, since a later step states what was expected."""

    error: DomainError | None = None

    @contextmanager
    def recorded(self) -> Iterator[None]:
        try:
            yield
        except DomainError as error:
            self.error = error
