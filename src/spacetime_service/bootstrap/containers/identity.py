"""Identity: the authenticator that turns a bearer credential into a principal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from spacetime_service.application.identity.refuse_all import RefuseAll
from spacetime_service.bootstrap.identity_settings import IdentitySettings

if TYPE_CHECKING:
    from spacetime_service.application.ports.clock import Clock


class IdentityContainer(containers.DeclarativeContainer):
    """`settings` is the IdentitySettings; `database` the DatabaseContainer; `clock` the root's clock."""

    settings = providers.Dependency(instance_of=IdentitySettings)
    database = providers.DependenciesContainer()
    clock: providers.Dependency[Clock] = providers.Dependency()

    authenticator = providers.Singleton(RefuseAll, reason="no credential is accepted yet")
